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
neighbours precomputed in a backward pass (and a forward one when a weak label needs the labels
before it); a restart walks its own run once.  Numbering a part takes
time linear in its candidates."""
from __future__ import annotations

from operator import attrgetter, itemgetter
from typing import NamedTuple

from .labels import Candidate, Label
from .rules import Style, rules

# A sibling may skip this many numbers (a typo, an item cut from a copy, a label lost by the
# loader) and still count.
MAX_SKIPPED = 2
# No real notice nests deeper; a bound keeps each decision constant-time on any input.
MAX_DEPTH = 16


class Open(NamedTuple):
    style: Style
    number: int
    path: tuple[int, ...]
    rank: int   # the style's rank, read on every decision


def _nearest(ranks: list[int], names: list[str], order: range) -> tuple[list[int | None], list[int | None]]:
    """For each candidate, walking ``order``: the nearest candidate before it at its level or
    above (rank ≤ its rank), and the nearest one of its style (None when there is none)."""
    n = len(ranks)
    level: list[int | None] = [None] * n
    same: list[int | None] = [None] * n
    levels = sorted(set(ranks))
    at_or_below = {rank: levels[levels.index(rank):] for rank in levels}   # the levels a label closes
    nearest: dict[int, int | None] = dict.fromkeys(levels)
    by_style: dict[str, int] = {}
    for k in order:
        rank, name = ranks[k], names[k]
        level[k] = nearest[rank]
        same[k] = by_style.get(name)
        by_style[name] = k
        for r in at_or_below[rank]:
            nearest[r] = k
    return level, same


# The tests below read labels, not candidates: a candidate's style and number are properties,
# each one more call, and they run for every candidate.
def _goes_on(label: Label, nxt: Label | None) -> bool:
    """The next label is of the same style and goes on from this one."""
    return nxt is not None and nxt.style.name == label.style.name and label.number < nxt.number <= label.number + 1 + MAX_SKIPPED


def _repeats(label: Label, other: Label | None) -> bool:
    return other is not None and other.style.name == label.style.name and other.number == label.number


class Numbering:
    """The stack of open levels within one part, over its candidates' labels and the next label
    at each one's level or above (``next_level``) and of its style (``next_same``)."""

    def __init__(self, labels: list[Label], next_level: list[int | None], next_same: list[int | None]) -> None:
        self.labels, self.next_level, self.next_same = labels, next_level, next_same
        self.stack: list[Open] = []
        self.last_number: dict[int, int] = {}   # rank → last number accepted at that rank

    def confirmed(self, k: int) -> bool:
        """The next label at candidate k's level goes on from it."""
        j = self.next_level[k]
        return j is not None and _goes_on(self.labels[k], self.labels[j])

    def first_lost(self, k: int) -> bool:
        """The next label of candidate k's style is the next number (the list's first label was lost)."""
        j = self.next_same[k]
        if j is None:
            return False
        label, same = self.labels[k], self.labels[j]
        return same.style is label.style and same.number == label.number + 1

    def resumes(self, k: int, e: Open) -> bool:
        """The list that restarts at candidate k runs 1, 2, 3 …; the next label of its style after
        that run goes on from the open level ``e`` (the outer list goes on: the run was a sub-list)."""
        labels, next_same = self.labels, self.next_same
        j, number = next_same[k], labels[k].number
        while j is not None and labels[j].number == number + 1:
            j, number = next_same[j], number + 1
        return j is not None and labels[j].number == e.number + 1

    def accept(self, k: int) -> tuple[int, ...] | None:
        """The path of candidate k if it is an item, else None.  What the neighbours say
        (``confirmed``, ``first_lost``, ``resumes``) is asked only when a decision needs it."""
        label, stack = self.labels[k], self.stack
        strong, number, style = label.strong, label.number, label.style
        rank = style.rank
        innermost = None   # the innermost open level of this rank
        for depth in range(len(stack) - 1, -1, -1):   # the next number of an open list, the innermost first
            e = stack[depth]
            if e.rank == rank:
                if innermost is None:
                    innermost = depth
                if number == e.number + 1:
                    return self._push(style, number, e.path[:-1] + (number,), depth)
        if innermost is not None:
            for depth in range(innermost, -1, -1):   # then a number or two skipped in the same style
                e = stack[depth]
                if e.rank == rank and e.style.name == style.name and e.number + 1 < number <= e.number + 1 + MAX_SKIPPED \
                        and (strong or self.confirmed(k)):
                    return self._push(style, number, e.path[:-1] + (number,), depth)
            if number != 1 or not (strong or self.confirmed(k)):
                return None
            e = stack[innermost]
            if innermost == len(stack) - 1 and (e.style.name != style.name or self.resumes(k, e)):
                return self._push(style, number, e.path + (1,), len(stack))   # a sub-list of the item
            if stack[innermost - 1].style.several_lists:
                return self._push(style, number, e.path[:-1] + (1,), innermost)   # a second list in one article
            return None
        # a level that is not open: close the deeper ones
        depth = len(stack)
        while depth and stack[depth - 1].rank > rank:
            depth -= 1
        parent = stack[depth - 1].path if depth else ()
        last = self.last_number.get(rank, 0)
        starts = number == 1 and (strong or self.confirmed(k))
        # the numbering of the level runs on across sections (no skip here: a new level that
        # starts past its next number is too often another count)
        runs_on = last and number == last + 1
        lost_first = strong and depth and not last and number == 2 and self.first_lost(k)
        if starts or runs_on or lost_first:
            return self._push(style, number, parent + (number,), depth)
        return None

    def under_its_section(self, label: Label) -> bool:
        """A decimal label (2.1: a ``section`` group before its number) stands under the open
        item of a shallower level numbered as its section; any other label passes."""
        style = label.style
        if "section" not in style.pattern.groupindex:
            return True
        m = style.pattern.match(label.text)
        outer = next((e for e in reversed(self.stack) if e.rank < style.rank), None)
        return m is not None and outer is not None and outer.number == int(m.group("section"))

    def _push(self, style: Style, number: int, path: tuple[int, ...], depth: int) -> tuple[int, ...] | None:
        """Open the level of a label of ``style`` numbered ``number`` at ``path``, closing those
        from ``depth`` on."""
        if len(path) > MAX_DEPTH:
            return None
        del self.stack[depth:]
        self.stack.append(tuple.__new__(Open, (style, number, path, style.rank)))
        self.last_number[style.rank] = number
        return path


