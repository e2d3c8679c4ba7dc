"""Patterns run only near the literal they cannot match without.

A deadline needs 前, 月 or 内; an amount needs 元.  Rather than try a pattern at every character
of a notice, find the anchor literals (a fast scan) and run the pattern in merged windows
around them.  Matches keep their offsets in the whole text.
"""
from __future__ import annotations

import re
from typing import Iterator


def windows(text: str, anchor: re.Pattern, before: int, after: int) -> list[tuple[int, int]]:
    """Merged ``(start, end)`` windows reaching ``before``/``after`` characters around each anchor.

    >>> windows("abc元defgh元ij", re.compile("元"), 2, 1)
    [(1, 5), (7, 11)]
    """
    spans: list[list[int]] = []
    for m in anchor.finditer(text):
        start, end = max(0, m.start() - before), min(len(text), m.end() + after)
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return [(a, b) for a, b in spans]


def anchored_finditer(pattern: re.Pattern, text: str, anchor: re.Pattern, before: int,
                      after: int) -> Iterator[re.Match]:
    """``pattern.finditer`` restricted to the windows around ``anchor`` (lookbehinds still see
    the text before a window, since ``finditer(text, pos, endpos)`` does not slice)."""
    for start, end in windows(text, anchor, before, after):
        yield from pattern.finditer(text, start, end)
