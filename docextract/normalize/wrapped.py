"""Hard-wrapped lines (PDF and e-mail copies) re-joined into paragraphs, keeping offsets.

Two lines are halves of one sentence when the first can continue (no sentence end, not a
heading, a field, a signature, a complete line or a boilerplate line the clean stage will
drop) and the second can follow (not a label, a field or navigation).  A hard-wrapped text
(a PDF copy) has a line width: a line that fills it continues whatever it looks like.
Rules: ``rules/normalize.toml`` (through ``rules.normalize_rules``).
"""
from __future__ import annotations

import re
from functools import cache
from itertools import accumulate, compress

from ..text.textmap import TrackedText
from .chars import SYLLABLE, is_spaced_list
from .linewidth import line_width, wrap_width
from ..rules.boilerplate import repeats_a_phrase
from .rules import NormalizeRules, normalize_rules

PINYIN_START = re.compile(SYLLABLE)
TITLE_TAIL = re.compile(r"^的[\u4e00-\u9fff]{1,8}$")  # "…方案》" + "的通知"
DATE_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
SENTENCE_MARKS = re.compile("[。；！？]")
CLAUSE_MARKS = re.compile("[，。；！？]")   # a title has none of these
TAIL_CHARS = 32   # the end of a joined paragraph that the end-of-line rules read
SAME_SHAPE = str.maketrans("（）［］", "()[]")
REPEATED_MIN = 4  # a line shown twice this long is a heading shown twice


class _Lines:
    """The stripped lines of a text and what the joiner asks about each: a line is asked as the
    second half of a sentence, then as the first (and as a paragraph's first line), so each fact
    is computed once, when first asked (most lines are never asked most questions)."""

    __slots__ = ("text", "r", "brackets", "_furniture", "_navigation", "_menu", "_label", "_field")

    def __init__(self, lines: list[str], r: NormalizeRules):
        self.text = lines
        self.r = r
        self.brackets = _bracket_deltas(tuple(r.brackets.items()))   # once per text, not per line asked
        unknown = [None] * len(lines)
        self._furniture: list[bool | None] = unknown
        self._navigation: list[bool | None] = unknown.copy()
        self._menu: list[bool | None] = unknown.copy()
        self._label: list[bool | None] = unknown.copy()
        self._field: list[bool | None] = unknown.copy()

    def furniture(self, k: int) -> bool:
        """A line the clean stage drops (a boilerplate rule fires): never half a sentence."""
        found = self._furniture[k]
        if found is None:
            found = self._furniture[k] = self.r.boilerplate.line_rule(self.text[k]) is not None
        return found

    def navigation(self, k: int) -> bool:
        found = self._navigation[k]
        if found is None:
            found = self._navigation[k] = bool(self.r.navigation.search(self.text[k]))
        return found

    def menu(self, k: int) -> bool:
        """Words laid out between spaces (a menu) or a tile shown twice: the line keeps its line."""
        found = self._menu[k]
        if found is None:
            line = self.text[k]
            found = self._menu[k] = " " in line and (is_spaced_list(line) or repeats_a_phrase(line))
        return found

    def label(self, k: int) -> bool:
        """A numbered heading's label starts the line (asked of non-blank lines only)."""
        found = self._label[k]
        if found is None:
            line = self.text[k]
            # most lines start with a character no label starts with: no regex call
            found = self._label[k] = self.r.label_starts[line[0]] and bool(self.r.label.match(line))
        return found

    def field(self, k: int) -> bool:
        found = self._field[k]
        if found is None:
            found = self._field[k] = bool(self.r.field.match(self.text[k]))
        return found


