"""Items built straight from the rows of task tables (``load.document.Table``), not from text.

Each row of a task table is an item: its label is the 序号 cell as written, its text starts with
the task cell, and its role cells are its ``fields`` (where its units and deadline stand), so
nothing is parsed back out of the text.  Rows nest under the item that holds the table (the last
item of its part before it) and among themselves by the rank of their 序号's style (一、 rows hold
1 rows: a bare 1 reads as 1., a bare 二 as 二、); a 序号 that reads as no number (—) stands at the
table's shallowest level with the next number there; a table without a 序号 column numbers its
rows in order.  Numbered criteria inside a row's other cells (1. 2. 3. in a 考核指标 cell) are the
row's children, numbered as any list is (``numbering``), each ending with its cell.

The cells are placed in the loaded text; the cleaned body keeps a map back to it, read the other
way (``TrackedText.from_source_span``, read segment by segment: ``sourcespans``)."""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..load.document import Cell, Table
from ..load.columns import number_label
from ..text.textmap import TrackedText
from .labels import line_candidates
from .nodes import Field, ItemNode, Line, PartNode
from .numbering import number_items
from .outline import heading_of
from .sourcespans import SourceSpans

ROW_STYLE = "table_row"   # the style of a row whose 序号 reads as no label
HEADING_END = "。；;，,：:"
FIELD_ROLES = ("lead", "responsible", "cooperating", "deadline")


@dataclass(frozen=True)
class BodyRow:
    """A task row with body offsets: its 序号, task and other cells, its role cells, and the span
    of the cells printed in it (a merged cell printed in an earlier row is not)."""

    number: tuple[int, int] | None
    task: tuple[int, int] | None
    others: tuple[tuple[int, int], ...]
    fields: tuple[Field, ...]
    start: int
    end: int


@dataclass(frozen=True)
class BodyTable:
    start: int
    end: int
    rows: tuple[BodyRow, ...]


def _span(spans: SourceSpans, body: str, cell: Cell | None) -> tuple[int, int] | None:
    """The body span of a placed cell, white space trimmed; None when cleaning dropped it."""
    if cell is None or not cell.placed:
        return None
    span = spans.body_span(cell.start, cell.end)
    if span is None:
        return None
    start, end = span
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def body_tables(tables: tuple[Table, ...], tracked: TrackedText) -> list[BodyTable]:
    """The task tables with their cells in body offsets (rows whose cells all went are dropped)."""
    out = []
    spans = None   # read from the map when a task table needs it
    for table in tables:
        if not table.is_task or table.start < 0:
            continue
        spans = spans or SourceSpans(tracked)
        span = spans.body_span(table.start, table.end)
        if span is None:
            continue
        rows, seen = [], set()
        for row in table.rows:
            body_row = _body_row(table, row.cells, spans, tracked.text, seen)
            if body_row is not None:
                rows.append(body_row)
        if rows:
            out.append(BodyTable(span[0], max(span[1], rows[-1].end), tuple(rows)))
    return out


def _body_row(table: Table, cells: tuple[Cell, ...], spans: SourceSpans, body: str, seen: set) -> BodyRow | None:
    number = task = None
    others, fields, own = [], [], []
    for cell in cells:
        span = _span(spans, body, cell)
        if span is None:
            continue
        if span not in seen:
            own.append(span)
            seen.add(span)
        role = table.role(cell)
        if role == "number" and number is None:
            number = span
        elif role == "task" and task is None:
            task = span
        elif role in FIELD_ROLES:
            fields.append(Field(role, table.columns[cell.column].name, *span))
        elif span in own:
            others.append(span)
    if not own:
        return None
    return BodyRow(number, task, tuple(others), tuple(fields), min(s for s, _ in own), max(e for _, e in own))


def _part_of(parts: list[PartNode], offset: int) -> int:
    starts = [p.start for p in parts]
    return max(bisect.bisect_right(starts, offset) - 1, 0)


def row_items(body: str, lines: list[Line], tables: list[BodyTable], parts: list[PartNode],
              items: list[ItemNode]) -> list[ItemNode]:
    """The items of every task table's rows and of the criteria inside their cells."""
    out: list[ItemNode] = []
    line_starts = [ln.start for ln in lines]
    for table in tables:
        part = _part_of(parts, table.start)
        holder = [it for it in items if it.part == part and it.start < table.start]
        prefix = holder[-1].path if holder else ()
        labels = [_label(body, row) for row in table.rows]
        shallowest = min((style.rank for style, _ in filter(None, labels)), default=0)
        stack: list[tuple[int, tuple[int, ...]]] = []
        last: dict[tuple[tuple[int, ...], int], int] = {}
        for row, label in zip(table.rows, labels):
            rank = label[0].rank if label else shallowest
            while stack and stack[-1][0] >= rank:
                stack.pop()
            parent = stack[-1][1] if stack else prefix
            number = label[1] if label else last.get((parent, rank), 0) + 1
            path = parent + (number,)
            stack.append((rank, path))
            last[(parent, rank)] = number
            children = _criteria(body, lines, line_starts, row, part, path)
            out.append(_row_node(body, row, part, path, label[0].name if label else ROW_STYLE, children))
            out.extend(children)
    return out


def _label(body: str, row: BodyRow):
    return number_label(body[row.number[0]:row.number[1]]) if row.number else None


def _row_node(body: str, row: BodyRow, part: int, path: tuple[int, ...], style: str,
              children: list[ItemNode]) -> ItemNode:
    label = body[row.number[0]:row.number[1]] if row.number else ""
    start = row.number[0] if row.number else row.start
    text_start = row.task[0] if row.task else _after_label(body, row)
    end = children[0].start if children else row.end
    while end > text_start and body[end - 1].isspace():
        end -= 1
    heading = None
    if row.task:
        heading = body[row.task[0]:row.task[1]].split("\n", 1)[0].strip().rstrip(HEADING_END) or None
    return ItemNode(part, path, label, style, heading, start, text_start, max(end, text_start), row.fields, row=True)


def _after_label(body: str, row: BodyRow) -> int:
    pos = row.number[1] if row.number else row.start
    while pos < row.end and body[pos].isspace():
        pos += 1
    return pos


def _criteria(body: str, lines: list[Line], line_starts: list[int], row: BodyRow, part: int,
              path: tuple[int, ...]) -> list[ItemNode]:
    """Numbered lists inside the row's task and other cells: its children, each ending with its cell."""
    cells = ([row.task] if row.task else []) + list(row.others)
    found = []
    for start, end in cells:
        first = bisect.bisect_right(line_starts, start) - 1
        last = bisect.bisect_left(line_starts, end)
        found += [(c, end) for c in line_candidates(lines, first, last)
                  if start <= c.start < end and not (row.task and c.start == row.task[0])]
    if not found:   # (most cells: no numbered list)
        return []
    found.sort(key=lambda pair: pair[0].start)
    numbered = number_items([c for c, _ in found])
    cell_end = {id(c): end for c, end in found}
    out = []
    for k, (c, subpath) in enumerate(numbered):
        end = cell_end[id(c)]
        if k + 1 < len(numbered):
            end = min(end, numbered[k + 1][0].start)
        while end > c.text_start and body[end - 1].isspace():
            end -= 1
        end = max(end, c.text_start)
        out.append(ItemNode(part, path + subpath, c.label.text, c.style.name, heading_of(body[c.text_start:end]),
                            c.start, c.text_start, end))
    return out
