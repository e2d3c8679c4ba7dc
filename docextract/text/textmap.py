"""Text with a map back to the source, so offsets survive edits that change lengths.

``TrackedText.text`` is the current text; ``to_source(start, end)`` gives the span of the
original text it came from.  The map is piecewise: a sorted list of segments, each either
*linear* (characters copied one for one) or *collapsed* (replacement characters, all mapped
to the start of what they replaced).  Edits cost time in the number of edits and segments,
not in the length of the text, which keeps normalization cheap on long notices.
Every stage that deletes or replaces characters does it through ``replace_spans``.
"""
from __future__ import annotations

import bisect
from array import array
from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class TrackedText:
    text: str
    # segment k covers text[starts[k]:starts[k+1]] and maps to source offset sources[k] (+ i - starts[k]
    # when linear[k]); the source length is kept for the end sentinel
    starts: tuple[int, ...]
    sources: tuple[int, ...]
    linear: tuple[bool, ...]
    source_length: int

    @classmethod
    def from_source(cls, text: str) -> "TrackedText":
        return cls(text, (0,), (0,), (True,), len(text))

    # -- reading the map -----------------------------------------------------------------------

    def _source_of(self, i: int) -> int:
        """Source offset of the character now at ``i``; ``len(text)`` maps just past the last one."""
        if i >= len(self.text):
            return self._source_of(len(self.text) - 1) + 1 if self.text else 0
        k = bisect.bisect_right(self.starts, i) - 1
        return self.sources[k] + (i - self.starts[k] if self.linear[k] else 0)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The source span of ``text[start:end]``.

        >>> t = TrackedText.from_source("產業(yè)發展").replace_spans([(2, 6, "")])
        >>> t.text, t.to_source(2, 4)
        ('產業發展', (6, 8))
        """
        if end <= start:
            s = self._source_of(start)
            return s, s
        return self._source_of(start), self._source_of(end - 1) + 1

    def from_source_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The span of the current text that came from ``source[start:end]``, None when nothing
        of it is left (the inverse of ``to_source``; the map keeps the source's order).

        >>> t = TrackedText.from_source("產業(yè)發展").replace_spans([(2, 6, "")])
        >>> t.from_source_span(6, 8), t.from_source_span(2, 6)
        ((2, 4), None)
        """
        positions = range(len(self.text))
        first = bisect.bisect_left(positions, start, key=self._source_of)
        last = bisect.bisect_left(positions, end, key=self._source_of)
        return (first, last) if first < last else None

    @property
    def source_index(self) -> array:
        """The whole map, one entry per character plus the end (for tests and debugging)."""
        return array("l", (self._source_of(i) for i in range(len(self.text) + 1)))

    # -- editing -------------------------------------------------------------------------------

    def _pieces(self, start: int, end: int) -> list[tuple[int, int, bool]]:
        """The map of text[start:end] as (length, source, linear) pieces."""
        out = []
        k = bisect.bisect_right(self.starts, start) - 1
        pos = start
        while pos < end:
            seg_end = self.starts[k + 1] if k + 1 < len(self.starts) else len(self.text)
            stop = min(end, seg_end)
            source = self.sources[k] + (pos - self.starts[k] if self.linear[k] else 0)
            out.append((stop - pos, source, self.linear[k]))
            pos = stop
            k += 1
        return out

    def replace_spans(self, edits: Iterable[tuple[int, int, str]]) -> "TrackedText":
        """Apply non-overlapping ``(start, end, replacement)`` edits given in any order.

        A same-length replacement maps character by character; any other maps all its
        characters to the source of the replaced span's first character.
        """
        edits = sorted(edits)
        if not edits:
            return self
        text = self.text
        size = len(text)
        old_starts, old_sources, old_linear = self.starts, self.sources, self.linear
        last_segment = len(old_starts) - 1
        pieces: list[str] = []
        starts: list[int] = []
        sources: list[int] = []
        linear: list[bool] = []
        out_pos = 0
        k = 0  # the segment of the old map being copied: the copies move forward, so it only advances

        def add(length: int, source: int, is_linear: bool) -> None:
            nonlocal out_pos
            if length <= 0:
                return
            if starts and linear[-1] and is_linear and sources[-1] + (out_pos - starts[-1]) == source:
                out_pos += length  # continues the previous linear segment
                return
            if starts and not linear[-1] and not is_linear and sources[-1] == source:
                out_pos += length
                return
            starts.append(out_pos)
            sources.append(source)
            linear.append(is_linear)
            out_pos += length

        def copy(start: int, end: int) -> None:
            """The map of text[start:end] (the old map's pieces, as ``_pieces`` gives them), each
            piece added as ``add`` adds it (written out here: one piece per copy is the common case,
            and a call per piece costs more than the tests)."""
            nonlocal k, out_pos
            while k < last_segment and old_starts[k + 1] <= start:
                k += 1
            pos, segment = start, k
            while pos < end:
                seg_end = old_starts[segment + 1] if segment < last_segment else size
                stop = end if end < seg_end else seg_end
                if old_linear[segment]:
                    source = old_sources[segment] + pos - old_starts[segment]
                    if not (starts and linear[-1] and sources[-1] + out_pos - starts[-1] == source):
                        starts.append(out_pos)
                        sources.append(source)
                        linear.append(True)
                else:
                    source = old_sources[segment]
                    if not (starts and not linear[-1] and sources[-1] == source):
                        starts.append(out_pos)
                        sources.append(source)
                        linear.append(False)
                out_pos += stop - pos   # (a segment is never empty: stop > pos)
                pos = stop
                segment += 1

        pos = 0
        append = pieces.append
        for start, end, replacement in edits:
            if start < pos:
                raise ValueError(f"overlapping edit at {start}")
            if start > pos:
                append(text[pos:start])
                # the map of text[pos:start]: ``copy`` written out (a call per edit costs more than its
                # tests; most edits are deletions between runs that lie in one segment of the old map)
                while k < last_segment and old_starts[k + 1] <= pos:
                    k += 1
                seg_end = old_starts[k + 1] if k < last_segment else size
                if start <= seg_end and old_linear[k]:
                    source = old_sources[k] + pos - old_starts[k]
                    if not (starts and linear[-1] and sources[-1] + out_pos - starts[-1] == source):
                        starts.append(out_pos)
                        sources.append(source)
                        linear.append(True)
                    out_pos += start - pos
                else:
                    copy(pos, start)
            if replacement:
                append(replacement)
                if len(replacement) == end - start:
                    copy(start, end)
                else:
                    add(len(replacement), self._source_of(start) if start < size else self.source_length, False)
            pos = end
        pieces.append(text[pos:])
        copy(pos, size)
        if not starts:
            starts, sources, linear = [0], [self._source_of(size) if text else 0], [True]
        return TrackedText("".join(pieces), tuple(starts), tuple(sources), tuple(linear), self.source_length)

    def translate(self, table: dict) -> "TrackedText":
        """A one-to-one character translation: offsets are unchanged."""
        return self.with_text(self.text.translate(table))

    def with_text(self, text: str) -> "TrackedText":
        """Swap in a same-length text (e.g. a one-to-one conversion)."""
        if len(text) != len(self.text):
            raise ValueError("with_text needs a text of the same length")
        return TrackedText(text, self.starts, self.sources, self.linear, self.source_length)
