"""The item tree: numbered items found within each part (``labels`` finds the candidates,
``numbering`` decides which are items and where they nest), each closed at the next item, its
part's closing lines or the end of its field lines; the spans outside every item.  Every pass
is linear in the number of lines and items."""
from __future__ import annotations

import bisect
from typing import NamedTuple

from .labels import line_candidates
from .nodes import ItemNode, Line, PartNode
from .numbering import number_items
from .rules import rules


def heading_of(text: str) -> str | None:
    """The item's lead phrase: its first line when that is short and unpunctuated, else the
    words before the first 。/；/：.

    >>> heading_of("要抓好就近就地就业。有序推进扶贫车间"), heading_of("总体要求")
    ('要抓好就近就地就业', '总体要求')
    """
    r = rules()
    first_line = text.lstrip().split("\n", 1)[0].strip()
    if not first_line:
        return None
    found = r.heading_terminator.search(first_line)   # the first of the terminators
    cut = found.start() if found else -1
    if cut == -1:
        return first_line if len(first_line) <= r.heading_max_chars else None
    head = first_line[:cut].strip()
    return head if 0 < len(head) <= r.heading_max_chars else None


def attachment_cut(lines: list[Line], first: int, last: int) -> int:
    """The first attachment marker or list of a part (附件：1.某某细则): the numbered lines after it
    name attachments, they are not items."""
    r = rules()
    for i in range(first, last):
        text = lines[i].text.strip()
        if text.startswith("附") and (r.attachment_line.match(text) or r.attachment_list.match(text)):
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
                  tables: list[tuple[int, int]] = ()) -> list[OpenItem]:
    """The items of lines ``first``..``last`` (one part, without its head and signature); labels
    inside ``tables`` (task tables, whose rows are items of their own) are left out."""
    last = attachment_cut(lines, first, last)
    starts = [a for a, _ in tables]
    candidates = [c for c in line_candidates(lines, first, last) if not _inside(tables, starts, c.start)]
    return [OpenItem(part, path, c.label.text, c.label.style.name, c.start, c.text_start)
            for c, path in number_items(candidates)]


def _inside(spans: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    k = bisect.bisect_right(starts, offset) - 1
    return k >= 0 and offset < spans[k][1]


def close_items(items: list[OpenItem], parts: list[PartNode], closing_starts: list[int],
                lines: list[Line], body: str) -> list[ItemNode]:
    """Give each item its end (the next item's label, its part's closing, or its part's end) and heading."""
    r = rules()
    closings = [ln.start for ln in lines if (text := ln.text.strip()) and r.is_closing_line(text)]
    closing_starts = sorted(closing_starts)
    closed = []
    for k, item in enumerate(items):
        end = parts[item.part].end
        j = bisect.bisect_right(closing_starts, item.start)
        if j < len(closing_starts):
            end = min(end, closing_starts[j])
        if k + 1 < len(items) and items[k + 1].part == item.part:
            end = min(end, items[k + 1].start)
        # closing lines (特此通知, 附件：) inside the span end it too
        j = bisect.bisect_right(closings, item.text_start)
        if j < len(closings) and closings[j] < end:
            end = closings[j]
        end = _end_after_field_lines(body, item.text_start, end)
        end = max(item.text_start, _rstrip_offset(body, item.text_start, end))
        text = body[item.text_start:end]
        closed.append(ItemNode(item.part, item.path, item.label, item.style, heading_of(text),
                               item.start, item.text_start, end))
    # the last item of a part, and of a sub-list the numbering leaves for a shallower level: the
    # paragraphs after a list of one-paragraph entries are the notice's closing text, or the
    # parent's text after its list (the extract stage gives them to the parent)
    last_of_list = [k for k in range(len(closed)) if k + 1 == len(closed) or closed[k + 1].part != closed[k].part
                    or len(closed[k + 1].path) < len(closed[k].path)]
    for k in last_of_list:
        closed[k] = _trim_closing_text(closed, k, body)
    return closed


def _trim_closing_text(items: list[ItemNode], k: int, body: str) -> ItemNode:
    """The last item of a list keeps only its first paragraph when every sibling is a single
    paragraph: the unnumbered paragraphs after it are not its own."""
    item = items[k]
    siblings = 0
    for j in range(k - 1, -1, -1):
        other = items[j]
        if other.part != item.part:
            break
        if other.path[:-1] == item.path[:-1]:
            if body.find("\n", other.text_start, other.end) != -1:
                return item   # a sibling of several paragraphs: so may this one be
            siblings += 1
        if len(other.path) < len(item.path):
            break   # the parent: earlier items are not siblings
    if siblings < 2:
        return item
    first_line_end = body.find("\n", item.text_start, item.end)
    if first_line_end == -1:
        return item
    return ItemNode(item.part, item.path, item.label, item.style, item.heading, item.start, item.text_start,
                    first_line_end)


def _end_after_field_lines(body: str, start: int, end: int) -> int:
    """Where an item's field lines (牵头单位：…) or a closing assignment (…（XX负责）) are followed
    by more prose, the item ends after them."""
    r = rules()
    text = body[start:end]
    if not r.may_hold_field_line(text):   # most items: no line of it can be a field line
        return end
    pos, seen_fields = start, False
    for raw in text.split("\n"):
        line_end = pos + len(raw)
        stripped = raw.strip()
        if r.item_field_line.match(stripped) or r.item_closing_assignment.search(stripped):
            seen_fields = True
        elif seen_fields and stripped:
            return pos
        pos = line_end + 1
    return end


def _rstrip_offset(body: str, start: int, end: int) -> int:
    while end > start and body[end - 1] in " \n\t":
        end -= 1
    return end


def outside_spans(body: str, items: list[ItemNode], parts: list[PartNode],
                  header_spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Body spans covered by no item and no header line."""
    covered = sorted([(it.start, it.end) for it in items] + list(header_spans)
                     + [(p.title.start, p.title.end) for p in parts[1:] if p.title])
    spans, pos = [], 0
    for a, b in covered:
        if a > pos:
            spans.append((pos, a))
        pos = max(pos, b)
    if pos < len(body):
        spans.append((pos, len(body)))
    return tuple((a, b) for a, b in spans if body[a:b].strip())
