"""What every command shares: the program name, the one error format, usage errors."""
from __future__ import annotations

import re
import sys

PROG = "docextract"
# Characters that could forge or garble a line on a terminal: C0 and C1 controls, DEL, and
# lone surrogates (a name decoded with surrogateescape).
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")


class UsageError(Exception):
    """A bad command line: reported as one line, exit status 2, before any input is read."""


def printable(text: str) -> str:
    """``text`` with control characters escaped, so a file name cannot forge a line.

    >>> printable("a\\nb\\x1b[31m")
    'a\\\\nb\\\\x1b[31m'
    """
    return UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)


def error(message: str) -> None:
    """``docextract: error: <message>`` on stderr, on one line."""
    print(f"{PROG}: error: {printable(message)}", file=sys.stderr, flush=True)


def note(message: str) -> None:
    """``docextract: <message>`` on stderr, on one line (summaries)."""
    print(f"{PROG}: {printable(message)}", file=sys.stderr, flush=True)