class _Paragraph:
    """The lines joined so far, as much of them as the rules read: the first line (a label, a
    field), the last characters (sentence ends, titles, signatures), the length, whether a
    sentence mark or a clause mark occurred and which brackets are still open.  The marks and
    brackets are read only when a rule asks, and each line once: most paragraphs end in a
    sentence mark and are never asked, and a long paragraph is joined in linear time."""

    __slots__ = ("first", "first_index", "tail", "length", "unread", "marks", "clauses", "open", "deltas",
                 "marks_of")

    def __init__(self, k: int, line: str, r: NormalizeRules):
        self.deltas, self.marks_of = _bracket_deltas(tuple(r.brackets.items()))
        self.reset(k, line)

    def reset(self, k: int, line: str) -> None:
        """Start a new paragraph with ``line``, line ``k`` of the text (the object is reused: one per text)."""
        self.first_index = k
        self.first, self.tail, self.length, self.unread = line, line[-TAIL_CHARS:], len(line), [line]
        self.marks, self.clauses = False, False
        self.open: dict[str, int] = {}

    def add(self, line: str) -> None:
        self.tail = (self.tail + line)[-TAIL_CHARS:]
        self.length += len(line)
        self.unread.append(line)

    def _read(self) -> None:
        """The marks and brackets of the lines added since the last read (each line is read once)."""
        for line in self.unread:
            # substring tests written out (a loop over the marks, or a class scanned by the engine, is slower)
            if not self.marks and ("。" in line or "；" in line or "！" in line or "？" in line):
                self.clauses = self.marks = True
            elif not self.clauses and "，" in line:  # most heading lines have none
                self.clauses = True
            # "(绩效）": a bracket may close with the other width, so each shape is counted (one
            # findall: a search for any bracket first costs a second regex call when there is one)
            for mark in self.marks_of.findall(line):
                for opening, delta in self.deltas[mark]:
                    self.open[opening] = self.open.get(opening, 0) + delta
        self.unread = []

    def has_marks(self) -> bool:
        """A sentence mark (。；！？) somewhere: not a heading."""
        if self.unread:
            self._read()
        return self.marks

    def has_clauses(self) -> bool:
        """A clause mark (，。；！？) somewhere: not a title."""
        if self.unread:
            self._read()
        return self.clauses

    def unclosed(self) -> bool:
        """A bracket or a title mark opened and not closed so far ("…加强监测预警和" +
        "动态帮扶的意见》的通知", "（牵头单位：" + "省农业农村厅）")."""
        if self.unread:
            self._read()
        if not self.open:
            return False  # no bracket at all: most paragraphs
        for n in self.open.values():
            if n > 0:
                return True
        return False


@cache
def _bracket_deltas(pairs: tuple[tuple[str, str], ...]) -> tuple[dict[str, tuple[tuple[str, int], ...]], re.Pattern]:
    """What each bracket character does to the count of open brackets, as ``{character: ((opening,
    +1 or -1), ...)}``, and a pattern finding them: a character counts for the pair whose mark it
    reads as once both widths are one (``SAME_SHAPE``), so a line is counted without being
    translated."""
    def shapes(mark: str) -> list[str]:
        return [c for c in {mark, *(chr(k) for k, v in SAME_SHAPE.items() if chr(v) == mark)}
                if c.translate(SAME_SHAPE) == mark]
    deltas: dict[str, list[tuple[str, int]]] = {}
    for opening, closing in pairs:
        for c in shapes(opening):
            deltas.setdefault(c, []).append((opening, 1))
        for c in shapes(closing):
            deltas.setdefault(c, []).append((opening, -1))
    # only the bracket characters themselves are counted (a line is read when it holds one)
    counted = {c: tuple(d) for c, d in deltas.items() if any(c in pair for pair in pairs)}
    return counted, re.compile("[" + re.escape("".join(sorted(counted))) + "]")


CLAUSE_ENDS = frozenset("：:；;")   # "（牵头单位：" + "省农业农村厅）": a field inside an open bracket


def _can_continue(par: _Paragraph, k: int, width: float | None, r: NormalizeRules, lines: _Lines) -> bool:
    """Whether the paragraph so far (line ``k`` is its last line as printed) may be the first
    half of a wrapped sentence.  Every test but the line-width one only refuses, so they run
    cheapest first; the patterns searched over the whole line come last."""
    tail = par.tail
    if not tail:
        return False
    ends = tail[-1] in r.sentence_end
    if ends and tail[-1] not in CLAUSE_ENDS:
        return False  # most lines of prose stop here
    open_bracket = par.unclosed()
    if ends and not open_bracket:
        return False
    continues = open_bracket or tail[-1] in r.continuation_end
    if not (continues or ends or width or par.length >= r.min_wrapped):
        return False  # a short line (a heading, a name, a menu word): only an open bracket continues it
    if width:
        return _can_continue_wrapped(par, k, width, r, lines, continues)
    if lines.label(par.first_index) and not par.has_marks():
        return False  # a numbered heading
    if not continues and (par.length < r.min_wrapped or par.length <= r.org_max and tail.endswith(r.org_end)
                          or lines.field(par.first_index)):
        return False  # a short line, a signature, an addressee or a field
    if lines.menu(k) or lines.navigation(k):
        return False  # a tile shown twice, words laid out between spaces (a menu), navigation
    if not par.has_clauses() and r.title_end.search(tail):
        return False  # a title (prose may end in 措施, 方案 …, but has clauses)
    return not (lines.furniture(k) or not continues and r.complete.search(lines.text[k]))


