"""What every command shares: the program name and the one error format."""
from __future__ import annotations

import sys

PROG = "docextract"


def error(message: str) -> None:
    """``docextract: error: <message>`` on stderr (newlines folded, so a file name cannot forge lines)."""
    message = message.replace("\r", "\\r").replace("\n", "\\n")
    print(f"{PROG}: error: {message}", file=sys.stderr)
