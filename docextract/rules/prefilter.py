"""A cheap test run before patterns anchored at the start of a line: read from the compiled
patterns themselves (the stdlib's regex parser), so a rule edited in its TOML file keeps a test
that is right for it.

A pattern tried with ``match`` on every line of a notice fails on almost all of them, and a wide
alternation fails slowly (each alternative is tried in turn).  Two facts of a pattern decide
most lines first: the characters a match may start with (``首页``, ``【``, a digit …) and the
characters every match holds somewhere (a space, for a menu of words between spaces).  Sound
by construction: the test says "cannot match" only when the line starts with none of the first
characters, or lacks every character of a set each match needs; an element the analysis does
not know (a back reference, a negated class, a flag) makes it say "may match".
"""
from __future__ import annotations

import re
from collections.abc import Callable

from ..text.pattern_needs import REPEATS as _REPEATS, constants as c, parser as _parser, required_sets

_ANY = None          # "any character may start a match"
# The classes a first character may fall in, as str predicates that agree with the regex
# engine's Unicode categories (both read the same Unicode database).
_CATEGORIES = {
    c.CATEGORY_DIGIT: str.isdecimal,
    c.CATEGORY_SPACE: str.isspace,
    c.CATEGORY_WORD: lambda ch: ch.isalnum() or ch == "_",
} if c else {}


class _Firsts:
    """The characters a match may start with: some characters, ranges and categories."""

    def __init__(self) -> None:
        self.chars: set[str] = set()
        self.ranges: list[tuple[int, int]] = []
        self.categories: list[Callable[[str], bool]] = []

    def add(self, other: "_Firsts") -> None:
        self.chars |= other.chars
        self.ranges += other.ranges
        self.categories += other.categories

    def holds(self, ch: str) -> bool:
        return ch in self.chars or any(lo <= ord(ch) <= hi for lo, hi in self.ranges) \
            or any(test(ch) for test in self.categories)


def _firsts_of_sequence(items) -> tuple[_Firsts | None, bool]:
    """(the first characters of a sequence or _ANY, whether it may match the empty string)."""
    found = _Firsts()
    for op, arg in items:
        firsts, empty = _firsts_of_item(op, arg)
        if firsts is _ANY:
            return _ANY, False
        found.add(firsts)
        if not empty:
            return found, False
    return found, True


def _firsts_of_item(op, arg) -> tuple[_Firsts | None, bool]:
    found = _Firsts()
    if op == c.LITERAL:
        found.chars.add(chr(arg))
        return found, False
    if op == c.IN:
        for kind, value in arg:
            if kind == c.LITERAL:
                found.chars.add(chr(value))
            elif kind == c.RANGE:
                found.ranges.append(value)
            elif kind == c.CATEGORY and value in _CATEGORIES:
                found.categories.append(_CATEGORIES[value])
            else:
                return _ANY, False   # a negated class or category
        return found, False
    if op == c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = arg
        return (_ANY, False) if add_flags & re.IGNORECASE else _firsts_of_sequence(sub)
    if op == c.ATOMIC_GROUP:
        return _firsts_of_sequence(arg)
    if op in _REPEATS:
        low, high, sub = arg
        if high == 0:
            return found, True
        firsts, empty = _firsts_of_sequence(sub)
        return firsts, empty or low == 0
    if op == c.BRANCH:
        empty = False
        for alternative in arg[1]:
            firsts, alternative_empty = _firsts_of_sequence(alternative)
            if firsts is _ANY:
                return _ANY, False
            found.add(firsts)
            empty = empty or alternative_empty
        return found, empty
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return found, True   # zero width: what follows starts the match (a lookaround only narrows it)
    return _ANY, False       # any character, a back reference, a conditional …


class _Facts:
    """What one pattern needs of a text it matches at the start of."""

    def __init__(self, pattern: re.Pattern) -> None:
        self.firsts: _Firsts | None = _ANY
        self.required: tuple[tuple[str, ...], ...] = ()
        if _parser is None or pattern.flags & (re.IGNORECASE | re.ASCII | re.LOCALE):
            return
        try:
            parsed = list(_parser.parse(pattern.pattern, pattern.flags))
        except Exception:  # noqa: BLE001 - an internal parser that changed shape: no prefilter
            return
        firsts, empty = _firsts_of_sequence(parsed)
        self.firsts = _ANY if empty else firsts
        self.required = tuple(tuple(sorted(s)) for s in required_sets(pattern))

    def may_start_with(self, ch: str) -> bool:
        return self.firsts is _ANY or self.firsts.holds(ch)

    def holds_required(self, text: str) -> bool:
        for chars in self.required:
            for ch in chars:
                if ch in text:
                    break
            else:
                return False
        return True


def may_match_at_start(patterns: list[re.Pattern] | tuple[re.Pattern, ...], absent: str = "") -> Callable[[str], bool]:
    """A test ``may(text)``: False only when no pattern of ``patterns`` can match at the start of
    ``text`` (``pattern.match(text)`` is None for each).  ``absent``: characters the texts tested
    are known not to hold (the caller has set those texts aside), so a pattern that needs one of
    them is left out.

    >>> may = may_match_at_start([re.compile(r"首页\\s*>"), re.compile(r"(?:[\\u4e00-\\u9fff]{2,6}[ \\t]+){3,}"),
    ...                           re.compile(r"\\d{4}-\\d{2}")])
    >>> may("首页 > 政务公开"), may("一、总体要求"), may("通知 公告 政策 文件"), may("2024-05"), may("附件")
    (True, False, True, True, False)
    >>> may_match_at_start([re.compile(r"(?:[\\u4e00-\\u9fff]{2,6}[ \\t]+){3,}")], absent=" \\t")("通知 公告 政策 文件")
    False
    """
    facts = [f for f in map(_Facts, patterns) if not any(set(chars) <= set(absent) for chars in f.required)]
    by_first: dict[str, tuple[_Facts, ...]] = {}   # first character → the patterns it may start

    def may(text: str) -> bool:
        if not text:
            return True   # (the patterns decide whether they match an empty text)
        first = text[0]
        candidates = by_first.get(first)
        if candidates is None:
            candidates = by_first[first] = tuple(f for f in facts if f.may_start_with(first))
        for f in candidates:
            if f.holds_required(text):
                return True
        return False
    return may