# Fields read by position (in C): a named tuple's field read by name is a slow attribute lookup.
LABEL = itemgetter(Candidate._fields.index("label"))
STYLE, STRONG = itemgetter(Label._fields.index("style")), itemgetter(Label._fields.index("strong"))
RANK, NAME = attrgetter("rank"), attrgetter("name")


def number_items(cands: list[Candidate]) -> list[tuple[Candidate, tuple[int, ...]]]:
    """The candidates that are items, with their paths, in order."""
    if not cands:
        return []
    labels = list(map(LABEL, cands))   # (C loops: the getters below run over every candidate)
    label_styles = list(map(STYLE, labels))
    ranks = list(map(RANK, label_styles))
    names = list(map(NAME, label_styles))
    strongs = list(map(STRONG, labels))
    order = range(len(cands))
    next_level, next_same = _nearest(ranks, names, order[::-1])
    if not all(strongs):   # the labels before a weak one tell whether it repeats a number
        # (most parts have none)
        prev_level, prev_same = _nearest(ranks, names, order)
    sectioned = rules().sectioned_styles
    numbering = Numbering(labels, next_level, next_same)
    out = []
    for k, c in enumerate(cands):
        label = labels[k]
        if not strongs[k] and any(_repeats(label, labels[j]) for j in (prev_level[k], next_level[k], prev_same[k],
                                                                       next_same[k]) if j is not None):
            continue   # 1.1 1.2 2.1, or 2.5万元 before a real 2.: not a label
        if names[k] in sectioned and not numbering.under_its_section(label):
            continue   # 2.1 counts only inside section 二 (or 2.): alone it is a section number of a lost outline
        path = numbering.accept(k)
        if path is not None:
            out.append((c, path))
    return out
