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

from ..config import Settings
from ..errors import EncryptedDocument, LoadError, NeedsOCR
from .document import LoadedDocument
from .layout import Line, drop_furniture, geometry, join_lines
from .tables import is_task_table, render_table

DISTRIBUTION = re.compile(r"^\s*(?:抄送|抄报|分送)\s*[:：]")
PRINTED_ON = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印\s*发\s*$")
CID = re.compile(r"\(cid:\d+\)")
# Spaces pdfminer puts between CJK characters (letter-spaced titles, justified lines) and
# between CJK and digits (word processors' CJK/Latin auto-spacing: 2024 年).
CJK_SPACE = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])[ \u00a0]+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef0-9])"
                       r"|(?<=[0-9])[ \u00a0]+(?=[\u4e00-\u9fff])")
JUNK_TITLES = frozenset({"untitled", "无标题", "microsoft word", "anonymous"})


def _open(data: bytes, name: str, settings: Settings):
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=settings.password or "")
        pdf.pages  # noqa: B018 - parses the page tree, where a bad password or a broken file shows
        return pdf
    except PdfminerException as exc:
        inner = exc.args[0] if exc.args else exc
        if isinstance(inner, MemoryError):
            raise inner from exc
        if type(inner).__name__ in ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"):
            raise EncryptedDocument(name, "the PDF is encrypted", "pass --password") from exc
        raise LoadError(name, f"not a readable PDF ({type(inner).__name__}: {inner})") from exc
    except MemoryError:  # the worker's memory cap: status crashed, not a broken file
        raise
    except Exception as exc:
        raise LoadError(name, f"not a readable PDF ({type(exc).__name__}: {exc})") from exc


def _lines(region) -> list[Line]:
    return [Line(CJK_SPACE.sub("", ln["text"]).strip(" \u3000"), ln["x0"], ln["x1"])
            for ln in region.extract_text_lines(strip=True, return_chars=False) if ln["text"].strip()]


def _page_blocks(page) -> list[tuple[str, object]]:
    """The page as ("text", [Line]) and ("table", rows) blocks in reading order."""
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    blocks: list[tuple[str, object]] = []
    top = page.bbox[1]
    for table in tables:
        _, t_top, _, t_bottom = table.bbox
        if t_top > top:
            blocks.append(("text", _lines(page.crop((page.bbox[0], top, page.bbox[2], t_top)))))
        blocks.append(("table", table.extract()))
        top = t_bottom
    if top < page.bbox[3]:
        blocks.append(("text", _lines(page.crop((page.bbox[0], top, page.bbox[2], page.bbox[3])))))
    return blocks


def _render(blocks: list[tuple[str, object]]) -> str:
    """Render the blocks; a header-less table right after a task table continues it (a table
    split across a page break)."""
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


def _metadata(info: dict) -> dict[str, str]:
    """The document-information title, when it is a real one (not "untitled")."""
    found = {}
    for key, target in (("Title", "title"),):   # Author/Subject are the tool's or a template's
        value = info.get(key)
        value = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value or "")
        value = value.strip()
        if value and value.lower() not in JUNK_TITLES and not value.lower().startswith("microsoft word - "):
            found[target] = value
    return found


def load_pdf(data: bytes, name: str, settings: Settings) -> LoadedDocument:
    pdf = _open(data, name, settings)
    pages, empty_pages, page_errors, warnings = [], 0, 0, []
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
            except MemoryError:  # the worker's memory cap: status crashed, not a broken file
                raise
            except Exception as exc:  # noqa: BLE001 - one broken page must not lose the others
                page_errors += 1
                warnings.append(f"page {number}: {type(exc).__name__}: {exc}")
            finally:
                page.close()
        metadata = _metadata(pdf.metadata or {})
    finally:
        pdf.close()
    if not pages and page_errors:
        raise LoadError(name, f"no page could be read ({warnings[-1]})")
    if not pages:
        raise NeedsOCR(name, "no text layer (a scanned PDF)", "run OCR first, e.g. ocrmypdf")
    pages = drop_furniture(pages)
    blocks = join_lines([b for blocks in pages for b in blocks], geometry(pages))
    text = _cut_distribution_block(_render(blocks))
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
