"""The item tree: numbered items found within each part (``labels`` finds the candidates,
``numbering`` decides which are items and where they nest), each closed at the next item, its
part's closing lines or the end of its field lines; the spans outside every item.  Every pass
is linear in the number of lines and items."""
from __future__ import annotations

import bisect
from collections.abc import Callable
from functools import cache
from operator import itemgetter
from typing import NamedTuple

from ..rules.prefilter import CharMemo
from .gates import gate, start_chars
from .labels import line_candidates
from .nodes import ItemNode, Line, LinesText, PartNode
from .numbering import number_items
from .rules import rules


def heading_of(text: str) -> str | None:
    """The item's lead phrase: its first line when that is short and unpunctuated, else the
    words before the first 。/；/：.

    >>> heading_of("要抓好就近就地就业。有序推进扶贫车间"), heading_of("总体要求")
    ('要抓好就近就地就业', '总体要求')
    """
    first_line = text.lstrip().split("\n", 1)[0].strip()
    return _heading_in(first_line, 0, len(first_line))


def _heading_in(text: str, start: int, end: int) -> str | None:
    """The heading in an item's first line, ``text[start:end]`` (no space at its start), read in
    place: the line is copied only when it has no terminator (terminators are no white space,
    so the first one is the same in the line with its trailing spaces)."""
    r = rules()
    found = r.heading_terminator.search(text, start, end)   # the first of the terminators
    if found is None:
        line = text[start:end].rstrip()
        return line if line and len(line) <= r.heading_max_chars else None
    head = text[start:found.start()].rstrip()
    return head if 0 < len(head) <= r.heading_max_chars else None


ATTACHMENT_CHAR = "附"   # every attachment marker and list starts with it


def attachment_cut(lines: list[Line], first: int, last: int, joined: LinesText | None = None) -> int:
    """The first attachment marker or list of a part (附件：1.某某细则): the numbered lines after it
    name attachments, they are not items.  ``joined``: the lines as one text, when the caller has
    it (most lines hold no 附: one scan of the text finds those that do)."""
    r = rules()
    for i in joined.holding(ATTACHMENT_CHAR, first, last) if joined is not None else range(first, last):
        text = lines[i].text
        if ATTACHMENT_CHAR in text:
            text = text.strip()
            if text.startswith(ATTACHMENT_CHAR) and (r.attachment_line.match(text) or r.attachment_list.match(text)):
                return i
    return last


class OpenItem(NamedTuple):
    """An item as its label gives it; ``close_items`` finds its end and makes it an ``ItemNode``."""
    part: int
    path: tuple[int, ...]
    label: str
    style: str
    start: int        # offset of the label
    text_start: int   # offset after the label


def items_of_part(part: int, lines: list[Line], first: int, last: int,
                  tables: list[tuple[int, int]] = (), joined: LinesText | None = None) -> list[OpenItem]:
    """The items of lines ``first``..``last`` (one part, without its head and signature); labels
    inside ``tables`` (task tables, whose rows are items of their own) are left out.  ``joined``:
    the lines as one text, when the caller has it."""
    last = attachment_cut(lines, first, last, joined)
    candidates = line_candidates(lines, first, last)
    if tables:
        starts = [a for a, _ in tables]
        candidates = [c for c in candidates if not _inside(tables, starts, c.start)]
    new = tuple.__new__   # a named tuple's own __new__ is one more Python call per item
    return [new(OpenItem, (part, path, label.text, label.style.name, start, text_start))
            for (label, start, text_start, _), path in number_items(candidates)]


NO_ITEM = OpenItem(-1, (), "", "", -1, -1)   # what follows the last item: of no part


