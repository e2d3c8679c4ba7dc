"""The library face of batches: ``run_batch``, ``extract_many`` and ``extract_file`` with a time
limit.  Each input runs in a worker process, so a hang or a memory bomb costs one input."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..config import Settings
from ..errors import InvalidInput, error_for
from ..models import Notice
from .inputs import Input, display_name, iter_inputs
from .runner import Task, run_tasks
from .streams import read_stream
from .worker import Extractor, extract_one

# Statuses a library caller gets as a Notice rather than as an exception.
RETURNED_STATUSES = frozenset({"ok", "partial", "empty"})


def default_jobs() -> int:
    """Worker processes by default: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _as_input(path: str | Path | Input) -> list[Input]:
    if isinstance(path, Input):
        return [path]
    if isinstance(path, bytes):  # a name that is not UTF-8, as the file system gave it
        path = os.fsdecode(path)
    if not isinstance(path, (str, Path)):
        raise InvalidInput(f"a path must be a str, bytes or a Path, got {type(path).__name__}")
    return iter_inputs([path])


def _tasks(inputs: list[Input], settings: Settings) -> list[Task]:
    return [read_stream(item, settings, k) if item.stream else Task(k, item) for k, item in enumerate(inputs)]


def run_batch(paths: Iterable[str | Path | Input], settings: Settings | None = None, *, jobs: int = 1,
              skip: Callable[[Path], bool] | None = None, extract: Extractor = extract_one,
              ordered: bool = True) -> Iterator[Notice]:
    """Extract every path in isolated worker processes; yield one Notice per input.

    A folder yields one Notice per file under it.  Every input yields a record, whatever
    happens to it: a load error keeps its status (``empty``, ``needs_ocr``, ``encrypted``,
    ``unsupported``, ``too_large``, ``error``), an input with no result within
    ``settings.timeout`` seconds is ``timeout`` and one whose worker dies (the memory cap
    ``settings.memory_mb``, a crash in a C library) is ``crashed``; the worker is replaced and
    the run goes on.  ``error`` always reads ``'<stage>: <reason>'``.

    ``jobs`` workers run at once; records come in input order, or as they finish when
    ``ordered`` is False.  ``skip(path)``, when given, drops an input before any work.
    ``extract`` is what a worker runs per file (a module-level function, so a worker can
    import it).
    """
    settings = settings or Settings()
    inputs = [item for p in paths for item in _as_input(p)
              if skip is None or item.path is None or not skip(item.path)]
    for outcome in run_tasks(_tasks(inputs, settings), settings, jobs=jobs, extract=extract, ordered=ordered):
        yield outcome.notice


def extract_many(paths: Iterable[str | Path], settings: Settings | None = None, *, jobs: int | None = None,
                 timeout: float | None = None) -> Iterator[Notice]:
    """Extract files and folders in ``jobs`` worker processes (default: one per core), yielding
    each record as it finishes (``Notice.source`` says which input it is).

    A failed input is a record with a status, never an exception; ``timeout`` (seconds)
    overrides ``settings.timeout``.  Raises ``InvalidInput`` for a bad argument.
    """
    if isinstance(paths, (str, bytes, Path)):
        paths = [paths]
    settings = _with_timeout(settings, timeout)
    if jobs is not None and (not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1):
        raise InvalidInput(f"jobs must be a positive int, got {jobs!r}")
    yield from run_batch(list(paths), settings, jobs=jobs or default_jobs(), ordered=False)


def _with_timeout(settings: Settings | None, timeout: float | None) -> Settings:
    if settings is not None and not isinstance(settings, Settings):
        raise InvalidInput(f"settings must be a docextract.Settings, got {type(settings).__name__}")
    settings = settings or Settings()
    if timeout is None:
        return settings
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout < float("inf"):
        raise InvalidInput(f"timeout must be a positive, finite number of seconds, got {timeout!r}")
    return settings.model_copy(update={"timeout": float(timeout)})


def extract_file(path: str | Path, settings: Settings | None = None, *, timeout: float | None = None) -> Notice:
    """Extract one notice file.

    Without ``timeout`` it runs in this process; with ``timeout`` (seconds) it runs in a worker
    process that is killed after that long (``ExtractionTimeout``) or under the settings'
    memory cap (``WorkerCrashed``).  Returns a Notice for ``ok``, ``partial`` and ``empty``
    input; raises a ``LoadError`` subclass (with a ``status``) when the file cannot be read,
    ``ExtractionError`` when a stage fails on it, ``InvalidInput`` for a bad argument.
    """
    from .. import pipeline

    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if timeout is None:
        notice = pipeline.extract_file(path, settings)
        shown, note = display_name(Path(path).name)  # the same record name as in a batch
        return notice.model_copy(update={"file": shown, "source": shown,
                                         "warnings": notice.warnings + ([note] if note else [])})
    if not isinstance(path, (str, Path)):
        raise InvalidInput(f"extract_file takes a path (str or Path), got {type(path).__name__}")
    settings = _with_timeout(settings, timeout)
    if Path(path).is_dir():
        raise InvalidInput(f"{display_name(str(path))[0]} is a folder", "use extract_many for folders")
    notice = next(run_batch([path], settings))
    if notice.status in RETURNED_STATUSES:
        return notice
    raise error_for(display_name(str(path))[0], notice.status, notice.error)
