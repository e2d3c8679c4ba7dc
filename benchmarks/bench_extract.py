"""Extraction speed against baselines run over the same text, in one process.

    python benchmarks/bench_extract.py [--rounds N] [FILES...]

Times docextract's stages 2–5 (normalize, clean, structure, extract: everything after the file
is read) and, over the same decoded texts, the baselines a reader can relate to:

- ``jieba.lcut``: word segmentation of the whole text (the standing target: extraction at least
  5× faster than it);
- ``rjieba.cut``: jieba's Rust port (when installed), a faster segmenter;
- one compiled-regex pass (``re.finditer`` of a CJK character class), the floor of any scan;
- OpenCC ``t2s`` alone, the one pass every notice pays.

Rounds are interleaved (each round runs every contender once, so all see the same machine
load); ratios are medians of the per-round ratios, times the best of each contender.  On a
shared host one round's ratio varies by ±15% (a burst of other load lands in one contender's
fraction of a second and not in another's), so the median of 9 rounds moved by ±0.3 from run to
run; 25 rounds (the default, about a minute) keep it within ±0.2.

Every contender drops each result before the next text, as the CLI does (a notice is written
and dropped): keeping a round's 36 Notices alive would time the garbage collector walking them,
not the extraction.  The line "results kept" shows that cost.  The default corpus is the seeds and
the development corpus (corpora/notices, corpora/dev/raw).

It times the stage modules as installed: compiled (setup.py) unless ``DOCEXTRACT_PURE_PYTHON=1``
is set, and says which ran.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 5.0   # extraction at least 5× faster than jieba.lcut over the same text
CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def each(fn, inputs) -> None:
    """``fn`` over the inputs, each result dropped before the next call."""
    for x in inputs:
        fn(x)


def default_files() -> list[Path]:
    return sorted((ROOT / "corpora" / "notices").glob("*.txt")) + sorted((ROOT / "corpora" / "dev" / "raw").glob("*"))


def load_documents(paths: list[Path], settings) -> list:
    """The inputs that load (stage 1, not timed); the others are left out."""
    from docextract.errors import DocextractError
    from docextract.load import load_file

    loaded = []
    for path in paths:
        try:
            loaded.append(load_file(path, settings))
        except DocextractError:
            continue
    return loaded


def contenders(texts: list[str], loaded, settings) -> dict:
    import logging

    import jieba
    import opencc

    from docextract.pipeline import run

    jieba.setLogLevel(logging.WARNING)
    jieba.lcut(texts[0])
    converter = opencc.OpenCC("t2s")
    found = {
        "docextract (stages 2-5)": lambda: each(lambda doc: run(doc, settings), loaded),
        "docextract, results kept": lambda: [run(doc, settings) for doc in loaded],
        "jieba.lcut": lambda: each(jieba.lcut, texts),
        "one regex pass": lambda: each(lambda t: sum(1 for _ in CJK_RUN.finditer(t)), texts),
        "OpenCC t2s": lambda: each(converter.convert, texts),
    }
    try:
        import rjieba

        found["rjieba.cut"] = lambda: each(rjieba.cut, texts)
    except ImportError:
        print("(rjieba not installed: pip install rjieba to compare with it)")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=25)
    args = parser.parse_args(argv)

    from docextract import compiled
    from docextract.config import Settings
    from docextract.pipeline import run

    settings = Settings()
    loaded = load_documents(args.files or default_files(), settings)
    texts = [doc.text for doc in loaded]
    for doc in loaded:  # warm up: compiled rules, OpenCC's dictionary
        run(doc, settings)
    runs = contenders(texts, loaded, settings)

    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.rounds):
        for name, fn in runs.items():
            times[name].append(timed(fn))
    ours = "docextract (stages 2-5)"
    chars = sum(map(len, texts))
    print(f"{len(texts)} notices, {chars} characters, {args.rounds} interleaved rounds, {os.cpu_count()} cores")
    print(f"docextract's stage modules: {compiled.status()}")
    print(f"{'contender':26} {'ms/notice':>10} {'M chars/s':>10} {'docextract is':>16}")
    for name, values in times.items():
        best = min(values)
        ratio = statistics.median(b / a for a, b in zip(times[ours], values))
        relation = "" if name == ours else f"{ratio:.2f}x {'faster' if ratio >= 1 else 'slower'}" if ratio >= 1 \
            else f"{1 / ratio:.2f}x slower"
        print(f"{name:26} {best * 1000 / len(texts):10.2f} {chars / best / 1e6:10.2f} {relation:>16}")
    ratio = statistics.median(b / a for a, b in zip(times[ours], times["jieba.lcut"]))
    print(f"ratio to jieba.lcut: {ratio:.2f}x (target >= {TARGET_RATIO}x: {'met' if ratio >= TARGET_RATIO else 'NOT met'})")
    return 0 if ratio >= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
