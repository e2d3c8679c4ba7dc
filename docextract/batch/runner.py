"""The pool: tasks to worker processes, outcomes back, whatever happens to a worker.

A file that takes longer than its time limit costs that file (``timeout``), a worker that dies
costs the file it held (``crashed``); the worker is replaced and the run goes on.  Workers are
forked from a fork server that has imported the stages and compiled their rules once (and, for
a batch, loaded the word segmenter), so an added worker costs little memory and no start-up.
"""
from __future__ import annotations

import multiprocessing
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path

from ..config import Settings
from ..models import Notice
from .inputs import Input
from .outputs import previous_record, remove_temporaries, write_atomic
from .worker import READY, SUCCESS_STATUSES, Extractor, extract_one, failed_notice, worker_main

# A worker that is asked to stop gets this long before it is killed.
STOP_GRACE_SECONDS = 2.0
# A worker that cannot even start within this long is broken (counted against no file).
START_TIMEOUT_SECONDS = 120.0
# Imported once in the fork server (see ``preload``), so a new worker starts warm.
FORKSERVER_PRELOAD = ("docextract.batch.preload",)
SEGMENTER_PRELOAD = ("docextract.batch.preload_segmenter",)
# In-order output holds finished records behind a slow one: at most this many per worker.
ORDER_WINDOW_PER_JOB = 64


@dataclass(frozen=True)
class Task:
    """An input to extract: ``target`` is its own output file (None: the record goes back to
    the parent), ``data`` its bytes when it was read from a stream, ``budget`` the seconds it
    has (default: the settings' timeout; less for a stream whose reading took time)."""

    index: int
    input: Input
    target: Path | None = None
    resume: bool = False
    data: bytes | None = None
    budget: float | None = None


@dataclass(frozen=True)
class Outcome:
    """What became of a task.  ``notice`` is the record unless the worker wrote it to
    ``target`` itself; ``action`` is ``new``, or on a resumed run ``skipped`` (its record was
    a success for the same bytes), ``retried`` (its record had failed) or ``changed`` (its
    bytes had); ``output_error`` says why its record could not be written."""

    task: Task
    status: str
    error: str | None
    action: str = "new"
    notice: Notice | None = None
    output_error: str | None = None


