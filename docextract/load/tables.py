"""Tables found by the loaders: typed (``document.Table``) and rendered as text.

A task-division or assessment table (序号 / 重点任务 or 考核项目 / 牵头单位 / 责任单位 / 完成时限 …)
is a *task table*: each row is one item of the notice.  Its text reads as the table does, with
nothing invented::

    序号  重点任务  牵头单位  完成时限          (the header, cells joined by two spaces)
    1 <task>                                  (the 序号 cell as written, then the task cell)
    <the row's role cells: units, deadline>   (one per line, in column order)
    <its other cells: content, criteria …>    (one per line, in column order)

and its ``Table`` says where every cell stands in that text, so that the later stages build the
items from the rows and take units from the role cells instead of parsing the text again.

A table is a task table when a header row names a task column (or a 序号 column) and a column of
units or deadlines; without a named task column the first other column holds the task.  Column
words are the field names of ``rules/fields.toml``; a column named by a unit field word with a
qualifier (负责考核部门, 市卫健委内牵头处室) has that field's role, and several columns may share
a role.  A row without a 序号, or with the 序号 of the row above (a merged cell), continues the
row above; without a 序号 column a row whose task cell is empty or merged from above does.  A
cell that only says there is nothing (/, 无, —) is empty; a cell merged down from the row above
(``Continued``) is the same cell, printed once.  The header repeated on a new page is dropped.

Any other table becomes one line per row, cells joined by two spaces, without its bare row
numbers (a list's 序号 is not a label of the notice); a row holding running text is printed
cell by cell, one per line, so the labels its cells start with stay at line starts.

Cells may hold paragraphs (``paragraphs=True``: Word and HTML cells, one paragraph per line):
their lines are kept as lines.  Without it (PDF cells, where a line break is only a wrap) a cell
is one line.  ``place_tables`` finds the rendered tables in the loader's final text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..rules.labels import label_start
from .columns import BARE_NUMBER, ROLE_COLUMNS, clean_cell, header_roles, number_label, task_roles, unnamed_unit_columns
from .document import Cell, Column, Row, Table

CELL_SEPARATOR = "  "
# A row whose cells are this short, without sentences, is printed as one line.
SHORT_CELL_CHARS = 20
SENTENCE_END = re.compile(r"[。；！？]")
# A 序号 written as a label keeps its mark (一、 （一） 1.): the task follows it directly.
LABEL_MARK_END = tuple("、.．)）")
NOTHING = frozenset({"/", "／", "-", "—", "无", "——", "\\"})
HEADER_ROWS_SEARCHED = 3
# A table the loader printed differently is placed cell by cell: a cell is looked for this far
# past where the rendering put it (lines the loader dropped or joined).
PLACE_SLACK = 200


class Continued(str):
    """A cell's text repeated in a row that its merged cell spans (HTML rowspan, Word vMerge):
    the same cell as above, printed once."""


class Wrapped(str):
    """A cell of the first row of a table continued on the next page (PDF): when its row has no
    序号 of its own, its text goes on from the cell above (a row broken by the page)."""


@dataclass(frozen=True)
class RenderedTable:
    """A table as text (lines joined by ``\\n``) and typed, its offsets relative to ``text``."""

    text: str
    table: Table

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n") if self.text else []


def _task_columns(rows: list[list[str]]) -> tuple[int, dict[int, str]] | None:
    """The header row's index and the role of its columns, or None for another table."""
    for index, row in enumerate(rows[:HEADER_ROWS_SEARCHED]):
        roles = task_roles(row)
        if roles is not None:
            return index, {**roles, **unnamed_unit_columns(row, rows[index + 1:], roles)}
    return None


def is_task_table(rows: list[list[str]]) -> bool:
    return bool(rows) and _task_columns(rows) is not None


