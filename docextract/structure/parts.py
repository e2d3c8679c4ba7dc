"""Parts: the documents a notice issues (印发《A》的通知, 现将《A》印发给你们, 《A》已经…通过，现予公布)
or attaches (附件1 / its title; the names of an 附件： list), each starting at its title line; and a
copy of the notice printed twice on one page, which is no part (its lines are dropped)."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

from ..text.dates import DATE
from .dates import date_line
from .gates import required_sets
from .head import Head, is_title_shape
from .labels import read_label
from .nodes import Line, LinesText
from .rules import rules

BRACKETED_NAME = re.compile(r"[《«]([^《》«»]{4,120})[》»]")
# One form of brackets; no target is also a source, so replacing them one by one (much
# cheaper than str.translate with a dict) gives what translating would.
BRACKET_FORMS = {"（": "(", "）": ")", "«": "《", "»": "》"}
NAME_FOLD = str.maketrans(BRACKET_FORMS)
PREAMBLE_LINES = 12   # an issuing sentence stands among the first lines after the head
PART_TITLE_MAX_CHARS = 80


def fold(text: str) -> str:
    """A name compared with the lines: no spaces, one form of brackets, no 关于 before it.

    >>> fold("《关于 印发某某（试行）»"), fold(" 某某方案（试行）")
    ('印发某某(试行)', '某某方案(试行)')
    """
    text = "".join(text.split())   # str.split and re's \s agree on what is white space
    for form, folded in BRACKET_FORMS.items():
        if form in text:
            text = text.replace(form, folded)
    text = text.strip("《》")
    return text[2:] if text.startswith("关于") else text


def _without_remark(text: str) -> str:
    """``text`` without a remark in brackets at its end (（内部资料）, （银发〔2026〕42号）)."""
    r = rules()
    return r.title_remark.sub("", text) if r.may_hold_title_remark(text) else text


@dataclass(frozen=True)
class PartStart:
    line: int                      # the part's first line (its title's line)
    title: tuple[int, int] | None  # body span of its title


def issued_names(title: str | None, lines: list[Line], head: Head) -> set[str]:
    """The folded names of the documents the notice issues or attaches."""
    names: set[str] = set()
    if title and rules().issuing.search(title):
        found = BRACKETED_NAME.findall(title)
        if not found:
            m = rules().issued_in_title.search(title)
            found = [m.group("name")] if m else []
        names.update(fold(n) for n in found)
    issuing_sentence, may_hold = rules().issuing_sentence, rules().may_hold_issuing_sentence
    for line in lines[head.end_line:head.end_line + PREAMBLE_LINES]:
        if may_hold(line.text):   # (most lines: no 《 》 at all)
            names.update(fold(m.group("name")) for m in issuing_sentence.finditer(line.text))
    return {n for n in names if len(n) >= 4}


def attachment_names(lines: list[Line], start: int, marked: list[int] | None = None) -> set[str]:
    """The folded names of an 附件： list (附件：1.某某细则 / 2.某某清单).  ``marked``: the lines
    that may open one (``_marked``), when the caller has them."""
    r = rules()
    if marked is None:
        marked = _marked(LinesText(lines), start)
    names: set[str] = set()

    def add(text: str) -> None:
        name = r.attachment_list_label.sub("", text).strip()
        if 4 <= len(name) <= PART_TITLE_MAX_CHARS:
            names.add(fold(name))

    after = start   # the first line not yet read
    for i in marked:
        if i < after:
            continue   # read as part of a list above
        text = lines[i].text.strip()
        m = r.attachment_list.match(text)
        if not m:
            continue
        add(text[m.end():])
        after = i + 1
        while after < len(lines):   # the list runs on over its numbered lines
            text = lines[after].text.strip()
            m = r.attachment_list.match(text)
            if m:
                add(text[m.end():])
            elif r.attachment_list_label.match(text):
                add(text)
            else:
                break
            after += 1
        after += 1   # (the line that ended the list opens none: it was read)
    return names


def part_starts(lines: list[Line], head: Head, title: str | None,
                joined: LinesText | None = None) -> tuple[list[PartStart], int | None]:
    """The further parts, and the line where a second copy of the notice begins (or None).
    ``joined``: the lines as one text, when the caller has it."""
    r = rules()
    joined = joined or LinesText(lines)
    marked = _marked(joined, head.end_line)
    is_marked = set(marked)
    names = issued_names(title, lines, head) | attachment_names(lines, head.end_line, marked)
    name_heads = _name_heads(names)
    starts: list[PartStart] = []
    after_close = False   # after a signature date or an 附件N line a title starts a new document
    duplicate = _second_copy(lines, head, joined)
    last = duplicate if duplicate is not None else len(lines)
    i = head.end_line
    while i < last:
        if not names and not after_close:
            # only a date line or an attachment marker or list can change anything: go to the next
            k = bisect_left(marked, i)
            if k == len(marked):
                break
            i = marked[k]
            if i >= last:
                break
        text = lines[i].text.strip()
        if not text:
            i += 1
            continue
        found = _named_part(lines, i, names) if names and _may_start_name(text, name_heads) else None
        if found is not None:
            start, name = found
            starts.append(start)
            names.discard(name)
            name_heads = _name_heads(names)
            after_close = False
            i += 1
            continue
        if i in is_marked:   # (most lines are neither a date line nor an attachment marker or list)
            if date_line(text) or r.attachment_line.match(text):
                after_close = True
                i += 1
                continue
            if r.attachment_list.match(text):
                after_close = False   # the list of attachments: their names start parts, not its lines
                i += 1
                continue
        if after_close and len(text) <= PART_TITLE_MAX_CHARS and "。" not in text \
                and not text.startswith(("附件", "抄送")) and (is_title_shape(text) or _after_marker(lines, i)) \
                and read_label(text) is None:
            starts.append(PartStart(i, (lines[i].start + lines[i].text.find(text),
                                        lines[i].start + lines[i].text.find(text) + len(text))))
            after_close = False
        i += 1
    return starts, duplicate


@cache
def _mark_chars() -> tuple[str, ...] | None:
    """Characters one of which every line that closes a document (a date line, an 附件N line) or
    opens an attachment list holds (read from the patterns), or None when there are none."""
    r = rules()
    chars: set[str] = set()
    for pattern in (DATE, r.roc_date, r.attachment_line, r.attachment_list):
        sets = required_sets(pattern)
        if not sets:
            return None
        chars |= min(sets, key=len)
    return tuple(sorted(chars))


def _marked(joined: LinesText, first: int) -> list[int]:
    """The lines from ``first`` on that may be a date line or an attachment marker or list."""
    chars = _mark_chars()
    return joined.holding(chars, first) if chars is not None else list(range(first, len(joined.starts)))


NAME_HEAD_CHARS = 16   # a line's first characters, enough to tell how its folded form starts
# What ``fold`` changes at a text's start: a bracket form, a 《》 stripped, the 关 of 关于; a text
# starting with anything else keeps its first character first.
NAME_START_FOLDED = frozenset((*BRACKET_FORMS, "《", "》", "关"))
# The bracket forms whose folded form ``fold`` keeps (it strips 《》 only): a text starting with
# one starts with its folded form.
FOLDED_IN_PLACE = {form: folded for form, folded in BRACKET_FORMS.items() if folded not in "《》"}


def _name_heads(names: set[str]) -> frozenset[str]:
    return frozenset(name[0] for name in names)


def _may_start_name(text: str, heads: frozenset[str]) -> bool:
    """Whether the folded line (alone, or with the next one joined) may start with a name whose
    first character is in ``heads``: the line's first characters are folded as ``fold`` folds
    the start of a text (a start too short to tell leaves the question open)."""
    first = text[:1]
    if text[1:2] and not text[1].isspace():
        if first not in NAME_START_FOLDED:
            return first in heads   # (most lines) the first character stays first once folded
        folded = FOLDED_IN_PLACE.get(first)
        if folded is not None:
            return folded in heads   # (a label in brackets) folded in place, nothing before it cut
    start = "".join(text[:NAME_HEAD_CHARS].split())
    for form, folded in BRACKET_FORMS.items():
        if form in start:
            start = start.replace(form, folded)
    start = start.lstrip("《》")
    if start.startswith("关于"):
        start = start[2:]
    return len(start) < 2 or start[0] in heads


def _after_marker(lines: list[Line], i: int) -> bool:
    """The line right after an 附件N marker (blank lines aside)."""
    j = i - 1
    while j >= 0 and not lines[j].text.strip():
        j -= 1
    return j >= 0 and bool(rules().attachment_line.match(lines[j].text.strip()))


def _named_part(lines: list[Line], i: int, names: set[str]) -> tuple[PartStart, str] | None:
    """A line (or two, a title wrapped) that is, or begins with, the name of an issued or attached
    document."""
    if not names:
        return None
    line = lines[i]
    text = line.text.strip()
    if len(text) > 2 * PART_TITLE_MAX_CHARS or "。" in text[:PART_TITLE_MAX_CHARS]:
        return None
    offset = line.start + line.text.find(text)
    folded = fold(_without_remark(text))
    if folded in names:
        return PartStart(i, (offset, offset + len(text))), folded
    if i + 1 < len(lines) and len(text) <= PART_TITLE_MAX_CHARS:
        nxt = lines[i + 1].text.strip()
        if nxt and len(nxt) <= PART_TITLE_MAX_CHARS:
            joined = fold(_without_remark(text + nxt))
            if joined in names:
                return PartStart(i, (offset, lines[i + 1].start + lines[i + 1].text.find(nxt) + len(nxt))), joined
    for name in sorted(names, key=len, reverse=True):   # a title glued to what follows it (…分工表序号…)
        if len(name) >= 8 and folded.startswith(name) and not text.startswith(("附件", "附表")):
            cut = _prefix_end(text, name)
            if cut:
                return PartStart(i, (offset, offset + cut)), name
    return None


def _prefix_end(text: str, folded_name: str) -> int | None:
    """The offset in ``text`` where the folded name ends."""
    k = 0
    for pos, ch in enumerate(text):
        if ch.isspace():
            continue
        if k == len(folded_name):
            return pos
        if fold(ch) != folded_name[k] and ch.translate(NAME_FOLD) != folded_name[k]:
            return None
        k += 1
    return len(text) if k == len(folded_name) else None


def _second_copy(lines: list[Line], head: Head, joined: LinesText | None = None) -> int | None:
    """The line where the notice is printed a second time: its title again, followed by the same
    line as the first time."""
    if not head.title_lines:
        return None
    title = fold("".join(lines[k].text for k in head.title_lines))
    after_title = _next_text(lines, max(head.title_lines) + 1)
    if not title or after_title is None:
        return None
    # the line after the second title reads as the line after the first: it holds that text as
    # written, so a search for it (in C) finds the few places to look, where a scan of the lines
    # holding the title's first character finds many
    joined = joined or LinesText(lines)
    text, starts = joined.text, joined.starts
    first = max(head.end_line, max(head.title_lines) + 1)
    pos = text.find(after_title, starts[first]) if first < len(starts) else -1
    while pos >= 0:
        j = bisect_right(starts, pos) - 1
        if lines[j].text.strip() == after_title:
            i = j - 1   # the title line: the line before it, blank lines aside
            while i >= first and not lines[i].text.strip():
                i -= 1
            if i >= first and fold(lines[i].text) == title:
                return i
        pos = text.find(after_title, starts[j + 1]) if j + 1 < len(starts) else -1
    return None


def _next_text(lines: list[Line], i: int) -> str | None:
    while i < len(lines):
        text = lines[i].text.strip()
        if text:
            return text
        i += 1
    return None
