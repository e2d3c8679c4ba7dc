"""Standard input and pipes named on the command line, read like a file: at most
``max_bytes`` (``docextract extract - < /dev/zero`` stops there, status ``too_large``) and within
the per-file time limit (a stream that stalls is ``timeout``).  What was read goes to a worker
as bytes, with what is left of the time limit."""
from __future__ import annotations

import os
import select
import sys
import time
from pathlib import Path

from ..config import Settings
from .inputs import Input
from .runner import Task

CHUNK_BYTES = 1 << 20


class _Failure(Exception):
    def __init__(self, status: str, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


def _read_fd(fd: int, cap: int, timeout: float) -> bytes:
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    size = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise _Failure("timeout", f"the stream did not end within {timeout:g} s ({size} bytes read; "
                                      "raise --timeout)")
        readable, _, _ = select.select([fd], [], [], left)
        if not readable:
            continue
        chunk = os.read(fd, min(CHUNK_BYTES, cap + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > cap:
            raise _Failure("too_large", f"over the {cap}-byte cap (raise --max-bytes)")


def _read_stdin(settings: Settings, fd: int | None) -> bytes:
    if fd is None:
        try:
            fd = sys.stdin.fileno()
        except (AttributeError, OSError, ValueError):  # stdin replaced by an in-memory stream
            data = sys.stdin.buffer.read(settings.max_bytes + 1)
            if len(data) > settings.max_bytes:
                raise _Failure("too_large", f"over the {settings.max_bytes}-byte cap (raise --max-bytes)") from None
            return data
    return _read_fd(fd, settings.max_bytes, settings.timeout)


def read_stream(item: Input, settings: Settings, index: int, stdin_fd: int | None = None) -> Task:
    """A task for a stream input: its bytes, or the problem that stopped the reading."""
    from dataclasses import replace

    start = time.monotonic()
    try:
        if item.path is None:
            data = _read_stdin(settings, stdin_fd)
        else:
            fd = os.open(Path(item.path), os.O_RDONLY | os.O_NONBLOCK)
            try:
                data = _read_fd(fd, settings.max_bytes, settings.timeout)
            finally:
                os.close(fd)
    except _Failure as exc:
        return Task(index, replace(item, problem=(exc.status, exc.reason)))
    except (OSError, ValueError) as exc:  # ValueError: no usable stdin (closed, or not a file)
        return Task(index, replace(item, problem=("error", f"cannot read it: {getattr(exc, 'strerror', None) or exc}")))
    budget = max(0.001, settings.timeout - (time.monotonic() - start))
    return Task(index, item, data=data, budget=budget)
