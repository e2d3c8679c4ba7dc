"""Running ``extract`` once its options are checked: inputs → tasks → outcomes → outputs and a
summary.  Every input gets a record; the summary counts them; the exit status tells."""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

from .common import UsageError, error, note, printable

SUCCESS_STATUSES = frozenset({"ok", "partial"})
# Exit statuses besides 0 (all ok), 1 (some input failed) and 2 (usage).
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for `yes | head`


class OutputFailure(Exception):
    """A record could not be written (disk full, read-only, stdout closed): the run stops."""

    def __init__(self, message: str, broken_pipe: bool = False) -> None:
        super().__init__(message)
        self.broken_pipe = broken_pipe


class _Progress:
    """A one-line progress counter on stderr, shown only when stderr is a terminal."""

    def __init__(self, total: int) -> None:
        self.total, self.done = total, 0
        self.enabled = total > 1 and sys.stderr.isatty()

    def step(self, name: str) -> None:
        self.done += 1
        if self.enabled:
            print(f"\r[{self.done}/{self.total}] {printable(name)[-60:]:60}", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.enabled:
            print(file=sys.stderr)


class _Stream:
    """Records into one stream (stdout, a device, or the one file of ``-o FILE``) through the
    format's sink; several JSON records on one stream are JSONL, so it stays parseable."""

    def __init__(self, mode: str, path: Path | None, fmt: str, single: bool) -> None:
        from ..export.writers import WRITERS

        self.name = "stdout" if path is None else str(path)
        self.atomic = None
        if mode == "file":
            from ..batch.outputs import AtomicFile

            self.atomic = AtomicFile(path)
            stream = self.atomic.stream
        elif mode == "stream":
            stream = open(path, "wb")  # noqa: SIM115 - closed in close()
        else:
            stream = sys.stdout.buffer
        self.stream = stream
        self.sink = WRITERS["jsonl" if fmt == "json" and not single else fmt].open(stream)

    def _guard(self, action) -> None:
        try:
            action()
        except BrokenPipeError:
            raise OutputFailure(f"cannot write to {self.name}: the reader closed it", broken_pipe=True) from None
        except OSError as exc:
            raise OutputFailure(f"cannot write to {self.name}: {exc.strerror or exc}") from None

    def write(self, notice) -> None:
        self._guard(lambda: self.sink.write(notice))

    def close(self, commit: bool) -> None:
        if self.atomic is not None:
            if commit:
                self._guard(lambda: (self.sink.close(), self.atomic.commit()))
            else:
                self.atomic.discard()
            return
        self._guard(self.sink.close)
        if self.stream is not sys.stdout.buffer:
            self._guard(self.stream.close)


RESUME_ACTIONS = (("skipped", "skipped (done before)"), ("retried", "retried (failed before)"),
                  ("changed", "changed since their record"), ("new", "new"))


class _Summary:
    def __init__(self) -> None:
        self.statuses: Counter[str] = Counter()
        self.actions: Counter[str] = Counter()
        self.still_failing = 0
        self.total = 0

    def add(self, outcome) -> None:
        self.total += 1
        self.statuses[outcome.status] += 1
        self.actions[outcome.action] += 1
        if outcome.action in ("retried", "changed") and outcome.status not in SUCCESS_STATUSES:
            self.still_failing += 1

    @property
    def failed(self) -> int:
        return sum(n for s, n in self.statuses.items() if s not in SUCCESS_STATUSES)

    def line(self, planned: int, resume: bool) -> str:
        detail = ", ".join(f"{n} {s}" for s, n in sorted(self.statuses.items()) if s not in SUCCESS_STATUSES)
        text = f"{self.total - self.failed} ok, {self.failed} failed" + (f": {detail}" if detail else "")
        if resume:
            done = [f"{self.actions[a]} {label}" for a, label in RESUME_ACTIONS if self.actions[a]]
            text += "; resumed: " + (", ".join(done) or "nothing to do")
            if self.still_failing:
                text += f"; {self.still_failing} run again and still failing"
        if planned > self.total:
            text += f"; {planned - self.total} not run"
        return text


def _plan(args: argparse.Namespace, inputs) -> list:
    """``(index, input, output file)`` per input (an output file in folder mode only); two inputs
    that would write the same file are a usage error (names never depend on the batch, so
    there are no -2 suffixes)."""
    from ..batch.outputs import output_path, shared_stems
    from ..export.writers import suffix

    targets: dict[Path, object] = {}
    planned = []
    keep = shared_stems([item.source for item in inputs]) if args.mode == "folder" else set()
    for index, item in enumerate(inputs):
        target = output_path(args.out, item.source, suffix(args.format), item.source in keep) \
            if args.mode == "folder" else None
        if target is not None:
            if target in targets:
                raise UsageError(f"{targets[target].display} and {item.display} would both write {target}: "
                                 "extract them into separate -o folders")
            targets[target] = item
        planned.append((index, item, target))
    return planned


def _tasks(args: argparse.Namespace, settings, planned: list) -> list:
    from ..batch.runner import Task
    from ..batch.streams import read_stream

    tasks = []
    for index, item, target in planned:  # streams are read only once every usage check passed
        task = read_stream(item, settings, index) if item.stream else Task(index, item)
        tasks.append(Task(index, task.input, target, args.skip_existing, task.data, task.budget))
    return tasks


def _quiet_stdout() -> None:
    """After stdout failed, point it at /dev/null so the interpreter's last flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout is not a real file (tests)
        pass


def _open_database(url: str):
    """The database sink, or a usage error (a bad URL, an unreachable server) before any work."""
    from ..export.database import open_database

    try:
        return open_database(url)
    except Exception as exc:  # noqa: BLE001 - any driver error is a usage error here
        raise UsageError(f"--db {url}: {exc}") from None


def _record_of(outcome):
    """The outcome's record: sent back by its worker, or read back from the file it wrote."""
    if outcome.notice is not None or outcome.task.target is None:
        return outcome.notice
    from ..models import Notice

    return Notice.model_validate_json(outcome.task.target.read_text(encoding="utf-8"))  # one record, JSON or JSONL


def extract(args: argparse.Namespace, settings, check_rules) -> int:
    """Run the batch; ``check_rules`` raises a UsageError when a rules file is malformed (it
    runs while the workers' fork server starts)."""
    from ..batch.inputs import iter_inputs
    from ..batch.runner import run_tasks, start_early

    exclude = [args.out] if args.out is not None and args.mode in ("folder", "file") else []
    inputs = iter_inputs(args.paths, exclude=exclude)
    plan = _plan(args, inputs)
    if not args.dask:
        start_early(sum(1 for item in inputs if item.problem is None), args.jobs)
    check_rules()
    tasks = _tasks(args, settings, plan)
    database = _open_database(args.db) if args.db else None
    stream = None
    if args.mode != "folder" and not (database is not None and args.mode == "stdout"):
        stream = _Stream(args.mode, args.out, args.format, single=len(tasks) == 1)
    summary, progress = _Summary(), _Progress(len(tasks))
    failure: OutputFailure | None = None
    try:
        # each record is written as soon as it is ready: an interrupted run keeps what it finished
        if args.dask:
            from ..distributed import run_tasks_on_dask

            outcomes = run_tasks_on_dask(tasks, settings, args.dask, fmt=args.format)
        else:
            outcomes = run_tasks(tasks, settings, jobs=args.jobs, fmt=args.format)
        for outcome in outcomes:
            progress.step(outcome.task.input.display)
            if outcome.output_error:
                raise OutputFailure(outcome.output_error)
            summary.add(outcome)
            if outcome.status not in SUCCESS_STATUSES:
                error(f"{outcome.task.input.display}: {outcome.error or outcome.status}")
            if stream is not None:
                stream.write(outcome.notice)
            if database is not None:
                database.write(_record_of(outcome))
        if stream is not None:
            stream.close(commit=True)
            stream = None
        if database is not None:
            database.close()
    except OutputFailure as exc:
        failure = exc
    except BaseException:  # Ctrl-C, SIGTERM: say what was done before the caller says why it stopped
        note(summary.line(len(tasks), args.skip_existing))
        raise
    finally:
        progress.close()
        if stream is not None:  # interrupted or failed: the one output file is not left half-written
            try:
                stream.close(commit=False)
            except OutputFailure:
                pass
    if failure is not None and failure.broken_pipe:
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    if failure is not None:
        if args.mode == "stdout":
            _quiet_stdout()
        error(str(failure))
    if len(tasks) != 1 or summary.failed or failure or args.skip_existing:
        note(summary.line(len(tasks), args.skip_existing) if tasks else "no inputs found")
    return 1 if summary.failed or failure else 0