def _can_continue_wrapped(par: _Paragraph, k: int, width: float, r: NormalizeRules, lines: _Lines,
                          continues: bool) -> bool:
    """``_can_continue`` in a hard-wrapped text, past its first tests: a line that fills the
    width continues unless it is a title or a complete line."""
    if lines.menu(k) or lines.navigation(k):
        return False  # a tile shown twice, words laid out between spaces (a menu), navigation
    physical = lines.text[k]
    titled = not par.has_clauses() and bool(r.title_end.search(par.tail))  # prose may end in 措施, 方案 …
    if not titled and line_width(physical) >= width and not r.complete.search(physical):
        return not lines.furniture(k)
    if titled or lines.label(par.first_index) and not par.has_marks():
        return False  # a title, or a numbered heading
    if continues:
        return not lines.furniture(k)
    if par.length < r.min_wrapped or par.length <= r.org_max and par.tail.endswith(r.org_end):
        return False  # a short line, a signature or an addressee
    return not (lines.field(par.first_index) or lines.furniture(k) or r.complete.search(physical))


TRAILING_NOTE = re.compile(r"[（(][^（）()]{1,20}[）)]$")   # 方案（2022—2025年）: the type is before it
TITLE_HEAD_MAX = 40   # the first half of a title broken over two lines
TITLE_MAX = 60


def _title_shaped(line: str, r: NormalizeRules, longest: int) -> bool:
    """A short line without clause marks (a title or half of one)."""
    return len(line) <= longest and not CLAUSE_MARKS.search(line) and not r.label.match(line)


def _can_follow(k: int, r: NormalizeRules, lines: _Lines, in_bracket: bool = False) -> bool:
    """Whether line ``k`` may be the second half of a wrapped sentence (a field's label may, inside
    an open bracket: "（牵头" + "单位：省税务局）")."""
    line = lines.text[k]
    if not line or lines.label(k) or lines.navigation(k) or not in_bracket and lines.field(k):
        return False
    if lines.menu(k):
        return False  # a menu's words, or a tile shown twice, keep their line
    if line[0] == "(" and PINYIN_START.match(line):
        return False  # joining would glue pinyin to a character after the pinyin step ran
    return not (line[-1] == "日" and DATE_LINE.match(line)) and not lines.furniture(k)


def _title_tail(par: _Paragraph, current: str, following: str, r: NormalizeRules) -> bool:
    """The end of a title broken over two lines: "…方案》" + "的通知", or "关于加强收单外包服务" +
    "工作的通知"."""
    return par.first.startswith("关于") and (
        par.tail.endswith("》") and bool(TITLE_TAIL.match(following))
        or par.length == len(current) and _title_shaped(current, r, TITLE_HEAD_MAX)
        and _title_shaped(following, r, TITLE_MAX) and bool(r.title_end.search(TRAILING_NOTE.sub("", following))))


def _keeps_its_line(par: _Paragraph, i: int, following: str, first_over_blank: bool, r: NormalizeRules,
                    lines: _Lines) -> bool:
    """A line that ends its paragraph whatever follows: a text's first line (its title) before a
    blank line, a line shown twice, a menu's words."""
    current = lines.text[i]
    if first_over_blank and current[-1] not in r.continuation_end \
            and not (_title_shaped(current, r, TITLE_HEAD_MAX) and _title_shaped(following, r, TITLE_MAX)
                     and r.title_end.search(TRAILING_NOTE.sub("", following))):  # a title on two lines
        return True
    # a line shown twice (a heading repeated, maybe with its text after it) is not one sentence
    if par.length == len(current) >= REPEATED_MIN and following.startswith(current) \
            and current[-1] not in r.continuation_end and following[0] not in r.never_starts:
        return True
    # a menu's words and a tile shown twice keep their line
    return lines.menu(i)


