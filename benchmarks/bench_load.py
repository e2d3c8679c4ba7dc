"""HTML load-stage speed against a bare lxml parse of the same page, measured in one process.

    python benchmarks/bench_load.py [--rounds N] [FILES...]

For every page: the time of ``load_bytes`` (decode, parse, metadata, furniture, content, render)
and of ``lxml.html.fromstring`` on the already-decoded text, and their ratio (issue 11: the load
stage cost 9–23× an lxml parse).  Besides the saved pages of the dev corpus and the fixtures, the
benchmark builds a Big5 copy of every traditional-Chinese page (encoding detection dominated
those), declared ``charset=big5`` and undeclared.  Both sides are warmed up first; the figure per
page is the best of ``--rounds`` interleaved rounds; the decode column is ``decode_text`` alone.

Measured on this shared machine (noisy; the old and new code run alternately, best of 9), before
→ after issue 11's work: 7.7 → 5.9 ms/page, median ratio to an lxml parse 11.4–11.9× → 8.3–8.5×;
the 156 KB Big5 page without a declared charset 24.5 → 18.6 ms (decoding 6.1 → 2.3 ms: the
encoding is decided on an 80 KB sample, plausibility counted by compiled patterns), the 60 KB
one 11.4 → 6.6 ms.  Meanwhile the loader reads more of each page than before (the Taiwan law
pages were read as 6 and 11 characters, tables with paragraphs are rendered, labels are
matched in traditional characters), so the old figures are of less work.
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE_SUFFIXES = {".html", ".htm", ".shtml", ".jsp", ".aspx", ".php"}
CHARSET = re.compile(rb"charset\s*=\s*[\"']?[A-Za-z0-9_\-]+", re.IGNORECASE)


def default_pages() -> list[tuple[str, bytes]]:
    folders = (ROOT / "corpora" / "dev" / "raw", ROOT / "tests" / "fixtures")
    pages = [(p.name, p.read_bytes()) for folder in folders for p in sorted(folder.iterdir())
             if p.suffix.lower() in PAGE_SUFFIXES]
    return pages + big5_copies(pages)


def big5_copies(pages: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """Big5 copies of the pages in traditional Chinese (declared zh-Hant)."""
    out = []
    for name, data in pages:
        if b"zh-Hant" not in data[:2000]:
            continue
        text = data.decode("utf-8", errors="replace")
        encoded = text.encode("big5", errors="replace")
        out.append((f"{name} (big5, declared)", CHARSET.sub(b"charset=big5", encoded)))
        out.append((f"{name} (big5, undeclared)", CHARSET.sub(b"charset=", encoded)))
    return out


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    pages = [(p.name, p.read_bytes()) for p in args.files] if args.files else default_pages()

    import lxml.html

    from docextract.config import Settings
    from docextract.load import load_bytes

    settings = Settings()
    decoded = []
    for name, data in pages:
        loaded = load_bytes(data, name + ".html" if "(" in name else name, settings)  # warm-up
        text = data.decode(loaded.encoding or "utf-8", errors="replace")
        text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
        lxml.html.fromstring(text)
        decoded.append(text)

    from docextract.load.html import _declared_charset
    from docextract.load.text import decode_text

    ours = [float("inf")] * len(pages)
    theirs = [float("inf")] * len(pages)
    decoding = [float("inf")] * len(pages)
    for _ in range(args.rounds):
        for i, ((name, data), text) in enumerate(zip(pages, decoded)):
            label = name + ".html" if "(" in name else name
            ours[i] = min(ours[i], timed(lambda: load_bytes(data, label, settings)))
            theirs[i] = min(theirs[i], timed(lambda: lxml.html.fromstring(text)))
            decoding[i] = min(decoding[i], timed(lambda: decode_text(data, _declared_charset(data))))

    width = max(len(name) for name, _ in pages)
    print(f"{'page':<{width}}  {'KB':>6}  {'load ms':>8}  {'decode':>8}  {'lxml ms':>8}  ratio")
    for (name, data), a, d, b in zip(pages, ours, decoding, theirs):
        print(f"{name:<{width}}  {len(data) / 1024:6.0f}  {a * 1000:8.2f}  {d * 1000:8.2f}  {b * 1000:8.2f}  {a / b:5.1f}x")
    ratios = [a / b for a, b in zip(ours, theirs)]
    print(f"{len(pages)} pages: load {sum(ours) * 1000 / len(pages):.2f} ms/page, lxml parse "
          f"{sum(theirs) * 1000 / len(pages):.2f} ms/page; ratio median {statistics.median(ratios):.1f}x, "
          f"max {max(ratios):.1f}x (best of {args.rounds} rounds)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
