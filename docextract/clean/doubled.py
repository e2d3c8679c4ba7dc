"""Lines printed twice: a page rendered with each heading in two elements (a bold copy over the
plain one) prints ``第一章 总则 第一章 总则`` and ``某某条例 某某条例`` when copied or printed.
The second copy goes, so the heading reads once (a title, a chapter, a decree heading).  This
runs after the boilerplate is gone: a tile shown twice in a page's "related" box is the box's,
and leaves whole with it."""
from __future__ import annotations

import re
from itertools import accumulate, compress, repeat
from operator import add, contains, getitem

from ..text.textmap import TrackedText

DOUBLED_MIN_CHARS = 4      # 合格 合格 in a table row may be two cells; four characters are a phrase
DOUBLED_MAX_CHARS = 200    # headings are short; a longer line is not tried (each copy length is tried)
INDENT = " \t\u3000"         # the white space the pattern allows before and between the copies
HEAD = slice(0, DOUBLED_MIN_CHARS)   # a line's first characters, which its copy repeats ...
TAIL = slice(DOUBLED_MIN_CHARS, None)   # ... in what follows them
# A line that starts with some text, maybe white space (normalize took it out between CJK
# characters), then the same text again (and maybe the next line, joined to it by normalize).
# (``second_copy`` finds its match without the engine's trying each copy length in turn.)
DOUBLED_LINE = re.compile(r"^([ \t\u3000]*)(\S.{%d,%d}?)[ \t\u3000]*\2(?:[ \t\u3000]*$)?"
                          % (DOUBLED_MIN_CHARS - 1, DOUBLED_MAX_CHARS // 2))
COPY_MAX = DOUBLED_MAX_CHARS // 2 + 1   # the longest copy DOUBLED_LINE allows


def collapse_doubled_lines(t: TrackedText, lines: list[str] | None = None, stripped: bool = False) -> TrackedText:
    """``X X…`` at the start of a line becomes ``X…``, its offsets kept for the copy that stays.

    >>> collapse_doubled_lines(TrackedText.from_source("第一章　总　则 第一章　总　则\\n正文 正文")).text
    '第一章　总　则\\n正文 正文'
    >>> collapse_doubled_lines(TrackedText.from_source("某某市人民政府令某某市人民政府令\\n第5号")).text
    '某某市人民政府令\\n第5号'

    ``lines``: the text's lines, when the caller has them (``"\\n".join(lines) == t.text``);
    ``stripped``: they hold no white space at their start.
    """
    lines = t.text.split("\n") if lines is None else lines
    # Each line's first characters must come again later in it: one substring test rules out
    # almost every line (the pattern itself tries each copy length at every line start, which
    # cost more than the rest of the clean stage on a long text).  The tests run in maps, not
    # in a Python loop over the lines (a line shorter than two heads finds nothing), as ``in``
    # (str.find would parse its arguments on every line).
    texts = lines if stripped else list(map(str.lstrip, lines, repeat(INDENT)))
    again = map(contains, map(getitem, texts, repeat(TAIL)), map(getitem, texts, repeat(HEAD)))
    candidates = list(compress(range(len(texts)), again))
    if not candidates:
        return t
    starts = [0, *accumulate(map(add, map(len, lines), repeat(1)))]   # each line's offset in the text
    edits = []
    for k in candidates:
        copy = second_copy(lines[k])
        if copy:
            edits.append((starts[k] + copy[0], starts[k] + copy[1], ""))
    return t.replace_spans(edits) if edits else t


def second_copy(line: str) -> tuple[int, int] | None:
    """``(m.end(2), m.end())`` of ``DOUBLED_LINE.match(line)``: the span of the copy that goes, or
    None.  The copy starts where the line's first characters come again (found by ``str.find``), so
    only the copy lengths ending there are compared, not every length the pattern tries in turn."""
    first = len(line) - len(line.lstrip(INDENT))
    if first == len(line) or line[first].isspace():
        return None   # (the pattern's \S)
    head = line[first:first + DOUBLED_MIN_CHARS]
    again = line.find(head, first + DOUBLED_MIN_CHARS)
    while again >= 0:
        gap = again   # the white space before the copy is not part of the text copied
        while line[gap - 1] in INDENT:
            gap -= 1
        if gap - first > COPY_MAX:
            return None   # (later places have longer copies still)
        # the shortest copy first, as the pattern's lazy repeat: the text may end in that white space
        for length in range(max(gap - first, DOUBLED_MIN_CHARS), min(again - first, COPY_MAX) + 1):
            if line.startswith(line[first:first + length], again):
                end = again + length
                return first + length, len(line) if not line[end:].lstrip(INDENT) else end
        again = line.find(head, again + 1)
    return None
