"""PDF reading speed: the PDFium reader against the pdfplumber reader it replaces, one process.

    python benchmarks/bench_pdf.py [--rounds N] [FILES...]

Default files: every PDF fixture and every dev-corpus PDF that has a text layer (encrypted and
scanned files are listed and skipped: both readers give up on them at once).  Prints the time
per page of each reader (``load.pdf.load_pdf`` and ``load.pdf_plumber.load_pdf_pdfplumber``,
the whole load stage: open, read, tables, lines, furniture), the per-file figures, and whether
the two give the same text and the same extraction (items, units, deadlines, amounts of the
final Notice).  Rounds are interleaved so both readers see the same machine load; the ratio is
the median of the per-round ratios, the times the best of each reader.  Target: ≥ 5× per page
with identical extraction.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 5.0


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def extraction(notice) -> tuple:
    """What the scorer reads, besides the body."""
    def values(holder):
        return ([(d.text, d.kind, d.date) for d in holder.deadlines], [(a.text, a.min, a.max) for a in holder.amounts])

    return (notice.title, notice.issuer, notice.doc_number, notice.date, values(notice),
            [(it.path, it.heading, [u.name for u in it.lead_units], [u.name for u in it.responsible_units],
              [u.name for u in it.cooperating_units], values(it)) for it in notice.items])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    files = args.files or (sorted((ROOT / "tests" / "fixtures").glob("*.pdf"))
                           + sorted((ROOT / "corpora" / "dev" / "raw").glob("*.pdf")))

    import pypdfium2

    from docextract.config import Settings
    from docextract.errors import LoadError
    from docextract.load.pdf import load_pdf
    from docextract.load.pdf_plumber import load_pdf_pdfplumber
    from docextract.pipeline import run

    settings = Settings()
    inputs, differing = [], []
    for path in files:
        data = path.read_bytes()
        try:
            new, old = load_pdf(data, path.name, settings), load_pdf_pdfplumber(data, path.name, settings)
        except LoadError as error:
            print(f"skipped {path.name}: {error.status}")
            continue
        pages = min(len(pypdfium2.PdfDocument(data)), settings.max_pages)
        inputs.append((path.name, data, pages))
        if new.text != old.text or extraction(run(new, settings)) != extraction(run(old, settings)):
            differing.append(path.name)

    best = {name: [float("inf"), float("inf")] for name, _, _ in inputs}
    ratios = []
    for _ in range(args.rounds):
        totals = [0.0, 0.0]
        for name, data, _ in inputs:
            for side, reader in enumerate((load_pdf, load_pdf_pdfplumber)):
                elapsed = timed(reader, data, name, settings)
                totals[side] += elapsed
                best[name][side] = min(best[name][side], elapsed)
        ratios.append(totals[1] / totals[0])

    pages = sum(p for _, _, p in inputs)
    ours = sum(b[0] for b in best.values())
    theirs = sum(b[1] for b in best.values())
    print(f"{len(inputs)} PDFs, {pages} pages, best of {args.rounds} interleaved rounds")
    for name, _, count in inputs:
        new, old = best[name]
        print(f"  {name:42s} {count:3d} p  pdfium {new * 1000 / count:6.2f}  pdfplumber {old * 1000 / count:7.2f} "
              f"ms/page  {old / new:5.1f}x")
    print(f"PDFium reader    : {ours * 1000 / pages:7.2f} ms/page")
    print(f"pdfplumber reader: {theirs * 1000 / pages:7.2f} ms/page")
    ratio = statistics.median(ratios)
    print(f"ratio (pdfplumber / PDFium), median of {args.rounds} rounds: {ratio:.1f}x "
          f"(range {min(ratios):.1f}-{max(ratios):.1f}; target >= {TARGET_RATIO:g}x: "
          f"{'met' if ratio >= TARGET_RATIO else 'NOT met'})")
    print("same text and extraction: " + ("yes, every file" if not differing else "NO: " + ", ".join(differing)))
    return 0 if ratio >= TARGET_RATIO and not differing else 1


if __name__ == "__main__":
    sys.exit(main())
