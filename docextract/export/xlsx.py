"""The XLSX workbook: a ``tasks`` sheet (the ledger, typed cells) and an ``inputs`` sheet (one
row per input with its status), written with XlsxWriter when the sink closes."""
from __future__ import annotations

import datetime
import io
from typing import TYPE_CHECKING, BinaryIO

from .ledger import LEDGER_COLUMNS, Cell, ledger_rows

if TYPE_CHECKING:
    from ..models import Notice

INPUT_COLUMNS = ("source", "file", "status", "error", "notice_id", "title", "doc_number", "issuer", "date",
                 "published", "format", "encoding", "sha256", "items", "warnings")
DATE_COLUMNS = frozenset({"date", "due_date", "published"})
# Excel keeps at most this many characters in a cell; a longer item text is cut with a mark.
EXCEL_CELL_CHARS = 32767
CUT_MARK = "…"
COLUMN_WIDTHS = {"title": 30, "heading": 30, "text": 60, "error": 40, "lead_units": 24,
                 "responsible_units": 24, "cooperating_units": 24, "deadlines": 30, "amounts": 30}
DEFAULT_WIDTH = 12


def input_cells(notice: Notice) -> dict[str, Cell]:
    return {"source": notice.source or notice.file, "file": notice.file, "status": notice.status,
            "error": notice.error, "notice_id": notice.id, "title": notice.title,
            "doc_number": notice.doc_number, "issuer": notice.issuer, "date": notice.date,
            "published": notice.published, "format": notice.format, "encoding": notice.encoding,
            "sha256": notice.sha256, "items": len(notice.items), "warnings": "；".join(notice.warnings)}


class XlsxSink:
    """Collects rows as notices arrive; the workbook is written whole on ``close``."""

    def __init__(self, stream: BinaryIO) -> None:
        import xlsxwriter

        self.stream = stream
        self.buffer = io.BytesIO()
        # typed cells are written by type: text is never turned into a number, URL or formula
        self.book = xlsxwriter.Workbook(self.buffer, {"in_memory": True, "strings_to_numbers": False,
                                                      "strings_to_formulas": False, "strings_to_urls": False})
        self.date_format = self.book.add_format({"num_format": "yyyy-mm-dd"})
        self.header_format = self.book.add_format({"bold": True})
        self.sheets = {}
        for name, columns in (("tasks", LEDGER_COLUMNS), ("inputs", INPUT_COLUMNS)):
            sheet = self.book.add_worksheet(name)
            sheet.write_row(0, 0, columns, self.header_format)
            sheet.freeze_panes(1, 0)
            for k, column in enumerate(columns):
                sheet.set_column(k, k, COLUMN_WIDTHS.get(column, DEFAULT_WIDTH))
            self.sheets[name] = [sheet, columns, 1]

    def _row(self, name: str, row: dict[str, Cell]) -> None:
        sheet, columns, n = self.sheets[name]
        for k, column in enumerate(columns):
            self._cell(sheet, n, k, column, row.get(column))
        self.sheets[name][2] = n + 1

    def _cell(self, sheet, r: int, c: int, column: str, value: Cell) -> None:
        if value is None or value == "":
            return
        if isinstance(value, bool):
            sheet.write_boolean(r, c, value)
        elif isinstance(value, (int, float)):
            sheet.write_number(r, c, value)
        elif column in DATE_COLUMNS and _iso_date(value):
            sheet.write_datetime(r, c, _iso_date(value), self.date_format)
        else:
            text = value if len(value) <= EXCEL_CELL_CHARS else value[:EXCEL_CELL_CHARS - 1] + CUT_MARK
            sheet.write_string(r, c, text)

    def write(self, notice: Notice) -> None:
        for row in ledger_rows(notice):
            self._row("tasks", row)
        self._row("inputs", input_cells(notice))

    def close(self) -> None:
        for sheet, columns, n in self.sheets.values():
            sheet.autofilter(0, 0, max(n - 1, 1), len(columns) - 1)
        self.book.close()
        self.stream.write(self.buffer.getvalue())
        self.stream.flush()


def _iso_date(value: str) -> datetime.datetime | None:
    try:
        return datetime.datetime.fromisoformat(value[:10])
    except ValueError:
        return None
