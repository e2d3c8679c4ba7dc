"""DOCX loader (python-docx): paragraphs and tables in document order, numbering as written."""
from __future__ import annotations

import io
import zipfile

from ..config import Settings
from ..errors import LoadError
from .document import LoadedDocument
from .tables import render_table

W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _rows(table) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            # merged cells repeat the same cell object: keep the text once, keep the column
            cells.append("" if id(cell._tc) in seen else cell.text)
            seen.add(id(cell._tc))
        rows.append(cells)
    return rows


def load_docx(data: bytes, name: str, settings: Settings) -> LoadedDocument:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise LoadError(name, f"not a readable .docx ({type(exc).__name__}: {exc})",
                        "open and re-save it in Word or LibreOffice") from exc
    except MemoryError:  # the worker's memory cap: status crashed, not a broken file
        raise
    except Exception as exc:
        raise LoadError(name, f"not a readable .docx ({type(exc).__name__}: {exc})") from exc
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == f"{W_NS}p":
            lines.append(Paragraph(child, document).text)
        elif child.tag == f"{W_NS}tbl":
            lines.extend(render_table(_rows(Table(child, document))))
    core = document.core_properties
    metadata = {"title": core.title} if core.title else {}
    return LoadedDocument(name=name, text="\n".join(lines), format="docx", metadata=metadata)
