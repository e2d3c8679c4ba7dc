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
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from pathlib import Path

from .config import Settings
from .models import Notice

Extractor = Callable[[Path, Settings], Notice]
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


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write through a temporary file and rename, so no reader ever sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# The stage packages, for naming the stage an unexpected exception came from.
STAGES = ("load", "normalize", "clean", "structure", "extract", "export")


def _stage_of(exc: BaseException, default: str) -> str:
    """The pipeline stage whose module raised ``exc`` (innermost docextract frame wins)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        parts = Path(frame.filename).parts
        if "docextract" in parts:
            inside = parts[len(parts) - 1 - parts[::-1].index("docextract") + 1:]
            if inside and inside[0] in STAGES:
                return inside[0]
    return default


def extract_one(path: Path, settings: Settings) -> Notice:
    """Extract one file in this process; every failure becomes a Notice with a status.

    Load errors keep their own status (``needs_ocr``, ``encrypted``, …) and read
    ``load: <reason>``; a bug in a later stage is ``error`` with that stage's name; running out
    of memory under the worker's cap is ``crashed``.
    """
    from .errors import DocextractError
    from .load.sniff import load_file

    stage = "load"
    try:
        loaded = load_file(path, settings)
        stage = "extract"
        from .pipeline import run

        return run(loaded, settings)
    except DocextractError as exc:
        return failed_notice(str(path), getattr(exc, "status", "error"), f"{stage}: {_reason(exc)}")
    except MemoryError:
        return failed_notice(str(path), "crashed",
                             f"{stage}: out of memory under the {settings.memory_mb} MiB cap (raise --memory-mb)")
    except (ImportError, NotImplementedError) as exc:
        return failed_notice(str(path), "error", f"{_stage_of(exc, stage)}: not available ({type(exc).__name__}: {exc})")
    except Exception as exc:  # noqa: BLE001 - a bug on one file must not stop the batch
        return failed_notice(str(path), "error", f"{_stage_of(exc, stage)}: {type(exc).__name__}: {exc}")


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


WARM_UP_NOTICE = "关于做好工作的通知\n各乡镇：\n一、加强领导。（县财政局牵头）9月底前完成，补助5万元。\n某县人民政府\n2020年3月2日"


def _warm_up() -> None:
    """Import the stages and compile their rules before the first file, so a file's time limit
    counts its own work.  The word segmenter (spaCy + jieba, ~3 s) is not loaded here: few
    notices need it, and a one-file run should not wait for it."""
    from .pipeline import extract_text

    extract_text(WARM_UP_NOTICE)


def _worker_main(conn: Connection, settings_json: str, extract: Extractor) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it stops us
    settings = Settings.model_validate_json(settings_json)
    _limit_memory(settings.memory_mb)
    try:
        _warm_up()
    except Exception:  # noqa: BLE001, S110 - a stage that cannot be imported is reported per file
        pass
    conn.send(READY)
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        index, path = task
        try:
            payload = extract(Path(path), settings).model_dump_json()
        except MemoryError:
            payload = failed_notice(path, "crashed", f"extract: out of memory under the {settings.memory_mb} MiB "
                                                      "cap (raise --memory-mb)").model_dump_json()
        conn.send((index, payload))


class _Worker:
    def __init__(self, context, settings: Settings, extract: Extractor) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, settings.model_dump_json(), extract),
                                       daemon=True)
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


def _context():
    """forkserver where there is one (a clean, single-threaded parent to fork workers from, with
    the stages imported once, so replacing a killed worker is cheap); spawn elsewhere.  Plain
    fork is not used: forking a parent that runs threads can deadlock the child."""
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(FORKSERVER_PRELOAD))
        return context
    return multiprocessing.get_context("spawn")


# Imported once in the fork server, so a new worker starts with them loaded.
FORKSERVER_PRELOAD = ("docextract.batch", "docextract.pipeline", "docextract.load.sniff", "docextract.normalize.steps",
                      "docextract.clean.boilerplate", "docextract.structure.skeleton", "docextract.extract.assemble")


def _death(code: int | None, settings: Settings) -> str:
    how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
    return (f"extract: the worker died ({how}): out of memory under the {settings.memory_mb} MiB cap "
            f"(raise --memory-mb) or a crash in a parsing library")


def run_batch(paths: Iterable[Path], settings: Settings | None = None, *, jobs: int = 1,
              skip: Callable[[Path], bool] | None = None,
              extract: Extractor = extract_one) -> Iterator[Notice]:
    """Extract every path in isolated worker processes; yield one Notice per path, in input order.

    Every input yields a record, whatever happens to it: a load error keeps its status
    (``empty``, ``needs_ocr``, ``encrypted``, ``unsupported``, ``too_large``, ``error``), a file
    that takes longer than ``settings.timeout`` seconds is ``timeout`` and one whose worker dies
    (memory cap ``settings.memory_mb`` hit, a crash in a C library) is ``crashed``; the worker is
    replaced and the run goes on.  ``error`` always reads ``'<stage>: <reason>'``.

    ``jobs`` workers run at once.  ``skip(path)``, when given, drops a path before any work: it
    yields no record (``--skip-existing``: its record is already written).  ``extract`` is what a
    worker runs per file (a module-level function, so it can be sent to a spawned worker).
    """
    import time

    settings = settings or Settings()
    paths = [Path(p) for p in paths if skip is None or not skip(Path(p))]
    if not paths:
        return
    context = _context()
    queue = deque(enumerate(paths))
    results: dict[int, Notice] = {}
    next_out = 0
    workers = [_Worker(context, settings, extract) for _ in range(max(1, min(jobs, len(paths))))]
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
                            worker.process.join(STOP_GRACE_SECONDS)  # reap it, to learn how it died
                            results[index] = failed_notice(path, "crashed", _death(worker.process.exitcode,
                                                                                   settings))
                    elif time.monotonic() >= worker.deadline:
                        results[index] = failed_notice(
                            path, "timeout", f"extract: no result within {settings.timeout:g} s (raise --timeout)")
                    else:
                        continue
                    worker.kill()
                    workers[k] = _Worker(context, settings, extract)
            while next_out in results:
                yield results.pop(next_out)
                next_out += 1
    finally:
        for worker in workers:
            worker.stop()