class _Block:
    """The text of one table, line by line, with the offsets of the cells written."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.pos = 0   # where the next line starts

    def line(self, pieces: list[tuple[int | None, str]], separators: list[str] | None = None) -> list[Cell]:
        """One line of cells (a cell may hold line breaks); ``separators`` between them (two
        spaces by default).  Pieces with column None are text that is no cell."""
        text, cells = "", []
        for k, (column, piece) in enumerate(pieces):
            if k:
                text += separators[k - 1] if separators else CELL_SEPARATOR
            if column is not None:
                cells.append(Cell(column, piece, self.pos + len(text), self.pos + len(text) + len(piece)))
            text += piece
        self.lines.append(text)
        self.pos += len(text) + 1
        return cells

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _short(cell: str) -> bool:
    return len(cell) <= SHORT_CELL_CHARS and "\n" not in cell and not SENTENCE_END.search(cell)


def _plain_row(block: _Block, row: list[str], skip: set[int]) -> Row:
    cells = [(i, c) for i, c in enumerate(row) if c and i not in skip]
    if not cells:
        return Row(())
    if all(_short(c) for _, c in cells):
        return Row(tuple(block.line(cells)))
    return Row(tuple(cell for piece in cells for cell in block.line([piece])))


def _plain_table(rows: list[list[str]], continued: list[list[bool]]) -> RenderedTable:
    """A list or data table: a line per row (bare row numbers and merged repeats left out)."""
    block = _Block()
    number = next(((index, i) for index, row in enumerate(rows[:HEADER_ROWS_SEARCHED])
                   for i, role in header_roles(row).items() if role == "number"), None)
    out = []
    for index, row in enumerate(rows):
        skip = {i for i, again in enumerate(continued[index]) if again}
        if number and index > number[0] and number[1] < len(row) and BARE_NUMBER.match(row[number[1]]):
            skip.add(number[1])
        out.append(_plain_row(block, row, skip))
    roles = header_roles(rows[0]) if rows else {}
    columns = tuple(Column(name.replace("\n", ""), roles.get(i)) for i, name in enumerate(rows[0])) if rows else ()
    return RenderedTable(block.text, Table(columns, tuple(r for r in out[1:] if r.cells), 0, max(block.pos - 1, 0)))


@dataclass
class _Item:
    """The source rows of one task (a merged 序号 or task cell spans them)."""

    number: str
    rows: list[tuple[list[str], list[bool]]]

    def add(self, row: list[str], again: list[bool], wrapped: bool) -> None:
        if wrapped:   # the rest of the row the page broke: each cell goes on where it stopped
            above, flags = self.rows[-1]
            width = max(len(above), len(row))
            above = [_value(above, i) + ("" if i < len(again) and again[i] else _value(row, i)) for i in range(width)]
            self.rows[-1] = (above, flags)
        else:
            self.rows.append((row, again))


def _group_rows(body: list[list[str]], flags: list[list[bool]], wrapped: list[bool], header: list[str],
                roles: dict[int, str]) -> list[_Item | list[str]]:
    """Task rows grouped into items; a row before the first item (总计, a caption) or one whose
    序号 column names it without a task (合计) stays a plain row."""
    number_col = next((i for i, r in roles.items() if r == "number"), None)
    task_col = next((i for i, r in roles.items() if r == "task"), None)
    header_key = [c.replace("\n", "") for c in header]
    out: list[_Item | list[str]] = []
    for row, again, broken in zip(body, flags, wrapped):
        if [c.replace("\n", "") for c in row] == header_key:
            continue   # the header repeated on a new page
        row = _section_row(row, number_col, task_col)
        previous = out[-1] if out and isinstance(out[-1], _Item) else None
        task = _value(row, task_col)
        merged_task = not task or _flag(again, task_col)
        if number_col is not None:
            number = _value(row, number_col)
            if number in NOTHING and merged_task:
                number = ""
            if previous is not None and (not number or number == previous.number):
                previous.add(row, again, broken and not number)
            elif number and merged_task and number_label(number) is None:
                out.append(row)   # 合计, 备注: a row of the table that is no task
            elif number:
                out.append(_Item(number, [(row, again)]))
            else:
                out.append(row)
        elif previous is not None and merged_task:
            previous.add(row, again, broken)
        elif task:
            out.append(_Item("", [(row, again)]))
        else:
            out.append(row)
    return out


def _section_row(row: list[str], number_col: int | None, task_col: int | None) -> list[str]:
    """A row of one cell across the table that starts with a label (一、加强组织领导) heads the
    rows below it: its label goes to the 序号 column, the rest to the task column."""
    filled = {c for c in row if c}
    if number_col is None or task_col is None or len(filled) != 1:
        return row
    text = filled.pop()
    m = label_start().match(text)
    if m is None or number_label(text[:m.end()]) is None or m.end() >= len(text):
        return row
    out = [""] * len(row)
    out[number_col], out[task_col] = text[:m.end()].strip(), text[m.end():].strip()
    return out


def _value(row: list[str], column: int | None) -> str:
    return row[column] if column is not None and column < len(row) else ""


def _flag(again: list[bool], column: int | None) -> bool:
    return column is not None and column < len(again) and again[column]


def _render_item(block: _Block, item: _Item, header: list[str], roles: dict[int, str], last: dict[int, Cell]) -> Row:
    """Print one task: its 序号 and task on one line, then for each source row its other cells,
    then its role cells; a role cell and a short cell follow their column's header (牵头单位：…,
    分值：5, as a reader says a row of the table aloud), a cell of running text stands on its own
    lines (the labels it starts with stay at line starts); a cell merged from above is the cell
    printed there."""
    cells: list[Cell] = []

    def take(column: int, text: str, again: bool) -> Cell | None:
        if not text or text in NOTHING:
            return None
        before = last.get(column)
        if again and before is not None and before.text == text:
            if before not in cells:
                cells.append(before)
            return None
        return Cell(column, text)

    number_col = next((i for i, r in roles.items() if r == "number"), None)
    task_col = next((i for i, r in roles.items() if r == "task"), None)
    first_line: list[tuple[int, str]] = []
    if item.number and number_col is not None:
        first_line.append((number_col, item.number))
    for row, again in item.rows:
        task = take(task_col, _value(row, task_col), _flag(again, task_col)) if task_col is not None else None
        if task is not None:
            first_line.append((task_col, task.text))
            break
    if first_line:
        separator = "" if first_line[0][1].endswith(LABEL_MARK_END) or len(first_line) < 2 else " "
        for cell in block.line(first_line, [separator]):
            last[cell.column] = cell
            cells.append(cell)
    # the role cells last: each row of the text then ends with a field line, which the joining of
    # wrapped lines (normalize) never runs past into the next row or the signature
    order = sorted((i for i in range(max(len(r) for r, _ in item.rows)) if i not in (number_col, task_col)),
                   key=lambda i: roles.get(i) in ROLE_COLUMNS)
    for row, again in item.rows:
        for column in order:
            if column >= len(row):
                continue
            found = take(column, row[column], _flag(again, column))
            if found is None:
                continue
            if _value(header, column) and (roles.get(column) in ROLE_COLUMNS or _short(found.text)):
                cell = block.line([(None, f"{_value(header, column)}："), (column, found.text)], [""])[0]
            else:
                cell = block.line([(column, found.text)])[0]
            last[column] = cell
            cells.append(cell)
    return Row(tuple(cells))


def _task_table(rows: list[list[str]], continued: list[list[bool]], wrapped: list[bool], header: int,
                roles: dict[int, str]) -> RenderedTable:
    block = _Block()
    for index in range(header):
        _plain_row(block, rows[index], {i for i, again in enumerate(continued[index]) if again})
    start = block.pos
    block.line([(None, c.replace("\n", "")) for c in rows[header] if c])
    columns = tuple(Column(name.replace("\n", ""), roles.get(i)) for i, name in enumerate(rows[header]))
    out: list[Row] = []
    last: dict[int, Cell] = {}
    for entry in _group_rows(rows[header + 1:], continued[header + 1:], wrapped[header + 1:], rows[header], roles):
        if isinstance(entry, _Item):
            row = _render_item(block, entry, [c.replace("\n", "") for c in rows[header]], roles, last)
            if row.cells:
                out.append(row)
        else:
            _plain_row(block, entry, set())
    return RenderedTable(block.text, Table(columns, tuple(out), start, block.pos - 1, is_task=True))


def render_table(rows: list[list[str | None]], *, paragraphs: bool = False) -> RenderedTable:
    """One table as text and typed (``paragraphs``: a line break in a cell separates paragraphs)."""
    rows = [row for row in rows if any((c or "").strip() for c in row)]
    continued = [[isinstance(c, Continued) for c in row] for row in rows]
    wrapped = [any(isinstance(c, Wrapped) for c in row) for row in rows]
    rows = [[clean_cell(c, paragraphs) for c in row] for row in rows]
    found = _task_columns(rows)
    if found is None:
        return _plain_table(rows, continued)
    return _task_table(rows, continued, wrapped, *found)


def continues(table: list[list[str | None]], following: list[list[str | None]]) -> bool:
    """Whether ``following`` (the next table on the page or the next page) goes on with the task
    table ``table``: it has no header of its own and as many columns."""
    return bool(table and following) and is_task_table(table) and not is_task_table(following) \
        and len(following[0]) == len(table[0]) and not header_roles([clean_cell(c) for c in following[0]])


def continued_on_next_page(table: list[list[str | None]], continuation: list[list[str | None]]) -> list[list[str | None]]:
    """A task table and its part on the next page (no header of its own) as one table; the
    continuation's first row may finish the row the page broke (``Wrapped``)."""
    if not continuation:
        return table
    first = [Wrapped(c) if c else c for c in continuation[0]]
    return table + [first] + continuation[1:]


