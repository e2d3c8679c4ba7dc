"""PDF loader (pdfplumber): the text layer, task tables, page furniture removed.

- ``dedupe_chars()`` against fake bold (a title drawn three times); no ``laparams`` (pdfminer's
  layout analysis is quadratic on dense pages); each page closed after use.
- Tables found by pdfplumber are rendered by ``tables.render_table`` in reading order; a table
  continued on the next page (no header of its own) joins the previous one.
- Page numbers (``— 3 —``, ``第3页``), running headers and the 抄送/印发 block are dropped.
- No text layer anywhere → ``NeedsOCR``; some pages without text → status ``partial``;
  encrypted without the right password → ``EncryptedDocument``; ``(cid:…)`` and U+FFFD counted
  as warnings.  Wrapped lines are re-joined by the normalize stage.
"""
from __future__ import annotations

import io
import re
from collections import Counter

from .config import Settings
from .errors import EncryptedDocument, LoadError, NeedsOCR
from .load import LoadedDocument
from .tables import is_task_table, render_table

PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$")
DISTRIBUTION = re.compile(r"^\s*(?:抄送|抄报|分送)\s*[:：]")
PRINTED_ON = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印\s*发\s*$")
CID = re.compile(r"\(cid:\d+\)")
RUNNING_HEADER_MIN_PAGES = 3   # a first line repeated on this many pages is a running header


def _open(data: bytes, name: str, settings: Settings):
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=settings.password or "")
        pdf.pages  # noqa: B018 - parses the page tree, where a bad password or a broken file shows
        return pdf
    except PdfminerException as exc:
        inner = exc.args[0] if exc.args else exc
        if type(inner).__name__ in ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"):
            raise EncryptedDocument(name, "the PDF is encrypted", "pass --password") from exc
        raise LoadError(name, f"not a readable PDF ({type(inner).__name__}: {inner})") from exc
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many types on broken files
        raise LoadError(name, f"not a readable PDF ({type(exc).__name__}: {exc})") from exc


def _page_blocks(page) -> list[tuple[str, object]]:
    """The page as ("text", str) and ("table", rows) blocks in reading order."""
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    blocks: list[tuple[str, object]] = []
    top = page.bbox[1]
    for table in tables:
        x0, t_top, x1, t_bottom = table.bbox
        if t_top > top:
            above = page.crop((page.bbox[0], top, page.bbox[2], t_top)).extract_text() or ""
            blocks.append(("text", above))
        blocks.append(("table", table.extract()))
        top = t_bottom
    rest = page.crop((page.bbox[0], top, page.bbox[2], page.bbox[3])).extract_text() if top < page.bbox[3] else ""
    blocks.append(("text", rest or ""))
    return blocks


def _drop_furniture(pages: list[list[tuple[str, object]]]) -> list[list[tuple[str, object]]]:
    firsts = Counter()
    for blocks in pages:
        for kind, value in blocks:
            if kind == "text" and value.strip():
                firsts[value.strip().split("\n")[0].strip()] += 1
                break
    headers = {line for line, n in firsts.items() if n >= RUNNING_HEADER_MIN_PAGES and n >= len(pages) / 2}
    cleaned = []
    for blocks in pages:
        out = []
        for kind, value in blocks:
            if kind == "text":
                lines = [ln for ln in value.split("\n") if not PAGE_NUMBER.match(ln) and ln.strip() not in headers]
                value = "\n".join(lines)
            out.append((kind, value))
        cleaned.append(out)
    return cleaned


def _join(blocks: list[tuple[str, object]]) -> str:
    """Render the blocks; a header-less table right after a task table continues it."""
    merged: list[tuple[str, object]] = []
    for kind, value in blocks:
        if kind == "text" and not value.strip():
            continue
        if kind == "table" and merged and merged[-1][0] == "table" and is_task_table(merged[-1][1]) \
                and not is_task_table(value):
            merged[-1] = ("table", merged[-1][1] + value)
            continue
        merged.append((kind, value))
    parts = [value if kind == "text" else "\n".join(render_table(value)) for kind, value in merged]
    return "\n".join(parts)


def _cut_distribution_block(text: str) -> str:
    lines = text.split("\n")
    for i in range(len(lines) - 1, max(-1, len(lines) - 15), -1):
        if DISTRIBUTION.match(lines[i]):
            return "\n".join(lines[:i])
    return "\n".join(ln for ln in lines if not PRINTED_ON.search(ln))


def load_pdf(data: bytes, name: str, settings: Settings) -> LoadedDocument:
    pdf = _open(data, name, settings)
    pages, empty_pages, warnings = [], 0, []
    try:
        for number, page in enumerate(pdf.pages, start=1):
            if number > settings.max_pages:
                warnings.append(f"read the first {settings.max_pages} of {len(pdf.pages)} pages (--max-pages)")
                break
            try:
                deduped = page.dedupe_chars()
                if not deduped.chars:
                    empty_pages += 1
                    continue
                pages.append(_page_blocks(deduped))
            except Exception as exc:  # noqa: BLE001 - one broken page must not lose the others
                warnings.append(f"page {number}: {type(exc).__name__}: {exc}")
            finally:
                page.close()
        metadata = {k.lower(): str(v) for k, v in (pdf.metadata or {}).items() if k in ("Title",) and v}
    finally:
        pdf.close()
    if not pages:
        raise NeedsOCR(name, "no text layer (a scanned PDF)", "run OCR first, e.g. ocrmypdf")
    text = _cut_distribution_block(_join([b for blocks in _drop_furniture(pages) for b in blocks]))
    status = "ok"
    if empty_pages:
        warnings.append(f"{empty_pages} page(s) without a text layer (scanned?): their text is missing")
        status = "partial"
    cids = len(CID.findall(text))
    if cids:
        warnings.append(f"{cids} (cid:…) glyphs without a Unicode mapping")
        text = CID.sub("", text)
    bad = text.count("\ufffd")
    if bad:
        warnings.append(f"{bad} U+FFFD replacement characters")
    return LoadedDocument(name=name, text=text, format="pdf", metadata=metadata, warnings=tuple(warnings),
                          status=status)
