"""The item tree: numbered items found line by line within each part, each closed at the next
item, its part's closing lines or the end of its field lines; the spans outside every item."""
from __future__ import annotations

import bisect

from .labels import Numbering, match_label
from .nodes import ItemNode, Line, PartNode
from .rules import rules


def heading_of(text: str) -> str | None:
    """The item's lead phrase: its first line when that is short and unpunctuated, else the
    words before the first 。/；/：.

    >>> heading_of("要抓好就近就地就业。有序推进扶贫车间"), heading_of("总体要求")
    ('要抓好就近就地就业', '总体要求')
    """
    r = rules()
    first_line = text.split("\n", 1)[0].strip()
    if not first_line:
        return None
    cut = min((first_line.find(ch) for ch in r.heading_terminators if ch in first_line), default=-1)
    if cut == -1:
        return first_line if len(first_line) <= r.heading_max_chars else None
    head = first_line[:cut].strip()
    return head if 0 < len(head) <= r.heading_max_chars else None


def items_of_part(part: int, lines: list[Line], first: int, last: int, body: str) -> list[ItemNode]:
    numbering = Numbering()
    found: list[ItemNode] = []
    for i in range(first, last):
        ln = lines[i]
        stripped = ln.text.lstrip()
        indent = len(ln.text) - len(stripped)
        label = match_label(stripped)
        if label is None:
            continue
        path = numbering.accept(label)
        if path is None:
            continue
        start = ln.start + indent
        found.append(ItemNode(part=part, path=path, label=label.text, style=label.style.name, heading=None,
                              start=start, text_start=start + label.end, end=-1))
    return found


def close_items(items: list[ItemNode], parts: list[PartNode], closing_starts: list[int],
                 lines: list[Line], body: str) -> list[ItemNode]:
    """Give each item its end (the next item's label, its part's closing, or its part's end) and heading."""
    r = rules()
    closings = [ln.start for ln in lines if any(p.match(ln.text.strip()) for p in r.closing)]
    closed = []
    for k, item in enumerate(items):
        part_end = parts[item.part].end
        limits = [part_end] + [c for c in closing_starts if item.start < c <= part_end]
        if k + 1 < len(items) and items[k + 1].part == item.part:
            limits.append(items[k + 1].start)
        end = min(limits)
        # closing lines (特此通知, 附件：) inside the span end it too
        k_close = bisect.bisect_right(closings, item.text_start)
        if k_close < len(closings) and closings[k_close] < end:
            end = closings[k_close]
        end = _end_after_field_lines(body, item.text_start, end)
        end = _rstrip_offset(body, item.text_start, end)
        text = body[item.text_start:end]
        closed.append(ItemNode(item.part, item.path, item.label, item.style, heading_of(text),
                               item.start, item.text_start, end))
    return [_trim_closing_text(closed, k, body) for k in range(len(closed))]


def _trim_closing_text(items: list[ItemNode], k: int, body: str) -> ItemNode:
    """The last item of a part keeps only its first paragraph when every sibling is a single
    paragraph: the unnumbered paragraphs after it are the notice's closing text."""
    item = items[k]
    if k + 1 < len(items) and items[k + 1].part == item.part:
        return item
    siblings = [it for it in items[:k] if it.part == item.part and it.path[:-1] == item.path[:-1]]
    if len(siblings) < 2 or any("\n" in body[it.text_start:it.end] for it in siblings):
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
    pos, seen_fields = start, False
    for raw in body[start:end].split("\n"):
        line_end = pos + len(raw)
        if r.item_field_line.match(raw.strip()) or r.item_closing_assignment.search(raw.strip()):
            seen_fields = True
        elif seen_fields and raw.strip():
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
