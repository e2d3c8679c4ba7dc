"""Page layout shared by the loaders of paginated formats (PDF today): positioned characters →
visual lines with their horizontal extent → paragraphs.

- ``dedupe_chars``: a glyph drawn again at (almost) the same place (fake bold) is kept once.
- ``visual_lines``: characters grouped into lines and words the way pdfplumber's
  ``extract_text_lines`` does (lines by top within 3 pt, words split at blanks and at gaps
  over 3 pt), so text read by another PDF library lays out the same.
- ``crop_chars``: the characters of a region (the text between two tables), clipped to it as
  pdfplumber's ``crop`` clips them.
- ``drop_furniture``: page numbers anywhere; a first or last line repeated on most pages
  (running headers and footers).
- ``geometry``: the text block's edges and the body character width, from running text.
- ``join_lines``: wrapped lines re-joined into paragraphs, across page breaks too; a line is
  continued only when it runs to the right margin without closing punctuation and the next
  is neither indented nor a numbered item.

Blocks are ``("text", [Line])`` or ``("table", rows)`` pairs in reading order.
"""
from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace

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


# pdfplumber's defaults (x_tolerance, y_tolerance, dedupe tolerance), kept so that both PDF
# readers lay a page out alike.
LINE_TOLERANCE = 3.0   # characters whose tops differ by at most this (chained) share a line
WORD_GAP = 3.0         # a wider horizontal gap between two characters starts a new word
DUPLICATE_TOLERANCE = 1.0   # the same glyph this close to another copy is a fake-bold double
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


@dataclass(slots=True)
class Char:
    """One glyph on a page: its text and box, in points from the page's top-left corner."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    upright: bool = True


def dedupe_chars(chars: list[Char]) -> list[Char]:
    """Drop a glyph drawn again at (almost) the same place with the same text and size (fake bold:
    a title painted three times at small offsets).  Copies chain like pdfplumber's
    ``dedupe_chars``: by top, then by x0, within 1 pt; the top-left copy stays, in reading order."""
    order = sorted(range(len(chars)), key=lambda i: (chars[i].upright, chars[i].text, chars[i].size, chars[i].top, i))
    dropped: set[int] = set()
    run = [order[0]] if order else []
    for i in order[1:] + [None]:
        last = chars[run[-1]]
        if i is not None and (chars[i].text, chars[i].size, chars[i].upright) == (last.text, last.size, last.upright) \
                and chars[i].top <= last.top + DUPLICATE_TOLERANCE:
            run.append(i)
            continue
        if len(run) > 1:   # same glyph, tops chained: chain the x0s the same way
            for same_place in _chains(run, [chars[k].x0 for k in run]):
                if len(same_place) > 1:
                    first = min(same_place, key=lambda k: (chars[k].top, chars[k].x0))
                    dropped.update(k for k in same_place if k != first)
        run = [i]
    return [c for i, c in enumerate(chars) if i not in dropped] if dropped else chars


def _chains(indices: list[int], values: list[float]) -> list[list[int]]:
    """``indices`` grouped by their values chained within the duplicate tolerance."""
    ordered = sorted(zip(values, indices))
    groups, last = [], None
    for value, index in ordered:
        if last is None or value > last + DUPLICATE_TOLERANCE:
            groups.append([])
        groups[-1].append(index)
        last = value
    return groups


def crop_chars(chars: list[Char], bbox: tuple[float, float, float, float]) -> list[Char]:
    """The characters that overlap ``bbox`` (x0, top, x1, bottom), clipped to it."""
    x0, top, x1, bottom = bbox
    out = []
    for c in chars:
        if c.bottom < top or c.top > bottom or c.x1 < x0 or c.x0 > x1:
            continue
        if x0 <= c.x0 and c.x1 <= x1 and top <= c.top and c.bottom <= bottom:
            if c.x1 > c.x0 or c.bottom > c.top:
                out.append(c)
            continue
        o_x0, o_x1, o_top, o_bottom = max(c.x0, x0), min(c.x1, x1), max(c.top, top), min(c.bottom, bottom)
        if (o_x1 - o_x0) + (o_bottom - o_top) > 0:
            out.append(replace(c, x0=o_x0, x1=o_x1, top=o_top, bottom=o_bottom))
    return out


def _clusters(values, tolerance: float) -> dict[float, int]:
    """Cluster ids for values chained within ``tolerance`` of their neighbour."""
    ids, last, current = {}, None, -1
    for value in sorted(set(values)):
        if last is None or value > last + tolerance:
            current += 1
        ids[value] = current
        last = value
    return ids


def _words(chars: list[Char]) -> list[list[Char]]:
    """Words of one run of equally oriented characters: lines by top (by x0 for rotated text),
    each read along the line and split at blanks and gaps."""
    if chars[0].upright:
        across, along, end = [c.top for c in chars], [c.x0 for c in chars], [c.x1 for c in chars]
    else:
        across, along, end = [c.x0 for c in chars], [c.top for c in chars], [c.bottom for c in chars]
    ids = _clusters(across, LINE_TOLERANCE)
    words: list[list[Char]] = []
    word: list[int] = []
    line = None
    for i in sorted(range(len(chars)), key=lambda i: (ids[across[i]], along[i])):
        if ids[across[i]] != line or chars[i].text.isspace() or (word and (
                along[i] < along[word[-1]] or along[i] > end[word[-1]] + WORD_GAP
                or abs(across[i] - across[word[-1]]) > LINE_TOLERANCE)):
            if word:
                words.append([chars[j] for j in word])
            word = []
            line = ids[across[i]]
        if not chars[i].text.isspace():
            word.append(i)
    if word:
        words.append([chars[j] for j in word])
    return words


def visual_lines(chars: list[Char]) -> list[Line]:
    """The lines of text the characters make, top to bottom, words joined by one space."""
    words = [w for _, run in itertools.groupby(chars, key=lambda c: c.upright) for w in _words(list(run))]
    tops = [min([c.top for c in w]) for w in words]
    ids = _clusters(tops, LINE_TOLERANCE)
    lines = []
    for _, group in itertools.groupby(zip(words, tops), key=lambda wt: ids[wt[1]]):
        line = [c for w, _ in group for c in w + [None]][:-1]   # None: between two words
        text = "".join(" " if c is None else LIGATURES.get(c.text, c.text) for c in line)
        placed = [c for c in line if c is not None]
        lines.append(Line(text, min([c.x0 for c in placed]), max([c.x1 for c in placed])))
    return lines


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