def _inside(spans: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    k = bisect.bisect_right(starts, offset) - 1
    return k >= 0 and offset < spans[k][1]


def close_items(items: list[OpenItem], parts: list[PartNode], closing_starts: list[int],
                lines: list[Line], body: str) -> list[ItemNode]:
    """Give each item its end (the next item's label, its part's closing, or its part's end) and heading."""
    r = rules()
    may_hold_field_line, terminator, max_chars = r.may_hold_field_line, r.heading_terminator.search, r.heading_max_chars
    closings = closing_line_starts(body, lines)
    closing_starts = sorted(closing_starts)
    part_ends = [p.end for p in parts]
    bisect_right = bisect.bisect_right
    n_closing_starts, n_closings = len(closing_starts), len(closings)
    new = tuple.__new__   # a named tuple's own __new__ is one more Python call per item
    closed, several_lines = [], []   # several_lines[k]: item k's text holds a line break
    last_of_list = []
    for (part, path, label, style, start, text_start), following in zip(items, [*items[1:], NO_ITEM]):
        end = part_ends[part]
        if n_closing_starts:   # (most notices: no signature inside a part, no task table)
            j = bisect_right(closing_starts, start)
            if j < n_closing_starts and closing_starts[j] < end:
                end = closing_starts[j]
        if following.part == part and following.start < end:
            end = following.start
        # closing lines (特此通知, 附件：) inside the span end it too
        if n_closings:
            j = bisect_right(closings, text_start)
            if j < n_closings and closings[j] < end:
                end = closings[j]
        # field lines end an item only where a line with text follows them: an item whose text
        # after its first line is blank ends where it ends (most items); of the others, most hold
        # no line that can be a field line
        line_end = body.find("\n", text_start, end)
        if line_end != -1 and line_end + 1 < end and not body[line_end + 1:end].isspace() \
                and may_hold_field_line(body[text_start:end]):
            end = _end_after_field_lines(body, text_start, end)
        while end > text_start and body[end - 1] in TRAILING_SPACE:
            end -= 1
        if end < text_start:
            end = text_start
        # the heading: the lead phrase of the item's first line (spaces before it skipped), read
        # in place (as _heading_in reads it)
        first = text_start
        while first < end and body[first].isspace():
            first += 1
        if first != text_start:
            line_end = body.find("\n", first, end)
        elif line_end >= end:   # the end moved back over the first line break (or before it)
            line_end = -1
        several_lines.append(line_end != -1 or (first != text_start and "\n" in body[text_start:first]))
        heading_end = line_end if line_end != -1 else end
        found = terminator(body, first, heading_end)   # the first of the terminators
        if found is None:
            heading = body[first:heading_end].rstrip()
        else:
            heading = body[first:found.start()].rstrip()
        if not 0 < len(heading) <= max_chars:
            heading = None
        # the last item of a part, and of a sub-list the numbering leaves for a shallower level:
        # the paragraphs after a list of one-paragraph entries are the notice's closing text, or
        # the parent's text after its list (the extract stage gives them to the parent)
        if following.part != part or len(following.path) < len(path):
            last_of_list.append(len(closed))
        closed.append(new(ItemNode, (part, path, label, style, heading, start, text_start, end, (), False)))
    for k in last_of_list:
        closed[k] = _trim_closing_text(closed, k, body, several_lines)
    return closed


TRAILING_SPACE = " \n\t"   # what an item's end is moved back over


def closing_line_starts(body: str, lines: list[Line]) -> list[int]:
    """Starts of the lines that are closing lines (特此通知, 附件：…).  One scan of the body finds
    the lines whose first character can start one (``rules().line_after_break_starting_closing``);
    only they are tried."""
    r = rules()
    is_closing, after_break = r.is_closing_line, r.line_after_break_starting_closing
    if after_break is None or not lines:   # the closing patterns do not tell their first characters
        return [ln.start for ln in lines if (text := ln.text.strip()) and is_closing(text)]
    out = [lines[0].start] if (text := lines[0].text.strip()) and is_closing(text) else []
    for m in after_break.finditer(body):
        start = m.start() + 1   # after the line break
        line_end = body.find("\n", start)
        text = body[start:line_end if line_end != -1 else len(body)].strip()
        if text and is_closing(text):
            out.append(start)
    return out


# (in C: a named tuple's field read by name is a slow attribute lookup, in a loop over items)
PART_AND_PATH = itemgetter(ItemNode._fields.index("part"), ItemNode._fields.index("path"))


def _trim_closing_text(items: list[ItemNode], k: int, body: str, several_lines: list[bool]) -> ItemNode:
    """The last item of a list keeps only its first paragraph when every sibling is a single
    paragraph: the unnumbered paragraphs after it are not its own.  ``several_lines[j]``: item
    j's text holds a line break (known from closing it)."""
    item = items[k]
    part, path = item.part, item.path
    depth, parent = len(path), path[:-1]
    siblings = 0
    for j in range(k - 1, -1, -1):
        other_part, other_path = PART_AND_PATH(items[j])
        if other_part != part:
            break
        other_depth = len(other_path)
        if other_depth == depth and other_path[:-1] == parent:
            if several_lines[j]:
                return item   # a sibling of several paragraphs: so may this one be
            siblings += 1
        elif other_depth < depth:
            break   # the parent: earlier items are not siblings
    if siblings < 2 or not several_lines[k]:
        return item
    several_lines[k] = False
    return item._replace(end=body.find("\n", item.text_start, item.end))


def _end_after_field_lines(body: str, start: int, end: int) -> int:
    """Where an item's field lines (牵头单位：…) or a closing assignment (…（XX负责）) are followed
    by more prose, the item ends after them."""
    r = rules()
    field_line, closing_assignment = r.item_field_line.match, r.item_closing_assignment.search
    may_start_field, may_close = _field_line_gates()
    pos, seen_fields = start, False
    for raw in body[start:end].split("\n"):
        line_end = pos + len(raw)
        stripped = raw.strip()
        # (most lines: a first character no field name starts with, no bracket an assignment needs)
        if (may_start_field[stripped[:1]] and field_line(stripped)) \
                or (may_close(stripped) and closing_assignment(stripped)):
            seen_fields = True
        elif seen_fields and stripped:
            return pos
        pos = line_end + 1
    return end


@cache
def _field_line_gates() -> tuple[CharMemo, Callable[[str], bool]]:
    """Whether a line's first character can start a field line, and whether the line holds what a
    closing assignment needs (both read from the patterns)."""
    r = rules()
    return start_chars([r.item_field_line]), gate(r.item_closing_assignment)


ITEM_SPAN = itemgetter(ItemNode._fields.index("start"), ItemNode._fields.index("end"))   # (start, end), in C


def outside_spans(body: str, items: list[ItemNode], parts: list[PartNode],
                  header_spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Body spans covered by no item and no header line."""
    covered = sorted([*map(ITEM_SPAN, items), *header_spans]
                     + [(p.title.start, p.title.end) for p in parts[1:] if p.title])
    spans, pos = [], 0
    for a, b in covered:
        if a > pos:
            spans.append((pos, a))
        if b > pos:
            pos = b
    if pos < len(body):
        spans.append((pos, len(body)))
    return tuple((a, b) for a, b in spans if body[a:b].strip())
