"""Does finding deadlines and amounts cost the same per character in a long notice as in a
short one?

    python benchmarks/bench_values.py [--rounds N] [--large BYTES] [FILES...]

Builds a small text (about 100 KB: the cleaned bodies of the given notices — default: the
seeds and the dev corpus — taken in turn until it is full, whole bodies only) and a large one
(10 MB by default: the small text repeated, so both hold the same mix of notices), then times
``extract_deadlines`` and ``extract_amounts`` on each in CPU time (the machine may be shared),
best of N rounds, interleaved.  Reports ns per character and the ratio large/small; the
standing target (issue 11) is a ratio within 1.1.
"""
from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SMALL = 100_000
TARGET_RATIO = 1.1


def _text(base: str, size: int) -> str:
    return (base * (size // len(base) + 1))[:size]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--large", type=int, default=10_000_000)
    args = parser.parse_args(argv)
    files = args.files or sorted((ROOT / "corpora" / "notices").glob("*.txt")) + sorted((ROOT / "corpora" / "dev" / "raw").glob("*"))

    from docextract.extract.amounts import extract_amounts
    from docextract.extract.deadlines import extract_deadlines
    from docextract.pipeline import extract_file

    bodies: list[str] = []
    for f in files:
        body = extract_file(f).body
        if bodies and sum(map(len, bodies)) + len(body) > SMALL:
            continue
        bodies.append(body)
    small = "\n".join(bodies)
    large = _text(small + "\n", args.large)
    reference = date(2020, 3, 2)
    stages = {"deadlines": lambda t: extract_deadlines(t, reference), "amounts": extract_amounts}
    best = {(name, size): float("inf") for name in stages for size in (SMALL, args.large)}  # keyed by nominal size
    for name, fn in stages.items():
        fn(small)  # warm up: compiled rules, caches
    for _ in range(args.rounds):
        for name, fn in stages.items():
            for size, text in ((SMALL, small), (args.large, large)):
                start = time.process_time()
                fn(text)
                best[name, size] = min(best[name, size], time.process_time() - start)
    worst = 0.0
    for name in stages:
        per_small = best[name, SMALL] / len(small) * 1e9
        per_large = best[name, args.large] / args.large * 1e9
        ratio = per_large / per_small
        worst = max(worst, ratio)
        print(f"{name:10} {per_small:7.1f} ns/char at {len(small):,}  {per_large:7.1f} ns/char at {args.large:,}"
              f"  ratio {ratio:.2f}")
    print(f"target: ratio <= {TARGET_RATIO} ({'met' if worst <= TARGET_RATIO else 'NOT met'})")
    return 0 if worst <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
