"""Which label candidates are items, and where each nests.

Nesting is decided with a stack of open levels.  A label whose level (rank) is open continues
it when its number is the next one (or skips at most ``MAX_SKIPPED`` in the same style); a
label numbered 1 restarts a list: as a sub-list of the item it follows when that item is of a
variant style, or when its list goes on right after the run (7. … 1. 2. … 8.); as a second list
under the same parent when the parent may hold several lists (a second （一） list in one
article); otherwise it is no item (a level above it was lost, or it is another count: its
numbers would collide with the first list's).  A label of a level that is not open
starts a deeper (or shallower) level when it is numbered 1, continues the numbering of its level
across sections (1. 2. under 一、, 3. 4. under 二、), or, inside an item, starts at 2 when the
next label of its style is 3 (a list whose first label was lost with its paragraph's wrap).

Weak candidates (1.5万元…, 1人口特征) count only when the numbering confirms them: the next
candidate at their level or above is the same style and goes on from them, or they continue an
open list; a number repeated at once (1.1 1.2 2.1 read as 1. 1. 2.) never counts.  A decimal
label (2.1, a style with a ``section`` group) counts only inside the item its section number names.

Each decision looks at the candidate itself, the open stack (at most ``MAX_DEPTH`` deep) and
neighbours precomputed in two passes; a restart walks its own run once.  Numbering a part takes
time linear in its candidates."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from .labels import Candidate, Label
from .rules import Style

# A sibling may skip this many numbers (a typo, an item cut from a copy, a label lost by the
# loader) and still count.
MAX_SKIPPED = 2
# No real notice nests deeper; a bound keeps each decision constant-time on any input.
MAX_DEPTH = 16


class Open(NamedTuple):
    style: Style
    number: int
    path: tuple[int, ...]


@dataclass(frozen=True)
class Neighbours:
    """For each candidate: the previous and the next candidate at its level or above (rank ≤
    its rank), and the previous and the next candidate of its style (None at the ends)."""
    prev_level: list[int | None]
    next_level: list[int | None]
    prev_same: list[int | None]
    next_same: list[int | None]


def _neighbours(cands: list[Candidate]) -> Neighbours:
    n = len(cands)
    found = Neighbours([None] * n, [None] * n, [None] * n, [None] * n)
    ranks = [c.label.style.rank for c in cands]
    names = [c.label.style.name for c in cands]
    levels = sorted(set(ranks))
    at_or_below = {rank: levels[levels.index(rank):] for rank in levels}   # the levels a label closes
    for order, level, same in ((range(n), found.prev_level, found.prev_same),
                               (range(n - 1, -1, -1), found.next_level, found.next_same)):
        nearest: dict[int, int | None] = dict.fromkeys(levels)
        by_style: dict[str, int] = {}
        for k in order:
            rank, name = ranks[k], names[k]
            level[k] = nearest[rank]
            same[k] = by_style.get(name)
            by_style[name] = k
            for r in at_or_below[rank]:
                nearest[r] = k
    return found


# The two tests below read labels, not candidates: a candidate's style and number are properties,
# each one more call, and they run for every candidate.
def _goes_on(label: Label, nxt: Label | None) -> bool:
    """The next label is of the same style and goes on from this one."""
    return nxt is not None and nxt.style.name == label.style.name and label.number < nxt.number <= label.number + 1 + MAX_SKIPPED


def _repeats(label: Label, other: Label | None) -> bool:
    return other is not None and other.style.name == label.style.name and other.number == label.number


class Numbering:
    """The stack of open levels within one part."""

    def __init__(self) -> None:
        self.stack: list[Open] = []
        self.last_number: dict[int, int] = {}   # rank → last number accepted at that rank

    def accept(self, c: Candidate, confirmed: bool, first_lost: bool,
               resumes: Callable[[Open], bool]) -> tuple[int, ...] | None:
        """The path of the candidate if it is an item, else None.  ``confirmed``: the next label
        at its level goes on from it; ``first_lost``: the next label of its style is the next
        number (the list's first label was lost); ``resumes(open)``: the list of an open level
        goes on after this label's list (so this list is a sub-list)."""
        label, stack = c.label, self.stack
        strong, number, rank = label.strong, label.number, label.style.rank
        same_rank = [d for d in range(len(stack) - 1, -1, -1) if stack[d].style.rank == rank]
        topmost = same_rank[0] if same_rank else None
        for depth in same_rank:   # the next number of an open list, the innermost first
            e = stack[depth]
            if number == e.number + 1:
                return self._push(c, e.path[:-1] + (number,), depth)
        for depth in same_rank:   # then a number or two skipped in the same style
            e = stack[depth]
            if e.style.name == label.style.name and e.number + 1 < number <= e.number + 1 + MAX_SKIPPED \
                    and (strong or confirmed):
                return self._push(c, e.path[:-1] + (number,), depth)
        if topmost is not None:
            if number != 1 or not (strong or confirmed):
                return None
            e = stack[topmost]
            parent = e.path[:-1]
            if topmost == len(stack) - 1 and (e.style.name != label.style.name or resumes(e)):
                return self._push(c, e.path + (1,), len(stack))   # a sub-list of the item
            if stack[topmost - 1].style.several_lists:
                return self._push(c, parent + (1,), topmost)           # a second list in one article
            return None
        # a level that is not open: close the deeper ones
        depth = len(stack)
        while depth and stack[depth - 1].style.rank > rank:
            depth -= 1
        parent = stack[depth - 1].path if depth else ()
        last = self.last_number.get(rank, 0)
        starts = number == 1 and (strong or confirmed)
        # the numbering of the level runs on across sections (no skip here: a new level that
        # starts past its next number is too often another count)
        runs_on = last and number == last + 1
        lost_first = strong and depth and not last and number == 2 and first_lost
        if starts or runs_on or lost_first:
            return self._push(c, parent + (number,), depth)
        return None

    def under_its_section(self, c: Candidate) -> bool:
        """A decimal label (2.1: a ``section`` group before its number) stands under the open
        item of a shallower level numbered as its section; any other label passes."""
        if "section" not in c.style.pattern.groupindex:
            return True
        m = c.style.pattern.match(c.label.text)
        outer = next((e for e in reversed(self.stack) if e.style.rank < c.rank), None)
        return m is not None and outer is not None and outer.number == int(m.group("section"))

    def _push(self, c: Candidate, path: tuple[int, ...], depth: int) -> tuple[int, ...] | None:
        if len(path) > MAX_DEPTH:
            return None
        label = c.label
        del self.stack[depth:]
        self.stack.append(Open(label.style, label.number, path))
        self.last_number[label.style.rank] = label.number
        return path


def _resumes_after(cands: list[Candidate], next_same: list[int | None], k: int, resumed: int) -> bool:
    """The list that restarts at candidate k runs 1, 2, 3 …; the next label of its style after
    that run is ``resumed`` (the outer list goes on: the run was a sub-list)."""
    j, number = next_same[k], cands[k].number
    while j is not None and cands[j].number == number + 1:
        j, number = next_same[j], number + 1
    return j is not None and cands[j].number == resumed


def number_items(cands: list[Candidate]) -> list[tuple[Candidate, tuple[int, ...]]]:
    """The candidates that are items, with their paths, in order."""
    near = _neighbours(cands)
    labels = [c.label for c in cands]

    def at(k: int | None) -> Label | None:
        return labels[k] if k is not None else None

    numbering = Numbering()
    out = []
    for k, c in enumerate(cands):
        label = labels[k]
        if not label.strong and any(_repeats(label, at(j)) for j in (near.prev_level[k], near.next_level[k],
                                                                     near.prev_same[k], near.next_same[k])):
            continue   # 1.1 1.2 2.1, or 2.5万元 before a real 2.: not a label
        if not numbering.under_its_section(c):
            continue   # 2.1 counts only inside section 二 (or 2.): alone it is a section number of a lost outline
        same = at(near.next_same[k])
        path = numbering.accept(
            c, _goes_on(label, at(near.next_level[k])),
            same is not None and same.style is label.style and same.number == label.number + 1,
            lambda e: _resumes_after(cands, near.next_same, k, e.number + 1))
        if path is not None:
            out.append((c, path))
    return out
