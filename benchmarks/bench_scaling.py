"""Normalize and clean must stay linear: time per character on a long text against a short one.

    python benchmarks/bench_scaling.py [--small 100000] [--large 10000000] [--rounds 3]

Both texts are the decoded seed and dev notices, repeated until they reach the size, so they
hold the same mix of lines.  CPU time (not wall time: the machine is shared), best of the
rounds.  The standing target (issue 11): the large text costs at most 1.1x per character.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.1


def corpus_text() -> str:
    from docextract.config import Settings
    from docextract.load import load_file

    files = sorted((ROOT / "corpora" / "notices").glob("*.txt")) + sorted((ROOT / "corpora" / "dev" / "raw").iterdir())
    settings = Settings()
    return "\n\n".join(load_file(f, settings).text for f in files)


def sized(text: str, size: int) -> str:
    return (text * (size // len(text) + 1))[:size]


def per_char(fn, text: str, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        fn(text)
        best = min(best, time.process_time() - start)
    return best / len(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", type=int, default=100_000)
    parser.add_argument("--large", type=int, default=10_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    from docextract.clean import clean
    from docextract.normalize import normalize

    base = corpus_text()
    small, large = sized(base, args.small), sized(base, args.large)
    stages = {"normalize": normalize, "normalize+clean": lambda t: clean(normalize(t))}
    ok = True
    for name, fn in stages.items():
        fn(small)  # warm up: rules compiled, OpenCC loaded
        # interleaved rounds, so both sizes see the same machine load; the best of each
        a = b = float("inf")
        for _ in range(args.rounds):
            a = min(a, per_char(fn, small, 3))
            b = min(b, per_char(fn, large, 1))
        ratio = b / a
        ok = ok and ratio <= TARGET
        print(f"{name:16s} {a * 1e9:8.1f} ns/char at {len(small):>10,}  {b * 1e9:8.1f} ns/char at {len(large):>10,}"
              f"  ratio {ratio:.2f} ({'ok' if ratio <= TARGET else f'over {TARGET}'})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
