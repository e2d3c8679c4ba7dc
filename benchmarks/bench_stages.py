"""Time of each stage (2–5) per notice, and where a stage spends it.

    python benchmarks/bench_stages.py [--rounds N] [--profile STAGE] [FILES...]

Loads the seeds and the development corpus (corpora/notices, corpora/dev/raw) once, then runs
normalize, clean, structure and extract on every notice ``--rounds`` times and prints the best
milliseconds per notice of each stage (and of ``assemble``'s own work: extract minus the
finders it calls).  ``--profile structure`` (or another stage) runs that stage under cProfile
and prints the functions with the most cumulative time.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
STAGES = ("normalize", "clean", "structure", "extract")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--profile", choices=STAGES)
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args(argv)

    from bench_extract import default_files, load_documents
    from docextract.clean.boilerplate import clean
    from docextract.config import Settings
    from docextract.extract.assemble import extract
    from docextract.normalize.steps import normalize
    from docextract.structure.skeleton import structure

    settings = Settings()
    loaded = load_documents(args.files or default_files(), settings)
    normalized = [normalize(d.text) for d in loaded]
    cleaned = [clean(n, d.metadata) for n, d in zip(normalized, loaded)]
    skeletons = [structure(c, d.tables) for c, d in zip(cleaned, loaded)]
    runs = {
        "normalize": lambda: [normalize(d.text) for d in loaded],
        "clean": lambda: [clean(n, d.metadata) for n, d in zip(normalized, loaded)],
        "structure": lambda: [structure(c, d.tables) for c, d in zip(cleaned, loaded)],
        "extract": lambda: [extract(s, d, settings) for s, d in zip(skeletons, loaded)],
    }
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.rounds):
            runs[args.profile]()
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.top)
        return 0
    best = {name: float("inf") for name in runs}
    for _ in range(args.rounds):
        for name, fn in runs.items():
            start = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - start)
    n = len(loaded)
    print(f"{n} notices, best of {args.rounds} rounds, ms per notice")
    for name in STAGES:
        print(f"{name:10} {best[name] * 1000 / n:7.3f}")
    print(f"{'total':10} {sum(best.values()) * 1000 / n:7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
