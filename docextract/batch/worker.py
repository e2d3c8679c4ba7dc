"""The per-file function and the worker process that runs it.

``extract_one`` turns one input into a Notice whatever happens (a failure is a Notice with a
status).  A worker runs it for the tasks its parent sends, under a memory cap; when it writes
per-input files it renders and writes each record itself, so the parent only moves names.
A worker dies with its parent: ``PR_SET_PDEATHSIG`` on Linux, and on every platform a
watchdog thread that exits when the parent's end of a lifeline pipe closes.
"""
from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

from ..config import Settings
from ..models import Notice
from .outputs import previous_record, write_atomic

Extractor = Callable[[Path, Settings], Notice]
READY = "ready"
SUCCESS_STATUSES = frozenset({"ok", "partial"})


def failed_notice(name: str, status: str, error: str, **fields) -> Notice:
    """The record of an input that could not be extracted."""
    return Notice(file=Path(name).name if name else name, status=status, error=error, **fields)


def out_of_memory(settings: Settings, stage: str) -> str:
    return f"{stage}: out of memory under the {settings.memory_mb} MiB cap (raise --memory-mb)"


def extract_data(data: bytes, name: str, settings: Settings) -> Notice:
    """Extract a file's bytes; every failure becomes a Notice with a status.

    Load errors keep their own status (``needs_ocr``, ``encrypted``, …) and read
    ``load: <reason>``; a bug in a later stage is ``error`` with that stage's name; running out
    of memory under the cap is ``crashed``.
    """
    from ..errors import DocextractError
    from ..pipeline import extract_bytes

    sha256 = hashlib.sha256(data).hexdigest()
    try:
        return extract_bytes(data, name, settings)
    except DocextractError as exc:
        stage = getattr(exc, "stage", None) or "load"
        return failed_notice(name, exc.status, f"{stage}: {exc.describe()}", sha256=sha256)
    except MemoryError:
        return failed_notice(name, "crashed", out_of_memory(settings, "extract"), sha256=sha256)


def extract_one(path: Path, settings: Settings) -> Notice:
    """Extract one file in this process; every failure becomes a Notice with a status."""
    from ..errors import LoadError, TooLarge

    name = str(path)
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            raise TooLarge(name, f"{size} bytes is over the {settings.max_bytes}-byte cap", "raise --max-bytes")
        data = path.read_bytes()
    except LoadError as exc:
        return failed_notice(name, exc.status, f"load: {exc.describe()}")
    except OSError as exc:
        return failed_notice(name, "error", f"load: cannot read it: {exc.strerror or exc}")
    except MemoryError:
        return failed_notice(name, "crashed", out_of_memory(settings, "load"))
    return extract_data(data, name, settings)


def _die_with_parent(lifeline: Connection) -> None:
    """Exit when the parent is gone, even in the middle of a file."""
    try:
        import ctypes
        import signal

        PR_SET_PDEATHSIG = 1  # noqa: N806 - the name in <sys/prctl.h>
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the watchdog alone
        pass

    def watch() -> None:
        try:
            lifeline.recv()
        except (EOFError, OSError):
            pass
        os._exit(1)  # the parent closed the lifeline or died: nobody wants our result

    threading.Thread(target=watch, name="docextract-watchdog", daemon=True).start()


def _limit_memory(megabytes: int) -> None:
    try:
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform: run without a cap
        pass


def _finish(task: dict, notice: Notice, action: str) -> tuple[str, object]:
    """The record of a task: sent to the parent, or written here when it goes to its own file."""
    warnings = list(notice.warnings) + ([task["note"]] if task["note"] else [])
    notice = notice.model_copy(update={"file": task["file"], "source": task["source"], "warnings": warnings})
    target = task["target"]
    if target is None:
        return "notice", notice.model_dump_json()
    from ..export.writers import render_one

    try:
        write_atomic(Path(target), render_one(notice, task["format"]))
    except OSError as exc:
        return "output_error", f"cannot write {target}: {exc.strerror or exc}"
    return "written", {"status": notice.status, "sha256": notice.sha256, "error": notice.error, "action": action}


def _resume_action(task: dict) -> tuple[str, str | None]:
    """``("skipped", status)`` when the input's record is a success for the same bytes; else
    why it runs again (``new``, ``retried``: its record failed, ``changed``: its bytes did)."""
    previous = previous_record(Path(task["target"]))
    if previous is None:
        return "new", None
    status, sha256, source = previous
    if status not in SUCCESS_STATUSES:
        return "retried", status
    try:
        current = hashlib.sha256(Path(task["path"]).read_bytes()).hexdigest() if task["data"] is None else None
    except OSError:
        current = None
    return ("skipped" if sha256 == current and source == task["source"] else "changed"), status


def _run_task(task: dict, settings: Settings, extract: Extractor, conn: Connection) -> tuple[str, object]:
    """One task: ``("notice", json)`` for the parent to write, ``("written", summary)`` when the
    worker wrote the record itself, ``("skipped", summary)`` for a resumed input already done."""
    action = "new"
    if task["target"] is not None and task["resume"]:
        action, status = _resume_action(task)
        if action == "skipped":
            return "skipped", {"status": status, "sha256": None, "error": None, "action": action}
        conn.send((task["index"], "begin", action))  # the parent counts a timeout as a retry too
    try:
        if task["data"] is not None:
            notice = extract_data(task["data"], task["name"], settings)
        else:
            notice = extract(Path(task["path"]), settings)
    except MemoryError:
        notice = failed_notice(task["file"], "crashed", out_of_memory(settings, "extract"))
    except Exception as exc:  # noqa: BLE001 - a custom extractor's bug: this input's error, not a dead worker
        notice = failed_notice(task["file"], "error", f"extract: {type(exc).__name__}: {exc}")
    return _finish(task, notice, action)


def worker_main(conn: Connection, lifeline: Connection, settings_json: str, extract: Extractor) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it stops us
    _die_with_parent(lifeline)
    settings = Settings.model_validate_json(settings_json)
    _limit_memory(settings.memory_mb)
    conn.send(READY)
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        kind, payload = _run_task(task, settings, extract, conn)
        conn.send((task["index"], kind, payload))
