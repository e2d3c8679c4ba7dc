"""From the pages a PDF reader hands on to the document's text: page furniture out, wrapped
lines re-joined, tables rendered, the 抄送/印发 block cut, the status and the warnings.

Both readers (``pdf`` on PDFium, ``pdf_plumber`` on pdfplumber) hand their pages here as
``PdfPages``: per page, ("text", [Line]) and ("table", rows) blocks in reading order.

- Page numbers (``— 3 —``, ``第3页``) and running headers go (``layout.drop_furniture``);
  wrapped lines are re-joined by position, across page breaks too (``layout.join_lines``).
- A header-less table right after a task table continues it (a table split by a page break).
- No page with text → ``NeedsOCR`` (or ``LoadError`` when pages failed); pages without text,
  pages that failed, pages past ``settings.max_pages`` → status ``partial`` with a warning.
- Glyphs without a Unicode mapping and U+FFFD are counted in the warnings; radical code points
  (⺠ ⼤) read as the characters (民 大).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..config import Settings
from ..errors import LoadError, NeedsOCR
from .document import LoadedDocument
from .glyphs import fold_radicals
from .layout import drop_furniture, geometry, join_lines
from .tables import RenderedTable, continued_on_next_page, continues, place_tables, render_table

DISTRIBUTION = re.compile(r"^\s*(?:抄送|抄报|分送)\s*[:：]")
PRINTED_ON = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印\s*发\s*$")
# Spaces between CJK characters (letter-spaced titles, justified lines) and between CJK and
# digits (word processors' CJK/Latin auto-spacing: 2024 年).
CJK_SPACE = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])[ \u00a0]+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef0-9])"
                       r"|(?<=[0-9])[ \u00a0]+(?=[\u4e00-\u9fff])")
CID = re.compile(r"\(cid:\d+\)")   # pdfminer's name for a glyph without a Unicode mapping
JUNK_TITLES = frozenset({"untitled", "无标题", "microsoft word", "anonymous"})
DISTRIBUTION_WINDOW = 15   # the 抄送 block is looked for in this many last lines

Block = tuple[str, object]   # ("text", [Line]) or ("table", rows)


@dataclass
class PdfPages:
    """What a PDF reader hands to ``finish``: each read page's blocks and what went missing."""

    pages: list[list[Block]] = field(default_factory=list)
    page_count: int = 0
    empty_pages: int = 0          # pages without a text layer
    failed_pages: int = 0
    unmapped_glyphs: int = 0
    warnings: list[str] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)


def finish(read: PdfPages, name: str, settings: Settings) -> LoadedDocument:
    """Furniture out, lines re-joined, tables rendered, the 抄送 block cut; status and warnings."""
    if not read.pages and read.failed_pages:
        raise LoadError(name, f"no page could be read ({read.warnings[-1]})")
    if not read.pages:
        raise NeedsOCR(name, "no text layer (a scanned PDF)", "run OCR first, e.g. ocrmypdf")
    warnings = list(read.warnings)
    pages = drop_furniture(read.pages)
    blocks = join_lines([b for blocks in pages for b in blocks], geometry(pages))
    rendered: list[RenderedTable] = []
    text = fold_radicals(_cut_distribution_block(_render(blocks, rendered)))
    unmapped = read.unmapped_glyphs + len(CID.findall(text))
    text = CID.sub("", text)
    if read.page_count > settings.max_pages:
        warnings.append(f"read the first {settings.max_pages} of {read.page_count} pages (--max-pages)")
    if read.empty_pages:
        warnings.append(f"{read.empty_pages} page(s) without a text layer (scanned?): their text is missing")
    if unmapped:
        warnings.append(f"{unmapped} glyphs without a Unicode mapping (dropped)")
    bad = text.count("\ufffd")
    if bad:
        warnings.append(f"{bad} U+FFFD replacement characters")
    partial = read.page_count > settings.max_pages or read.empty_pages or read.failed_pages
    return LoadedDocument(name=name, text=text, format="pdf", metadata=read.metadata, warnings=tuple(warnings),
                          status="partial" if partial else "ok", tables=place_tables(text, rendered))


def _render(blocks: list[Block], tables: list[RenderedTable]) -> str:
    """Render the blocks (the tables rendered added to ``tables``); a header-less table right
    after a task table continues it (a table split across a page break)."""
    merged: list[Block] = []
    for kind, value in blocks:
        if kind == "text" and not value.strip():
            continue
        if kind == "table" and merged and merged[-1][0] == "table" and continues(merged[-1][1], value):
            merged[-1] = ("table", continued_on_next_page(merged[-1][1], value))
            continue
        merged.append((kind, value))
    parts = []
    for kind, value in merged:
        if kind == "table":
            tables.append(render_table(value))
            value = tables[-1].text
        parts.append(value)
    return "\n".join(parts)


def _cut_distribution_block(text: str) -> str:
    lines = text.split("\n")
    for i in range(len(lines) - 1, max(-1, len(lines) - DISTRIBUTION_WINDOW), -1):
        if DISTRIBUTION.match(lines[i]):
            return "\n".join(lines[:i])
    return "\n".join(ln for ln in lines if not PRINTED_ON.search(ln))


def document_title(info: dict) -> dict[str, str]:
    """The document-information title, when it is a real one (not "untitled")."""
    found = {}
    for key, target in (("Title", "title"),):   # Author/Subject are the tool's or a template's
        value = info.get(key)
        value = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value or "")
        value = value.strip()
        if value and value.lower() not in JUNK_TITLES and not value.lower().startswith("microsoft word - "):
            found[target] = value
    return found
