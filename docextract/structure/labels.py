"""Numbering labels (一、 （一） 1. （1） ⑴ ① ㈠ 壹、 第X章/节/条) as candidates for the item tree.

A candidate is *strong* when its form alone makes it a label (一、总体要求, （1）2025年底前…) and
*weak* when only the numbering around it can (1.5万元 … 2.3万元 …, 12.345热线, 1人口特征): see
``numbering`` for how candidates become items.  Besides a label at the start of a line, a
candidate may be a label alone on its line where its style allows it (第 1 条 / its text on the
next line; a （一） alone is a table's cell more often than a label), a label split over two lines
(（1 / ）…), or a list run inline after a colon (…如下：（1）…；（2）…)."""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from ..text.numerals import label_number
from ..rules.prefilter import CharMemo
from .gates import end_chars, first_class, start_chars
from .nodes import Line
from .rules import Style, rules

# 参 is what t2s makes of 參 (叁) in traditional labels.
T2S_THREE, FORMAL_THREE = "参", "叁"
# A label and what decides it fit in this many characters (an inline label is read from a window).
LABEL_WINDOW = 24
CJK_START = re.compile(r"[\u4e00-\u9fff“\"《（(【]")


# Labels, candidates (and lines, open levels) are named tuples: one is made for every numbered
# line of every notice, and a frozen dataclass costs several times more to make.
class Label(NamedTuple):
    style: Style
    number: int
    text: str     # the label as written, trailing space excluded
    end: int      # offset in the line after the label (and its spaces)
    strong: bool  # a label by its form alone
    alone: bool = False   # nothing but spaces after it on its line (its text, if any, is on the next)


class Candidate(NamedTuple):
    label: Label
    start: int         # body offset of the label
    text_start: int    # body offset of the item's text
    inline: bool = False

    @property
    def style(self) -> Style:
        return self.label.style

    @property
    def number(self) -> int:
        return self.label.number

    @property
    def rank(self) -> int:
        return self.label.style.rank


REPEAT_SPACES = " \t\u3000"


def _repeated_label_end(line: str, label: Label) -> int:
    """Where the item's text starts: after the label, and after the label again when a copy
    printed it twice (第一条第一条根据…, 第四条 第四条 国家…).

    >>> _repeated_label_end("第一条 第一条　根据法律", read_label("第一条 第一条　根据法律"))
    8
    """
    bare = label.text.strip()
    again, n = label.end, len(line)
    while again < n and line[again] in REPEAT_SPACES:
        again += 1
    if bare and line.startswith(bare, again):
        repeated = read_label(line[again:])
        if repeated is not None:
            return again + repeated.end
    return label.end


NUMBERS_MAX = 4096   # numbers remembered as read (a bound for hostile input)
_numbers: dict[str, int | None] = {}


def _number(written: str) -> int | None:
    """A label's number as written (few distinct ones: each read once, then looked up)."""
    number = _numbers.get(written, -1)
    if number == -1:
        number = label_number(written.replace(T2S_THREE, FORMAL_THREE))
        if len(_numbers) < NUMBERS_MAX:
            _numbers[written] = number
    return number


def read_label(line: str) -> Label | None:
    """The label at the start of a line, strong or weak, if any: one call of a joined pattern
    (``label_reader``) for the styles that can start with the line's first character; the styles
    in turn when they cannot be joined or the number reads as none."""
    return label_reading()(line)


@cache
def label_reading() -> Callable[[str], Label | None]:
    """``read_label`` with what it reads on every line bound once (the readers, the numbers read
    so far): the loops over lines call this function itself, one Python call per line."""
    r = rules()
    readers = r.label_readers
    if readers is None:
        first_style = r.first_style
        return lambda line: _label_from(line, first_style(line))
    by_first, reader_for, numbers = readers.by_first.get, readers.reader_for, _numbers.get
    cannot_start = readers.cannot_start   # (grows as lines are read: most lines' first characters)
    new = tuple.__new__   # a named tuple's own __new__ is a Python function, one more call per label

    def read(line: str) -> Label | None:
        first = line[:1]
        reader = by_first(first)
        if reader is None:
            if first in cannot_start:
                return None
            reader = reader_for(first)
            if reader is None:
                return None
        m = reader.match(line)
        if m is None:
            return None
        # (unpacked at once: five fields read by name are five generic attribute lookups)
        style, index, strong, alone, num_group = reader.by_group[m.lastindex]
        written = m.group(num_group)
        number = numbers(written, -1)
        if number == -1:
            number = _number(written)
        if not number:
            return _label_from(line, index + 1)
        end = m.end()
        return new(Label, (style, number, line[:end].rstrip(), end, strong, alone))
    return read


