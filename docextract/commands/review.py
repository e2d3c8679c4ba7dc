"""``docextract review PATH... -o report.html``: one static page to check extraction by eye.

PATHs are notice files, folders, or docextract JSON / JSONL records.  Exit status: 0 every
input was read, 1 some failed (they are listed on the page), 2 a path names nothing.
"""
from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from .common import error


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def add_parser(subparsers) -> None:
    rv = subparsers.add_parser("review", help="a static HTML page: values highlighted in each body, tasks, units",
                               description="Write one HTML page with each notice's body (values highlighted "
                               "where they stand), a task table and a per-unit view with next due dates.")
    rv.add_argument("paths", nargs="+", metavar="PATH", help="notice files, folders, or JSON/JSONL records")
    rv.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="the HTML file to write")
    rv.add_argument("--today", type=_iso_date, metavar="YYYY-MM-DD", help="date the next-due column from this day")
    rv.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes for extraction (default 1)")
    rv.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..batch import write_atomic
    from ..review.page import render_report
    from .inputs import InputError, read_notices

    try:
        notices = read_notices(args.paths, jobs=max(1, args.jobs))
    except InputError as exc:
        error(str(exc))
        return 2
    failed = [n for n in notices if n.status not in ("ok", "partial")]
    for notice in failed:
        error(f"{notice.source or notice.file}: {notice.error or notice.status}")
    write_atomic(args.output, render_report(notices, args.today))
    return 1 if failed else 0
