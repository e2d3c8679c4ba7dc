"""The command line: a thin wrapper over the library.

    docextract extract PATH... [-o OUTDIR] [--format json|jsonl|csv]
    docextract evaluate --gold DIR [--docs DIR]

Each command is a module of ``docextract.commands`` with ``add_parser(subparsers)`` and
``run(args) -> int``; adding a command is adding a module and its name to ``COMMANDS``.
Exit status: 0 all inputs ok, 1 any input failed (or a score below --min), 2 usage error.
Heavy libraries are imported only when a command runs, so ``--help`` starts at once.
"""
from __future__ import annotations

import argparse
import sys
from importlib import import_module

from ._version import __version__
from .commands.common import PROG

COMMANDS = ("extract", "evaluate", "review", "diff")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Turn Chinese government policy notices into structured task data.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        import_module(f"{__package__}.commands.{name}").add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help/--version
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.run(args)
    except KeyboardInterrupt:
        # outputs are written atomically: what was written is whole; --skip-existing resumes
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
