"""Batch runs that never die: one Notice per input, always.

Each file is extracted in a worker process with a per-file time limit and a memory cap, so a
hang or a decompression bomb costs that file (status ``timeout`` / ``crashed``), not the run.
Workers are long-lived (start-up is paid once per worker, not per file) and are replaced when
one is killed or dies.
"""
from __future__ import annotations

import multiprocessing
import os
import tempfile
import traceback
from collections import deque
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Iterable, Iterator

from .config import Settings
from .models import Notice

# A worker that is asked to stop gets this long before it is killed.
STOP_GRACE_SECONDS = 2.0
# A worker says so when its imports are done; a file's time limit starts when it is handed over.
READY = "ready"
# A worker that cannot even start within this long is broken (counted against no file).
START_TIMEOUT_SECONDS = 120.0


def failed_notice(name: str, status: str, error: str) -> Notice:
    """The record of an input that could not be extracted."""
    return Notice(file=Path(name).name, status=status, error=error)


def iter_inputs(paths: Iterable[Path]) -> list[Path]:
    """Files named, and the files under folders named (recursively, sorted, hidden ones skipped)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(p for p in sorted(path.rglob("*"))
                       if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            out.append(path)
    return out


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file and rename, so no reader ever sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def extract_one(path: Path, settings: Settings) -> Notice:
    """Extract one file in this process; every failure becomes a Notice with a status."""
    from .errors import DocextractError
    from .pipeline import extract_file

    try:
        return extract_file(path, settings)
    except DocextractError as exc:
        return failed_notice(str(path), getattr(exc, "status", "error"), f"load: {_reason(exc)}")
    except MemoryError:
        return failed_notice(str(path), "crashed", "extract: out of memory (raise the memory cap)")
    except Exception as exc:  # noqa: BLE001 - a bug on one file must not stop the batch
        where = traceback.extract_tb(exc.__traceback__)[-1]
        stage = Path(where.filename).stem
        return failed_notice(str(path), "error", f"{stage}: {type(exc).__name__}: {exc}")


def _reason(exc: Exception) -> str:
    reason = getattr(exc, "reason", None) or str(exc)
    remedy = getattr(exc, "remedy", None)
    return f"{reason} ({remedy})" if remedy else reason


def _limit_memory(megabytes: int) -> None:
    try:
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform: run without a cap
        pass


def _warm_up() -> None:
    """Import the stages before the first file, so its time limit counts work, not imports."""
    from . import clean, extract, normalize, structure  # noqa: F401

    normalize.normalize("預熱")


def _worker_main(conn: Connection, settings_json: str) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it stops us
    settings = Settings.model_validate_json(settings_json)
    _limit_memory(settings.memory_mb)
    _warm_up()
    conn.send(READY)
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        index, path = task
        notice = extract_one(Path(path), settings)
        conn.send((index, notice.model_dump_json()))


class _Worker:
    def __init__(self, context, settings: Settings) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, settings.model_dump_json()), daemon=True)
        self.process.start()
        child.close()
        self.task: tuple[int, str] | None = None
        self.deadline = 0.0
        self.ready = False

    def wait_ready(self) -> None:
        """Block until the worker has imported the stages (or died)."""
        if not self.ready and self.conn.poll(START_TIMEOUT_SECONDS):
            try:
                self.ready = self.conn.recv() == READY
            except (EOFError, OSError):
                self.ready = False

    def kill(self) -> None:
        self.process.kill()
        self.process.join(STOP_GRACE_SECONDS)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, BrokenPipeError):
            pass
        self.process.join(STOP_GRACE_SECONDS)
        if self.process.is_alive():
            self.process.kill()
        self.conn.close()


def run_batch(paths: Iterable[Path], settings: Settings | None = None, *, jobs: int = 1) -> Iterator[Notice]:
    """Extract every path in worker processes; yield one Notice per path, in input order."""
    import time

    settings = settings or Settings()
    paths = [Path(p) for p in paths]
    if not paths:
        return
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    queue = deque(enumerate(paths))
    results: dict[int, Notice] = {}
    next_out = 0
    workers = [_Worker(context, settings) for _ in range(max(1, min(jobs, len(paths))))]
    try:
        while next_out < len(paths):
            for worker in workers:
                if worker.task is None and queue:
                    worker.wait_ready()
                    index, path = queue.popleft()
                    worker.task = (index, str(path))
                    worker.deadline = time.monotonic() + settings.timeout
                    try:
                        worker.conn.send(worker.task)
                    except OSError:  # the worker died starting up: the wait below reports it
                        pass
            busy = [w for w in workers if w.task is not None]
            if busy:
                timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
                ready = wait([w.conn for w in busy], timeout=timeout)
                for k, worker in enumerate(workers):
                    if worker.task is None:
                        continue
                    index, path = worker.task
                    if worker.conn in ready:
                        try:
                            got_index, payload = worker.conn.recv()
                            results[got_index] = Notice.model_validate_json(payload)
                            worker.task = None
                            continue
                        except (EOFError, OSError):
                            code = worker.process.exitcode
                            results[index] = failed_notice(
                                path, "crashed", f"extract: the worker died (exit code {code}); "
                                f"a file this large may need a higher memory cap")
                    elif time.monotonic() >= worker.deadline:
                        results[index] = failed_notice(
                            path, "timeout", f"extract: no result within {settings.timeout:g} s (raise --timeout)")
                    else:
                        continue
                    worker.kill()
                    workers[k] = _Worker(context, settings)
            while next_out in results:
                yield results.pop(next_out)
                next_out += 1
    finally:
        for worker in workers:
            worker.stop()
