"""What every match of a regular expression holds, read from the pattern itself (the stdlib's
own regex parser), for gates that pass over a text lacking it without running the pattern.

Shared by the stages' gates (``normalize/gates.py``, ``rules/prefilter.py`` for the clean stage,
``structure/gates.py``) and the units' literal-first searches (``extract/units/prefixed.py``), so a
rule edited in its TOML file keeps a gate that is right for it: ``required_sets`` (characters every
match holds) and ``literal_prefixes`` (the literals every match opens with).  Sound by construction: a
set is reported only when every match must consume one of its characters; anything the reader
does not know (a category such as ``\\d``, a negated class, a flag, a lookaround) adds no set.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

try:   # the stdlib's own regex parser (private, stable since 3.11): without it, nothing is required
    from re import _constants as constants
    from re import _parser as parser
except ImportError:  # pragma: no cover - a Python that moved it: every pattern is always run
    constants = parser = None
c = constants

MAX_GATE_CHARS = 24   # a character class wider than this is no useful gate (a CJK range, \d)
REPEATS = (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) if c else ()


def required_sets(pattern: re.Pattern | str) -> tuple[frozenset[str], ...]:
    """Sets of characters such that every match of ``pattern`` holds a character of each set;
    ``()`` when nothing is required (the pattern can match without any particular character).

    >>> [sorted(s) for s in required_sets(r"(?:中华)?民国\\s*\\d+年")]
    [['民'], ['国'], ['年']]
    >>> [sorted(s) for s in required_sets(r"^(?:特此通知|附\\s*件|抄送)")]
    [['抄', '特', '附']]
    >>> required_sets(r"\\d+[.、]?"), required_sets("(?i)abc")
    ((), ())
    """
    compiled = re.compile(pattern) if isinstance(pattern, str) else pattern
    if parser is None or compiled.flags & re.IGNORECASE:
        return ()
    try:
        parsed = parser.parse(compiled.pattern, compiled.flags)
    except Exception:  # noqa: BLE001 - an internal parser that changed shape: no gate, not an error
        return ()
    return tuple(dict.fromkeys(_of_sequence(list(parsed))))


def _of_sequence(items: list) -> list[frozenset[str]]:
    return [found for op, arg in items for found in _of_item(op, arg)]


def _of_item(op, arg) -> list[frozenset[str]]:
    if op == c.LITERAL:
        return [frozenset(chr(arg))]
    if op == c.IN:
        found = _of_class(arg)
        return [found] if found else []
    if op == c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = arg
        return [] if add_flags & re.IGNORECASE else _of_sequence(list(sub))
    if op == c.ATOMIC_GROUP:
        return _of_sequence(list(arg))
    if op in REPEATS:
        low, _high, sub = arg
        return _of_sequence(list(sub)) if low >= 1 else []
    if op == c.BRANCH:   # one character of some required set of each alternative
        chars: set[str] = set()
        for alternative in arg[1]:
            sets = _of_sequence(list(alternative))
            if not sets:
                return []
            chars |= min(sets, key=len)
        return [frozenset(chars)] if len(chars) <= MAX_GATE_CHARS else []
    return []   # anchors, lookarounds, any character, back references: nothing required


def _of_class(items: list) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, arg in items:
        if op == c.LITERAL:
            chars.add(chr(arg))
        elif op == c.RANGE and arg[1] - arg[0] < MAX_GATE_CHARS:
            chars.update(chr(k) for k in range(arg[0], arg[1] + 1))
        else:
            return None   # a negated class, a category (\d, \s) or a wide range
    return frozenset(chars) if len(chars) <= MAX_GATE_CHARS else None


# Case-folding or locale flags make a literal stand for several strings: no prefixes then.
NOT_LITERAL_FLAGS = re.IGNORECASE | re.LOCALE


def _sequence_prefixes(items: list) -> frozenset[str] | None:
    """Strings one of which opens every match of a parsed sequence, or None."""
    if not items:
        return None
    op, av = items[0]
    if op is constants.LITERAL:
        chars = []
        for op, av in items:
            if op is not constants.LITERAL:
                break
            chars.append(chr(av))
        return frozenset(["".join(chars)])
    if op is constants.IN:   # [列排位], or 列|排|位 as the parser folds it
        if av and all(kind is constants.LITERAL for kind, _ in av):
            return frozenset(chr(code) for _, code in av)
        return None
    if op is constants.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return None if add_flags or del_flags else _sequence_prefixes(list(sub))
    if op is constants.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:
            words = _sequence_prefixes(list(alternative))
            if not words:
                return None
            out |= words
        return frozenset(out)
    return None


@lru_cache(maxsize=256)
def literal_prefixes(pattern: re.Pattern) -> tuple[str, ...] | None:
    """The literals every match of ``pattern`` opens with, or None when there are none.

    >>> literal_prefixes(re.compile("(?:以下|下列)(?:任务)?均由(?P<u>.+?)负责"))
    ('下列', '以下')
    >>> literal_prefixes(re.compile(r"\\d+元")) is None
    True
    """
    if not isinstance(pattern.pattern, str) or pattern.flags & NOT_LITERAL_FLAGS:
        return None
    try:
        words = _sequence_prefixes(list(parser.parse(pattern.pattern, pattern.flags)))
    except Exception:   # a construct the private parser reads otherwise: search as before
        return None
    return tuple(sorted(words)) if words else None


# -- first characters: what a match can start with ------------------------------------------

class FirstChars(NamedTuple):
    """The characters a match may start with, as the items of a regex class in the order the
    patterns name them: ``(LITERAL, code)``, ``(RANGE, (low, high))``, ``(CATEGORY, category)``
    (sre's constants, so a gate can write them as a class or test them as ``str`` predicates)."""
    items: tuple


class _Unknown(Exception):
    """The first (or last) character of a match cannot be told from the pattern (any character, a
    negated class, a back reference, a flag that changes what a literal matches)."""


def first_chars_of(patterns) -> FirstChars | None:
    """What a match of any of ``patterns`` may start with; None when that cannot be told or a
    pattern may match the empty string.

    >>> found = first_chars_of([re.compile(r"[（(]?\\d+、"), re.compile("第")])
    >>> [kind == constants.LITERAL for kind, _ in found.items]
    [True, True, False, True]
    >>> first_chars_of([re.compile("(?i)a")]), first_chars_of([re.compile("a?")])
    (None, None)
    """
    if parser is None:
        return None
    items: dict = {}
    try:
        for pattern in patterns:
            if pattern.flags & (re.IGNORECASE | re.LOCALE):
                return None
            if _edge_of_sequence(list(parser.parse(pattern.pattern, pattern.flags)), items):
                return None   # the pattern may match nothing
    except _Unknown:
        return None
    except Exception:  # noqa: BLE001 - an internal parser that changed shape: unknown, not an error
        return None
    return FirstChars(tuple(items))


def last_chars_of(pattern: re.Pattern) -> FirstChars | None:
    """What a match of ``pattern`` may end with, read when every match ends at the text's end
    (``$`` or ``\\Z`` last, not multi-line: ``$`` adds the line break it matches before); None
    when that cannot be told or the pattern may match the empty string.

    >>> [chr(v) for _, v in last_chars_of(re.compile(r"\\d+[页頁]\\Z")).items]
    ['页', '頁']
    >>> last_chars_of(re.compile(r"\\d+")), last_chars_of(re.compile(r"(?m)页$"))
    (None, None)
    """
    if parser is None or pattern.flags & (re.IGNORECASE | re.LOCALE | re.MULTILINE):
        return None
    try:
        sequence = list(parser.parse(pattern.pattern, pattern.flags))
        if not sequence or sequence[-1] not in ((c.AT, c.AT_END), (c.AT, c.AT_END_STRING)):
            return None   # a match may end before the text's end
        items: dict = {(c.LITERAL, ord("\n")): None} if sequence[-1][1] == c.AT_END else {}
        if _edge_of_sequence(sequence[:-1], items, last=True):
            return None   # the pattern may match nothing
    except _Unknown:
        return None
    except Exception:  # noqa: BLE001 - an internal parser that changed shape: unknown, not an error
        return None
    return FirstChars(tuple(items))


def _edge_of_sequence(sequence: list, items: dict, last: bool = False) -> bool:
    """Add the first (``last``: the last) characters of ``sequence``; True when it may match nothing."""
    for op, arg in reversed(sequence) if last else sequence:
        if not _edge_of_item(op, arg, items, last):
            return False
    return True


def _edge_of_item(op, arg, items: dict, last: bool) -> bool:
    """Add the item's first (last) characters; True when it may consume nothing (then what follows
    it may start the match, or what precedes it end it)."""
    if op == c.LITERAL:
        items[(c.LITERAL, arg)] = None
        return False
    if op == c.IN:
        for kind, value in arg:
            if kind not in (c.LITERAL, c.RANGE, c.CATEGORY):
                raise _Unknown   # a negated class
            items[(kind, value)] = None
        return False
    if op == c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = arg
        if add_flags & re.IGNORECASE:
            raise _Unknown
        return _edge_of_sequence(list(sub), items, last)
    if op == c.ATOMIC_GROUP:
        return _edge_of_sequence(list(arg), items, last)
    if op in REPEATS:
        low, high, sub = arg
        if high == 0:
            return True   # x{0} consumes nothing
        return _edge_of_sequence(list(sub), items, last) or low == 0
    if op == c.BRANCH:
        empty = False
        for alternative in arg[1]:
            empty = _edge_of_sequence(list(alternative), items, last) or empty
        return empty
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return True   # consumes nothing: the match starts with what follows (a lookaround only narrows it)
    raise _Unknown   # any character, a back reference, a conditional


# -- character classes: the first (or last) characters written as one regex class ----------

CATEGORY_CLASS = {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_NOT_DIGIT: r"\D", c.CATEGORY_SPACE: r"\s",
                   c.CATEGORY_NOT_SPACE: r"\S", c.CATEGORY_WORD: r"\w", c.CATEGORY_NOT_WORD: r"\W"} if c else {}


def first_class(patterns) -> str | None:
    """A regex character class holding every character a match of one of ``patterns`` can start
    with, or None when that cannot be told (so that a lookahead for it, put before the patterns'
    alternation, turns most lines away in one class test and changes no match).

    >>> first_class([re.compile(r"第\\s*\\d+条"), re.compile(r"[（(]?\\s*[一二]、")])
    '[第（(\\\\s一二]'
    >>> first_class([re.compile(r"\\d+、")]), first_class([re.compile(r"(?i)a")]), first_class([re.compile(r"a?")])
    ('[\\\\d]', None, None)
    """
    found = first_chars_of(patterns)
    return None if found is None else class_of(found.items)


def class_of(items) -> str | None:
    """The class of ``FirstChars.items`` (None when one of them has no class escape)."""
    parts: dict[str, None] = {}
    for kind, value in items:
        if kind == c.LITERAL:
            parts[_class_char(value)] = None
        elif kind == c.RANGE:
            parts[f"{_class_char(value[0])}-{_class_char(value[1])}"] = None
        elif value in CATEGORY_CLASS:
            parts[CATEGORY_CLASS[value]] = None
        else:
            return None   # a category no class escape names
    return "[" + "".join(parts) + "]"


def _class_char(code: int) -> str:
    return re.escape(chr(code)) if chr(code) in "\\]^-[" else chr(code)
