"""Lines printed twice: a page rendered with each heading in two elements (a bold copy over the
plain one) prints ``第一章 总则 第一章 总则`` and ``某某条例 某某条例`` when copied or printed.
The second copy goes, so the heading reads once (a title, a chapter, a decree heading).  This
runs after the boilerplate is gone: a tile shown twice in a page's "related" box is the box's,
and leaves whole with it."""
from __future__ import annotations

import re
from itertools import accumulate, compress, repeat
from operator import itemgetter

from ..text.textmap import TrackedText

DOUBLED_MIN_CHARS = 4      # 合格 合格 in a table row may be two cells; four characters are a phrase
DOUBLED_MAX_CHARS = 200    # headings are short; a longer line is not tried (each copy length is tried)
INDENT = " \t\u3000"         # the white space the pattern allows before and between the copies
_HEAD = itemgetter(slice(DOUBLED_MIN_CHARS))   # a line's first characters
# A line that starts with some text, maybe white space (normalize took it out between CJK
# characters), then the same text again (and maybe the next line, joined to it by normalize).
DOUBLED_LINE = re.compile(r"^([ \t\u3000]*)(\S.{%d,%d}?)[ \t\u3000]*\2(?:[ \t\u3000]*$)?"
                          % (DOUBLED_MIN_CHARS - 1, DOUBLED_MAX_CHARS // 2))


def collapse_doubled_lines(t: TrackedText) -> TrackedText:
    """``X X…`` at the start of a line becomes ``X…``, its offsets kept for the copy that stays.

    >>> collapse_doubled_lines(TrackedText.from_source("第一章　总　则 第一章　总　则\\n正文 正文")).text
    '第一章　总　则\\n正文 正文'
    >>> collapse_doubled_lines(TrackedText.from_source("某某市人民政府令某某市人民政府令\\n第5号")).text
    '某某市人民政府令\\n第5号'
    """
    text = t.text
    lines = text.split("\n")
    # Each line's first characters must come again later in it: one substring search rules out
    # almost every line (the pattern itself tries each copy length at every line start, which
    # cost more than the rest of the clean stage on a long text).  The searches run in maps over
    # builtins, with no Python frame per line; only the few lines they keep are looked at.
    bodies = list(map(str.lstrip, lines, repeat(INDENT)))
    found = map(str.find, bodies, map(_HEAD, bodies), repeat(DOUBLED_MIN_CHARS))
    candidates = [i for i in compress(range(len(lines)), map((-1).__lt__, found))
                  if len(lines[i]) >= 2 * DOUBLED_MIN_CHARS]
    if not candidates:
        return t
    starts = list(accumulate(map((1).__add__, map(len, lines[:-1])), initial=0))   # each line's offset
    edits = []
    for i in candidates:
        m = DOUBLED_LINE.match(lines[i])
        if m:
            edits.append((starts[i] + m.end(2), starts[i] + m.end(), ""))
    return t.replace_spans(edits) if edits else t
