"""What the load stage hands on: the decoded text of a file, the tables found in it (typed: their
columns with the roles their headers name, their rows with their cells, each cell placed in the
text), and what the container said about itself (page metadata, warnings, a partial read)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Column:
    """A table column: its header as written and the role ``rules/fields.toml`` gives that header
    (number, task, lead, responsible, cooperating, deadline), None for any other column."""

    name: str
    role: str | None = None


@dataclass(frozen=True)
class Cell:
    """A cell as the text renders it (its paragraphs one per line), in column ``column``, at
    ``text[start:end]`` of the document (-1 while the table is not placed in the text)."""

    column: int
    text: str
    start: int = -1
    end: int = -1

    @property
    def placed(self) -> bool:
        return self.start >= 0

    def moved(self, by: int) -> "Cell":
        return replace(self, start=self.start + by, end=self.end + by) if self.placed else self


@dataclass(frozen=True)
class Row:
    """One row of a table's body.  In a task table a row is one task: the rows a merged 序号 (or
    a merged task cell) spans are one row holding all their cells, in reading order."""

    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    """A table: its columns, its body rows and where its text stands (header to last row).

    A task table (``is_task``: its header names a task or 序号 column and a column of units or
    deadlines) has one item of the notice per row; any other table (a list of names, of jobs, of
    figures) has none."""

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    start: int = -1
    end: int = -1
    is_task: bool = False

    def role(self, cell: Cell) -> str | None:
        return self.columns[cell.column].role if cell.column < len(self.columns) else None

    def moved(self, by: int) -> "Table":
        rows = tuple(Row(tuple(c.moved(by) for c in row.cells)) for row in self.rows)
        if self.start < 0:
            return replace(self, rows=rows)
        return replace(self, rows=rows, start=self.start + by, end=self.end + by)


@dataclass(frozen=True)
class LoadedDocument:
    """What the load stage hands on: text plus what the container said about itself."""

    name: str
    text: str
    format: str
    encoding: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    status: str = "ok"   # "partial" when part of the file could not be read (a scanned page)
    tables: tuple[Table, ...] = ()   # in text order, placed in ``text``
