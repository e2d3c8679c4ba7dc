"""Stage 4, structure: title, issuer, 发文字号, dates, recipients, parts and the item tree.

Works on the cleaned body, one paragraph per line.  Items follow GB/T 9704 levels (一、 / （一） /
1. / （1）) and regulation levels (第X章 / 第X节 / 第X条); see ``labels`` and ``numbering`` for
how labels are found and nested, ``head`` and ``signature`` for the metadata, ``parts`` for
issued and attached documents, ``metadata`` for what the page said about itself.  Every step is
linear in the number of lines."""
from __future__ import annotations

from ..clean import Cleaned
from ..load.document import Table
from .head import Found, find_head
from .metadata import choose_date, choose_doc_number, choose_issuer, choose_title, page_title_line
from .nodes import Line, LinesText, PartNode, Skeleton, evidence_at, lines_of
from .outline import OpenItem, close_items, items_of_part, outside_spans
from .parts import part_starts
from .rows import body_tables, row_items
from .signature import Signature, find_signature


def structure(cleaned: Cleaned, tables: tuple[Table, ...] = ()) -> Skeleton:
    """Find the notice's metadata, parts and item tree in the cleaned body; the rows of the task
    tables the loader found (``tables``, placed in the loaded text) are items of their own."""
    body = cleaned.body
    lines = lines_of(body)
    joined = LinesText(lines, body)   # the passes that look for lines holding a character share it
    task_tables = body_tables(tables, cleaned.text)
    table_spans = [(t.start, t.end) for t in task_tables]
    metadata = dict(cleaned.metadata)
    head = find_head(lines)
    if head.title is None:
        # furniture above the page's own title: read the head from the line that starts with it
        k = page_title_line(lines, metadata)
        if k:
            head = find_head(lines, k)
    title = choose_title(head, lines, metadata)

    starts, duplicate = part_starts(lines, head, title.value if title else None, joined)
    end_of_parts = duplicate if duplicate is not None else len(lines)
    bounds = [(a.line, starts[k + 1].line if k + 1 < len(starts) else end_of_parts)
              for k, a in enumerate(starts)]
    bounds.insert(0, (0, starts[0].line if starts else end_of_parts))
    parts = _parts(body, lines, bounds, title, starts)

    open_items: list[OpenItem] = []
    closing_starts: list[int] = []
    signature0: Signature | None = None
    for k, (a, b) in enumerate(bounds):
        first = head.end_line if k == 0 else a + 1
        signature = find_signature(lines, first, b)
        if k == 0:
            signature0 = signature
        last = signature.first_line if signature else b
        open_items.extend(items_of_part(k, lines, first, last, table_spans, joined))
        if last < b:
            closing_starts.append(lines[last].start)
    closing_starts.extend(start for start, _ in table_spans)   # an item before a table ends at it
    items = close_items(open_items, parts, closing_starts, lines, body)
    if duplicate is not None:   # the second copy of a page holds no items
        task_tables = [t for t in task_tables if t.start < lines[duplicate].start]
    if task_tables:
        items = sorted(items + row_items(body, lines, task_tables, parts, items), key=lambda it: it.start)

    issuer = choose_issuer(head, signature0, title, metadata)
    doc_number = choose_doc_number(head, metadata)
    date = choose_date(head, signature0)
    header_spans = list(head.spans) + ([(title.start, title.end)] if title and title.start >= 0 else [])
    if duplicate is not None:
        header_spans.append((lines[duplicate].start, len(body)))   # the second copy holds no values
    recipients = evidence_at(body, head.recipients.start, head.recipients.end) if head.recipients else None
    return Skeleton(
        cleaned=cleaned,
        title_text=title.value if title else None, title=_evidence(body, title),
        issuer_text=issuer.value if issuer else None, issuer=_evidence(body, issuer),
        doc_number_text=doc_number.value if doc_number else None, doc_number=_evidence(body, doc_number),
        date=(date.value, evidence_at(body, date.start, date.end)) if date else None,
        published=metadata.get("published"), recipients=recipients, parts=tuple(parts),
        items=tuple(items), outside=outside_spans(body, items, parts, header_spans), metadata=metadata,
    )


def _evidence(body: str, found: Found | None):
    """Evidence for a value read from the body; None for a value from the page's metadata."""
    if found is None or found.start < 0 or found.end <= found.start:
        return None
    return evidence_at(body, found.start, found.end)


def _parts(body: str, lines: list[Line], bounds: list[tuple[int, int]], title: Found | None,
           starts) -> list[PartNode]:
    parts = []
    for k, (a, b) in enumerate(bounds):
        start = lines[a].start if a < len(lines) else len(body)
        end = lines[b - 1].end if b > a else start
        if k == 0:
            ptitle = _evidence(body, title)
        else:
            span = starts[k - 1].title
            ptitle = evidence_at(body, *span) if span else None
        parts.append(PartNode(ptitle, start, end))
    return parts
