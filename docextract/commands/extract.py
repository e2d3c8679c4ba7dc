"""``docextract extract PATH...``: one record per input, always.

Exit status: 0 all inputs ok, 1 any input failed (or an output could not be written), 2 usage
error (one line, before any input is read), 130 interrupted, 141 stdout closed by its reader.
Heavy modules are imported only when the command runs, so ``--help`` starts at once.
"""
from __future__ import annotations

import argparse
import codecs
import math
import os
from datetime import date
from pathlib import Path

from ..export.writers import WRITERS
from .common import UsageError

# Formats a per-input record can be read back from (--skip-existing needs that).
RESUMABLE_FORMATS = ("json", "jsonl")
# More workers than this many per core only adds memory: the work is CPU-bound.
JOBS_PER_CORE = 4
# A worker has the stages, their rules and the word segmenter loaded (~350 MiB of address
# space): a smaller cap would make every file fail.
MIN_MEMORY_MB = 512


def cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds > 0):
        raise argparse.ArgumentTypeError(f"not a positive, finite number of seconds: {value!r}")
    return seconds


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return number


def _memory(value: str) -> int:
    number = _positive(value)
    if number < MIN_MEMORY_MB:
        raise argparse.ArgumentTypeError(f"{value} MiB is too little: a worker needs at least {MIN_MEMORY_MB}")
    return number


def _jobs(value: str) -> int:
    number = _positive(value)
    most = JOBS_PER_CORE * cores()
    if number > most:
        raise argparse.ArgumentTypeError(f"{value} is too many: at most {most} ({JOBS_PER_CORE} per core; "
                                         f"this machine has {cores()})")
    return number


def _encoding(value: str) -> str:
    try:
        info = codecs.lookup(value)
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding: {value!r} (e.g. utf-8, gb18030, big5, utf-16)") from None
    if not getattr(info, "_is_text_encoding", True):
        raise argparse.ArgumentTypeError(f"not a text encoding: {value!r}")
    return value


def add_parser(subparsers) -> None:
    ex = subparsers.add_parser("extract", help="extract notices (files, folders, or - for stdin)",
                               description="Extract notices: one record per input, always.")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="a file, a folder (read recursively) or - for stdin")
    ex.add_argument("-o", "--output", metavar="OUT",
                    help="a folder (exists, ends with /, or has no suffix): one record file per input, mirroring "
                         "the input tree (in/sub/a.pdf -> OUT/sub/a.pdf.json); else one file for the whole batch "
                         "(default: stdout)")
    ex.add_argument("--format", choices=tuple(WRITERS),
                    help="json (default; JSONL when several records share one stream), jsonl, or a csv ledger "
                         "(default for -o FILE: from its suffix)")
    ex.add_argument("--encoding", type=_encoding, help="decode text and HTML inputs with this encoding")
    ex.add_argument("--password", help="password for encrypted PDFs")
    ex.add_argument("--reference-date", type=_iso_date, metavar="YYYY-MM-DD",
                    help="resolve year-less deadlines against this date (default: the notice's own date)")
    ex.add_argument("--skip-existing", action="store_true",
                    help="with -o FOLDER: resume; skip inputs whose record succeeded for the same bytes, run the "
                         "rest again (failed, changed, new)")
    ex.add_argument("--jobs", type=_jobs, metavar="N", help=f"worker processes (default: one per core, {cores()})")
    ex.add_argument("--timeout", type=_seconds, metavar="SECONDS", help="per-input time limit (default 60)")
    ex.add_argument("--max-bytes", type=_positive, metavar="N", help="larger inputs get status too_large (default 50 MiB)")
    ex.add_argument("--max-pages", type=_positive, metavar="N", help="read at most N PDF pages (default 500)")
    ex.add_argument("--memory-mb", type=_memory, metavar="MiB", help="memory cap of a worker (default 2048)")
    ex.add_argument("--db", metavar="URL", help="also store records in a database: an SQLite file (tasks.sqlite) "
                    "or postgresql://…; without -o nothing goes to stdout")
    ex.add_argument("--dask", metavar="SCHEDULER",
                    help="run on a Dask cluster (tcp://host:8786): the same per-file function, time limit and "
                         "records; -o FOLDER must be one every cluster worker sees (needs docextract[dask])")
    ex.set_defaults(run=run)


