"""Page layout shared by the loaders of paginated formats (PDF today): visual lines with their
horizontal extent → paragraphs.

- ``drop_furniture``: page numbers anywhere; a first or last line repeated on most pages
  (running headers and footers).
- ``geometry``: the text block's edges and the body character width, from running text.
- ``join_lines``: wrapped lines re-joined into paragraphs, across page breaks too; a line is
  continued only when it runs to the right margin without closing punctuation and the next
  is neither indented nor a numbered item.

Blocks are ``("text", [Line])`` or ``("table", rows)`` pairs in reading order.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$")
RUNNING_HEADER_MIN_PAGES = 3   # a first line repeated on this many pages is a running header
# A wrapped line ends this close to the right margin (in body characters): justification and
# punctuation pushed to the next line leave up to about one character free.
WRAP_SLACK_CHARS = 1.5
# A line starting further right than this (in characters) is indented: a new paragraph.
INDENT_CHARS = 0.8
# A line whose characters are this much wider than the body's is set in a larger (title) font.
HEADING_SIZE_RATIO = 1.2
# Lines of the same, longest, character count that make a text look hard-wrapped by count.
HARD_WRAP_MIN_LINES = 3
# A line ending in these closes its sentence: the next line starts a new one.
CLOSING = tuple("。！？；：…")
# A line opening a numbered item (一、 （一） 1. （1） 第一条) never continues the line before.
ITEM_START = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|第[一二三四五六七八九十百]+条)")


@dataclass(frozen=True)
class Line:
    """One visual line of text and where it starts and ends on the page."""

    text: str
    x0: float
    x1: float


def _edge_lines(pages: list[list[tuple[str, object]]], last: bool) -> Counter:
    found = Counter()
    for blocks in pages:
        texts = [v for k, v in blocks if k == "text" and v]
        if texts:
            line = texts[-1][-1] if last else texts[0][0]
            found[line.text] += 1
    return found


def drop_furniture(pages: list[list[tuple[str, object]]]) -> list[list[tuple[str, object]]]:
    """Page numbers anywhere; a first or last line repeated on most pages (running header/footer)."""
    repeated = _edge_lines(pages, last=False) + _edge_lines(pages, last=True)
    headers = {text for text, n in repeated.items() if n >= RUNNING_HEADER_MIN_PAGES and n >= len(pages) / 2}
    cleaned = []
    for blocks in pages:
        out = []
        for kind, value in blocks:
            if kind == "text":
                value = [ln for ln in value if not PAGE_NUMBER.match(ln.text) and ln.text not in headers]
            out.append((kind, value))
        cleaned.append(out)
    return cleaned


@dataclass(frozen=True)
class Geometry:
    """The text block's edges and body character width, from the lines that look like running text."""

    left: float
    right: float
    char: float
    wrap_count: int | None   # characters per line of a text hard-wrapped by count, if it is


def geometry(pages: list[list[tuple[str, object]]]) -> Geometry:
    lines = [ln for blocks in pages for k, v in blocks if k == "text" for ln in v if len(ln.text) >= 8]
    if not lines:
        return Geometry(0.0, float("inf"), 0.0, None)
    widths = sorted((ln.x1 - ln.x0) / len(ln.text) for ln in lines)
    rights = sorted(ln.x1 for ln in lines)
    lefts = sorted(ln.x0 for ln in lines)
    lengths = Counter(len(ln.text) for ln in lines)
    longest = max(lengths)
    return Geometry(lefts[len(lefts) // 10], rights[int(len(rights) * 0.9)], widths[len(widths) // 2],
                    longest if lengths[longest] >= HARD_WRAP_MIN_LINES else None)


def _continues(line: Line, after: Line, g: Geometry) -> bool:
    """Whether ``after`` goes on with ``line``'s sentence: ``line`` is body text (not a centred or
    larger title) that runs to the right margin without closing punctuation, and ``after`` is not
    indented and opens no numbered item."""
    full = line.x1 >= g.right - WRAP_SLACK_CHARS * g.char or len(line.text) == g.wrap_count
    body = (line.x0 <= g.left + (2 + INDENT_CHARS) * g.char
            and (line.x1 - line.x0) <= len(line.text) * g.char * HEADING_SIZE_RATIO)
    return (full and body and not line.text.endswith(CLOSING)
            and after.x0 <= g.left + INDENT_CHARS * g.char and not ITEM_START.match(after.text))


def join_lines(blocks: list[tuple[str, object]], edges: Geometry) -> list[tuple[str, object]]:
    """Text blocks as ("text", str) with wrapped lines re-joined, across page breaks too (a text
    block followed by a text block on the next page); tables pass through."""
    out: list[tuple[str, object]] = []
    previous: Line | None = None
    for kind, value in blocks:
        if kind != "text":
            out.append((kind, value))
            previous = None
            continue
        if not value:
            continue
        lines = [] if previous is None or out[-1][0] != "text" else out.pop()[1].split("\n")
        for line in value:
            if previous is not None and lines and _continues(previous, line, edges):
                lines[-1] += line.text
            else:
                lines.append(line.text)
            previous = line
        out.append(("text", "\n".join(lines)))
    return out
