"""Batch speed-up: the same inputs with ``--jobs 1`` and ``--jobs N``, in one run.

    python benchmarks/bench_batch.py [--jobs N] [--rounds R] [--copies C] [FILES or FOLDERS...]

Runs the batch runner over the inputs (default: the seed and dev corpora, ``--copies`` times
each, written per input to a scratch folder as the CLI does) once with one worker and once
with N (default: the cores), in interleaved rounds so both see the same machine load, and
prints the time per input, the memory of a worker, and the median speed-up.  The standing
target: speed-up >= 0.85 x N for N up to the core count.  The fork server's start-up (stages
imported, rules compiled, segmenter loaded) is paid once before the first round, as a large
batch pays it once.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_EFFICIENCY = 0.85


def _inputs(paths: list[Path], copies: int, scratch: Path):
    from docextract.batch.inputs import Input, iter_inputs

    found = iter_inputs(paths or [ROOT / "corpora" / "notices", ROOT / "corpora" / "dev" / "raw"])
    return [Input(i.path, f"{k}/{i.source}", i.display) for k in range(copies) for i in found if i.problem is None]


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _round(inputs, settings, jobs: int, out: Path) -> tuple[float, float]:
    """Wall seconds for the batch, and the CPU seconds its workers used."""
    from docextract.batch.outputs import output_path
    from docextract.batch.runner import Pool, Task
    from docextract.batch.worker import extract_one

    shutil.rmtree(out, ignore_errors=True)
    tasks = [Task(k, item, output_path(out, item.source, ".json")) for k, item in enumerate(inputs)]
    start = time.perf_counter()
    pool = Pool(settings, jobs, extract_one, "json", segmenter=True)
    try:
        outcomes = list(pool.outcomes(tasks))
        elapsed = time.perf_counter() - start
        cpu = sum(_cpu_seconds(w.process.pid) for w in pool.workers)
    finally:
        pool.close()
    assert len(outcomes) == len(inputs)
    return elapsed, cpu


def _spin(units: int) -> None:
    total = 0
    for k in range(units * 100_000):
        total += k * k


def _machine_speedup(jobs: int, units: int = 20) -> float:
    """The same CPU-bound work in 1 process and split over ``jobs``: what this machine, with
    whatever else runs on it now, gives any program (a shared machine gives less than N)."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    start = time.perf_counter()
    one = context.Process(target=_spin, args=(units,))
    one.start()
    one.join()
    single = time.perf_counter() - start
    start = time.perf_counter()
    many = [context.Process(target=_spin, args=(units // jobs,)) for _ in range(jobs)]
    for p in many:
        p.start()
    for p in many:
        p.join()
    return single / (time.perf_counter() - start)


def _worker_memory() -> str:
    """Resident and proportional (shared pages split) memory of this process's grandchildren."""
    me = os.getpid()
    rows = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        if int(stat[1]) == me:
            continue  # the fork server itself
        parent = Path(f"/proc/{stat[1]}/stat").read_text().rsplit(")", 1)[1].split()[1] if Path(f"/proc/{stat[1]}").exists() else ""
        if parent == str(me):
            fields = {line.split(":")[0]: int(line.split()[1]) for line in rollup.splitlines()[1:]}
            rows.append((fields.get("Rss", 0), fields.get("Pss", 0)))
    if not rows:
        return "n/a"
    return ", ".join(f"RSS {rss // 1024} MiB / PSS {pss // 1024} MiB" for rss, pss in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--copies", type=int, default=2)
    args = parser.parse_args(argv)

    from docextract.batch.runner import Pool
    from docextract.batch.worker import extract_one
    from docextract.config import Settings

    settings = Settings()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        inputs = _inputs(args.paths, args.copies, scratch)
        _round(inputs[: args.jobs * 2], settings, args.jobs, scratch / "warm")  # fork server up, segmenter loaded
        cpus: dict[int, list[float]] = {1: [], args.jobs: []}
        pool = Pool(settings, args.jobs, extract_one, "json", segmenter=True)
        time.sleep(0.5)
        memory = _worker_memory()
        pool.close()
        ones, many, ratios, machine = [], [], [], []
        for _ in range(args.rounds):
            one, cpu_one = _round(inputs, settings, 1, scratch / "one")
            n, cpu_n = _round(inputs, settings, args.jobs, scratch / "many")
            cpus[1].append(cpu_one)
            cpus[args.jobs].append(cpu_n / n / args.jobs)
            machine.append(_machine_speedup(args.jobs))
            ones.append(one)
            many.append(n)
            ratios.append(one / n)
    speedup = statistics.median(ratios)
    efficiency = statistics.median(r / m for r, m in zip(ratios, machine))
    target = TARGET_EFFICIENCY * args.jobs
    print(f"{len(inputs)} inputs, {args.rounds} interleaved rounds, {os.cpu_count()} cores")
    print(f"--jobs 1        : {min(ones) * 1000 / len(inputs):8.1f} ms/input (best round)")
    print(f"--jobs {args.jobs:<9}: {min(many) * 1000 / len(inputs):8.1f} ms/input (best round)")
    print(f"workers (idle, forked from the warm fork server): {memory}")
    print(f"speed-up, median of rounds: {speedup:.2f}x (range {min(ratios):.2f}-{max(ratios):.2f}; "
          f"target >= {target:.2f}x: {'met' if speedup >= target else 'NOT met'})")
    print(f"worker CPU for the batch with --jobs 1: {statistics.median(cpus[1]):.2f} s; with --jobs {args.jobs} "
          f"each worker was on a CPU {100 * statistics.median(cpus[args.jobs]):.0f}% of the wall time "
          "(what the machine lent it)")
    print(f"the machine's own speed-up for {args.jobs} busy processes in the same rounds: "
          f"{statistics.median(machine):.2f}x (a shared machine gives less than {args.jobs}); "
          f"docextract / machine, median: {efficiency:.2f}")
    return 0 if speedup >= target else 1


if __name__ == "__main__":
    sys.exit(main())
