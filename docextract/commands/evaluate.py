"""``docextract evaluate --gold DIR``: per-field P/R/F1 against gold files in the SPEC format."""
from __future__ import annotations

import argparse
from pathlib import Path

from .common import error


def add_parser(subparsers) -> None:
    ev = subparsers.add_parser("evaluate", help="score extraction against gold files (SPEC format)",
                             description="Extract the gold's source files and print per-field P/R/F1.")
    ev.add_argument("--gold", type=Path, required=True, metavar="DIR", help="folder of gold JSON files")
    ev.add_argument("--docs", type=Path, metavar="DIR",
                    help="folder of the source notices (default: <gold>/../notices)")
    ev.add_argument("--pred", type=Path, metavar="DIR", help="score existing outputs here instead of extracting")
    ev.add_argument("--quiet", action="store_true", help="print the scores only, not every miss and extra")
    ev.add_argument("--misses", action="store_true", help=argparse.SUPPRESS)  # the default; kept for the reference scorer's habit
    ev.add_argument("--json", action="store_true", help="print the summary as JSON")
    ev.add_argument("--min", action="append", default=[], metavar="FIELD=VALUE",
                    help="exit 1 when FIELD's F1 or accuracy is below VALUE")
    ev.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json
    import tempfile

    from ..evaluate import extract_for_gold, format_misses, format_summary, score, value_of

    if not args.gold.is_dir():
        error(f"{args.gold}: no such gold folder")
        return 2
    if args.pred:
        pred_dir, failures = args.pred, []
        summary, misses = score(args.gold, pred_dir)
    else:
        docs = args.docs or args.gold.parent / "notices"
        if not docs.is_dir():
            error(f"{docs}: no such folder of source notices (use --docs)")
            return 2
        with tempfile.TemporaryDirectory() as tmp:
            failures = extract_for_gold(args.gold, docs, Path(tmp))
            summary, misses = score(args.gold, Path(tmp))
    for failure in failures:
        error(failure)
    print(json.dumps(summary, ensure_ascii=False, indent=1) if args.json else format_summary(summary))
    if misses and not args.quiet:
        print(format_misses(misses))
    below = []
    for spec in args.min:
        name, _, value = spec.partition("=")
        got = value_of(summary, name)
        if got is None or got < float(value):
            below.append(f"{name}={got} < {value}")
    if below:
        print("below threshold: " + "; ".join(below))
    return 1 if below or failures else 0
