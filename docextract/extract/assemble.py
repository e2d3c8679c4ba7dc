"""Stage 5, extract: units, deadlines and amounts for every item, with evidence, assembled
into the ``Notice``.

Each innermost item's own text (its children excluded) is searched; values in text that
belongs to no item go on the document.  Pure: no I/O.  The extractors themselves live in
``units/``, ``deadlines/`` and ``amounts.py``; this module applies them to the skeleton.
"""
from __future__ import annotations

import bisect
import re
from datetime import date
from operator import attrgetter

from ..config import Settings
from ..load.document import LoadedDocument
from ..models import Evidence, Notice, Unit, validated
from ..structure.nodes import Skeleton
from ..text.dates import iso_date
from ..text.ids import NormalizedBody, item_id, notice_key
from .amounts import extract_amounts
from .cells import cell_context, row_deadlines, row_units, without_row_heads
from .deadlines.find import extract_deadlines
from .units.assign import extract_assignments, find_assignment_context
from .units.names import split_units

YEAR_IN_DOC_NUMBER = re.compile(r"[〔\[［【(（]\s*(\d{4})\s*[〕\]］】)）]")
YEAR_IN_TITLE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# A year the title is about: 2018年 or 2018年度, not one end of a span (2021—2025年, 2024年至2026年).
TITLE_YEAR = re.compile(r"(?<![\d—–\-－~～至到])((?:19|20)\d{2})\s*年度?(?!\s*[—–\-－~～至到]|\d)")


def title_year(title: str | None) -> int | None:
    """The one year a title names as its subject, if it names exactly one year.

    >>> title_year("某县2018年度河长制工作考核细则"), title_year("2021—2025年发展规划"), title_year("某某通知")
    (2018, None, None)
    """
    if not title or len(YEAR_IN_TITLE.findall(title)) != 1:
        return None
    m = TITLE_YEAR.search(title)
    return int(m.group(1)) if m else None


def reference_date(skeleton: Skeleton, settings: Settings) -> tuple[date | None, str]:
    """The date that gives year-less deadlines their year, and where it came from: the signing
    date, else the 文号 year, else the publication date, else the one year the title is about
    (2018年度考核细则), else ``--reference-date`` (which applies only where the notice gives no
    year of its own, README)."""
    signing = skeleton.date[0] if skeleton.date else iso_date(skeleton.metadata.get("date"))
    if signing:
        return date.fromisoformat(signing), "signing_date"
    number = skeleton.doc_number.text if skeleton.doc_number else skeleton.metadata.get("doc_number")
    m = YEAR_IN_DOC_NUMBER.search(number) if number else None
    if m:
        return date(int(m.group(1)), 1, 1), "doc_number"
    published = iso_date(skeleton.published or skeleton.metadata.get("published"))
    if published:
        return date.fromisoformat(published), "published"
    year = title_year(skeleton.title_text or skeleton.metadata.get("title"))
    if year:
        return date(year, 1, 1), "title"
    if settings.reference_date:
        return settings.reference_date, "reference_date"
    return None, "reference_date"


def _owners_of_outside(skeleton: Skeleton) -> list[int | None]:
    """For each span outside every item, the item it belongs to: a span between the last entry
    of a sub-list and a shallower item of the same part is its parent's text after the list
    (第二十九条 …：（一）…；（四）…。 / 义务机构应当自…30个工作日内…); any other span (the head,
    the closing text, a part's title) belongs to no item."""
    items = skeleton.items
    starts = [node.start for node in items]
    index: dict[tuple, int] = {}   # (part, path) → item, made when a span first needs it (few do)
    owners: list[int | None] = []
    for a, _ in skeleton.outside:
        k = bisect.bisect_right(starts, a) - 1   # the item before the span
        before = items[k] if k >= 0 else None
        after = items[k + 1] if 0 <= k + 1 < len(items) else None
        if before is None or after is None or after.part != before.part or len(after.path) >= len(before.path) \
                or len(before.path) < 2 or not before.end <= a:
            owners.append(None)
            continue
        if not index:
            index = {(node.part, tuple(node.path)): j for j, node in enumerate(items)}
        owners.append(index.get((before.part, tuple(before.path[:-1]))))
    return owners


def _metadata_value(skeleton: Skeleton, field: str) -> tuple[str | None, Evidence | None]:
    """The structure stage's value (from the body, else from the page's metadata) and its evidence."""
    found = getattr(skeleton, field)
    value = getattr(skeleton, f"{field}_text")
    if value:
        return value, found
    if found is not None:
        return found.text, found
    return skeleton.metadata.get(field) or skeleton.metadata.get(f"attachment_{field}"), None


