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
    return merge_windows([m.span() for m in anchor.finditer(text)], before, after, len(text))


def char_windows(text: str, chars: str, before: int, after: int) -> list[tuple[int, int]]:
    """``windows`` around every one of the characters ``chars`` (the anchor ``[chars]``), found
    by ``char_places``.

    >>> char_windows("abc元defgh$ij", "$元", 2, 1)
    [(1, 5), (7, 11)]
    """
    return merge_windows([(at, at + 1) for at in char_places(text, chars)], before, after, len(text))


def merge_windows(spans: list[tuple[int, int]], before: int, after: int, size: int) -> list[tuple[int, int]]:
    """The ``(start, end)`` windows reaching ``before``/``after`` characters around the anchor
    ``spans`` (in order), merged where they overlap or touch, clipped to ``size``."""
    lows: list[int] = []
    highs: list[int] = []
    high = 0
    for a, b in spans:
        start, end = a - before, b + after
        if lows and start <= high:   # (the same test on the clipped ends: start < size, high >= 0)
            if end > high:
                high = end
        else:
            if lows:
                highs.append(min(size, high))
            lows.append(max(0, start))
            high = end
    if lows:
        highs.append(min(size, high))
    return list(zip(lows, highs))


def char_places(text: str, chars: str) -> list[int]:
    """Every place one of ``chars`` stands in ``text``, in order.  ``str.find`` skips to the
    next place in the C library's memchr: for a few characters, about twice as fast as sre
    testing a class ``[chars]`` against every character (beyond some twenty, slower).

    >>> char_places("元a币元", "币元")
    [0, 2, 3]
    """
    places: list[int] = []
    for ch in chars:
        at = text.find(ch)
        while at >= 0:
            places.append(at)
            at = text.find(ch, at + 1)
    places.sort()
    return places


def anchored_finditer(pattern: re.Pattern, text: str, anchor: re.Pattern | str, before: int,
                      after: int) -> Iterator[re.Match]:
    """``pattern.finditer`` restricted to the windows around ``anchor`` (a pattern, or a string
    of single characters: ``char_windows``); lookbehinds still see the text before a window,
    since ``finditer(text, pos, endpos)`` does not slice."""
    spans = char_windows(text, anchor, before, after) if isinstance(anchor, str) else windows(text, anchor, before, after)
    for start, end in spans:
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


def literal_alternation(words) -> str:
    """A pattern that finds what the alternation of ``words``, longest first, finds (at each
    place the longest word), grouped by first character: 个(?:工作日|月)|日(?:产日清)?|前 …
    The regex engine tries the branches of an alternation one by one; one branch per first
    character, the one-character words' first (the commonest), tries fewer at each place a
    scan stops.

    >>> literal_alternation(["前", "之前", "日", "日产日清", "个月", "个工作日"])
    '日(?:产日清)?|前|个(?:工作日|月)|之(?:前)'
    >>> re.compile(literal_alternation(["识别", "识", " - ", " ", ".pdf"])).findall("识别 a - b.pdf识")
    ['识别', ' ', ' - ', '.pdf', '识']
    """
    if not all(words):   # the empty word matches everywhere: no grouping to gain
        return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    tails: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        tails.setdefault(word[0], []).append(word[1:])
    branches = []
    for first in sorted(tails, key=lambda c: "" not in tails[c]):   # stable: otherwise longest first
        longer = "|".join(map(re.escape, (t for t in tails[first] if t)))
        optional = "?" if "" in tails[first] else ""
        branches.append(re.escape(first) + (f"(?:{longer}){optional}" if longer else ""))
    return "|".join(branches)
