"""What the structure stage hands on: the skeleton of a notice (metadata spans, parts, the item
tree), with offsets into the cleaned body."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from ..clean import Cleaned
from ..models import Evidence


@dataclass(frozen=True)
class Field:
    """A role cell of a task table's row: the role and the header of its column (牵头单位 …), and
    where the cell stands in the body."""

    role: str     # lead, responsible, cooperating, deadline
    label: str    # the column's header as written
    start: int
    end: int


class ItemNode(NamedTuple):
    """An item of the tree (a named tuple: made for every item of every notice, and a frozen
    dataclass costs several times more to make)."""
    part: int
    path: tuple[int, ...]
    label: str
    style: str
    heading: str | None
    start: int        # offset of the label
    text_start: int   # offset after the label
    end: int          # offset after the item's own text (children excluded)
    fields: tuple[Field, ...] = ()   # a table row's role cells (units, deadline), read from the cells
    row: bool = False                # read from a task table's row (not from a label in the text)

    @property
    def depth(self) -> int:
        return len(self.path)


@dataclass(frozen=True)
class PartNode:
    title: Evidence | None
    start: int
    end: int


@dataclass(frozen=True)
class Skeleton:
    """What the structure stage found; offsets refer to ``cleaned.body``."""

    cleaned: Cleaned
    title_text: str | None = None         # the values; the evidence below when the body says them
    title: Evidence | None = None
    issuer_text: str | None = None
    issuer: Evidence | None = None
    doc_number_text: str | None = None
    doc_number: Evidence | None = None
    date: tuple[str, Evidence] | None = None
    published: str | None = None
    recipients: Evidence | None = None   # the 主送机关 line, without its colon
    parts: tuple[PartNode, ...] = ()
    items: tuple[ItemNode, ...] = ()
    outside: tuple[tuple[int, int], ...] = ()   # body spans that belong to no item
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def body(self) -> str:
        return self.cleaned.body


class Line(NamedTuple):
    """One line of the body (a named tuple: made for every line of every notice, it must be cheap)."""
    start: int
    end: int
    text: str


def lines_of(body: str) -> list[Line]:
    out, pos = [], 0
    new = tuple.__new__   # a named tuple's own __new__ is one more Python call per line
    for raw in body.split("\n"):
        end = pos + len(raw)
        out.append(new(Line, (pos, end, raw)))
        pos = end + 1
    return out


def evidence_at(body: str, start: int, end: int) -> Evidence:
    return Evidence(text=body[start:end], start=start, end=end)