def _label_from(line: str, first: int | None) -> Label | None:
    """The label at the start of ``line``, trying the styles in turn from ``first`` (None: no
    style matches there)."""
    if first is None:
        return None
    r = rules()
    for style in r.styles[first:]:
        m = style.pattern.match(line)
        if not m:
            continue
        rest = line[m.end():]
        alone = not rest.strip()
        if alone or r.label_followed_by.match(rest):
            strong = not style.weak
        elif r.weak_followed_by.match(rest):
            strong = style.plain_after and not style.weak
        else:
            continue
        number = _number(m.group("num"))
        if not number:
            continue
        return Label(style, number, line[:m.end()].rstrip(), m.end(), strong, alone)
    return None


def match_label(line: str) -> Label | None:
    """The label at the start of a line when its form alone makes it one.

    >>> match_label("（三）及时抓好春耕生产").text, match_label("1﹒切实抓好产业发展").number
    ('（三）', 1)
    >>> match_label("二、2030年发展目标").number, match_label("第一百二十条 附则").number
    (2, 120)
    >>> match_label("2020年是决胜之年") is None, match_label("1.5万元以下") is None
    (True, True)
    """
    label = read_label(line)
    return label if label is not None and label.strong and not label.alone else None


def line_candidates(lines: list[Line], first: int, last: int) -> list[Candidate]:
    """Label candidates of lines ``first``..``last`` in order, inline lists included; table rows,
    table-of-contents lines and closing lists are left out."""
    r = rules()
    split_head, toc_line, table_row = r.split_head.match, r.toc_line.search, r.table_row.match
    may_be_table_row, may_start_head, may_start_tail, may_end_contents = _first_chars()
    read = label_reading()
    cannot_start = label_cannot_start()   # (most lines' first characters: no call of ``read``)
    new = tuple.__new__   # a named tuple's own __new__ is one more Python call per candidate
    out: list[Candidate] = []

    def contents_or_row(stripped: str) -> bool:
        # (a table of contents ends with its page number: most numbered lines end with a
        # character no toc_line match can end with, and are not searched)
        return bool(may_end_contents[stripped[-1]] and toc_line(stripped)) \
            or bool(may_be_table_row[stripped[0]] and table_row(stripped))

    after_split = first   # the line after a split label's tail (read with its head)
    for i in range(first, last):
        if i < after_split:
            continue
        line_start, _, text = line = lines[i]
        stripped = text.lstrip()
        label = read(stripped) if stripped and stripped[0] not in cannot_start else None
        opens_list = "：" in text or ":" in text
        head = None   # whether a split label's head is the whole line, when asked
        if label is None and not opens_list:
            head = may_start_head[text[:1]] and split_head(text)   # (most lines start with no digit)
            if not head:
                continue   # no label, no list after a colon, no split label can start here
        if not stripped:
            continue
        # (a split label's tail starts the next line: most next lines start with no character it can)
        split = _split_label(lines, i, last) if i + 1 < last and may_start_tail[lines[i + 1].text[:1]] \
            and (head or split_head(text)) else None
        if label is None and split is None:
            # a list after a colon, if any, is all the line yields: the tests for a table of
            # contents or a table's row (a search over the line) wait for it (most lines: none)
            found = inline_candidates(line, line_start)
            if found and not contents_or_row(stripped):
                out.extend(found)
            continue
        if contents_or_row(stripped):
            continue
        if split is not None:
            out.append(split)
            out.extend(inline_candidates(lines[i + 1], split.text_start))
            after_split = i + 2
            continue
        if label is not None:
            # (unpacked at once: its fields read by name are as many generic attribute lookups)
            style, number, label_text, end, strong, alone = label
            start = line_start + len(text) - len(stripped)
            if alone:   # alone on its line: the text is on the next one
                following = _next_text_line(lines, i + 1, last) if style.alone else None
                if following is None or not _can_be_text(lines[following].text.strip()):
                    continue
                text_start = lines[following].start + len(lines[following].text) - len(lines[following].text.lstrip())
            elif stripped[end] in REPEAT_SPACES or stripped.startswith(label_text, end):   # (its text: no space at either end)
                text_start = start + _repeated_label_end(stripped, label)   # maybe printed twice
            else:
                text_start = start + end
            candidate = new(Candidate, (label, start, text_start, False))
            out.append(candidate)
            if strong and number == 1 and style.rank not in INLINE_EXCLUDED_RANKS:
                out.extend(_run_on(line, candidate))
        if opens_list:
            out.extend(inline_candidates(line, line_start))
    return out