def extract(skeleton: Skeleton, loaded: LoadedDocument, settings: Settings) -> Notice:
    """Assemble the Notice: metadata, parts, items with their values, document-level values."""
    body = skeleton.body
    nodes = skeleton.items
    reference, reference_source = reference_date(skeleton, settings)
    context = without_row_heads(find_assignment_context(body, nodes, settings), nodes)

    # Deadlines and amounts are found in one pass over the body, then given to the span (an
    # item's own text, or text outside every item) that holds them.
    item_spans = [(node.text_start, node.end) for node in nodes]
    spans = [*item_spans, *skeleton.outside]
    in_span = _span_finder(spans)
    found, in_cells = row_deadlines(extract_deadlines(body, reference, reference_source=reference_source), nodes)
    deadlines = in_span(found)
    for k, cell_deadlines in in_cells.items():   # a row's deadline cell, wherever it stands
        deadlines[k] = _by_start(deadlines[k] + cell_deadlines)
    amounts = in_span(extract_amounts(body))
    for k, owner in enumerate(_owners_of_outside(skeleton), len(nodes)):
        if owner is not None:   # the parent's text after its list: its values are the parent's
            deadlines[owner] = _by_start(deadlines[owner] + deadlines[k])
            amounts[owner] = _by_start(amounts[owner] + amounts[k])
            deadlines[k], amounts[k] = [], []

    evidence: dict[str, Evidence] = {}
    values: dict[str, str | None] = {}
    for field in ("title", "issuer", "doc_number"):
        values[field], ev = _metadata_value(skeleton, field)
        if ev:
            evidence[field] = ev
    texts = [body[node.text_start:node.end] for node in nodes]
    normalized_body = NormalizedBody(body, item_spans, texts)
    content_id = normalized_body.notice_id()
    ids = _item_ids(notice_key(values["doc_number"], values["title"], content_id), texts, normalized_body)
    cells_context = cell_context(context) if any(map(_ROW, nodes)) else None
    # The items stay plain dicts: the Notice's validator builds them with it, in one call
    # (the lists in them are copied by the validation, so none is copied here).  A field at its
    # default (no heading, no units or values: most items) is left out and the model fills it
    # in: pydantic takes a default for less than it validates and copies an empty list.
    items = []
    for k, node in enumerate(nodes):
        span = texts[k]
        if node.row:   # a task table's row: units from its role cells, then what the rest of its text assigns
            units = row_units(body, node, context, cells_context)
            lead, responsible, cooperating = units["lead"], units["responsible"], units["cooperating"]
        else:
            assigned = extract_assignments(span, node.text_start, context)
            lead, responsible, cooperating = assigned.lead, assigned.responsible, assigned.cooperating
        item = {"id": ids[k], "part": node.part, "path": node.path, "label": node.label, "text": span,
                "start": node.start, "end": node.end}
        if node.heading is not None:
            item["heading"] = node.heading
        if lead:
            item["lead_units"] = lead
        if responsible:
            item["responsible_units"] = responsible
        if cooperating:
            item["cooperating_units"] = cooperating
        if deadlines[k]:
            item["deadlines"] = deadlines[k]
        if amounts[k]:
            item["amounts"] = amounts[k]
        items.append(item)
    outside = range(len(nodes), len(spans))
    doc_deadlines = [d for k in outside for d in deadlines[k]]
    doc_amounts = [a for k in outside for a in amounts[k]]

    signing = skeleton.date[0] if skeleton.date else iso_date(skeleton.metadata.get("date"))
    if skeleton.date:
        evidence["date"] = skeleton.date[1]
    published = iso_date(skeleton.published or skeleton.metadata.get("published"))

    parts = [{"title": (values["title"] if k == 0 else p.title.text) if p.title else None, "start": p.start, "end": p.end}
             for k, p in enumerate(skeleton.parts)]
    if parts and parts[0]["title"] is None and values["title"]:
        parts[0]["title"] = values["title"]

    warnings = list(loaded.warnings)
    has_text = bool(body.strip())
    if not has_text:
        warnings.append("no text left after cleaning")
    return validated(Notice, {
        "file": _file_name(loaded.name), "id": content_id, "status": loaded.status if has_text else "empty",
        "format": loaded.format, "encoding": loaded.encoding,
        "title": values["title"], "issuer": values["issuer"], "doc_number": values["doc_number"],
        "date": signing, "published": published, "evidence": evidence,
        "recipients": _recipients(skeleton), "parts": parts, "items": items,
        "deadlines": doc_deadlines, "amounts": doc_amounts, "body": body,
        "metadata": {k: v for k, v in skeleton.metadata.items() if isinstance(v, str)},
        "warnings": warnings,
    })


def _span_finder(spans: list[tuple[int, int]]):
    """``in_span(values)``: the values grouped by the span that contains them entirely; values
    in no span (the title, the 文号 line) are dropped.  Spans do not overlap; they are put in
    order once for every kind of value."""
    begins = [start for start, _ in spans]
    order = sorted(range(len(spans)), key=begins.__getitem__)
    starts = [begins[k] for k in order]

    def in_span(values: list) -> list[list]:
        grouped: list[list] = [[] for _ in spans]
        for value in values:
            i = bisect.bisect_right(starts, value.start) - 1
            if i >= 0:
                k = order[i]
                if starts[i] <= value.start and value.end <= spans[k][1]:
                    grouped[k].append(value)
        return grouped
    return in_span


def _by_start(values: list) -> list:
    """Values in the order of their start (stable: equal starts keep their order)."""
    return sorted(values, key=_START)


_START = attrgetter("start")
_ROW = attrgetter("row")


def _item_ids(key: str, texts: list[str], normalized_body: NormalizedBody) -> list[str]:
    """The items' stable ids; the n-th item with the same text as an earlier one gets n in its
    id, so two identical items (a repeated 略) keep distinct ids."""
    out = normalized_body.item_ids(key)
    if len(set(out)) == len(out):
        return out   # (the common case: no two items alike)
    seen: dict[str, int] = {}
    for k, ident in enumerate(out):
        seen[ident] = seen.get(ident, 0) + 1
        if seen[ident] > 1:
            out[k] = item_id(key, f"{texts[k]}\x1f{seen[ident]}")
    return out


def _recipients(skeleton: Skeleton) -> list[Unit]:
    line = skeleton.recipients
    return split_units(line.text, line.start) if line else []


def _file_name(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1]
