"""What a batch reads: the inputs its arguments name, each with a name a record can carry.

A folder is walked recursively in name order; hidden entries (``.name``) are skipped, symbolic
links to folders are followed once (a link back to a folder above it is a loop, reported),
and an entry that is not a regular file (a FIFO, a socket, a device) or a dangling link becomes
an input that is known to fail without being opened: every entry gets a record.
The same file reached twice under the same name (a folder named twice) is read once.

Names come from the file system as bytes; a name that is not valid UTF-8 (a GBK name from a
Windows zip) is shown decoded as GB18030 when that reads as Chinese, else with ``\\xNN``
escapes, so a record can always be written as JSON.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

STDIN = "-"
# The record name of standard input (and of a pipe named on the command line).
STDIN_NAME = "stdin"
# What a non-regular file is called in its record.
FILE_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
              (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))
NOT_A_FILE_REMEDY = "name it on the command line to read it as a stream, or copy it to a file"


@dataclass(frozen=True)
class Input:
    """One input of a batch.

    ``path`` is what is opened (None for standard input); ``source`` names it in its record:
    its path relative to the argument it came from (its name for a file named by itself),
    ``/``-separated and always valid UTF-8; ``display`` is the path shown in messages.
    ``problem`` is ``(status, reason)`` when the input is known to fail without being read;
    ``stream`` marks a pipe or device named on the command line (read with a size cap and a
    time limit, like standard input); ``note`` is a warning for its record.
    """

    path: Path | None
    source: str
    display: str
    problem: tuple[str, str] | None = None
    stream: bool = False
    note: str | None = None

    @property
    def file(self) -> str:
        return self.source.rsplit("/", 1)[-1] if self.path is not None else STDIN_NAME


def display_name(name: str) -> tuple[str, str | None]:
    """A file-system name as text that can be written anywhere, and a note when it was not UTF-8.

    >>> display_name("通知.txt")
    ('通知.txt', None)
    >>> display_name(os.fsdecode("通知.txt".encode("gbk")))
    ('通知.txt', 'the file name is not UTF-8: read as GB18030')
    >>> display_name(os.fsdecode(b"a\\xff.txt"))[0]
    'a\\\\xff.txt'
    """
    raw = os.fsencode(name)
    try:
        utf8 = raw.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    if utf8 is not None and not _misread(utf8):
        return utf8, None
    try:
        gbk = raw.decode("gb18030")
    except UnicodeDecodeError:
        gbk = None
    if gbk is not None and all(ch.isascii() or _is_cjk(ch) for ch in gbk):
        return gbk, "the file name is not UTF-8: read as GB18030"
    if utf8 is not None:
        return utf8, None
    return raw.decode("utf-8", "backslashreplace"), "the file name is not UTF-8: undecodable bytes shown as \\xNN"


def _is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef" or ch in "“”‘’…—·"


# Blocks that GBK bytes fall into when read as UTF-8 (a lead byte C2–DF and a trail 80–BF).
TWO_BYTE_BLOCKS = ((0x0080, 0x024F), (0x0250, 0x036F), (0x0370, 0x03FF), (0x0400, 0x052F), (0x0530, 0x07FF))


def _misread(text: str) -> bool:
    """Whether valid UTF-8 looks like GBK bytes read as UTF-8: combining marks or C1 controls,
    or letters of several scripts mixed (a real name keeps to one)."""
    blocks = set()
    for ch in text:
        code = ord(ch)
        if 0x80 <= code <= 0x9F or 0x0300 <= code <= 0x036F:
            return True
        blocks.update(k for k, (lo, hi) in enumerate(TWO_BYTE_BLOCKS) if lo <= code <= hi)
    return len(blocks) > 1


def _display_path(path: Path | str) -> str:
    return display_name(str(path))[0]


def _kind(mode: int) -> str | None:
    """What a non-regular file is, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in FILE_KINDS if test(mode)), "not a regular file")


def _problem(path: Path, source: str, status: str, reason: str) -> Input:
    return Input(path, source, _display_path(path), (status, reason))


def _entry(path: Path, source: str, note: str | None, ancestors: tuple, exclude: frozenset) -> Iterator[Input]:
    """The inputs one directory entry gives (a file, a followed folder, or a problem)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        target = os.readlink(path) if path.is_symlink() else "?"
        yield _problem(path, source, "error", f"a dangling symbolic link (to {_display_path(target)})")
        return
    except OSError as exc:
        yield _problem(path, source, "error", f"cannot read it: {exc.strerror or exc}")
        return
    if stat.S_ISDIR(info.st_mode):
        key = (info.st_dev, info.st_ino)
        if key in ancestors:
            yield _problem(path, source, "error", "a symbolic link to a folder above it (a loop): not followed")
        elif os.path.realpath(path) not in exclude:
            yield from _walk(path, source + "/", ancestors + (key,), exclude)
        return
    kind = _kind(info.st_mode)
    if kind is not None:
        yield Input(path, source, _display_path(path), ("unsupported", f"{kind}, not a regular file"
                                                        f" ({NOT_A_FILE_REMEDY})"), note=note)
    elif os.path.realpath(path) not in exclude:
        yield Input(path, source, _display_path(path), note=note)


def _walk(folder: Path, prefix: str, ancestors: tuple, exclude: frozenset) -> Iterator[Input]:
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        yield _problem(folder, prefix.rstrip("/") or folder.name, "error",
                       f"cannot list the folder: {exc.strerror or exc}")
        return
    for name in names:
        if name.startswith("."):  # hidden files and folders, and our own temporary files
            continue
        shown, note = display_name(name)
        yield from _entry(folder / name, prefix + shown, note, ancestors, exclude)


def iter_inputs(paths: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> list[Input]:
    """The inputs the arguments name, in argument order, each folder walked in name order.

    ``-`` is standard input.  A path that does not exist is an input too (its record says so).
    ``exclude`` are paths never read as input (the output folder or file, when it lies inside
    an input folder).  The same file named twice is read once.
    """
    excluded = frozenset(os.path.realpath(p) for p in exclude)
    found: list[Input] = []
    for arg in paths:
        arg = str(arg)
        if arg == STDIN:
            found.append(Input(None, STDIN, STDIN, stream=True))
            continue
        path = Path(arg)
        shown, note = display_name(path.name or arg)
        try:
            info = path.stat()
        except FileNotFoundError:
            found.append(_problem(path, shown, "error", "no such file or folder"))
            continue
        except OSError as exc:
            found.append(_problem(path, shown, "error", f"cannot read it: {exc.strerror or exc}"))
            continue
        if stat.S_ISDIR(info.st_mode):
            found.extend(_walk(path, "", ((info.st_dev, info.st_ino),), excluded))
        elif stat.S_ISREG(info.st_mode):
            found.append(Input(path, shown, _display_path(path), note=note))
        else:  # a pipe named on the command line (<(cat x), /dev/stdin): read it like stdin
            found.append(Input(path, shown, _display_path(path), stream=True, note=note))
    return _unique(found)


def _unique(inputs: list[Input]) -> list[Input]:
    """The first of inputs that are the same file under the same name (``in`` named twice, or
    ``in`` and ``in/a.txt``); a link under another name keeps its own record."""
    seen: set[tuple[str, int, int]] = set()
    out = []
    for item in inputs:
        if item.path is not None and item.problem is None and not item.stream:
            try:
                info = item.path.stat()
            except OSError:
                info = None
            if info is not None:
                key = (item.source, info.st_dev, info.st_ino)
                if key in seen:
                    continue
                seen.add(key)
        out.append(item)
    return out
