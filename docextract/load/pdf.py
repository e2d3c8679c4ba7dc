"""PDF loader: the text layer read with PDFium, tables found on the ruling lines.

- Characters and ruling lines come from ``pdfium`` (pypdfium2, ~30× faster than pdfminer); a
  glyph drawn again at the same place (fake bold) is kept once; lines are grouped as pdfplumber
  groups them (``layout``), so the output is the previous reader's.
- Tables: only on a page with horizontal and vertical rules, pdfplumber's table finder runs on
  those rules (``pdf_tables``; no pdfminer parse); a cell takes the characters whose centre it
  holds.  Text between tables is cropped by height, as pdfplumber's ``crop`` does.
- A page with text PDFium's text page leaves out (single glyphs of a non-embedded font that
  this machine cannot measure) is read by pdfplumber instead (``pdf_plumber.PdfplumberPages``).
- A file PDFium cannot open, or a page it fails on, is tried with pdfplumber.
- Encrypted without the right password → ``EncryptedDocument``, a wrong password told apart
  from a missing one.  The rest (furniture, re-joined lines, status, warnings) is ``pdf_text``.

``pdf_plumber.load_pdf_pdfplumber`` is the previous reader, kept as the reference that
``tests/test_pdf_equivalence.py`` and ``benchmarks/bench_pdf.py`` compare with.
"""
from __future__ import annotations

from ..config import Settings
from ..errors import EncryptedDocument, LoadError
from .document import LoadedDocument
from .layout import Char, Line, crop_chars, dedupe_chars, visual_lines
from .pdf_tables import find_tables, has_ruling, table_rows
from .pdf_text import CJK_SPACE, Block, PdfPages, document_title, finish


def load_pdf(data: bytes, name: str, settings: Settings) -> LoadedDocument:
    """Read a PDF with PDFium; a file or a page PDFium cannot read is tried with pdfplumber."""
    from .pdf_plumber import PdfplumberPages, load_pdf_pdfplumber
    from .pdfium import metadata, open_pdf

    try:
        document = open_pdf(data, name, settings.password)
    except EncryptedDocument:
        raise
    except LoadError:   # damage PDFium does not repair; pdfminer may, or says why not
        return load_pdf_pdfplumber(data, name, settings)
    fallback = PdfplumberPages(data, name, settings)
    read = PdfPages()
    try:
        read.page_count = len(document)
        for number in range(min(read.page_count, settings.max_pages)):
            try:
                blocks = _read_page(document, number, read, fallback)
            except MemoryError:  # the worker's memory cap: status crashed, not a broken file
                raise
            except Exception as exc:  # noqa: BLE001 - one broken page must not lose the others
                blocks = _page_by_pdfplumber(fallback, number)
                if blocks is False:
                    read.failed_pages += 1
                    read.warnings.append(f"page {number + 1}: {type(exc).__name__}: {exc}")
                    continue
            if blocks is None:
                read.empty_pages += 1
            else:
                read.pages.append(blocks)
        read.metadata = document_title(metadata(document))
    finally:
        document.close()
        fallback.close()
    return finish(read, name, settings)


def _page_by_pdfplumber(fallback, number: int) -> list[Block] | None | bool:
    """A page PDFium failed on, read by pdfplumber; False when that fails too."""
    try:
        return fallback.blocks(number)
    except MemoryError:
        raise
    except Exception:  # noqa: BLE001 - the PDFium error is the one reported
        return False


def _read_page(document, number: int, read: PdfPages, fallback) -> list[Block] | None:
    """One page's blocks (None: no text layer).  A page with text objects PDFium cannot measure
    is read by pdfplumber instead, if pdfplumber can read it."""
    from .pdfium import read_page

    page = document[number]
    try:
        content = read_page(page)
    finally:
        page.close()
    if content.unmeasured_text:
        blocks = _page_by_pdfplumber(fallback, number)
        if blocks is not False:
            return blocks
    read.unmapped_glyphs += content.unmapped
    if not content.chars:
        return None
    return page_blocks(dedupe_chars(content.chars), content.edges, content.bbox)


def text_lines(chars: list[Char]) -> list[Line]:
    """Visual lines with stray spaces between CJK characters removed; blank lines dropped."""
    return [Line(CJK_SPACE.sub("", ln.text).strip(" \u3000"), ln.x0, ln.x1)
            for ln in visual_lines(chars) if ln.text.strip()]


def page_blocks(chars: list[Char], edges: list[dict], bbox: tuple[float, float, float, float]) -> list[Block]:
    """The page as text and table blocks in reading order: text between tables cropped by
    height, as pdfplumber's ``crop`` does."""
    tables = sorted(find_tables(edges, bbox), key=lambda t: t.bbox[1]) if has_ruling(edges) else []
    blocks: list[Block] = []
    left, top, right, bottom = bbox
    for table in tables:
        _, t_top, _, t_bottom = table.bbox
        if t_top > top:
            blocks.append(("text", text_lines(crop_chars(chars, (left, top, right, t_top)))))
        blocks.append(("table", table_rows(table, chars)))
        top = t_bottom
    if top < bottom:
        blocks.append(("text", text_lines(crop_chars(chars, (left, top, right, bottom)))))
    return blocks


