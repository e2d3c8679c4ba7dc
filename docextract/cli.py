"""The command line: a thin wrapper over the library.

    docextract extract PATH... [-o OUT] [--format json|jsonl|csv]
    docextract evaluate --gold DIR [--docs DIR]

Each command is a module of ``docextract.commands`` with ``add_parser(subparsers)`` and
``run(args) -> int``; adding a command is adding a module and its name to ``COMMANDS``.
Exit status: 0 all inputs ok, 1 any input failed (or a score below --min), 2 usage error
(one line on stderr, before any input is read), 130 interrupted (Ctrl-C), 143 terminated
(SIGTERM), 141 stdout closed by its reader (``| head``).
Heavy libraries are imported only when a command runs, so ``--help`` starts at once.
"""
from __future__ import annotations

import argparse
import signal
import sys
import threading
from importlib import import_module

from . import compiled
from ._version import __version__
from .commands.common import PROG, UsageError, error

COMMANDS = ("extract", "evaluate", "review", "diff")
EXIT_TERMINATED = 143


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error on one line (``docextract: error: …``) and exit status 2."""

    def error(self, message: str):
        raise UsageError(f"{message} (see {self.prog} --help)")


class _Terminated(BaseException):
    """SIGTERM: unwinds like Ctrl-C, so workers are stopped and no output is left half-written."""


def _on_sigterm(signum, frame):
    raise _Terminated


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Turn Chinese government policy notices into structured task data.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__} ({compiled.build()})")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        import_module(f"{__package__}.commands.{name}").add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        error(str(exc))
        return 2
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if main_thread else None
    try:
        return args.run(args)
    except UsageError as exc:
        error(str(exc))
        return 2
    except KeyboardInterrupt:
        # outputs are written atomically: what was written is whole; --skip-existing resumes
        error("interrupted")
        return 130
    except _Terminated:
        error("terminated")
        return EXIT_TERMINATED
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
