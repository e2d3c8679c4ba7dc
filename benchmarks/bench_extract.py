"""Extraction speed against jieba.lcut over the same text, measured in one process.

    python benchmarks/bench_extract.py [--rounds N] [FILES...]

Prints the time per notice for docextract's stages 2–5 (normalize, clean, structure,
extract: everything after the file is read) and for ``jieba.lcut`` over the same decoded
text, and their ratio.  The standing target: extraction at least 2.5× faster than jieba.lcut.
Both are warmed up first (jieba's dictionary, OpenCC's converter, compiled rules), so the
figures compare steady-state throughput, which is what a large batch sees.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 2.5


def best_of(rounds: int, fn) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args(argv)
    files = args.files or sorted((ROOT / "corpora" / "notices").glob("*.txt"))

    import logging

    import jieba

    from docextract.config import Settings
    from docextract.load import load_file
    from docextract.pipeline import run

    jieba.setLogLevel(logging.WARNING)
    settings = Settings()
    loaded = [load_file(f, settings) for f in files]
    texts = [doc.text for doc in loaded]
    jieba.lcut(texts[0])
    for doc in loaded:
        run(doc, settings)

    # Interleaved rounds: both sides see the same machine load; the ratio is the median of the
    # per-round ratios, the times the best of each side.
    ratios, ours, theirs = [], float("inf"), float("inf")
    for _ in range(args.rounds):
        a = best_of(1, lambda: [run(doc, settings) for doc in loaded])
        b = best_of(1, lambda: [jieba.lcut(t) for t in texts])
        ratios.append(b / a)
        ours, theirs = min(ours, a), min(theirs, b)
    chars = sum(map(len, texts))
    ratio = statistics.median(ratios)
    print(f"{len(files)} notices, {chars} characters, best of {args.rounds}")
    print(f"docextract (stages 2-5): {ours * 1000 / len(files):8.2f} ms/notice  {chars / ours / 1e6:6.2f} M chars/s")
    print(f"jieba.lcut             : {theirs * 1000 / len(files):8.2f} ms/notice  {chars / theirs / 1e6:6.2f} M chars/s")
    print(f"ratio (jieba / docextract), median of {args.rounds} interleaved rounds: {ratio:.2f}x "
          f"(range {min(ratios):.2f}-{max(ratios):.2f}; target >= {TARGET_RATIO}x: {'met' if ratio >= TARGET_RATIO else 'NOT met'})")
    return 0 if ratio >= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
