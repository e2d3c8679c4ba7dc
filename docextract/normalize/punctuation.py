"""Punctuation as Chinese text writes it, one character for one (offsets survive).

PDF copies and some clipped pages print Chinese text with ASCII punctuation (``活力,夯实根基.``)
and book-title marks as guillemets (``«方案»``).  Later stages read sentence ends (。) and
clauses (，；：) in Chinese text, so the marks are folded where the text around them is Chinese;
ASCII punctuation between Latin letters or digits (``1,000``, ``14:30``, ``www.gov.cn``, ``1.``
labels) stays as written.
"""
from __future__ import annotations

import re

from ..rules.labels import label_start
from ..text.textmap import TrackedText

CJK = "\u4e00-\u9fff\u3400-\u4dbf"
# Chinese punctuation and brackets: text next to them is Chinese text.
CJK_PUNCT = "，。、；：？！“”‘’《》〈〉（）〔〕【】「」『』…—«»"
CLOSERS = "”’》〉）〕】」』»"   # a full stop may follow these as it follows a character

# Marks of one kind apart only by white space are one run: ",," or ";\n;" (a , ; run reads both
# sides, a : ? ! run the side before it).
# (Each pattern scanned over the whole text starts with the mark itself, and reads what is before
# it by a look-behind after it: a pattern starting with an alternation or a look-behind is tried
# at every character, one starting with a character class is skipped to the marks.)
CLAUSE_MARKS = re.compile(r"[,;:?!](?:(?<=[,;])(?:\s*[,;])*|(?<=[:?!])(?:\s*[:?!])*)")
FULL_WIDTH = str.maketrans(",;:?!", "，；：？！")
FULL_WIDTH_MARKS = dict(zip(",;:?!", "，；：？！"))
# A single full stop after a Chinese character, a closing mark or white space (what
# _full_stop_is_chinese can accept; runs of dots are ellipses or leaders and stay).
FULL_STOP = re.compile(f"\\.(?<=[{CJK}{CLOSERS}\\s]\\.)(?!\\.)")
IS_CJK = re.compile(f"[{CJK}]")
# A mark that touches Chinese text (what _clause_mark_is_chinese accepts without looking further).
TOUCHING = re.compile(f"[,;:?!](?:(?<=[,;])(?:(?=[{CJK}{CJK_PUNCT}])|(?<=[{CJK}{CJK_PUNCT}][,;]))"
                      f"|(?<=[{CJK}{CLOSERS}][:?!]))")
# "1。 指导思想": OCR reads the full stop of a label at the start of a line as 。 (no sentence
# starts with a bare number and a full stop).  Not after a Chinese character or mark (most 。):
# ``_after_digit_or_space`` refuses those, and the engine is faster at it than a call per match.
OCR_LABEL = re.compile(f"。(?<![{CJK}{CJK_PUNCT}]。)(?=[ \\t]?[{CJK}])")   # after a number that starts its line (read in Python)
# TOUCHING and CLAUSE_MARKS as one pattern per mark, each starting with its literal: the engine
# skips to a literal fast, but tries a pattern starting with a class at every character.
TOUCHING_OF = {mark: re.compile(re.escape(mark) + TOUCHING.pattern[len("[,;:?!]"):]) for mark in ",;:?!"}
CLAUSE_RUN_OF = {mark: re.compile(re.escape(mark) + (r"(?:\s*[,;])*" if mark in ",;" else r"(?:\s*[:?!])*"))
                 for mark in ",;:?!"}
IS_CJK_OR_PUNCT = re.compile(f"[{CJK}{CJK_PUNCT}]")


LABEL_MAX_CHARS = 12  # a label at the start of a line is this short: 第十二条, （十二）.
NEIGHBOUR_REACH = 8  # white space skipped to find a mark's neighbour (a line break, blank lines)


def _neighbour(text: str, pos: int, step: int) -> str:
    """The character next to ``pos`` in direction ``step`` (-1 or 1), over white space and line
    breaks: a mark at the start or the end of a line belongs to the text around it, since the
    lines may be one wrapped sentence."""
    i = pos + step
    for _ in range(NEIGHBOUR_REACH):
        if not (0 <= i < len(text)) or not text[i].isspace():
            break
        i += step
    return text[i] if 0 <= i < len(text) and not text[i].isspace() else ""


def _clause_mark_is_chinese(text: str, start: int, end: int) -> bool:
    """``,`` ``;`` next to a Chinese character or mark; ``:`` ``?`` ``!`` after a Chinese
    character (``14:30``, ``http:`` and ``4:1`` stay)."""
    before = _neighbour(text, start, -1)
    if text[start] in ",;":
        after = _neighbour(text, end - 1, 1)
        return bool(before and IS_CJK_OR_PUNCT.match(before) or after and IS_CJK_OR_PUNCT.match(after))
    return bool(before and (IS_CJK.match(before) or before in CLOSERS))