def _context(segmenter: bool):
    """forkserver where there is one (a clean, single-threaded parent to fork workers from, with
    the stages imported once); spawn elsewhere.  Plain fork is not used: forking a parent that
    runs threads can deadlock the child."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(FORKSERVER_PRELOAD + (SEGMENTER_PRELOAD if segmenter else ())))
        return context
    return multiprocessing.get_context("spawn")


def wants_segmenter(work: int, jobs: int) -> bool:
    """Load the word segmenter in the fork server when workers take several inputs each (a
    one-file run may never need it)."""
    return work > max(1, jobs)


def start_early(work: int, jobs: int) -> None:
    """Start the fork server now, so its imports run while this process does other start-up
    work (checking the rules).  Reads no input."""
    context = _context(wants_segmenter(work, jobs))
    if context.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


class _Worker:
    def __init__(self, context, settings: Settings, extract: Extractor) -> None:
        self.conn, child = context.Pipe()
        # the worker watches its end of this pipe; it closes when this process dies
        lifeline, self.lifeline = context.Pipe(duplex=False)
        self.process = context.Process(target=worker_main, daemon=True,
                                       args=(child, lifeline, settings.model_dump_json(), extract))
        self.process.start()
        child.close()
        lifeline.close()
        self.task: Task | None = None
        self.position = 0
        self.action = "new"
        self.deadline = 0.0
        self.ready = False

    def _close_pipes(self) -> None:
        """Close both pipes; closing one already closed (a worker stopped twice) is no error."""
        for pipe in (self.conn, self.lifeline):
            try:
                pipe.close()
            except OSError:
                pass

    def wait_ready(self) -> None:
        """Block until the worker has started (or died)."""
        if not self.ready and self.conn.poll(START_TIMEOUT_SECONDS):
            try:
                self.ready = self.conn.recv() == READY
            except (EOFError, OSError):
                self.ready = False

    def kill(self) -> None:
        self.process.kill()
        self.process.join(STOP_GRACE_SECONDS)
        self._close_pipes()
        if self.task is not None and self.task.target is not None:  # killed mid-write, maybe
            try:
                remove_temporaries(self.task.target)
            except OSError:
                pass

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(STOP_GRACE_SECONDS)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(STOP_GRACE_SECONDS)
        self._close_pipes()


def death_reason(code: int | None, settings: Settings) -> str:
    """Why a worker died, as far as its exit status tells."""
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        why = {"SIGKILL": "killed from outside: the system's out-of-memory killer, or a person",
               "SIGSEGV": "a crash in a parsing library", "SIGBUS": "a crash in a parsing library",
               "SIGABRT": f"a library aborted, possibly out of memory under the {settings.memory_mb} MiB cap"
                          " (raise --memory-mb)"}.get(name, "a signal")
        return f"extract: the worker died ({name}: {why})"
    return f"extract: the worker died (exit code {code})"


def _spec(task: Task, fmt: str) -> dict:
    item = task.input
    return {"index": task.index, "path": None if item.path is None else str(item.path), "data": task.data,
            "name": str(item.path) if item.path is not None else "stdin", "file": item.file,
            "source": item.source, "note": item.note, "target": None if task.target is None else str(task.target),
            "format": fmt, "resume": task.resume}


class Pool:
    """Worker processes that take tasks and give outcomes; see ``run_tasks``."""

    def __init__(self, settings: Settings, jobs: int, extract: Extractor, fmt: str, segmenter: bool) -> None:
        self.settings, self.extract, self.fmt = settings, extract, fmt
        self.context = _context(segmenter)
        self.workers = [_Worker(self.context, settings, extract) for _ in range(jobs)]

    def close(self) -> None:
        """Stop every worker: an idle one is asked, a busy one (the run was interrupted) killed."""
        for worker in self.workers:
            if worker.task is not None:
                worker.kill()
            else:
                worker.stop()

    def _replace(self, k: int) -> None:
        self.workers[k].kill()
        self.workers[k] = _Worker(self.context, self.settings, self.extract)

    def _hand_over(self, queue: deque[tuple[int, Task]], window: int | None) -> None:
        for worker in self.workers:
            if worker.task is None and queue:
                if window is not None:  # records held for ordering stay bounded behind a slow input
                    oldest = min((w.position for w in self.workers if w.task is not None), default=queue[0][0])
                    if queue[0][0] - oldest >= window:
                        return
                worker.wait_ready()
                worker.position, task = queue.popleft()
                worker.task, worker.action = task, "new"
                worker.deadline = time.monotonic() + (task.budget if task.budget is not None else self.settings.timeout)
                try:
                    worker.conn.send(_spec(task, self.fmt))
                except OSError:  # the worker died starting up: the wait below reports it
                    pass

    def outcomes(self, tasks: Iterable[Task], window: int | None = None) -> Iterator[Outcome]:
        """Outcomes in the order tasks finish; with ``window``, no task starts while one that many
        places before it is unfinished."""
        queue = deque(enumerate(tasks))
        while queue or any(w.task is not None for w in self.workers):
            self._hand_over(queue, window)
            busy = [w for w in self.workers if w.task is not None]
            ready = wait([w.conn for w in busy], timeout=max(0.0, min(w.deadline for w in busy) - time.monotonic()))
            for k, worker in enumerate(self.workers):
                if worker.task is None:
                    continue
                if worker.conn in ready:
                    outcome = self._receive(k, worker)
                elif time.monotonic() >= worker.deadline:
                    task, action = worker.task, worker.action
                    self._replace(k)  # first: a worker still running could write its record after ours
                    outcome = self._failed(task, action, "timeout",
                                           f"extract: no result within {self.settings.timeout:g} s (raise --timeout)")
                else:
                    continue
                if outcome is not None:
                    yield outcome

    def _receive(self, k: int, worker: _Worker) -> Outcome | None:
        task = worker.task
        try:
            _, kind, payload = worker.conn.recv()
        except (EOFError, OSError):
            worker.process.join(STOP_GRACE_SECONDS)  # reap it, to learn how it died
            action, code = worker.action, worker.process.exitcode
            self._replace(k)
            return self._failed(task, action, "crashed", death_reason(code, self.settings))
        if kind == "begin":  # a resumed input that runs again: remember why, then wait on
            worker.action = payload
            return None
        worker.task = None
        if kind == "notice":
            notice = Notice.model_validate_json(payload)
            return Outcome(task, notice.status, notice.error, worker.action, notice=notice)
        if kind == "output_error":
            return Outcome(task, "error", None, worker.action, output_error=payload)
        return Outcome(task, payload["status"], payload["error"], payload["action"])

    def _failed(self, task: Task, action: str, status: str, error: str) -> Outcome:
        return record_failure(task, status, error, action, self.fmt)


def record_failure(task: Task, status: str, error: str, action: str, fmt: str) -> Outcome:
    """The outcome of a task that failed without a worker's record (a timeout, a dead worker, an
    input known to fail unread); its record is written here when it has its own file."""
    item = task.input
    notice = failed_notice(item.file, status, error, source=item.source,
                           warnings=[item.note] if item.note else [])
    if task.target is None:
        return Outcome(task, status, error, action, notice=notice)
    from ..export.writers import render_one

    try:
        write_atomic(task.target, render_one(notice, fmt))
    except OSError as exc:
        return Outcome(task, status, error, action, output_error=f"cannot write {task.target}: {exc.strerror or exc}")
    return Outcome(task, status, error, action)


def _resume_action(task: Task) -> str:
    previous = previous_record(task.target) if task.resume and task.target is not None else None
    if previous is None:
        return "new"
    return "retried" if previous[0] not in SUCCESS_STATUSES else "changed"


def run_tasks(tasks: Iterable[Task], settings: Settings, *, jobs: int = 1, fmt: str = "json",
              extract: Extractor = extract_one, ordered: bool = True) -> Iterator[Outcome]:
    """Run every task; yield one Outcome per task (in task order when ``ordered``).

    Tasks whose input is known to fail unread (``Input.problem``) get their record at once;
    the others go to ``jobs`` worker processes.
    """
    tasks = list(tasks)
    # records that come back whole are held until those before them are done: bound how many
    window = ORDER_WINDOW_PER_JOB * jobs if ordered and any(t.target is None for t in tasks) else None
    outcomes = _outcomes(tasks, settings, jobs, fmt, extract, window)
    if not ordered:
        yield from outcomes
        return
    waiting: dict[int, Outcome] = {}
    order = iter([t.index for t in tasks])
    expected = next(order, None)
    for outcome in outcomes:
        waiting[outcome.task.index] = outcome
        while expected is not None and expected in waiting:
            yield waiting.pop(expected)
            expected = next(order, None)


def _outcomes(tasks: list[Task], settings: Settings, jobs: int, fmt: str, extract: Extractor,
              window: int | None) -> Iterator[Outcome]:
    work = []
    for task in tasks:
        if task.input.problem is not None:
            status, reason = task.input.problem
            yield record_failure(task, status, f"load: {reason}", _resume_action(task), fmt)
        else:
            work.append(task)
    if not work:
        return
    pool = Pool(settings, max(1, min(jobs, len(work))), extract, fmt, segmenter=wants_segmenter(len(work), jobs))
    try:
        yield from pool.outcomes(work, window)
    finally:
        pool.close()
