"""The ledger: one flat row per task, for trackers and spreadsheets (CSV and the XLSX sheet).

Every input gets at least one row: a failed input is one row with its ``status`` and
``error``; a notice gives a row per item, one for values outside every item, and one bare row
when it has neither.  Cells are typed (``ledger_rows``); ``to_csv`` writes them as text that
Excel and LibreOffice read back unchanged (README, "The ledger").
"""
from __future__ import annotations

import csv
import io
import re
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # the models need pydantic: `docextract --help` must not import it
    from ..models import Amount, Deadline, Item, Notice, Unit

Cell = str | int | float | bool | None

LEDGER_COLUMNS = (
    "source", "status", "error", "notice_id", "title", "doc_number", "issuer", "date",
    "item_id", "part", "path", "label", "heading",
    "lead_units", "responsible_units", "cooperating_units",
    "due_date", "deadline_dates", "deadlines",
    "amount_min", "amount_max", "amount_min_inclusive", "amount_max_inclusive", "amount_per", "amounts",
    "flags", "text", "start", "end",
)
LIST_SEPARATOR = "；"
DOCUMENT_ROW_HEADING = "(document)"
# A spreadsheet reads "4.10" as the number 4.1, "1.2.3" as a date (LibreOffice, zh-CN) and the
# label "(1)" as -1; a section number that starts with this sign is text everywhere.
PATH_MARKER = "§"
READS_AS_NUMBER = re.compile(r"[(（]?[-+]?\d[\d,./-]*[)）]?%?")
# Cells that a spreadsheet would run as a formula (CSV injection): these first characters.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CURRENCY_WORDS = {"CNY": "元"}


def text_path(path: list[int]) -> str:
    """An item path as text no spreadsheet turns into a number or a date.

    >>> text_path([4, 10])
    '§4.10'
    """
    return PATH_MARKER + ".".join(map(str, path))


def text_label(label: str) -> str:
    """A label as written, marked as text when a spreadsheet would read it as a number.

    >>> text_label("(1)"), text_label("10."), text_label("（一）")
    ('§(1)', '§10.', '（一）')
    """
    return PATH_MARKER + label if READS_AS_NUMBER.fullmatch(label) else label


def unit_label(unit: Unit) -> str:
    """The unit's canonical name where the lexicon knows it, else the name as written."""
    return unit.canonical or unit.name


def _names(units: list[Unit]) -> str:
    return LIST_SEPARATOR.join(dict.fromkeys(map(unit_label, units)))


def _deadline(d: Deadline) -> str:
    return f"{d.text}（{d.date}）" if d.date else f"{d.text}（{d.kind}）"


def number_text(value: float) -> str:
    """A number as a spreadsheet reads it back exactly: no exponent, no trailing .0.

    >>> number_text(50000.0), number_text(0.5), number_text(12345678.0)
    ('50000', '0.5', '12345678')
    """
    return str(int(value)) if value == int(value) else repr(value)


def bounds_text(a: Amount) -> str:
    """The parsed bounds of an amount, readably.

    >>> from docextract.models import Amount
    >>> bounds_text(Amount(text="5万元以下", max=50000, max_inclusive=True, start=0, end=5))
    '≤50000元'
    >>> bounds_text(Amount(text="500-3000元", min=500, max=3000, min_inclusive=True, max_inclusive=True, start=0, end=9))
    '500–3000元'
    """
    unit = CURRENCY_WORDS.get(a.currency, a.currency) + (f"/{a.per}" if a.per else "")
    lo, hi = a.min, a.max
    if lo is not None and hi is not None and lo == hi:
        return f"={number_text(lo)}{unit}"
    if lo is not None and hi is not None and a.min_inclusive and a.max_inclusive:
        return f"{number_text(lo)}–{number_text(hi)}{unit}"
    sides = []
    if lo is not None:
        sides.append(("≥" if a.min_inclusive is not False else ">") + number_text(lo) + unit)
    if hi is not None:
        sides.append(("≤" if a.max_inclusive is not False else "<") + number_text(hi) + unit)
    return "且".join(sides)


def _amount(a: Amount) -> str:
    bounds = bounds_text(a)
    return f"{a.text}（{bounds}）" if bounds else a.text


def _values(deadlines: list[Deadline], amounts: list[Amount], units: list[Unit]) -> dict[str, Cell]:
    dated = sorted(d.date for d in deadlines if d.date)
    first = amounts[0] if amounts else None
    flags = [f for v in (*units, *deadlines, *amounts) for f in v.flags]
    return {
        "due_date": dated[0] if dated else None,
        "deadline_dates": LIST_SEPARATOR.join(d.date for d in deadlines if d.date),
        "deadlines": LIST_SEPARATOR.join(map(_deadline, deadlines)),
        # the numeric columns describe the item's first amount; ``amounts`` lists them all
        "amount_min": first.min if first else None, "amount_max": first.max if first else None,
        "amount_min_inclusive": first.min_inclusive if first and first.min is not None else None,
        "amount_max_inclusive": first.max_inclusive if first and first.max is not None else None,
        "amount_per": first.per if first else None,
        "amounts": LIST_SEPARATOR.join(map(_amount, amounts)),
        "flags": LIST_SEPARATOR.join(dict.fromkeys(flags)),
    }


def notice_cells(notice: Notice) -> dict[str, Cell]:
    """The columns every row of a notice shares."""
    return {"source": notice.source or notice.file, "status": notice.status, "error": notice.error,
            "notice_id": notice.id, "title": notice.title, "doc_number": notice.doc_number,
            "issuer": notice.issuer, "date": notice.date}


def item_cells(item: Item) -> dict[str, Cell]:
    units = [*item.lead_units, *item.responsible_units, *item.cooperating_units]
    return {
        "item_id": item.id, "part": item.part, "path": text_path(item.path), "label": text_label(item.label),
        "heading": item.heading,
        "lead_units": _names(item.lead_units), "responsible_units": _names(item.responsible_units),
        "cooperating_units": _names(item.cooperating_units),
        **_values(item.deadlines, item.amounts, units),
        "text": item.text, "start": item.start, "end": item.end,
    }


def ledger_rows(notice: Notice) -> list[dict[str, Cell]]:
    """The notice's rows: one per item, one for values outside every item, at least one."""
    base = dict.fromkeys(LEDGER_COLUMNS) | notice_cells(notice)
    rows = [base | item_cells(item) for item in notice.items]
    if notice.deadlines or notice.amounts:
        rows.append(base | {"heading": DOCUMENT_ROW_HEADING} | _values(notice.deadlines, notice.amounts, []))
    return rows or [base]


def csv_cell(value: Cell) -> str:
    """A cell as CSV text: numbers exact, booleans true/false, text never run as a formula.

    >>> csv_cell(50000.0), csv_cell(True), csv_cell(None), csv_cell("=1+1"), csv_cell("§4.10")
    ('50000', 'true', '', "'=1+1", '§4.10')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return number_text(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


# Excel reads a CSV as UTF-8 only after a byte-order mark, and expects CRLF line ends.
CSV_BOM = "\ufeff"
CSV_LINE_END = "\r\n"


def to_csv(notices: Iterable[Notice], header: bool = True) -> str:
    """The ledger of ``notices`` as CSV text; with ``header``, the BOM and the header line first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=CSV_LINE_END)
    if header:
        buffer.write(CSV_BOM)
        writer.writerow(LEDGER_COLUMNS)
    for notice in notices:
        for row in ledger_rows(notice):
            writer.writerow([csv_cell(row[c]) for c in LEDGER_COLUMNS])
    return buffer.getvalue()
