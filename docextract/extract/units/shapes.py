"""Shapes of written unit names, no lexicon needed: bracket pairs, a final note, white space and
punctuation at the ends, top-level splitting."""
from __future__ import annotations

import re
from functools import lru_cache

LIST_DELIMITERS = frozenset("、，,；;")
# Pairs whose inside is never split: 县(市、区), 县直有“双包”任务的单位, 《…》.
PAIRS = {"（": "）", "(": ")", "“": "”", "【": "】", "〔": "〕", "《": "》", "［": "］", "[": "]"}
CLOSERS = frozenset(PAIRS.values())
ROUND_OPEN, ROUND_CLOSE = "（(〔［[", "）)〕］]"
ROUND_BRACKET_CHAR = re.compile("[（()）]")
BRACKET_CHAR = re.compile("[" + re.escape("".join(PAIRS) + "".join(PAIRS.values())) + "]")
DELIMITER_OR_PAIR: dict[frozenset[str], re.Pattern] = {}  # compiled per delimiter set, on first use
DELIMITER: dict[frozenset[str], re.Pattern] = {}          # the delimiters alone, likewise
SPACE = frozenset(" \t\r\n\u3000")
WHITE = re.compile(r"\s+")
DROPPED_AT_END = SPACE | frozenset("。.:：，,、；;!！?？")
DROPPED_AT_START = SPACE | frozenset("、，,；;:：。.")
# Square and lenticular brackets are written for round ones in names: 各市〔州〕, 县[市、区].
BRACKET_FOLD = str.maketrans({"(": "（", ")": "）", "〔": "（", "〕": "）", "［": "（", "］": "）", "[": "（", "]": "）"})


@lru_cache(maxsize=8192)
def compact(name: str) -> str:
    """The name without white space and with one kind of round bracket: the form lexicons see.

    >>> compact("各市 〔州〕人民\\n政府")
    '各市（州）人民政府'
    """
    return WHITE.sub("", name).translate(BRACKET_FOLD)


def _delimiter_re(delimiters: frozenset[str]) -> re.Pattern:
    pattern = DELIMITER_OR_PAIR.get(delimiters)
    if pattern is None:
        chars = "".join(sorted(delimiters)) + "".join(PAIRS) + "".join(PAIRS.values())
        pattern = DELIMITER_OR_PAIR[delimiters] = re.compile("[" + re.escape(chars) + "]")
    return pattern


def split_top_level(text: str, delimiters: frozenset[str]) -> list[tuple[int, int]]:
    """Spans between delimiters that stand outside every bracket or quote pair (only the
    delimiters and brackets are visited, not every character).

    >>> split_top_level("甲局、乙局（丙、丁）；戊", frozenset("、；"))
    [(0, 2), (3, 10), (11, 12)]
    """
    if BRACKET_CHAR.search(text) is None:
        return _split_flat(text, delimiters)   # most clauses hold no pair: every delimiter splits
    spans, stack, start = [], [], 0
    for m in _delimiter_re(delimiters).finditer(text):
        ch, i = m.group(), m.start()
        if ch in PAIRS:
            stack.append(PAIRS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
        elif ch in CLOSERS:
            stack.clear()  # a stray closer: resynchronise rather than stay inside forever
        elif ch in delimiters and not stack:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(text)))
    return spans


def _split_flat(text: str, delimiters: frozenset[str]) -> list[tuple[int, int]]:
    """``split_top_level`` of a text without pairs: the spans between its delimiters."""
    pattern = DELIMITER.get(delimiters)
    if pattern is None:
        pattern = DELIMITER[delimiters] = re.compile("[" + re.escape("".join(sorted(delimiters))) + "]")
    spans, start = [], 0
    for m in pattern.finditer(text):
        at = m.start()
        spans.append((start, at))
        start = at + 1
    spans.append((start, len(text)))
    return spans


def balanced(text: str) -> bool:
    if not BRACKET_CHAR.search(text):
        return True  # most names have no brackets at all
    return sum(text.count(c) for c in PAIRS) == sum(text.count(c) for c in CLOSERS)


def trailing_note(name: str) -> int | None:
    """Where a final bracketed note starts: 市农业农村局(市乡村振兴局) → 6; None without one."""
    if not name or name[-1] not in ROUND_CLOSE:
        return None
    depth = 0
    for i in range(len(name) - 1, -1, -1):
        if name[i] in ROUND_CLOSE:
            depth += 1
        elif name[i] in ROUND_OPEN:
            depth -= 1
            if depth == 0:
                return i
    return None


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without white space and list punctuation at either end."""
    while start < end and text[start] in DROPPED_AT_START:
        start += 1
    while end > start and text[end - 1] in DROPPED_AT_END:
        end -= 1
    return start, end


class Endings:
    """The longest of a set of words that a text ends with, by dictionary lookups per word length
    (a ``(?:a|b|…)$`` search would try every position of the text)."""

    def __init__(self, words):
        self.words = frozenset(words)
        self.lengths = sorted({len(w) for w in self.words}, reverse=True)
        self.last = frozenset(w[-1] for w in self.words)  # most texts end with none of these

    def of(self, text: str, start: int = 0, end: int | None = None) -> str | None:
        """``Endings(["局", "总局"]).of("国家税务总局")`` → ``'总局'``; None when no word ends the text."""
        end = len(text) if end is None else end
        if end <= start or text[end - 1] not in self.last:
            return None
        for size in self.lengths:
            if end - size >= start and text[end - size:end] in self.words:
                return text[end - size:end]
        return None
