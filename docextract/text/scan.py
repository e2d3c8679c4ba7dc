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
    lows: list[int] = []
    highs: list[int] = []
    high = 0
    for m in anchor.finditer(text):
        start, end = m.start() - before, m.end() + after
        if lows and start <= high:   # (the same test on the clipped ends: start < len(text), high >= 0)
            if end > high:
                high = end
        else:
            if lows:
                highs.append(min(len(text), high))
            lows.append(max(0, start))
            high = end
    if lows:
        highs.append(min(len(text), high))
    return list(zip(lows, highs))


def anchored_finditer(pattern: re.Pattern, text: str, anchor: re.Pattern, before: int,
                      after: int) -> Iterator[re.Match]:
    """``pattern.finditer`` restricted to the windows around ``anchor`` (lookbehinds still see
    the text before a window, since ``finditer(text, pos, endpos)`` does not slice)."""
    for start, end in windows(text, anchor, before, after):
        yield from pattern.finditer(text, start, end)


def screen(pattern: str, first: str, flags: int = 0) -> re.Pattern:
    """A pattern that matches one character wherever ``(?=[first])(?:pattern)`` matches.

    It opens with the class ``first``, so the regex engine passes over the other characters in
    its fast loop; a pattern that opens with a look-ahead (or anything optional) makes it enter
    the matcher at every character instead.  Group names must be unique within ``pattern``.

    >>> screen(r"\\d+元", r"\\d").search("共计300元").start()
    2
    """
    end = "\n" if flags & re.VERBOSE else ""   # a comment on the pattern's last line ends there
    return re.compile(rf"[{first}](?<=(?=(?:{pattern}{end}))[\s\S])", flags)

