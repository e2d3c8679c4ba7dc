"""Notices for the commands that read them back (``review``, ``diff``): extracted from notice
files and folders, or read from docextract's own JSON / JSONL records (``extract`` output)."""
from __future__ import annotations

import json
import re
from pathlib import Path

RECORD_SUFFIXES = (".json", ".jsonl")
SPACE = re.compile(r"\s*")


class InputError(Exception):
    """A path that names nothing readable: the command reports it and exits 2."""


def _records(path: Path) -> list:
    from pydantic import ValidationError

    from ..models import Notice

    text = path.read_text(encoding="utf-8-sig")
    decoder = json.JSONDecoder()
    values, position = [], 0
    try:
        # one record, a list of them, JSONL, or pretty records one after another
        while (position := SPACE.match(text, position).end()) < len(text):
            value, position = decoder.raw_decode(text, position)
            values += value if isinstance(value, list) else [value]
        return [Notice.model_validate(v) for v in values]
    except (ValidationError, ValueError) as exc:
        raise InputError(f"{path}: not a docextract record ({str(exc).splitlines()[0]})") from None


def read_notices(paths: list[str], jobs: int = 1) -> list:
    """The notices at ``paths``, in order: records as stored, other files extracted (in worker
    processes, so a bad file is a record with its status, not a crash)."""
    from ..batch import iter_inputs, run_batch
    from ..config import Settings

    planned: list[tuple[Path, Path | None]] = []  # (file, the argument it came from) or (records, None)
    for name in paths:
        path = Path(name)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        # records (extract's own output, e.g. a folder written by -o) are read, not extracted
        found = [item.path for item in iter_inputs([path]) if item.path is not None and item.problem is None]
        planned += [(p, None if p.suffix.lower() in RECORD_SUFFIXES else path) for p in found]
    files = [p for p, root in planned if root is not None]
    extracted = iter(run_batch(files, Settings(), jobs=jobs) if files else ())
    notices = []
    for path, root in planned:
        if root is None:
            notices += _records(path)
            continue
        notice = next(extracted)
        if notice.source is None:
            source = path.relative_to(root).as_posix() if root.is_dir() else path.name
            notice = notice.model_copy(update={"source": source})
        notices.append(notice)
    return notices
