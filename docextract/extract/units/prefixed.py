"""Searching a rule pattern from the literals every match of it opens with.

A notice-wide rule of ``units.toml`` (``(?:以下|下列)…均由X负责``) is searched over the whole
body, where it almost never matches.  sre scans such a search character by character; finding
the literals its matches must open with (``str.find``, a fast scan) and trying the pattern only
there gives the same first match at a fraction of the cost.  The literals are read from the
parsed pattern, so a rule added to the TOML is covered as it is written; a pattern whose
matches open with no fixed literal is searched as before.
"""
from __future__ import annotations

import re
from functools import lru_cache

try:   # the parser sre compiles with (``sre_parse`` before Python 3.11)
    from re import _constants as _sre, _parser as _sre_parse
except ImportError:   # pragma: no cover - older Pythons
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

# Case-folding or locale flags make a literal stand for several strings: no prefixes then.
NOT_LITERAL_FLAGS = re.IGNORECASE | re.LOCALE


def _sequence_prefixes(items: list) -> frozenset[str] | None:
    """Strings one of which opens every match of a parsed sequence, or None."""
    if not items:
        return None
    op, av = items[0]
    if op is _sre.LITERAL:
        chars = []
        for op, av in items:
            if op is not _sre.LITERAL:
                break
            chars.append(chr(av))
        return frozenset(["".join(chars)])
    if op is _sre.IN:   # [列排位], or 列|排|位 as the parser folds it
        if av and all(kind is _sre.LITERAL for kind, _ in av):
            return frozenset(chr(code) for _, code in av)
        return None
    if op is _sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return None if add_flags or del_flags else _sequence_prefixes(list(sub))
    if op is _sre.BRANCH:
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
        words = _sequence_prefixes(list(_sre_parse.parse(pattern.pattern, pattern.flags)))
    except Exception:   # a construct the private parser reads otherwise: search as before
        return None
    return tuple(sorted(words)) if words else None


def literal_starts(text: str, words: tuple[str, ...]) -> list[int]:
    """Every position of ``text`` where one of ``words`` starts, ascending."""
    starts: set[int] = set()
    for word in words:
        at = text.find(word)
        while at >= 0:
            starts.add(at)
            at = text.find(word, at + 1)
    return sorted(starts)


def prefixed_search(pattern: re.Pattern, text: str, starts: list[int] | None = None) -> re.Match | None:
    """``pattern.search(text)``: the first match, tried only where its literals start (``starts``:
    those positions when the caller found them already).

    >>> prefixed_search(re.compile("以下(?:各项)?任务"), "完成以下工作。以下各项任务").span()
    (7, 13)
    """
    words = literal_prefixes(pattern)
    if words is None:
        return pattern.search(text)
    for at in literal_starts(text, words) if starts is None else starts:
        m = pattern.match(text, at)   # match at the leftmost start: what search returns
        if m:
            return m
    return None