@cache
def _first_chars() -> tuple[CharMemo, CharMemo, CharMemo, CharMemo]:
    """The characters a table row can start with (most labels start with no digit: no match),
    those a split label's head and tail can (most lines: no split label to read), and those a
    table-of-contents line can end with."""
    r = rules()
    return start_chars([r.table_row]), start_chars([r.split_head]), start_chars([r.split_tail]), end_chars(r.toc_line)


def label_cannot_start() -> set[str] | frozenset[str]:
    """Characters no label can start with, as ``read_label`` has met them at lines' starts (it
    returns None for a line starting with one): a loop over lines tests them before calling it."""
    readers = rules().label_readers
    return readers.cannot_start if readers is not None else frozenset()


def _can_be_text(text: str) -> bool:
    """The line after a label alone on its line can be the item's text: it starts with a word,
    not with another label, a number or a date (the next cell of a table)."""
    return bool(CJK_START.match(text)) and read_label(text) is None


def _next_text_line(lines: list[Line], i: int, last: int) -> int | None:
    while i < last and not lines[i].text.strip():
        i += 1
    return i if i < last else None


def _split_label(lines: list[Line], i: int, last: int) -> Candidate | None:
    """A label whose head ends one line and whose punctuation starts the next (（1 / ）…)."""
    r = rules()
    if i + 1 >= last or not r.split_head.match(lines[i].text) or not r.split_tail.match(lines[i + 1].text):
        return None
    head, tail = lines[i].text.strip(), lines[i + 1].text.lstrip()
    glued = head + tail.replace("\ufffd", ".", 1)
    label = read_label(glued)
    if label is None or label.end <= len(head):
        return None
    start = lines[i].start + len(lines[i].text) - len(lines[i].text.lstrip())
    tail_start = lines[i + 1].start + len(lines[i + 1].text) - len(tail)
    text_start = tail_start + label.end - len(head)
    label = Label(label.style, label.number, head + tail[:label.end - len(head)].rstrip(), label.end, label.strong,
                  label.alone)
    return Candidate(label, start, text_start)


INLINE_OPENER = r"[：:]\s*+"
INLINE_SEPARATOR = r"[；;。]\s*+"
INLINE_EXCLUDED_RANKS = (1, 2, 3)   # 第X章/节/条 inside a sentence are references, not labels


@cache
def _inline_marks() -> tuple[re.Pattern, re.Pattern]:
    """``INLINE_OPENER`` and ``INLINE_SEPARATOR``, each with a lookahead for a character some
    style can start with (when the joined readers tell them apart, as ``read_label`` does): a
    colon or a 。 followed by anything else reads no label, and most are (…如下：各地要…)."""
    first = first_class([style.pattern for style in rules().styles]) if rules().label_readers else None
    ahead = "" if first is None else f"(?={first})"
    return re.compile(INLINE_OPENER + ahead), re.compile(INLINE_SEPARATOR + ahead)


def inline_candidates(line: Line, from_offset: int) -> list[Candidate]:
    """A list run inside one paragraph: a label numbered 1 right after a colon, then 2, 3 … each
    right after the end of the previous one's sentence (…查册：（1）…；（2）…；（3）…。)."""
    text = line.text
    if "：" not in text and ":" not in text:   # most lines: no opener (the search alone costs more)
        return []
    read = label_reading()
    for opener in _inline_marks()[0].finditer(text, from_offset - line.start):
        first = read(text[opener.end():opener.end() + LABEL_WINDOW])
        if first is None or not first.strong or first.number != 1 or first.style.rank in INLINE_EXCLUDED_RANKS:
            continue
        run = [Candidate(first, line.start + opener.end(), line.start + opener.end() + first.end, inline=True)]
        run.extend(_run_on(line, run[0]))
        return run if len(run) >= 2 else []
    return []


def _run_on(line: Line, first: Candidate) -> list[Candidate]:
    """The labels 2, 3 … of a list after its label 1 on the same line, each right after the end of
    the previous one's sentence (1.死亡的；2.失踪的；3.迁出的。): all of them, or none unless 2 follows."""
    text, run = line.text, [first]
    read = label_reading()
    for sep in _inline_marks()[1].finditer(text, first.text_start - line.start):
        label = read(text[sep.end():sep.end() + LABEL_WINDOW])
        if label is not None and label.strong and label.style is first.style and label.number == len(run) + 1:
            start = line.start + sep.end()
            run.append(Candidate(label, start, start + label.end, inline=True))
    return run[1:]
