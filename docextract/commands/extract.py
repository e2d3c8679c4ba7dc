"""``docextract extract PATH...``: one record per input, always.

Exit status: 0 all inputs ok, 1 any input failed, 2 usage error.  Heavy modules are imported
only when the command runs, so ``--help`` starts at once.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ..export.writers import WRITERS
from .common import PROG, error

SUCCESS_STATUSES = frozenset({"ok", "partial"})


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def add_parser(subparsers) -> None:
    ex = subparsers.add_parser("extract", help="extract notices (files, folders, or - for stdin)",
                             description="Extract notices: one record per input, always.")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="a file, a folder (read recursively) or - for stdin")
    ex.add_argument("-o", "--output", type=Path, metavar="OUTDIR",
                    help="write one <stem>.<format> per input here (default: stdout)")
    ex.add_argument("--format", choices=tuple(WRITERS), default="json",
                    help="json (default; JSONL on stdout when several inputs), jsonl, or a csv ledger of items")
    ex.add_argument("--encoding", help="decode text and HTML inputs with this encoding")
    ex.add_argument("--password", help="password for encrypted PDFs")
    ex.add_argument("--reference-date", type=_iso_date, metavar="YYYY-MM-DD",
                    help="resolve year-less deadlines against this date (default: the notice's own date)")
    ex.add_argument("--skip-existing", action="store_true", help="with -o: skip inputs whose output exists")
    ex.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (default 1)")
    ex.add_argument("--timeout", type=float, metavar="SECONDS", help="per-file time limit (default 60)")
    ex.add_argument("--max-bytes", type=int, metavar="N", help="skip files larger than this (status too_large)")
    ex.add_argument("--max-pages", type=int, metavar="N", help="read at most N PDF pages")
    ex.add_argument("--db", metavar="URL", help="store records in a database: an SQLite file (tasks.sqlite) "
                    "or postgresql://…; without -o nothing goes to stdout")
    ex.set_defaults(run=run)


def _settings(args: argparse.Namespace):
    from ..config import Settings

    values = {"encoding": args.encoding, "password": args.password, "reference_date": args.reference_date,
              "timeout": args.timeout, "max_bytes": args.max_bytes, "max_pages": args.max_pages}
    return Settings(**{k: v for k, v in values.items() if v is not None})


def _extract_stdin(settings):
    from ..batch import failed_notice
    from ..errors import DocextractError
    from ..load.sniff import load_bytes
    from ..pipeline import run

    data = sys.stdin.buffer.read()
    try:
        return run(load_bytes(data, "stdin.txt", settings), settings)
    except DocextractError as exc:
        return failed_notice("stdin.txt", getattr(exc, "status", "error"), f"load: {exc}")


def _output_path(outdir: Path, source: Path, fmt: str, taken: set[Path]) -> Path:
    from ..export.writers import suffix

    candidate = outdir / (source.stem + suffix(fmt))
    n = 2
    while candidate in taken:  # two inputs with one stem (a.txt, a.pdf) keep both outputs
        candidate = outdir / f"{source.stem}-{n}{suffix(fmt)}"
        n += 1
    taken.add(candidate)
    return candidate


class _Progress:
    """A one-line progress counter on stderr, shown only when stderr is a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0
        self.enabled = total > 1 and sys.stderr.isatty()

    def step(self, name: str) -> None:
        self.done += 1
        if self.enabled:
            print(f"\r[{self.done}/{self.total}] {name[-60:]:60}", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.enabled:
            print(file=sys.stderr)


class _Stdout:
    """Records on stdout: one pretty JSON for a single input, else JSONL (or the format asked)."""

    def __init__(self, fmt: str, single: bool) -> None:
        # several JSON records on one stream are JSONL, so the stream stays parseable
        self.fmt = "jsonl" if fmt == "json" and not single else fmt
        self.sink = None

    def write(self, notice) -> None:
        if self.sink is None:
            self.sink = WRITERS[self.fmt].open(sys.stdout.buffer)
        self.sink.write(notice)

    def close(self) -> None:
        if self.sink is not None:
            self.sink.close()


def _with_stdin(pairs, use_stdin: bool, settings):
    yield from pairs
    if use_stdin:
        yield (Path("-"), None), _extract_stdin(settings)


def _extract(args: argparse.Namespace) -> int:
    from ..batch import iter_inputs, run_batch, write_atomic
    from ..export.writers import render_one

    settings = _settings(args)
    use_stdin = "-" in args.paths
    missing = [p for p in args.paths if p != "-" and not Path(p).exists()]
    for path in missing:
        error(f"{path}: no such file or folder")
    inputs = iter_inputs([Path(p) for p in args.paths if p != "-" and p not in missing])
    if args.output:
        args.output.mkdir(parents=True, exist_ok=True)

    planned: list[tuple[Path, Path | None]] = []
    taken: set[Path] = set()
    for source in inputs:
        target = _output_path(args.output, source, args.format, taken) if args.output else None
        planned.append((source, target))
    if args.skip_existing and args.output:
        planned = [(s, t) for s, t in planned if not (t and t.exists())]

    failed: dict[str, int] = {}
    done = 0
    stream = _Stdout(args.format, single=len(planned) + use_stdin == 1)
    progress = _Progress(len(planned) + use_stdin)
    database = None
    try:
        if args.db:
            from ..export.database import open_database
            database = open_database(args.db)
    except Exception as exc:  # noqa: BLE001 - a bad URL or an unreachable server, before any work
        error(f"--db {args.db}: {exc}")
        return 2
    results = run_batch([s for s, _ in planned], settings, jobs=args.jobs) if planned else iter(())
    # each record is written as soon as it is ready: an interrupted run keeps what it finished
    for (source, target), notice in _with_stdin(zip(planned, results), use_stdin, settings):
        done += 1
        progress.step(str(source))
        if notice.status not in SUCCESS_STATUSES:
            failed[notice.status] = failed.get(notice.status, 0) + 1
            error(f"{source}: {notice.error or notice.status}")
        if database:
            database.write(notice)
        if target is not None:
            write_atomic(target, render_one(notice, args.format))
        elif not database:
            stream.write(notice)
    progress.close()
    stream.close()
    if database:
        database.close()
    total = done + len(missing)
    n_failed = sum(failed.values()) + len(missing)
    if total > 1 or n_failed:
        detail = ", ".join(f"{n} {status}" for status, n in sorted(failed.items()))
        if missing:
            detail = ", ".join(filter(None, [detail, f"{len(missing)} missing"]))
        print(f"{PROG}: {total - n_failed} ok, {n_failed} failed" + (f": {detail}" if detail else ""),
              file=sys.stderr)
    return 1 if n_failed else 0


def run(args: argparse.Namespace) -> int:
    if args.skip_existing and not args.output:
        error("--skip-existing needs -o OUTDIR")
        return 2
    if args.jobs < 1:
        error("--jobs must be at least 1")
        return 2
    return _extract(args)
