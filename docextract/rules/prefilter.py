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

from ..text.pattern_needs import FirstChars, constants as c, first_chars_of, parser as _parser, required_sets

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

    def __init__(self, chars: set[str], ranges: list[tuple[int, int]], categories: list[Callable[[str], bool]]):
        self.chars = chars
        self.ranges = ranges
        self.categories = categories

    def holds(self, ch: str) -> bool:
        return ch in self.chars or any(lo <= ord(ch) <= hi for lo, hi in self.ranges) \
            or any(test(ch) for test in self.categories)


def _firsts(found: FirstChars | None) -> _Firsts | None:
    """``found`` as str tests, or _ANY when it is unknown or names a category without one."""
    if found is None:
        return _ANY
    chars: set[str] = set()
    ranges: list[tuple[int, int]] = []
    categories: list[Callable[[str], bool]] = []
    for kind, value in found.items:
        if kind == c.LITERAL:
            chars.add(chr(value))
        elif kind == c.RANGE:
            ranges.append(value)
        elif value in _CATEGORIES:
            categories.append(_CATEGORIES[value])
        else:
            return _ANY   # a negated category
    return _Firsts(chars, ranges, categories)


class _Facts:
    """What one pattern needs of a text it matches at the start of."""

    def __init__(self, pattern: re.Pattern) -> None:
        self.firsts: _Firsts | None = _ANY
        self.required: tuple[tuple[str, ...], ...] = ()
        if _parser is None or pattern.flags & (re.IGNORECASE | re.ASCII | re.LOCALE):
            return
        self.firsts = _firsts(first_chars_of([pattern]))
        self.required = tuple(tuple(sorted(s)) for s in required_sets(pattern))

    def may_start_with(self, ch: str) -> bool:
        return self.firsts is _ANY or self.firsts.holds(ch)


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
    facts = _facts(patterns, absent)
    plans: dict[str, bool | str | tuple] = {"": True}   # first character → what the text must hold (_plan)

    # Inline loops, no call per pattern: the test runs on every line of a notice, and most lines
    # are decided by one or two ``in`` tests (a line of words starting with a hanzi: a space?).
    def may(text: str) -> bool:
        first = text[:1]
        plan = plans.get(first)
        if plan is None:
            plan = plans[first] = _plan([f for f in facts if f.may_start_with(first)])
        if plan.__class__ is str:
            for ch in plan:
                if ch in text:
                    return True
            return False
        if plan.__class__ is bool:
            return plan
        for required in plan:
            for chars in required:
                for ch in chars:
                    if ch in text:
                        break
                else:
                    break   # a set of this pattern is missing
            else:
                return True
        return False
    return may


def _plan(candidates: list[_Facts]) -> bool | str | tuple[tuple[tuple[str, ...], ...], ...]:
    """What a text must hold for one of ``candidates`` (the patterns its first character may
    start) to match: nothing (True), something impossible (False: no candidate), one of the
    characters of a str (one candidate needing one set), or all the sets of some candidate."""
    if not candidates:
        return False
    if any(not f.required for f in candidates):
        return True
    if len(candidates) == 1 and len(candidates[0].required) == 1:
        return "".join(candidates[0].required[0])
    return tuple(f.required for f in candidates)


CHAR_MEMO_MAX = 4096   # characters remembered (a bound for hostile input)


class CharMemo(dict):
    """``memo[ch]``: ``test(ch)``, each character tested once and then looked up (up to
    ``CHAR_MEMO_MAX`` of them): a test of lines' first characters, run on every line.

    >>> memo = CharMemo(str.isdigit)
    >>> memo["1"], memo["一"], dict(memo)
    (True, False, {'1': True, '一': False})
    """

    def __init__(self, test: Callable[[str], bool]) -> None:
        super().__init__()
        self.test = test

    def __missing__(self, ch: str) -> bool:
        result = self.test(ch)
        if len(self) < CHAR_MEMO_MAX:
            self[ch] = result
        return result


def may_start_with(patterns: list[re.Pattern] | tuple[re.Pattern, ...], absent: str = "") -> CharMemo:
    """The first-character half of ``may_match_at_start``: ``may[ch]`` is False only when no
    pattern can match at the start of a text that starts with ``ch`` (so ``may_match_at_start``
    says False for every such text).

    >>> may = may_start_with([re.compile(r"首页\\s*>"), re.compile(r"\\d{4}-\\d{2}")])
    >>> may["首"], may["2"], may["附"]
    (True, True, False)
    """
    facts = _facts(patterns, absent)
    return CharMemo(lambda ch: any(f.may_start_with(ch) for f in facts))


def _facts(patterns, absent: str) -> list[_Facts]:
    """The patterns' facts, without those that need a character the texts do not hold."""
    return [f for f in map(_Facts, patterns) if not any(set(chars) <= set(absent) for chars in f.required)]
