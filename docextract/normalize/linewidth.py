"""The line width of a hard-wrapped text (a PDF copy), which the line joiner reads: a line that
fills it continues whatever it looks like.  Rules: ``rules/normalize.toml`` (``wrap_*``).
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from math import ceil, floor

from .rules import NormalizeRules

LONG_LINE = 15    # the lines whose widths tell a hard-wrapped text (shorter ones end paragraphs)


def line_width(line: str) -> float:
    """The printed width of a line: a CJK character 1, an ASCII or Latin-1 one (a digit, a
    letter, a space) a half.

    >>> line_width("到2025年"), line_width("为了")
    (4.0, 2)
    """
    narrow = len(line.encode("latin-1", "ignore"))
    return len(line) - narrow / 2 if narrow else len(line)


def wrap_width(lines: list[str], r: NormalizeRules) -> float | None:
    """The line width of a hard-wrapped text (a PDF copy): the width most long lines reach, when
    enough of them reach it.  Web text has paragraphs of every length, so it has none.  Returns
    the least width of a full line."""
    # A bound from the lengths first, which refuses most web text without measuring every line: with
    # a width, the ``few_wider``-th widest line is at most slack above it (fewer lines may be wider)
    # and the ``need``-th widest at least slack below it, so the two differ by 2 * slack + 1 at most
    # (one for the rounding).  The ``few_wider`` longest lines are that many lines at least as wide
    # as the narrowest of them, and no line is wider than its length: when that narrowest one is
    # wider than the ``need``-th longest length + 2 * slack + 1, no width exists.
    by_length = sorted(lines, key=len)
    long_lines = len(by_length) - bisect_left(by_length, LONG_LINE, key=len)
    need = max(r.wrap_min_full_lines, r.wrap_min_full_share * long_lines)
    if need > long_lines:
        return None
    few_wider = floor(r.wrap_max_wider_share * long_lines) + 1
    if min(map(line_width, by_length[-few_wider:])) > len(by_length[-ceil(need)]) + 2 * r.wrap_slack + 1:
        return None
    # line_width of every line at once: one encode of the text keeps the narrow characters (a narrow
    # character counts a half) and the line breaks
    narrow = "\n".join(lines).encode("latin-1", "ignore").split(b"\n")
    widths = [len(ln) - len(few) / 2 for ln, few in zip(lines, narrow) if len(ln) >= LONG_LINE]
    histogram = Counter(map(round, widths))
    slack = r.wrap_slack
    # a window of slack + 1 widths holds at most that many times the lines of the commonest width:
    # when even that is too few (most web text), no window is, and no window is counted
    if (slack + 1) * max(histogram.values()) < need:
        return None
    counts = [0] * (max(histogram) + 1)   # lines per width, as a list: a window is one slice
    for w, n in histogram.items():
        counts[w] = n
    # lines of width top - slack … top, for every top (the slack is a few widths)
    best, best_count = None, 0
    for top in sorted(histogram, reverse=True):
        count = sum(counts[max(top - slack, 0):top + 1])
        if count > best_count:
            best, best_count = top, count
    if best is None or best_count < r.wrap_min_full_lines or best_count < r.wrap_min_full_share * len(widths):
        return None
    wider = sum(counts[best + slack + 1:])
    if wider > r.wrap_max_wider_share * len(widths):
        return None  # paragraphs run past the width: a text already joined (a web page, a PDF loader's)
    return best - r.wrap_slack
