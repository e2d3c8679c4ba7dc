"""Text with a map back to the source, so offsets survive edits that change lengths.

``TrackedText.text`` is the current text; ``source_index[i]`` is the offset in the original
text of the character now at ``i`` (with one extra entry for the end).  Every stage that
deletes or replaces characters does it through ``replace_spans``.
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class TrackedText:
    text: str
    source_index: array  # array('l'), len(text) + 1 entries, non-decreasing

    @classmethod
    def from_source(cls, text: str) -> "TrackedText":
        return cls(text, array("l", range(len(text) + 1)))

    def replace_spans(self, edits: Iterable[tuple[int, int, str]]) -> "TrackedText":
        """Apply non-overlapping ``(start, end, replacement)`` edits given in any order.

        Replacement characters map to the source of the replaced span's first character
        (or, for a same-length replacement, character by character).

        >>> t = TrackedText.from_source("產業(yè)發展").replace_spans([(2, 6, "")])
        >>> t.text, t.to_source(2, 4)
        ('產業發展', (6, 8))
        """
        edits = sorted(edits)
        if not edits:
            return self
        pieces: list[str] = []
        index = array("l")
        pos = 0
        src = self.source_index
        for start, end, replacement in edits:
            if start < pos:
                raise ValueError(f"overlapping edit at {start}")
            pieces.append(self.text[pos:start])
            index.extend(src[pos:start])
            pieces.append(replacement)
            if len(replacement) == end - start:
                index.extend(src[start:end])
            else:
                index.extend([src[start]] * len(replacement))
            pos = end
        pieces.append(self.text[pos:])
        index.extend(src[pos:])  # includes the end sentinel
        return TrackedText("".join(pieces), index)

    def translate(self, table: dict) -> "TrackedText":
        """A one-to-one character translation: offsets are unchanged."""
        return TrackedText(self.text.translate(table), self.source_index)

    def with_text(self, text: str) -> "TrackedText":
        """Swap in a same-length text (e.g. a one-to-one conversion)."""
        if len(text) != len(self.text):
            raise ValueError("with_text needs a text of the same length")
        return TrackedText(text, self.source_index)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The source span of ``text[start:end]``."""
        if end <= start:
            s = self.source_index[start]
            return s, s
        return self.source_index[start], self.source_index[end - 1] + 1
