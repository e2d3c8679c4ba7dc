"""Task tables flattened one cell per paragraph (a Word or PDF table pasted into Markdown or plain
text), rebuilt into rows.

Such a table shows itself by its header: a run of short paragraphs, one column name each, that
names a task or 序号 column and a column of units or deadlines (``tables.task_roles``); where the
table went on over a page the same header is repeated, and the repeats are dropped.  A list of
names laid out the same way names no task column and stays text.  The cells are read back into
rows:

- a row starts with its 序号 cell: right after the header, whatever that cell holds (a lost 一
  may read —); later, a cell that reads as a label going on from the rows before (the next number
  of a style in use, 1 of a new list, or the first 1 or 2 of a style not seen yet);
- a row takes one cell per column; cells past a full row belong to the rows that a merged 序号
  and task cell span (a merged cell is printed once, in its first row): they fill the last
  columns, in rows whose unit columns hold lists of units;
- the table ends at the end of the text, at an attachment marker (附件2) or at a paragraph longer
  than any cell.

Cells are paragraphs when the header's cells stand between blank lines (the lines of one
paragraph are one cell broken by the copy, and are joined), else lines.  A numeric column (分值)
whose value happens to go on from the 序号 before it is read as a new row: copies that flatten
such tables cannot be told apart from a row numbered in the cell.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..rules.fields import UNIT_ROLES
from .columns import ROLE_COLUMNS, column_role, header_roles, number_label, task_roles
from .tables import NOTHING, SENTENCE_END, RenderedTable, render_table

HEADER_CELL_MAX_CHARS = 12   # a column name is a few words
HEADER_MIN_CELLS = 3
HEADER_MAX_CELLS = 16        # no task table has more columns: the search for a header stays bounded
CELL_MAX_CHARS = 600         # a paragraph longer than any cell is running text: the table has ended
UNIT_CELL_MAX_CHARS = 120    # a list of units, not a sentence
CAPTION_ENDS = ("表", "清单", "一览")   # 任务分工表, 责任清单: the table's caption, not a column
ASSIGNING = frozenset(ROLE_COLUMNS)          # a header names at least one column of units or deadlines
STARTING = frozenset({"number", "task"})     # and starts at its 序号 or task column
DATE = re.compile(r"\d{4}\s*年|\d{1,2}\s*月\s*\d{1,2}\s*日")   # a signature's date is no unit list
ATTACHMENT = re.compile(r"^\s*附\s*件\s*[\d一二三四五六七八九十]*\s*[:：]?\s*$")


@dataclass(frozen=True)
class FlatTable:
    """Lines ``first``..``end`` (exclusive) hold a flattened table; ``rows`` its grid, header first."""

    first: int
    end: int
    rows: list[list[str]]


def _header_like(line: str) -> bool:
    """A column name: a few words, no sentence, not a caption (…分工表 names the table)."""
    text = line.strip()
    return 0 < len(text) <= HEADER_CELL_MAX_CHARS and not SENTENCE_END.search(text) and "，" not in text \
        and not text.endswith(CAPTION_ENDS)


def _header_at(filled: list[int], texts: list[str], i: int) -> int:
    """How many of the lines from ``filled[i]`` on form a task table's header (0: none): a run
    of column names that starts at its 序号 (or task) column, up to the last column it names."""
    run: list[str] = []
    for k in filled[i:i + HEADER_MAX_CELLS]:
        if not _header_like(texts[k]):
            break
        run.append(texts[k].strip())
    roles = header_roles(run)
    if roles.get(0) != "number" and "number" in roles.values():
        return 0   # the header starts at its 序号 column
    end = max(roles, default=-1) + 1   # the last column named
    if end < HEADER_MIN_CELLS or task_roles(run[:end]) is None:
        return 0
    return end


def _candidates(lines: list[str], filled: list[int]) -> list[int]:
    """The filled lines where a header may start: a 序号 or task column name followed, within a
    run of column names, by a unit or deadline column name (one pass, back to front)."""
    out: list[int] = []
    assigning = None   # index (in ``filled``) of the next column name that assigns, in this run
    for i in range(len(filled) - 1, -1, -1):
        text = lines[filled[i]].strip()
        if not _header_like(text):
            assigning = None
            continue
        role = column_role(text)
        if role in ASSIGNING:
            assigning = i
        elif role in STARTING and assigning is not None and assigning - i < HEADER_MAX_CELLS:
            out.append(i)
    return out[::-1]


def find_flat_tables(lines: list[str]) -> list[FlatTable]:
    """The flattened task tables among ``lines`` (a document's lines, blank ones included)."""
    filled = [k for k, line in enumerate(lines) if line.strip()]
    out: list[FlatTable] = []
    after = 0
    for i in _candidates(lines, filled):
        if i < after:
            continue
        size = _header_at(filled, lines, i)
        if not size:
            continue
        header_lines = filled[i:i + size]
        paragraphs = all(b - a > 1 for a, b in zip(header_lines, header_lines[1:]))
        header = [lines[k].strip() for k in header_lines]
        cells = _cells_after(lines, header_lines[-1] + 1, paragraphs)
        rows, used = _rows(header, [text for text, _ in cells])
        if not rows:
            continue
        end = cells[used - 1][1]
        out.append(FlatTable(header_lines[0], end, [header] + rows))
        after = bisect.bisect_left(filled, end)
    return out


def rebuild_flat_tables(lines: list[str]) -> tuple[list[str], list[RenderedTable]]:
    """``lines`` with each flattened task table printed as its rows, and the tables rendered."""
    out: list[str] = []
    rendered: list[RenderedTable] = []
    pos = 0
    for table in find_flat_tables(lines):
        out.extend(lines[pos:table.first])
        rendered.append(render_table(table.rows))
        out.extend(rendered[-1].lines)
        pos = table.end
    return (out + lines[pos:], rendered) if rendered else (lines, [])


def _cells_after(lines: list[str], start: int, paragraphs: bool) -> list[tuple[str, int]]:
    """(cell text, index of the line after it) for the cells from line ``start`` on, up to a
    paragraph that is no cell (too long, an attachment marker)."""
    cells: list[tuple[str, int]] = []
    k = start
    while k < len(lines):
        if not lines[k].strip():
            k += 1
            continue
        first = k
        k += 1
        if paragraphs:
            while k < len(lines) and lines[k].strip():
                k += 1
        text = "".join(line.strip() for line in lines[first:k])
        if len(text) > CELL_MAX_CHARS or ATTACHMENT.match(text):
            break
        cells.append((text, k))
    return cells


class _Numbering:
    """The 序号 seen so far, by style: does a cell go on from them?"""

    def __init__(self) -> None:
        self.last: dict[str, int] = {}
        self.style: str | None = None

    def goes_on(self, cell: str, first: bool = False) -> bool:
        label = number_label(cell)
        if label is None:
            return first
        style, number = label
        last = self.last.get(style.name)
        if last is None:
            ok = number <= 2 or first
        else:
            ok = number == last + 1 or (number == 1 and self.style != style.name)
        if ok:
            self.last[style.name] = number
            self.style = style.name
        return ok


def _rows(header: list[str], cells: list[str]) -> tuple[list[list[str]], int]:
    """The grid rows read from ``cells`` and how many cells they used."""
    width = len(header)
    roles = task_roles(header) or {}
    numbered = "number" in roles.values()
    segments: list[tuple[int, list[str]]] = []   # (index of its first cell, its cells)
    numbering = _Numbering()
    k = 0
    while k < len(cells):
        if cells[k:k + width] == header:
            k += width   # the header repeated on a new page
            continue
        if not segments or not numbered or numbering.goes_on(cells[k]):
            if not segments and numbered:
                numbering.goes_on(cells[k], first=True)
            segments.append((k, [cells[k]]))
        else:
            segments[-1][1].append(cells[k])
        k += 1
    rows: list[list[str]] = []
    used = k
    for n, (first, segment) in enumerate(segments):
        found, taken = _segment_rows(segment, width, roles)
        if taken < len(segment) and n == len(segments) - 1:
            used = first + taken   # what does not fit is no longer the table
            rows.extend(found)
            break
        rows.extend(found if taken == len(segment) else found + _irregular(segment[taken:], width))
    return rows, used


def _segment_rows(segment: list[str], width: int, roles: dict[int, str]) -> tuple[list[list[str]], int]:
    """One task's cells as grid rows, and how many cells they take: a full row, then the rows
    its merged cells span, as long as their unit columns hold unit lists."""
    first = segment[:width]
    if not _fits(first, 0, roles):
        return [], 0
    rows = [first + [""] * (width - len(first))]
    rest = segment[width:]
    if not rest:
        return rows, len(first)
    least = 2 if width > 3 else 1   # a continued row holds a cell and its units at least
    sizes = [m for m in sorted(range(least, width), key=lambda m: (m != width - 2, -m)) if len(rest) >= m]
    size = next((m for m in sizes if len(rest) % m == 0 and all(
        _fits(rest[a:a + m], width - m, roles) for a in range(0, len(rest), m))), None)
    if size is None:   # no reading takes them all: the usual shape, as far as it fits
        size = max(width - 2, 1)
    taken = len(first)
    for a in range(0, len(rest), size):
        chunk = rest[a:a + size]
        if len(chunk) < size or not _fits(chunk, width - size, roles):
            break
        rows.append([""] * (width - size) + chunk)
        taken += size
    return rows, taken


def _irregular(cells: list[str], width: int) -> list[list[str]]:
    """Cells no reading aligns, kept in the last columns (the text stays in the table)."""
    size = max(width - 2, 1)
    return [[""] * (width - size) + cells[a:a + size] + [""] * max(a + size - len(cells), 0)
            for a in range(0, len(cells), size)]


def _fits(chunk: list[str], offset: int, roles: dict[int, str]) -> bool:
    """Cells in columns ``offset``… : its unit columns hold unit lists (or nothing)."""
    for j, cell in enumerate(chunk):
        if roles.get(offset + j) in UNIT_ROLES and cell not in NOTHING \
                and (len(cell) > UNIT_CELL_MAX_CHARS or SENTENCE_END.search(cell) or DATE.search(cell)):
            return False
    return True
