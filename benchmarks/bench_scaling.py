"""Cost per character as notices grow: extraction must stay linear in its input.

    python benchmarks/bench_scaling.py [--sizes 100000,1000000,10000000] [--rounds N]

Builds notices of the given sizes (in characters) by repeating the seed and development
corpus texts, times stages 2–5 on each (best of N), and prints the cost per character
relative to the smallest size (CPU time, so a shared machine disturbs it less).  The standing target: at 10 MB, within 1.1× of 100 KB.
Also prints the curve of the structure stage alone against the number of lines.
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
    from docextract.errors import DocextractError
    from docextract.load import load_file

    paths = sorted((ROOT / "corpora" / "notices").glob("*.txt")) + sorted((ROOT / "corpora" / "dev" / "raw").glob("*"))
    texts = []
    for path in paths:
        try:
            texts.append(load_file(path, Settings()).text)
        except DocextractError:
            continue
    return "\n".join(texts)


def grown(text: str, size: int) -> str:
    return (text * (size // len(text) + 1))[:size]


def best(rounds: int, fn) -> float:
    times = []
    for _ in range(rounds):
        start = time.process_time()   # CPU time: the machine may be shared
        fn()
        times.append(time.process_time() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,1000000,10000000")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    from docextract.clean import clean
    from docextract.load import LoadedDocument
    from docextract.normalize import normalize
    from docextract.pipeline import run
    from docextract.structure import structure

    base = corpus_text()
    sizes = [int(s) for s in args.sizes.split(",")]
    run(LoadedDocument(name="warm", text=base[:20000], format="txt"))
    print(f"{'characters':>12} {'lines':>9} {'seconds':>9} {'us/char':>9} {'relative':>9}")
    first = None
    worst = 1.0
    for size in sizes:
        text = grown(base, size)
        doc = LoadedDocument(name=f"{size}", text=text, format="txt")
        seconds = best(args.rounds if size <= 1_000_000 else 1, lambda: run(doc))
        per_char = seconds / size
        first = first or per_char
        worst = max(worst, per_char / first)
        print(f"{size:12d} {text.count(chr(10)):9d} {seconds:9.3f} {per_char * 1e6:9.3f} {per_char / first:9.2f}")
    print(f"largest per-character cost relative to the smallest: {worst:.2f}x "
          f"(target <= {TARGET}x: {'met' if worst <= TARGET else 'NOT met'})")

    print(f"\nstructure stage alone\n{'lines':>9} {'seconds':>9} {'us/line':>9}")
    for lines in (1_000, 10_000, 100_000):
        text = "\n".join(f"{k}. 第{k}项工作要按时完成。" for k in range(1, lines + 1))
        cleaned = clean(normalize(text))
        seconds = best(1, lambda: structure(cleaned))
        print(f"{lines:9d} {seconds:9.3f} {seconds / lines * 1e6:9.2f}")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
