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

from ...text.pattern_needs import literal_prefixes


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