def _joins(par: _Paragraph, i: int, j: int, first_over_blank: bool, width: float | None, r: NormalizeRules,
           lines: _Lines) -> bool:
    """Whether line ``j`` continues the paragraph ``par`` (whose last line is line ``i``)."""
    current, following = lines.text[i], lines.text[j]
    if par.first.startswith("关于") and _title_tail(par, current, following, r) \
            or following[0] in r.never_starts and not lines.furniture(i):
        return not _keeps_its_line(par, i, following, first_over_blank, r, lines)
    # the usual case: the tests of both halves decide, the cheap refusals of _can_continue first
    return _can_continue(par, i, width, r, lines) \
        and not _keeps_its_line(par, i, following, first_over_blank, r, lines) \
        and _can_follow(j, r, lines, par.unclosed())


def _leaves_open(line: str, lines: _Lines) -> bool:
    """Whether a line opens a bracket it does not close (``_Paragraph.unclosed`` of the line alone)."""
    deltas, marks_of = lines.brackets
    count: dict[str, int] = {}
    for mark in marks_of.findall(line):
        for opening, delta in deltas[mark]:
            count[opening] = count.get(opening, 0) + delta
    return any(n > 0 for n in count.values())


def _plainly_apart(i: int, following: str, r: NormalizeRules, lines: _Lines) -> bool:
    """Whether ``_joins`` refuses a line of web text (no line width) that is a paragraph of its
    own: not a title's first half ("关于…"), not followed by a mark that continues it, without an
    open bracket, and either a sentence end, a short line, a field, a signature or a numbered
    heading (the refusals of ``_can_continue``, read from the line alone)."""
    current = lines.text[i]
    if current.startswith("关于") or following[0] in r.never_starts \
            or r.bracket_chars.search(current) and _leaves_open(current, lines):
        return False
    last = current[-1]
    if last in r.sentence_end:
        return True
    if last not in r.continuation_end and (
            len(current) < r.min_wrapped or len(current) <= r.org_max and current[-TAIL_CHARS:].endswith(r.org_end)
            or lines.field(i)):
        return True
    return lines.label(i) and not SENTENCE_MARKS.search(current)


def rejoin_wrapped_lines(t: TrackedText) -> TrackedText:
    """A line broken mid-sentence (PDF copies) is joined to its continuation, across blank lines;
    the first line of a text (its title) is not joined across a blank line."""
    r = normalize_rules()
    raw = t.text.split("\n")
    lines = list(map(str.strip, raw))
    nonblank = list(compress(range(len(lines)), lines))
    if not nonblank:
        return t
    first = nonblank[0]
    width = wrap_width(lines, r)
    edits = []
    facts = _Lines(lines, r)
    # Most line ends close a sentence before a line that may start one: nothing joins there (see
    # below), so only the other boundaries are walked, and the paragraph is rebuilt where one starts.
    ends = list(accumulate(map(len, raw)))  # raw[k] ends at ends[k] + k (its line break)
    hard_stops = r.sentence_end - CLAUSE_ENDS
    never_starts = r.never_starts
    boundaries = [(i, j) for i, j in zip(nonblank, nonblank[1:])
                  if lines[i][-1] not in hard_stops or lines[j][0] in never_starts]
    par = _Paragraph(first, lines[first], r)
    last = first   # the paragraph's last line
    for i, j in boundaries:
        if i != last:
            # web text (no line width): headings, fields and short lines are told apart without a paragraph
            if width is None and _plainly_apart(i, lines[j], r, facts):
                last = -1   # the next paragraph starts with ``following``
                continue
            par.reset(i, lines[i])   # a sentence end before it: a new paragraph
        if _joins(par, i, j, i == first and j > i + 1, width, r, facts):
            edits.append((ends[i] + i, ends[j - 1] + j, ""))   # from line i's break to line j's start
            par.add(lines[j])
        else:
            par.reset(j, lines[j])
        last = j
    return t.replace_spans(edits)
