"""What the structure stage hands on: the skeleton of a notice (metadata spans, parts, the item
tree), with offsets into the cleaned body."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from operator import add, itemgetter
from typing import NamedTuple

from ..clean import Cleaned
from ..models import Evidence, validated


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
    """The body's lines (split at "\\n"), each with its offsets.  Built by C loops alone (map, zip,
    accumulate): this runs over every line of every notice.

    >>> lines_of("一、总体\\n\\n（一）目标")
    [Line(start=0, end=4, text='一、总体'), Line(start=5, end=5, text=''), Line(start=6, end=11, text='（一）目标')]
    """
    texts = body.split("\n")
    lengths = list(map(len, texts))
    starts = list(accumulate(map((1).__add__, lengths), initial=0))   # one more than there are lines
    # tuple.__new__: a named tuple's own __new__ is one more Python call per line
    return list(map(tuple.__new__, repeat(Line), zip(starts, map(add, starts, lengths), texts)))


def evidence_at(body: str, start: int, end: int) -> Evidence:
    # (validated: the model's own validation, without BaseModel.__init__'s keyword round trip)
    return validated(Evidence, {"text": body[start:end], "start": start, "end": end})


class LinesText:
    """The lines as one text, so that the lines holding a character are found by ``str.find`` (a
    scan in C) rather than by a test on every line: most lines hold none of the characters a
    date line, an attachment marker or a title printed twice needs.  Made once per notice and
    shared by the passes that look for such lines."""

    __slots__ = ("text", "starts")

    def __init__(self, lines: list[Line], body: str | None = None) -> None:
        """``body``: the text ``lines`` were split from (``lines_of(body)``), when the caller has it:
        it is the lines as one text already, their starts are its offsets."""
        if body is not None:
            self.text = body
            self.starts = list(map(itemgetter(0), lines))
            return
        texts = list(map(itemgetter(2), lines))   # (C loops: this runs over every line)
        self.text = "\n".join(texts)
        self.starts = list(accumulate(map((1).__add__, map(len, texts[:-1])), initial=0))  # of each line

    def holding(self, chars, first: int = 0, last: int | None = None) -> list[int]:
        """The lines ``first``..``last`` (to the end: None) that hold one of ``chars``, in order.

        >>> LinesText(lines_of("附件\\n一、总体\\n二、附则\\n附表")).holding("附", 1, 3)
        [2]
        """
        text, starts = self.text, self.starts
        n = len(starts)
        last = n if last is None else min(last, n)
        if first >= last:
            return []
        stop = starts[last] - 1 if last < n else len(text)   # the end of line last - 1
        found: set[int] = set()
        for char in chars:
            pos = text.find(char, starts[first], stop)
            while pos >= 0:
                k = bisect_right(starts, pos) - 1
                found.add(k)
                pos = text.find(char, starts[k + 1], stop) if k + 1 < n else -1
        return sorted(found)
