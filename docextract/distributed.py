"""The batch on a cluster: the same per-file function, with the same time limit, statuses and
outputs, run by Dask distributed (``docextract extract --dask SCHEDULER``) or by any engine
that can map a function over paths (Spark, Ray).

``extract_path`` is that per-file function: it runs one input in a worker process of the
machine it lands on (a fork server per cluster worker, started once), kills it after
``settings.timeout`` seconds, and returns a plain dict (picklable, JSON-able) with the
record's status and error, and the record itself unless it wrote it to ``target`` (a shared
folder every cluster worker sees).  The Dask client is imported only here, and this module
only when a cluster is asked for, so ``docextract --help`` stays instant.

Dask's worker processes are daemonic by default and a daemonic process may not start
children: run them with ``distributed.worker.daemon: false`` (``DASK_DISTRIBUTED__WORKER__DAEMON=False``
in the workers' environment) or with threads (``--nworkers 1 --nthreads N``).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .batch.inputs import Input
from .batch.runner import Outcome, Task, run_tasks
from .config import Settings
from .models import Notice


def extract_path(path: str | None, source: str, settings_json: str, *, target: str | None = None,
                 fmt: str = "json", resume: bool = False, data: bytes | None = None,
                 note: str | None = None) -> dict:
    """Extract one input in an isolated worker process; the per-file function of a cluster run.

    ``path`` is read where this runs (``data`` instead, for stdin); ``source`` names it in its
    record; ``target`` is its own output file (written atomically there), else the record
    comes back as ``"record"`` (JSON).  Never raises for the input: a failure is a status.
    """
    settings = Settings.model_validate_json(settings_json)
    item = Input(None if path is None else Path(path), source, path or source, note=note)
    task = Task(0, item, None if target is None else Path(target), resume, data)
    outcome = next(run_tasks([task], settings, jobs=1, fmt=fmt))
    return {"source": source, "status": outcome.status, "error": outcome.error, "action": outcome.action,
            "record": None if outcome.notice is None else outcome.notice.model_dump_json(),
            "output_error": outcome.output_error}


def _outcome(task: Task, result: dict) -> Outcome:
    notice = None if result["record"] is None else Notice.model_validate_json(result["record"])
    return Outcome(task, result["status"], result["error"], result["action"], notice=notice,
                   output_error=result["output_error"])


def _lost(task: Task, error: BaseException, fmt: str) -> Outcome:
    """A task the cluster lost (its worker died, the scheduler gave up): a ``crashed`` record."""
    from .batch.runner import record_failure

    return record_failure(task, "crashed", f"extract: the cluster lost the task ({type(error).__name__}: {error})",
                          "new", fmt)


def run_tasks_on_dask(tasks: Iterable[Task], settings: Settings, scheduler, *, fmt: str = "json",
                      ordered: bool = True) -> Iterator[Outcome]:
    """``batch.run_tasks`` on a Dask cluster: ``scheduler`` is an address (``tcp://host:8786``)
    or a ``distributed.Client``/``LocalCluster``.  Inputs known to fail unread get their record
    here; the others run as ``extract_path`` on the cluster."""
    from distributed import Client, as_completed

    from .batch.runner import record_failure

    tasks = list(tasks)
    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    settings_json = settings.model_dump_json()
    done: dict[int, Outcome] = {}
    futures = {}
    try:
        for task in tasks:
            item = task.input
            if item.problem is not None:
                done[task.index] = record_failure(task, item.problem[0], f"load: {item.problem[1]}", "new", fmt)
                continue
            future = client.submit(extract_path, None if item.path is None else str(item.path), item.source,
                                   settings_json, target=None if task.target is None else str(task.target),
                                   fmt=fmt, resume=task.resume, data=task.data, note=item.note, pure=False)
            futures[future] = task
        pending = iter(t.index for t in tasks)
        expected = next(pending, None)
        if not ordered:
            yield from done.values()
            done.clear()
        for future in as_completed(futures):
            task = futures[future]
            try:
                outcome = _outcome(task, future.result())
            except Exception as exc:  # noqa: BLE001 - a lost task is that input's record
                outcome = _lost(task, exc, fmt)
            if not ordered:
                yield outcome
                continue
            done[task.index] = outcome
            while expected is not None and expected in done:
                yield done.pop(expected)
                expected = next(pending, None)
        while ordered and expected is not None and expected in done:
            yield done.pop(expected)
            expected = next(pending, None)
    finally:
        for future in futures:
            future.cancel()
        if client is not scheduler:
            client.close()


def extract_many_on_dask(paths: Iterable[str | Path], scheduler, settings: Settings | None = None,
                         *, timeout: float | None = None) -> Iterator[Notice]:
    """``docextract.extract_many`` on a Dask cluster: one record per input, as each finishes."""
    from .batch.inputs import iter_inputs
    from .batch.library import _with_timeout

    settings = _with_timeout(settings, timeout)
    tasks = [Task(k, item) for k, item in enumerate(iter_inputs(list(paths))) if not item.stream]
    for outcome in run_tasks_on_dask(tasks, settings, scheduler, ordered=False):
        yield outcome.notice
