"""What a notice says once for all its items: 列在首位的部门为牵头部门; 以下各项任务均由X负责 (X for
every later item that names nobody); 以下均需X落实 (X beside every later item's own units); a
duty list whose items are headed by unit names (（一）区城管局：负责…), whose heads are
responsible for their items and everything under them."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from typing import Protocol, Sequence

from ...rules.orgs import org_lexicon
from .canonical import BodyLexicon, body_lexicon
from .lexicon import lexicon
from .names import Name
from .prefixed import literal_prefixes, literal_starts, prefixed_search
from .recognizer import GENERIC, UnitRecognizer, default_recognizer, recognizer
from .slots import FIELD, Assignments, slot_units

# A duty list has at least this many items headed by unit names under one parent: a single
# item that happens to start with a name (一、市场监管局要…) is no list.
DUTY_LIST_MIN_HEADS = 2
# A duty head is a short line: the unit names, then ：, a line end or the end of the item.
DUTY_HEAD_MAX_CHARS = 40
DUTY_SOURCE = "职责分工"
# Literals the note patterns of units.toml cannot match without (a note is rare: most notices
# are not searched at all).
NOTE_ANCHORS = ("以下", "下列")
LEAD_ANCHORS = ("牵头",)
# A numbered list of units followed by a person, a phone or an address lists contacts, not duties.
CONTACT = re.compile(r"联系人|电话|手机|邮箱|传真|地址|\d{7,}|\d{3,4}-\d{7,8}")
CONTACT_WINDOW = 40
HEAD_STOP = re.compile("[:：\n]")   # where a duty head may end: a colon (either width) or a line end
NOT_SPACE = re.compile(r"\S")   # the rest of an item holds text: one search, not a copy of the rest


class ItemLike(Protocol):
    """What the context needs of an item of the tree (structure's ItemNode has it)."""

    part: int
    path: tuple[int, ...]
    text_start: int
    end: int


@dataclass(frozen=True)
class Scope:
    """Where a document-wide rule applies: body offsets from ``start`` on, or exactly the items
    (by their text offsets) in ``items`` when the item tree is known."""

    start: int = 0
    items: frozenset[int] | None = None

    def holds(self, offset: int) -> bool:
        return offset in self.items if self.items is not None else offset >= self.start


@dataclass(frozen=True)
class AssignmentContext:
    """Assignment rules a notice states once for all its items (see ``find_assignment_context``).

    ``first_is_lead``: 列在首位的部门为牵头部门 was said, so a list with no explicit lead is led by
    its first unit (``others_role``: what the rest become, when the note says).  ``same_units``
    go to every item in ``same_scope`` that assigns nobody itself; ``also_units`` to every item in
    ``also_scope`` beside its own.  ``duty_heads``: an item's text offset → the units heading it in
    a duty list; ``duty_under``: the offsets of items under such a head → the head's units.
    ``body_searched``: the body was searched for the 列在首位 rules, so ``first_is_lead`` answers
    for every piece of the body too (a piece holds a match only if the body does).
    """

    first_is_lead: bool = False
    others_role: str | None = None
    same_units: Assignments = Assignments()
    same_scope: Scope = Scope()
    also_units: Assignments = Assignments()
    also_scope: Scope = Scope()
    duty_heads: dict[int, tuple[Name, ...]] = field(default_factory=dict)
    duty_under: dict[int, tuple[Name, ...]] = field(default_factory=dict)
    recognizer: UnitRecognizer = field(default_factory=default_recognizer)
    bodies: BodyLexicon = field(default_factory=body_lexicon)
    body_searched: bool = field(default=False, compare=False)   # bookkeeping: no rule of its own

    @property
    def same_units_from(self) -> int:
        return self.same_scope.start

    @cached_property
    def has_notes(self) -> bool:
        """Whether a note gives units to items (asked for every item; a frozen context keeps
        the answer)."""
        return bool(self.same_units) or bool(self.also_units)

    @cached_property
    def apart(self) -> AssignmentContext:
        """This context for a text that is not a piece of the body as written (a table row with
        its cells blanked): searched for the 列在首位 rules on its own.  Made once, asked per row."""
        return replace(self, body_searched=False) if self.body_searched else self

    @cached_property
    def apart_without_same(self) -> AssignmentContext:
        """``apart`` for a text that assigns units itself: 以下各项任务均由X负责 does not apply."""
        return replace(self, same_units=Assignments(), body_searched=False)


def _scope(pos: int, items: Sequence[ItemLike]) -> Scope:
    """The items a note at ``pos`` governs: those under the item holding it, or when it holds
    none, the later items of its own list (siblings and what is under them)."""
    if not items:
        return Scope(start=pos)
    holder = next((it for it in items if it.text_start <= pos < it.end), None)
    if holder is None:
        return Scope(start=pos, items=frozenset(it.text_start for it in items if it.text_start >= pos))
    under = [it for it in items if _under(holder, it)]
    if not under:
        parent = holder.path[:-1]
        under = [it for it in items if it.part == holder.part and it.text_start > pos
                 and len(it.path) > len(parent) and it.path[:len(parent)] == parent]
    return Scope(start=pos, items=frozenset(it.text_start for it in under))


def _with_source(units, source: str) -> tuple[Name, ...]:
    return tuple(Name(u.name, u.start, u.end, source) for u in units)


class _BodySearch:
    """The notice-wide rules' searches of one body: each pattern is tried only where the
    literals its matches open with start (``prefixed.py``), found once per set of literals
    (the note patterns all open with 以下 or 下列)."""

    def __init__(self, body: str):
        self.body = body
        self.starts: dict[tuple[str, ...], list[int]] = {}
        self.held: dict[tuple[str, ...], bool] = {}   # both note rules ask for the same anchors

    def holds_any(self, anchors: tuple[str, ...]) -> bool:
        held = self.held.get(anchors)
        if held is None:
            held = self.held[anchors] = any(a in self.body for a in anchors)
        return held

    def search(self, pattern: re.Pattern) -> re.Match | None:
        words = literal_prefixes(pattern)
        if words is None:
            return pattern.search(self.body)
        starts = self.starts.get(words)
        if starts is None:
            starts = self.starts[words] = literal_starts(self.body, words)
        return prefixed_search(pattern, self.body, starts)


def _note_units(search: _BodySearch, patterns, rec: UnitRecognizer, items) -> tuple[Assignments, Scope]:
    """The first note pattern that assigns units (run only when the body holds 以下 or 下列)."""
    lex, body = lexicon(), search.body
    if not search.holds_any(NOTE_ANCHORS):
        return Assignments(), Scope()
    for pattern in patterns:
        m = search.search(pattern)
        if not m:
            continue
        role = lex.verbs.get(m.group("verb"))
        if role is None:
            continue  # a verb the pattern allows but the clause verbs do not list assigns no role
        units = slot_units(body, m.start("units"), m.end("units"), 0, rec, "assignee")
        if units:
            return Assignments(**{role: _with_source(units, m.group("verb"))}), _scope(m.start(), items)
    return Assignments(), Scope()


def _head_stop(body: str, item: ItemLike, has_items_under) -> int | None:
    """Where the names heading an item would end, else None: the first colon (either width)
    before any line end, a line end with the duties below it or under it, or the end of a short
    item with items under it, each after a name's last character (``_duty_head`` takes no other
    stop).  One search finds the first colon or line end (the cheap test every item of every
    notice takes; ``has_items_under`` is asked only when a line end or nothing stands there)."""
    start = item.text_start
    end = min(item.end, start + DUTY_HEAD_MAX_CHARS + 1)
    m = HEAD_STOP.search(body, start, end)
    if m is not None:
        line_end = m.start()
        if not _ends_like_a_name(body, start, line_end):
            return None   # most heads end with a word, no unit
        if m.group() != "\n":
            return line_end   # a colon before any line end
        return line_end if NOT_SPACE.search(body, line_end, item.end) or has_items_under(item) else None
    return item.end if item.end <= end and _ends_like_a_name(body, start, item.end) and has_items_under(item) else None


def _duty_head(body: str, item: ItemLike, rec: UnitRecognizer, stop: int) -> tuple[Name, ...]:
    """The units heading an item of a duty list, else (): the names before ``stop``
    (``_head_stop``: 区城管局：负责…, or 区建管委 / 牵头协调… with the duties below or under it).
    A list of names alone (（二）事业单位；) defines, it assigns nothing."""
    start = item.text_start
    if CONTACT.search(body, stop, min(item.end, stop + CONTACT_WINDOW)):
        return ()  # a contact list (1.市教育局：李四，电话12345678)
    units = slot_units(body, start, stop, 0, rec, FIELD)
    if not units or max(rec.score(u.name) for u in units) < GENERIC or _rest_of_line(body, start, stop, units):
        return ()  # the line holds more than a list of names
    return _with_source(units, DUTY_SOURCE)


@cache
def _name_ends() -> frozenset[str]:
    orgs = org_lexicon()
    words = [*orgs.suffixes, *orgs.kinds, *orgs.words["known"]]
    return frozenset(w[-1] for w in words) | frozenset("）)〕")


NAME_TRAIL = " \t\u3000。；;，,"   # what may stand between a head's last name and its stop


def _ends_like_a_name(body: str, start: int, stop: int) -> bool:
    while stop > start and body[stop - 1] in NAME_TRAIL:
        stop -= 1
    return stop > start and body[stop - 1] in _name_ends()


LIST_GLUE = re.compile(r"[（(][^（()）]*[)）]|以及|[、，,；;和及与等。\s]")


def _rest_of_line(body: str, start: int, stop: int, units) -> str:
    """What the line holds besides the names, their delimiters and notes (等8个部门 → 8个部门)."""
    rest, pos = [], start
    for unit in units:
        rest.append(body[pos:unit.start])
        pos = unit.end
    rest.append(body[pos:stop])
    return LIST_GLUE.sub("", "".join(rest))


def _under(item: ItemLike, other: ItemLike) -> bool:
    return other.part == item.part and len(other.path) > len(item.path) and other.path[:len(item.path)] == item.path


def _duty_lists(body: str, items: Sequence[ItemLike], rec: UnitRecognizer):
    parents: set | None = None

    def has_items_under(item: ItemLike) -> bool:
        nonlocal parents
        if parents is None:   # built for the few items with a line end or nothing in their head
            parents = {(it.part, it.path[:-1]) for it in items}
        return (item.part, item.path) in parents

    heads: dict[int, tuple[Name, ...]] = {}
    for it in items:
        stop = _head_stop(body, it, has_items_under)
        heads[it.text_start] = () if stop is None else _duty_head(body, it, rec, stop)
    siblings: dict[tuple, int] = {}
    for it in items:
        if heads[it.text_start]:
            key = (it.part, it.path[:-1])
            siblings[key] = siblings.get(key, 0) + 1
    if not siblings:
        return {}, {}   # no item is headed by unit names (most notices)
    duty_heads, duty_under = {}, {}
    descendants = None
    for it in items:
        units = heads[it.text_start]
        if not units or siblings[(it.part, it.path[:-1])] < DUTY_LIST_MIN_HEADS:
            continue
        duty_heads[it.text_start] = units
        if descendants is None:
            descendants = _descendants(items)
        for other in descendants.get((it.part, tuple(it.path)), ()):
            duty_under[other.text_start] = units
    return duty_heads, duty_under


def _descendants(items: Sequence[ItemLike]) -> dict[tuple, list[ItemLike]]:
    """(part, path) → the items under it (``_under``), in order: one pass over the tree rather
    than one per duty head, so a long duty list costs time in its length, not its square."""
    out: dict[tuple, list[ItemLike]] = {}
    for other in items:
        path = tuple(other.path)
        for depth in range(len(path)):
            out.setdefault((other.part, path[:depth]), []).append(other)
    return out


def find_assignment_context(body: str, items: Sequence[ItemLike] = (), settings=None) -> AssignmentContext:
    """The assignment rules a notice states once.  ``items`` (the item tree, optional) scopes
    them to the list they are stated in and finds duty lists; ``settings`` chooses the unit
    recogniser and a user lexicon.

    >>> find_assignment_context("（列在首位的部门为牵头部门，下同）").first_is_lead
    True
    >>> ctx = find_assignment_context("三、任务\\n（以下各项任务均由各乡镇负责落实）\\n1.做好调度。")
    >>> [u.name for u in ctx.same_units.responsible], ctx.same_units_from
    (['各乡镇'], 6)
    """
    lex = lexicon()
    path = str(settings.unit_lexicon) if settings is not None and settings.unit_lexicon else None
    rec = recognizer(settings.unit_recognizer if settings is not None else "rules", path)
    search = _BodySearch(body)
    first = next((m for m in map(search.search, lex.first_is_lead) if m), None) \
        if search.holds_any(LEAD_ANCHORS) else None
    others = first.groupdict().get("others") if first else None
    same, same_scope = _note_units(search, lex.same_units, rec, items)
    also, also_scope = _note_units(search, lex.also_units, rec, items)
    duty_heads, duty_under = _duty_lists(body, items, rec) if items else ({}, {})
    return AssignmentContext(
        first_is_lead=first is not None, others_role=lex.labels.get(f"{others}单位") if others else None,
        same_units=same, same_scope=same_scope, also_units=also, also_scope=also_scope,
        duty_heads=duty_heads, duty_under=duty_under, recognizer=rec, bodies=body_lexicon(path),
        body_searched=True)
