"""DOCX loader (python-docx): paragraphs and tables in document order, numbering as written.

A table's cells keep their paragraphs (one per line: ``tables.render_table`` with
``paragraphs=True``); a cell merged across columns is read once, a cell merged down a column
is marked ``Continued`` in the rows it spans (a task table's row keeps its units, a list does
not print them again).
"""
from __future__ import annotations

import io
import zipfile

from ..config import Settings
from ..errors import LoadError, TooLarge
from .document import LoadedDocument
from .furniture import strip_furniture
from .tables import Continued, place_tables, render_table

W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _rows(table) -> list[list[str]]:
    rows: list[list[str]] = []
    above: list[object] = []
    for row in table.rows:
        cells, seen, elements = [], set(), []
        for column, cell in enumerate(row.cells):
            # merged cells repeat the same cell element: across columns the text is kept once
            # (the column stays), down a column it is marked as continued
            if id(cell._tc) in seen:
                cells.append("")
            elif column < len(above) and above[column] is cell._tc:
                cells.append(Continued(cell.text) if cell.text else "")
            else:
                cells.append(cell.text)
            seen.add(id(cell._tc))
            elements.append(cell._tc)
        rows.append(cells)
        above = elements
    return rows


def check_inflated_size(data: bytes, name: str, settings: Settings) -> None:
    """Refuse a .docx whose parts inflate past the size cap (a decompression bomb) before any is
    inflated.  The sizes the archive declares bound what is read: zipfile stops a member there."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        inflated = sum(info.file_size for info in archive.infolist())
    if inflated > settings.max_bytes:
        raise TooLarge(name, f"its parts inflate to {inflated} bytes, over the {settings.max_bytes}-byte cap",
                       "raise --max-bytes")


def load_docx(data: bytes, name: str, settings: Settings) -> LoadedDocument:
    try:
        check_inflated_size(data, name, settings)
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise LoadError(name, f"not a readable .docx ({type(exc).__name__}: {exc})",
                        "open and re-save it in Word or LibreOffice") from exc
    except (MemoryError, TooLarge):  # the worker's memory cap (status crashed), the size cap
        raise
    except Exception as exc:
        raise LoadError(name, f"not a readable .docx ({type(exc).__name__}: {exc})") from exc
    lines: list[str] = []
    tables = []
    for child in document.element.body.iterchildren():
        if child.tag == f"{W_NS}p":
            lines.append(Paragraph(child, document).text)
        elif child.tag == f"{W_NS}tbl":
            tables.append(render_table(_rows(Table(child, document)), paragraphs=True))
            lines.extend(tables[-1].lines)
    core = document.core_properties
    metadata = {"title": core.title} if core.title else {}
    lines = strip_furniture(lines, metadata)   # an export's notes (【法宝引证码】), the 版记 at the end
    text = "\n".join(lines)
    return LoadedDocument(name=name, text=text, format="docx", metadata=metadata, tables=place_tables(text, tables))
