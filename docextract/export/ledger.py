"""The ledger: one flat row per item, for task trackers and spreadsheets (CSV)."""
from __future__ import annotations

import csv
import io
from typing import Iterable

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the models need pydantic: `docextract --help` must not import it
    from ..models import Amount, Deadline, Item, Notice, Unit

LEDGER_COLUMNS = (
    "file", "title", "doc_number", "issuer", "date", "part", "path", "label", "heading",
    "lead_units", "responsible_units", "cooperating_units", "deadline_dates", "deadlines",
    "amounts", "text", "start", "end",
)
LIST_SEPARATOR = "；"


def _names(units: list[Unit]) -> str:
    return LIST_SEPARATOR.join(u.name for u in units)


def _deadline(d: Deadline) -> str:
    return f"{d.text}（{d.date}）" if d.date else f"{d.text}（{d.kind}）"


def _amount(a: Amount) -> str:
    lo = "" if a.min is None else f"{'[' if a.min_inclusive else '('}{a.min:g}"
    hi = "" if a.max is None else f"{a.max:g}{']' if a.max_inclusive else ')'}"
    return f"{a.text} {lo},{hi}".strip()


def ledger_rows(notice: Notice) -> list[dict[str, str]]:
    """One row per item (items without any value included), plus one for document-level values."""
    rows = []
    base = {"file": notice.file, "title": notice.title or "", "doc_number": notice.doc_number or "",
            "issuer": notice.issuer or "", "date": notice.date or ""}
    for item in notice.items:
        rows.append(base | _item_row(item))
    if notice.deadlines or notice.amounts:
        rows.append(base | {
            "part": "", "path": "", "label": "", "heading": "(document)",
            "lead_units": "", "responsible_units": "", "cooperating_units": "",
            "deadline_dates": LIST_SEPARATOR.join(d.date for d in notice.deadlines if d.date),
            "deadlines": LIST_SEPARATOR.join(map(_deadline, notice.deadlines)),
            "amounts": LIST_SEPARATOR.join(map(_amount, notice.amounts)),
            "text": "", "start": "", "end": "",
        })
    return rows


def _item_row(item: Item) -> dict[str, str]:
    return {
        "part": str(item.part), "path": ".".join(map(str, item.path)), "label": item.label,
        "heading": item.heading or "",
        "lead_units": _names(item.lead_units), "responsible_units": _names(item.responsible_units),
        "cooperating_units": _names(item.cooperating_units),
        "deadline_dates": LIST_SEPARATOR.join(d.date for d in item.deadlines if d.date),
        "deadlines": LIST_SEPARATOR.join(map(_deadline, item.deadlines)),
        "amounts": LIST_SEPARATOR.join(map(_amount, item.amounts)),
        "text": item.text, "start": str(item.start), "end": str(item.end),
    }


def to_csv(notices: Iterable[Notice], header: bool = True) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=LEDGER_COLUMNS, lineterminator="\n")
    if header:
        writer.writeheader()
    for notice in notices:
        writer.writerows(ledger_rows(notice))
    return buffer.getvalue()
