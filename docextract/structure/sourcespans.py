"""Body spans of loaded-text spans, many at a time: ``TrackedText.from_source_span`` read from the
map's segments instead of bisecting over every character.

A task table places hundreds of cells; ``from_source_span`` finds each end by bisecting over the
body's characters, reading the map once per step (itself a bisect over its segments).  Here the
map's segments are read once per notice, and each end is one bisect over them.  The map keeps
the source's order (source offsets never decrease along the body), which both rely on."""
from __future__ import annotations

import bisect

from ..text.textmap import TrackedText


class SourceSpans:
    """``body_span(start, end)`` == ``tracked.from_source_span(start, end)``.

    >>> t = TrackedText.from_source("產業(yè)發展").replace_spans([(2, 6, "")])
    >>> spans = SourceSpans(t)
    >>> spans.body_span(6, 8), spans.body_span(2, 6), spans.body_span(0, 2)
    ((2, 4), None, (0, 2))
    """

    def __init__(self, tracked: TrackedText) -> None:
        length = len(tracked.text)
        ends = (*tracked.starts[1:], length)
        # the segments the map reads (an empty one never maps a character): (first body offset,
        # its source, linear), and the source of each one's last character
        self._segments = []
        self._last_sources = []
        for start, end, source, linear in zip(tracked.starts, ends, tracked.sources, tracked.linear):
            if end > start:
                self._segments.append((start, source, linear))
                self._last_sources.append(source + (end - start - 1 if linear else 0))
        self._length = length

    def _first_at_or_after(self, source: int) -> int:
        """The first body offset whose source is at or after ``source`` (the body's length if none)."""
        k = bisect.bisect_left(self._last_sources, source)
        if k == len(self._segments):
            return self._length
        start, first_source, linear = self._segments[k]
        return start + max(0, source - first_source) if linear else start

    def body_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The span of the body that came from ``source[start:end]``, None when nothing of it is left."""
        first, last = self._first_at_or_after(start), self._first_at_or_after(end)
        return (first, last) if first < last else None