def place_tables(text: str, rendered: list[RenderedTable]) -> tuple[Table, ...]:
    """The tables placed in the loader's final ``text``, in order: where the rendered text stands
    whole, or else cell by cell near where the rendering put each cell (the loader may have
    dropped or joined lines); a cell not found stays unplaced."""
    out: list[Table] = []
    cursor = 0
    for table in rendered:
        if not table.text:
            continue
        at = text.find(table.text, cursor)
        if at >= 0:
            out.append(table.table.moved(at))
            cursor = at + len(table.text)
            continue
        placed, cursor = _place_cells(text, table, cursor)
        out.append(placed)
    return tuple(out)


def _place_cells(text: str, rendered: RenderedTable, cursor: int) -> tuple[Table, int]:
    table = rendered.table
    end = rendered.text.find("\n", table.start)
    header = rendered.text[table.start:end if end >= 0 else None]
    at = text.find(header, cursor) if header else -1
    if at < 0:   # not in the text (cut with the page's furniture): the table stays, unplaced
        rows = tuple(Row(tuple(Cell(c.column, c.text) for c in row.cells)) for row in table.rows)
        return Table(table.columns, rows, is_task=table.is_task), cursor
    moved: dict[tuple[int, int], Cell] = {}
    pos, expected = at + len(header), table.start + len(header)
    for cell in sorted({c for row in table.rows for c in row.cells}, key=lambda c: c.start):
        found = text.find(cell.text, pos, pos + (cell.start - expected) + PLACE_SLACK + len(cell.text))
        if found >= 0:
            moved[(cell.start, cell.end)] = Cell(cell.column, cell.text, found, found + len(cell.text))
            pos, expected = found + len(cell.text), cell.end
    rows = tuple(Row(tuple(moved.get((c.start, c.end), Cell(c.column, c.text)) for c in row.cells))
                 for row in table.rows)
    return Table(table.columns, rows, at, pos, table.is_task), pos