SUFFIX_FORMATS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}


def output_plan(output: str | None, fmt: str | None) -> tuple[str, Path | None, str]:
    """``(mode, path, format)``: mode ``stdout``, ``folder`` (a record file per input), ``file``
    (one file, written atomically) or ``stream`` (a device or pipe, e.g. /dev/null)."""
    if output is None:
        return "stdout", None, fmt or "json"
    if not output:
        raise UsageError("-o: an empty path")
    path = Path(output)
    if path.is_dir() or output.endswith(("/", os.sep)):
        return "folder", path, fmt or "json"
    if path.exists():
        if not path.is_file():
            return "stream", path, fmt or "json"
        if not path.suffix:
            raise UsageError(f"-o {output}: a file exists there; name a folder, or a file with a suffix "
                             "(out.jsonl) for one file")
    elif not path.suffix:
        return "folder", path, fmt or "json"
    return "file", path, fmt or SUFFIX_FORMATS.get(path.suffix.lower(), "json")


def check_options(args: argparse.Namespace) -> None:
    """Cross-option checks (each value's own check is its argparse type)."""
    if args.mode == "folder" and any(p != "-" and Path(p).is_dir() and Path(p).resolve() == args.out.resolve()
                                     for p in args.paths):
        raise UsageError(f"-o {args.out} is an input folder: its records would be read as input by the next run; "
                         "choose another folder")
    if args.paths.count("-") > 1:
        raise UsageError("- (stdin) can be named once")
    if args.dask:
        from importlib.util import find_spec

        if find_spec("distributed") is None:
            raise UsageError("--dask needs Dask distributed: pip install 'docextract[dask]'")
    if getattr(args, "db", None) and args.mode == "folder" and args.format not in ("json", "jsonl"):
        raise UsageError("--db with -o FOLDER reads each record back: use --format json or jsonl")
    if args.skip_existing:
        if args.mode != "folder":
            raise UsageError("--skip-existing needs -o FOLDER (records are read back from there)")
        if args.format not in RESUMABLE_FORMATS:
            raise UsageError(f"--skip-existing reads records back: use --format {' or '.join(RESUMABLE_FORMATS)}")


def prepare_output(mode: str, path: Path | None) -> None:
    """Create the output folder and check it can be written, before any input is read."""
    from ..batch.outputs import probe_writable

    if mode in ("stdout", "stream"):
        return
    folder = path if mode == "folder" else (path.parent if str(path.parent) else Path("."))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe_writable(folder)
    except OSError as exc:
        raise UsageError(f"-o {path}: cannot write to {folder}: {exc.strerror or exc}") from None


def settings_of(args: argparse.Namespace):
    from ..config import Settings

    values = {"encoding": args.encoding, "password": args.password, "reference_date": args.reference_date,
              "timeout": args.timeout, "max_bytes": args.max_bytes, "max_pages": args.max_pages,
              "memory_mb": args.memory_mb}
    return Settings(**{k: v for k, v in values.items() if v is not None})


def check_rules() -> None:
    """Every stage's rules compile, or a usage error naming the file and the key."""
    from ..errors import RuleError
    from ..pipeline import check_rules as compile_every_rule

    try:
        compile_every_rule()
    except RuleError as exc:
        raise UsageError(f"rules: {exc}") from None


def run(args: argparse.Namespace) -> int:
    from .extract_run import extract

    args.mode, args.out, args.format = output_plan(args.output, args.format)
    args.jobs = args.jobs or cores()
    check_options(args)
    prepare_output(args.mode, args.out)
    return extract(args, settings_of(args), check_rules)
