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

import re
from dataclasses import dataclass

from ..rules.fields import UNIT_ROLES
from .columns import header_roles, number_label, task_roles
from .tables import NOTHING, SENTENCE_END

HEADER_CELL_MAX_CHARS = 12   # a column name is a few words
HEADER_MIN_CELLS = 3
CELL_MAX_CHARS = 600         # a paragraph longer than any cell is running text: the table has ended
UNIT_CELL_MAX_CHARS = 120    # a list of units, not a sentence
ATTACHMENT = re.compile(r"^\s*附\s*件\s*[\d一二三四五六七八九十]*\s*[:：]?\s*$")


@dataclass(frozen=True)
class FlatTable:
    """Lines ``first``..``end`` (exclusive) hold a flattened table; ``rows`` its grid, header first."""

    first: int
    end: int
    rows: list[list[str]]


def _header_like(line: str) -> bool:
    text = line.strip()
    return 0 < len(text) <= HEADER_CELL_MAX_CHARS and not SENTENCE_END.search(text) and "，" not in text


def _header_at(lines: list[int], texts: list[str], i: int) -> int:
    """How many of the lines from ``lines[i]`` on form a task table's header (0: none)."""
    j = i
    while j < len(lines) and _header_like(texts[lines[j]]):
        j += 1
    run = [texts[k].strip() for k in lines[i:j]]
    roles = header_roles(run)
    if len(run) < HEADER_MIN_CELLS or not roles or min(roles) != 0:
        return 0
    end = max(roles) + 1   # the last column named
    if end < HEADER_MIN_CELLS or task_roles(run[:end]) is None:
        return 0
    return end


def find_flat_tables(lines: list[str]) -> list[FlatTable]:
    """The flattened task tables among ``lines`` (a document's lines, blank ones included)."""
    texts = lines
    filled = [k for k, line in enumerate(lines) if line.strip()]
    out: list[FlatTable] = []
    i = 0
    while i < len(filled):
        size = _header_at(filled, texts, i) if _header_like(texts[filled[i]]) else 0
        if not size:
            i += 1
            continue
        header_lines = filled[i:i + size]
        paragraphs = all(b - a > 1 for a, b in zip(header_lines, header_lines[1:]))
        header = [texts[k].strip() for k in header_lines]
        cells, end = _cells_after(lines, header_lines[-1] + 1, paragraphs)
        rows, used = _rows(header, cells)
        if not rows:
            i += 1
            continue
        last_line = cells[used - 1][1] if used else header_lines[-1] + 1
        out.append(FlatTable(header_lines[0], last_line, [header] + rows))
        i = next((k for k, line in enumerate(filled) if line >= last_line), len(filled))
    return out


def _cells_after(lines: list[str], start: int, paragraphs: bool) -> tuple[list[tuple[str, int]], int]:
    """(cell text, index of the line after it) for the cells from line ``start`` on."""
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
    return cells, k


class _Numbering:
    """The 序号 seen so far, by style: does a cell go on from them?"""

    def __init__(self) -> None:
        self.last: dict[str, int] = {}
        self.style: str | None = None

    def goes_on(self, cell: str) -> bool:
        label = number_label(cell)
        if label is None:
            return False
        style, number = label
        last = self.last.get(style.name)
        if last is None:
            ok = number <= 2
        else:
            ok = number == last + 1 or (number == 1 and self.style != style.name)
        if ok:
            self.last[style.name] = number
            self.style = style.name
        return ok


def _rows(header: list[str], cells: list[tuple[str, int]]) -> tuple[list[list[str]], int]:
    """The grid rows read from ``cells`` and how many cells they used."""
    width = len(header)
    roles = task_roles(header) or {}
    numbered = "number" in roles.values()
    segments: list[list[str]] = []
    numbering = _Numbering()
    used = 0
    k = 0
    while k < len(cells):
        if [c for c, _ in cells[k:k + width]] == header:
            k += width   # the header repeated on a new page
            used = k
            continue
        text = cells[k][0]
        starts = not segments if not numbered else (not segments or numbering.goes_on(text))
        if not segments and numbered:
            numbering.goes_on(text)
        if starts:
            segments.append([text])
        else:
            segments[-1].append(text)
        k += 1
        used = k
    rows: list[list[str]] = []
    for segment in segments:
        rows.extend(_segment_rows(segment, width, roles))
    return rows, used


def _segment_rows(segment: list[str], width: int, roles: dict[int, str]) -> list[list[str]]:
    """One task's cells as grid rows: a full row, then the rows its merged cells span."""
    if len(segment) <= width:
        return [segment + [""] * (width - len(segment))]
    first, rest = segment[:width], segment[width:]
    for size in sorted(range(1, width), key=lambda m: (m != width - 2, -m)):
        chunks = [rest[a:a + size] for a in range(0, len(rest), size)]
        if len(rest) % size == 0 and all(_fits(chunk, width, roles) for chunk in chunks):
            return [first] + [[""] * (width - size) + chunk for chunk in chunks]
    size = max(width - 2, 1)   # no reading fits: the usual shape, the last row short
    return [first] + [[""] * (width - size) + rest[a:a + size] + [""] * max(a + size - len(rest), 0)
                      for a in range(0, len(rest), size)]


def _fits(chunk: list[str], width: int, roles: dict[int, str]) -> bool:
    """The cells of a continued row in the last columns: its unit columns hold unit lists."""
    offset = width - len(chunk)
    for j, cell in enumerate(chunk):
        if roles.get(offset + j) in UNIT_ROLES and cell not in NOTHING \
                and (len(cell) > UNIT_CELL_MAX_CHARS or SENTENCE_END.search(cell)):
            return False
    return True
