"""Where records go: per-input files that mirror the input tree, written atomically.

An input's output is ``OUTDIR/<its source path without its extension><format suffix>``
(``in/sub/a.pdf`` given as ``in`` → ``OUTDIR/sub/a.json``: the scorer's and most tools'
convention of one ``<stem>.json`` per input).  Only when two inputs of one folder share a stem
(``a.txt`` and ``a.pdf``) do both keep their extension (``a.txt.json``, ``a.pdf.json``), so a
name depends on the input and its own folder, never on the rest of the batch, and a resumed or
grown batch finds every earlier record where it left it.  A
name component too long for the file system is shortened with a hash of the whole name.
Files are written to a temporary name in the same folder, synced, and renamed, with the
permissions the umask allows (others can read a shared folder), so no reader ever sees half a
file and a crash leaves either the old record or the new one.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from .inputs import STDIN, STDIN_NAME

# Longest name component written, in bytes: the usual NAME_MAX (255) with room to spare for
# file systems that count differently (eCryptfs: 143 is not covered; it is rare).
MAX_NAME_BYTES = 240
# Longest output path written, in bytes: PATH_MAX (4096) with room for a temporary name.
MAX_PATH_BYTES = 3800
# Hex digits of the hash that keeps shortened names apart.
NAME_HASH_DIGITS = 16
# Temporary files: hidden (a later run does not read them as input) and short (a long target
# name cannot make them too long).
TEMP_PREFIX = ".docextract-"
TEMP_SUFFIX = ".tmp"


def shorten(name: str, keep_suffix: str = "") -> str:
    """``name`` if it fits in MAX_NAME_BYTES, else a prefix of it, a hash of all of it, and
    ``keep_suffix`` (which ``name`` ends with).

    >>> shorten("通知.txt.json", ".json")
    '通知.txt.json'
    >>> long = shorten("通" * 100 + ".txt.json", ".json")
    >>> len(long.encode()) <= MAX_NAME_BYTES and long.endswith(".json") and long.startswith("通通")
    True
    """
    if len(name.encode("utf-8", "surrogateescape")) <= MAX_NAME_BYTES:
        return name
    digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:NAME_HASH_DIGITS]
    stem = name[: len(name) - len(keep_suffix)] if keep_suffix and name.endswith(keep_suffix) else name
    tail = f"~{digest}{keep_suffix}"
    budget = MAX_NAME_BYTES - len(tail.encode("utf-8"))
    cut = stem.encode("utf-8", "surrogateescape")[:budget].decode("utf-8", "ignore")
    return cut + tail


def shared_stems(sources: list[str]) -> set[str]:
    """The sources whose stem another source of the same folder shares (they keep their extension).

    >>> sorted(shared_stems(["a.txt", "a.pdf", "b.txt", "sub/a.txt"]))
    ['a.pdf', 'a.txt']
    """
    groups: dict[str, list[str]] = {}
    for source in sources:
        groups.setdefault(_stem_of(source), []).append(source)
    return {s for members in groups.values() if len(members) > 1 for s in members}


def _stem_of(source: str) -> str:
    folder, _, name = source.rpartition("/")
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    return f"{folder}/{stem}"


def output_path(outdir: Path, source: str, suffix: str, keep_extension: bool = False) -> Path:
    """The per-input output of the input whose record source is ``source``: its stem and the
    format's suffix, or its whole name when ``keep_extension``; a tree too deep for the file
    system's path limit is folded into one folder named by a hash of its path.

    >>> output_path(Path("out"), "sub/通知.pdf", ".json"), output_path(Path("out"), "a.txt", ".json", True)
    (PosixPath('out/sub/通知.json'), PosixPath('out/a.txt.json'))
    """
    if source == STDIN:
        source = STDIN_NAME
    *folders, name = source.split("/")
    if not keep_extension:
        name = _stem_of(name).lstrip("/")
    leaf = shorten(name + suffix, suffix)
    path = outdir.joinpath(*(shorten(f) for f in folders if f), leaf)
    if len(os.fsencode(os.path.abspath(path))) > MAX_PATH_BYTES:
        digest = hashlib.sha256("/".join(folders).encode("utf-8", "surrogateescape")).hexdigest()[:NAME_HASH_DIGITS]
        path = outdir / f"~deep-{digest}" / leaf
    return path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


FILE_MODE = 0o666 & ~_umask()


def _temporary_prefix(target: Path) -> str:
    """Temporary files of one target share a prefix, so a worker killed while writing one
    can be cleaned up after by name (``remove_temporaries``)."""
    return f"{TEMP_PREFIX}{hashlib.sha256(target.name.encode('utf-8', 'surrogateescape')).hexdigest()[:12]}-"


def remove_temporaries(target: Path) -> None:
    """Remove what a killed writer of ``target`` may have left."""
    for leftover in target.parent.glob(_temporary_prefix(target) + "*" + TEMP_SUFFIX):
        leftover.unlink(missing_ok=True)


def _temporary(folder: Path, target: Path | None = None) -> tuple[int, str]:
    prefix = _temporary_prefix(target) if target is not None else TEMP_PREFIX
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=TEMP_SUFFIX)
    os.fchmod(fd, FILE_MODE)  # mkstemp makes 0600: a shared output folder must be readable
    return fd, tmp


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # not every file system syncs folders
        pass
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write through a temporary file, fsync and rename: readers see the old file or the new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _temporary(path.parent, path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


class AtomicFile:
    """A binary stream that becomes ``path`` on ``commit`` and leaves nothing on ``discard``
    (the one output file of ``-o FILE``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        fd, self.tmp = _temporary(path.parent, path)
        self.stream = os.fdopen(fd, "wb")

    def commit(self) -> None:
        self.stream.flush()
        os.fsync(self.stream.fileno())
        self.stream.close()
        os.replace(self.tmp, self.path)
        _sync_folder(self.path.parent)

    def discard(self) -> None:
        try:
            self.stream.close()
        except OSError:
            pass
        Path(self.tmp).unlink(missing_ok=True)


def probe_writable(folder: Path) -> None:
    """Raise OSError unless a file can be created in ``folder`` (checked before any input is read)."""
    fd, tmp = _temporary(folder)
    os.close(fd)
    os.unlink(tmp)


def previous_record(path: Path) -> tuple[str | None, str | None, str | None] | None:
    """``(status, sha256, source)`` of the record a per-input JSON/JSONL output holds, or None
    when there is none or it cannot be read back (then the input is extracted again)."""
    try:
        with path.open("rb") as handle:
            text = handle.read()
        first = text.split(b"\n", 1)[0] if not text.lstrip().startswith(b"{\n") else text
        record = json.loads(first)
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict):
        return None
    return record.get("status"), record.get("sha256"), record.get("source")
