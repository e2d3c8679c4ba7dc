"""The printed page in a PDF copy: page furniture out, labels the copy took apart put back.

Both run before wrapped lines are re-joined, so a sentence broken across a page break (with a
page number between its halves) re-joins, and a label's number and text are one line again.
"""
from __future__ import annotations

import re

from ..text.textmap import TrackedText
from .rules import normalize_rules

# Page furniture is short: only lines this long are tried against the patterns.
FURNITURE_MAX_CHARS = 24


def drop_page_furniture(t: TrackedText) -> TrackedText:
    """Page numbers (— 3 —, -- 10 --, 第01页, 第2页 共10页) and form-feed page breaks go, each
    with its line end."""
    text = t.text
    r = normalize_rules()
    furniture, may_start = r.page_furniture, r.page_furniture_starts
    # the lines that start with a character a page number may start with (after the indentation):
    # most lines do not, and are passed over by the scan for line breaks
    edits = []
    for found in r.page_furniture_line.finditer("\n" + text):
        start = found.start()   # (the line break found is before the text's line starting here)
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        line = text[start:end]
        body = line.lstrip(" \t")
        if not body or len(body) > FURNITURE_MAX_CHARS or body[0].isspace() or not may_start[body[0]] \
                or not furniture.match(body.rstrip()):
            continue
        if end < len(text):
            edits.append((start, end + 1, ""))   # the line and its newline
        elif start > 0:
            edits.append((start - 1, end, ""))   # the last line: the newline before it
        else:
            edits.append((start, end, ""))
    return t.replace_spans(edits) if edits else t


# A page printed from a browser ends each sheet with the page's address and a sheet counter
# (https://www.gov.cn/…/content_1.htm 2/13); PDF-to-text copies glue it to the next sheet's
# first line.  A URL followed by a bare n/N counter says nothing a notice says.
# Searched in "\n" + text from the line break before each line (a literal the regex engine skips
# to; a ``(?m)^`` pattern is tried at every character): a match starting at i there is the
# footer at text[i:end - 1].
PRINT_FOOTER = re.compile(r"\n[ \t]*(?:https?://|www\.)\S+[ \t]+\d{1,4}[ \t]*/[ \t]*\d{1,4}(?!\d)[ \t]*")


def drop_print_footers(t: TrackedText) -> TrackedText:
    """A browser's print footer goes, at the start of the line it was glued to (the rest of that
    line stays) or with its whole line.

    >>> drop_print_footers(TrackedText.from_source("甲。\\nhttps://x.gov.cn/a.htm 2/13第四条 乙\\nhttps://x.gov.cn/a.htm 3/13\\n丙")).text
    '甲。\\n第四条 乙\\n丙'
    """
    text = t.text
    if "http" not in text and "www." not in text:
        return t
    edits = []
    for m in PRINT_FOOTER.finditer("\n" + text):
        start, end = m.start(), m.end() - 1
        if end < len(text) and text[end] == "\n":
            end += 1   # the footer was the whole line (it starts one): its line end goes too
        edits.append((start, end, ""))
    return t.replace_spans(edits) if edits else t


LOST_MARK = "\ufffd"   # what a PDF copy prints for a glyph it could not map
NUMBER_LINE = re.compile(r"[ \t]*(\d{1,3})[ \t]*$")
# A line starting with the lost mark and then an item's text (a word, a quote or a bracket).
MARKED_LINE = re.compile(r"(?m)^[ \t]*(\ufffd[ \t]?)(?=[\u4e00-\u9fff“《«（(])")


NUMBER_AFTER_MAX_LINES = 3   # how far below an item's first line its number may stand


def _number_after(text: str, pos: int) -> tuple[int, int, re.Match] | None:
    """``(end of the line before, end of the number line, the number)`` for a lone number in the
    few lines after ``pos``, before the next item; else None."""
    line_end = text.find("\n", pos)
    for _ in range(NUMBER_AFTER_MAX_LINES):
        if line_end == -1:
            return None
        next_end = text.find("\n", line_end + 1)
        next_end = len(text) if next_end == -1 else next_end
        number = NUMBER_LINE.match(text, line_end + 1, next_end)
        if number and number.end() == next_end:
            return line_end, next_end, number
        if MARKED_LINE.match(text, line_end + 1):
            return None  # the next item
        line_end = next_end if next_end < len(text) else -1
    return None


def restore_lost_label_marks(t: TrackedText) -> TrackedText:
    """``1．做大做强`` printed by a PDF copy as a line ``1`` and a line ``� 做大做强`` (the
    full-width period lost, the number set apart, sometimes after the first line of the item's
    text): the number goes back before the text as ``1.``."""
    text = t.text
    if LOST_MARK not in text:
        return t
    edits: list[tuple[int, int, str]] = []
    taken = -1  # the end of the last number line used: each number labels one item
    for m in MARKED_LINE.finditer(text):
        line_start = m.start()
        # the number on the line before (blank lines between allowed) ...
        prev_end = line_start
        while prev_end > 0 and text[prev_end - 1] in " \t\n":
            prev_end -= 1
        prev_start = text.rfind("\n", 0, prev_end) + 1
        number = NUMBER_LINE.match(text, prev_start, prev_end) if prev_end > taken else None
        if number and number.end() == prev_end:
            edits.append((prev_start, line_start, ""))
            taken = line_start
        else:
            # ... or on one of the next lines of the item (the PDF set it below its first line)
            found = _number_after(text, m.end())
            if found is None:
                continue
            line_end, next_end, number = found
            edits.append((line_end, next_end, ""))
            taken = next_end
        edits.append((m.start(1), m.end(1), number.group(1) + "."))
    return t.replace_spans(edits) if edits else t