def _full_stop_is_chinese(text: str, pos: int) -> bool:
    """``.`` right after a Chinese character or closing mark, and not before a letter or digit
    (``5.5%``, ``某某.com`` stay), nor part of a label (``一.`` and ``（一）.`` stay, as ``1.``)."""
    before = _neighbour(text, pos, -1)
    after = text[pos + 1] if pos + 1 < len(text) else ""
    if not before or not (IS_CJK.match(before) or before in CLOSERS):
        return False
    if after.isascii() and after.isalnum():
        return False
    line_start = text.rfind("\n", 0, pos) + 1
    label = label_start().match(text[line_start:pos + 1]) if pos - line_start <= LABEL_MAX_CHARS else None
    return not (label and line_start + label.end() > pos)


def _after_digit_or_space(text: str, pos: int) -> bool:
    """What ``_ocr_label`` needs before the 。 (most 。 end a sentence after a character)."""
    before = text[pos - 1]
    return before.isdigit() or before.isspace()


def _ocr_label(text: str, pos: int) -> bool:
    """Whether the 。 at ``pos`` follows a number of one or two digits that starts its line."""
    i = pos
    while i and text[i - 1].isspace():  # the 。 may have been set on the next line
        i -= 1
    digits = 0
    while i and text[i - 1].isdigit() and digits < 3:
        i, digits = i - 1, digits + 1
    if not 1 <= digits <= 2:
        return False
    while i and text[i - 1] in " \t":
        i -= 1
    return not i or text[i - 1] == "\n"


def fold_punctuation(t: TrackedText) -> TrackedText:
    """ASCII , ; : ? ! . in Chinese text become ，；：？！。, «» become 《》 (when a text uses
    « at all: a lone » is a breadcrumb arrow), and a label's 。 read by OCR (1。) becomes 1."""
    text = t.text
    edits = []
    if "." in text:
        edits += [(m.start(), m.end(), "。") for m in FULL_STOP.finditer(text) if _full_stop_is_chinese(text, m.start())]
    if "«" in text:
        edits += [(m.start(), m.end(), "《" if m.group() == "«" else "》") for m in re.finditer("[«»]", text)]
    if "。" in text:
        edits += [(m.start(), m.end(), ".") for m in OCR_LABEL.finditer(text)
                  if _after_digit_or_space(text, m.start()) and _ocr_label(text, m.start())]
    if edits:
        text = _apply(text, sorted(edits))
    # the clause marks read the text with its full stops folded ("通.;" is "通。；"), and a mark
    # next to a folded one is read again ("通,\n;" is "通，\n；")
    if any(mark in text for mark in ",;:?!"):
        # most marks touch a Chinese character: folded in one pass; the rest are read one by one
        text = _fold_touching(text)
        pending = _clause_runs(text)
        while pending:
            marks = [(a, b) for a, b in pending if _clause_mark_is_chinese(text, a, b)]
            if not marks:
                break
            text = _apply(text, [(a, b, text[a:b].translate(FULL_WIDTH)) for a, b in marks])
            done = set(marks)
            pending = [span for span in pending if span not in done]
    return t.with_text(text) if text != t.text else t


def _fold_touching(text: str) -> str:
    """``TOUCHING.sub`` (each mark decided on the text as given), one literal-first pattern per mark."""
    edits = [(m.start(), m.end(), FULL_WIDTH_MARKS[mark]) for mark, pattern in TOUCHING_OF.items() if mark in text
             for m in pattern.finditer(text)]
    return _apply(text, sorted(edits)) if edits else text


def _clause_runs(text: str) -> list[tuple[int, int]]:
    """The spans ``CLAUSE_MARKS.finditer`` gives: the runs found from each mark, in order, a run
    starting inside an earlier one left out (it ends where that one ends: a run is read the same
    from any of its marks)."""
    runs = sorted((m.start(), m.end()) for mark, pattern in CLAUSE_RUN_OF.items() if mark in text
                  for m in pattern.finditer(text))
    out: list[tuple[int, int]] = []
    for start, end in runs:
        if not out or start >= out[-1][1]:
            out.append((start, end))
    return out


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    """The text with same-length replacements applied (so the offset map stays as it is)."""
    pieces, pos = [], 0
    for start, end, replacement in edits:
        pieces.append(text[pos:start])
        pieces.append(replacement)
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)
