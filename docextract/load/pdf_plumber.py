"""The previous PDF reader, pdfplumber over pdfminer: the reference the PDFium reader is compared
with (``tests/test_pdf_equivalence.py``, ``benchmarks/bench_pdf.py``).

About 40 ms a page, nearly all of it pdfminer's page parse that ``dedupe_chars`` sets off; no
``laparams`` (pdfminer's layout analysis is quadratic on dense pages); each page closed after
use.  Pages go through the same ``pdf_text.finish`` as the PDFium reader's.
"""
from __future__ import annotations

import io

from ..config import Settings
from ..errors import EncryptedDocument, LoadError
from .document import LoadedDocument
from .layout import Line
from .pdf_text import CJK_SPACE, Block, PdfPages, document_title, finish


def load_pdf_pdfplumber(data: bytes, name: str, settings: Settings) -> LoadedDocument:
    """Read a PDF with pdfplumber (slow; kept as the reference)."""
    pdf = _open(data, name, settings)
    read = PdfPages()
    try:
        read.page_count = len(pdf.pages)
        for number, page in enumerate(pdf.pages[:settings.max_pages], start=1):
            try:
                deduped = page.dedupe_chars()
                if not deduped.chars:
                    read.empty_pages += 1
                    continue
                read.pages.append(_page_blocks(deduped))
            except MemoryError:  # the worker's memory cap: status crashed, not a broken file
                raise
            except Exception as exc:  # noqa: BLE001 - one broken page must not lose the others
                read.failed_pages += 1
                read.warnings.append(f"page {number}: {type(exc).__name__}: {exc}")
            finally:
                page.close()
        read.metadata = document_title(pdf.metadata or {})
    finally:
        pdf.close()
    return finish(read, name, settings)


class PdfplumberPages:
    """Single pages read with pdfplumber on demand: those with text PDFium leaves out.  The
    document is opened at the first such page."""

    def __init__(self, data: bytes, name: str, settings: Settings):
        self._source = (data, name, settings)
        self._pdf = None
        self._unreadable: LoadError | None = None   # pdfplumber cannot open the file: said once

    def blocks(self, index: int) -> list[Block] | None:
        """The page's blocks, or None when it has no characters."""
        if self._unreadable is not None:
            raise self._unreadable
        if self._pdf is None:
            try:
                self._pdf = _open(*self._source)
            except LoadError as error:
                self._unreadable = error
                raise
        page = self._pdf.pages[index]
        try:
            deduped = page.dedupe_chars()
            return _page_blocks(deduped) if deduped.chars else None
        finally:
            page.close()

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()


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


def _page_blocks(page) -> list[Block]:
    """The page as ("text", [Line]) and ("table", rows) blocks in reading order."""
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    blocks: list[Block] = []
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
