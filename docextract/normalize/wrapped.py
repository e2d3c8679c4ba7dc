"""Hard-wrapped lines (PDF and e-mail copies) re-joined into paragraphs, keeping offsets.

Two lines are halves of one sentence when the first can continue (no sentence end, not a
heading, a field, a signature, a complete line or a boilerplate line the clean stage will
drop) and the second can follow (not a label, a field or navigation).  A hard-wrapped text
(a PDF copy) has a line width: a line that fills it continues whatever it looks like.
Rules: ``rules/normalize.toml`` (through ``rules.normalize_rules``).
"""
from __future__ import annotations

import re

from ..text.textmap import TrackedText
from .chars import SYLLABLE, is_spaced_list
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
FURNITURE_CACHE = 64  # lines whose boilerplate check is remembered (only the last few are asked again)


def _width(line: str) -> float:
    """The printed width of a line: a CJK character 1, an ASCII or Latin-1 one (a digit, a
    letter, a space) a half.

    >>> _width("到2025年"), _width("为了")
    (4.0, 2)
    """
    narrow = len(line.encode("latin-1", "ignore"))
    return len(line) - narrow / 2 if narrow else len(line)


def _wrap_width(lines: list[str], r: NormalizeRules) -> float | None:
    """The line width of a hard-wrapped text (a PDF copy): the width most long lines reach, when
    enough of them reach it.  Web text has paragraphs of every length, so it has none.  Returns
    the least width of a full line."""
    widths = [_width(ln) for ln in lines if len(ln) >= 15]
    if len(widths) < r.wrap_min_full_lines:
        return None
    histogram: dict[int, int] = {}
    for w in widths:
        key = round(w)
        histogram[key] = histogram.get(key, 0) + 1
    # lines of width top - slack … top, for every top, from running sums over the widths
    low = min(histogram) - r.wrap_slack - 1
    running = [0] * (max(histogram) - low + 1)
    total = 0
    for w in range(low, max(histogram) + 1):
        total += histogram.get(w, 0)
        running[w - low] = total
    best, best_count = None, 0
    for top in sorted(histogram, reverse=True):
        count = running[top - low] - running[top - r.wrap_slack - 1 - low]
        if count > best_count:
            best, best_count = top, count
    if best is None or best_count < r.wrap_min_full_lines or best_count < r.wrap_min_full_share * len(widths):
        return None
    wider = sum(n for w, n in histogram.items() if w > best + r.wrap_slack)
    if wider > r.wrap_max_wider_share * len(widths):
        return None  # paragraphs run past the width: a text already joined (a web page, a PDF loader's)
    return best - r.wrap_slack


class _Paragraph:
    """The lines joined so far, as much of them as the rules read: the first line (a label, a
    field), the last characters (sentence ends, titles, signatures), the length, whether a
    sentence mark or a clause mark occurred and which brackets are still open.  The marks and
    brackets are read only when a rule asks, and each line once: most paragraphs end in a
    sentence mark and are never asked, and a long paragraph is joined in linear time."""

    __slots__ = ("first", "tail", "length", "lines", "read", "marks", "clauses", "open", "r")

    def __init__(self, line: str, r: NormalizeRules):
        self.r = r
        self.reset(line)

    def reset(self, line: str) -> None:
        """Start a new paragraph with ``line`` (the object is reused: one per text)."""
        self.first, self.tail, self.length, self.lines = line, line[-TAIL_CHARS:], len(line), [line]
        self.read, self.marks, self.clauses = 0, False, False
        self.open: dict[str, int] = {}

    def add(self, line: str) -> None:
        self.tail = (self.tail + line)[-TAIL_CHARS:]
        self.length += len(line)
        self.lines.append(line)

    def _read(self) -> None:
        r = self.r
        for line in self.lines[self.read:]:
            if CLAUSE_MARKS.search(line):  # most heading lines have none: one search decides
                self.clauses = True
                self.marks = self.marks or bool(SENTENCE_MARKS.search(line))
            if r.bracket_chars.search(line):
                line = line.translate(SAME_SHAPE)  # "(绩效）": a bracket may close with the other width
                for opening, closing in r.brackets.items():
                    self.open[opening] = self.open.get(opening, 0) + line.count(opening) - line.count(closing)
        self.read = len(self.lines)

    def has_marks(self) -> bool:
        """A sentence mark (。；！？) somewhere: not a heading."""
        self._read()
        return self.marks

    def has_clauses(self) -> bool:
        """A clause mark (，。；！？) somewhere: not a title."""
        self._read()
        return self.clauses

    def unclosed(self) -> bool:
        """A bracket or a title mark opened and not closed so far ("…加强监测预警和" +
        "动态帮扶的意见》的通知", "（牵头单位：" + "省农业农村厅）")."""
        self._read()
        if not self.open:
            return False  # no bracket at all: most paragraphs
        for n in self.open.values():
            if n > 0:
                return True
        return False


CLAUSE_ENDS = ("：", ":", "；", ";")   # "（牵头单位：" + "省农业农村厅）": a field inside an open bracket


def _can_continue(par: _Paragraph, physical: str, width: float | None, r: NormalizeRules, furniture) -> bool:
    """Whether the paragraph so far (``physical`` is its last line as printed) may be the first
    half of a wrapped sentence."""
    tail = par.tail
    if not tail:
        return False
    ends = tail.endswith(r.sentence_end)
    if ends and not tail.endswith(CLAUSE_ENDS):
        return False  # most lines of prose stop here
    if not (ends or width or par.length >= r.min_wrapped or tail.endswith(r.continuation_end)) \
            and not par.unclosed():
        return False  # a short line (a heading, a name, a menu word): only an open bracket continues it
    if r.navigation.search(physical):
        return False  # navigation: page furniture the clean stage drops
    if " " in physical and (repeats_a_phrase(physical) or is_spaced_list(physical)):
        return False  # a tile shown twice, or words laid out between spaces (a menu)
    open_bracket = par.unclosed()
    if ends and not open_bracket:
        return False
    titled = bool(r.title_end.search(tail)) and not par.has_clauses()  # prose may end in 措施, 方案 …
    if width and _width(physical) >= width and not titled and not r.complete.search(physical):
        return not furniture(physical)
    if titled or r.label.match(par.first) and not par.has_marks():
        return False  # a title, or a numbered heading
    if tail.endswith(r.continuation_end) or open_bracket:
        return not furniture(physical)
    if r.field.match(par.first) or r.complete.search(physical):
        return False
    if par.length <= r.org_max and tail.endswith(r.org_end):
        return False  # a signature or an addressee
    return par.length >= r.min_wrapped and not furniture(physical)


TRAILING_NOTE = re.compile(r"[（(][^（）()]{1,20}[）)]$")   # 方案（2022—2025年）: the type is before it
TITLE_HEAD_MAX = 40   # the first half of a title broken over two lines
TITLE_MAX = 60


def _title_shaped(line: str, r: NormalizeRules, longest: int) -> bool:
    """A short line without clause marks (a title or half of one)."""
    return len(line) <= longest and not CLAUSE_MARKS.search(line) and not r.label.match(line)


def _can_follow(line: str, r: NormalizeRules, furniture, in_bracket: bool = False) -> bool:
    """Whether a line may be the second half of a wrapped sentence (a field's label may, inside
    an open bracket: "（牵头" + "单位：省税务局）")."""
    if not line or r.label.match(line) or r.navigation.search(line) or r.field.match(line) and not in_bracket:
        return False
    if " " in line and (is_spaced_list(line) or repeats_a_phrase(line)):
        return False  # a menu's words, or a tile shown twice, keep their line
    if PINYIN_START.match(line):
        return False  # joining would glue pinyin to a character after the pinyin step ran
    return not DATE_LINE.match(line) and not furniture(line)


def rejoin_wrapped_lines(t: TrackedText) -> TrackedText:
    """A line broken mid-sentence (PDF copies) is joined to its continuation, across blank lines;
    the first line of a text (its title) is not joined across a blank line."""
    r = normalize_rules()
    raw = t.text.split("\n")
    lines = [ln.strip() for ln in raw]
    width = _wrap_width(lines, r)
    first = next((k for k, ln in enumerate(lines) if ln), len(lines))
    if first == len(lines):
        return t
    edits = []
    checked: dict[str, bool] = {}  # a line is asked as the second half, then as the first

    def furniture(line: str) -> bool:
        """A line the clean stage drops (a boilerplate rule fires): never half a sentence."""
        if line not in checked:
            if len(checked) > FURNITURE_CACHE:
                checked.clear()
            checked[line] = r.boilerplate.line_rule(line) is not None
        return checked[line]

    par = _Paragraph(lines[first], r)
    stops, never_starts = r.sentence_end, r.never_starts
    line_start = sum(len(ln) + 1 for ln in raw[:first])  # offset of raw[i]
    i = first
    count = len(lines)
    while True:
        j = i + 1
        while j < count and not lines[j]:
            j += 1
        if j == count:
            break
        following = lines[j]
        next_start = line_start + len(raw[i]) + 1
        for k in range(i + 1, j):
            next_start += len(raw[k]) + 1
        current = lines[i]
        if current.endswith(stops) and not current.endswith(CLAUSE_ENDS) and not following.startswith(never_starts):
            # the common case: a line that ends a sentence.  Nothing below joins it: _can_continue
            # refuses a paragraph ending so, and title_tail needs a one-line paragraph that is
            # title-shaped (no 。；！？) or a tail ending in 》 (not a sentence end).
            par.reset(following)
            i, line_start = j, next_start
            continue
        title_tail = par.first.startswith("关于") and (
            par.tail.endswith("》") and bool(TITLE_TAIL.match(following))       # "…方案》" + "的通知"
            or par.length == len(current) and _title_shaped(current, r, TITLE_HEAD_MAX)  # "关于加强收单外包服务"
            and _title_shaped(following, r, TITLE_MAX) and bool(r.title_end.search(TRAILING_NOTE.sub("", following))))
        title_line = i == first and j > i + 1 and not lines[i].endswith(r.continuation_end) \
            and not (_title_shaped(current, r, TITLE_HEAD_MAX) and _title_shaped(following, r, TITLE_MAX)
                     and r.title_end.search(TRAILING_NOTE.sub("", following)))  # a title on two lines
        # a line shown twice (a heading repeated, maybe with its text after it) is not one sentence
        title_line = title_line or par.length == len(lines[i]) >= REPEATED_MIN and following.startswith(lines[i]) \
            and not lines[i].endswith(r.continuation_end) and not following.startswith(r.never_starts)
        # a menu's words and a tile shown twice keep their line
        title_line = title_line or " " in current and (is_spaced_list(current) or repeats_a_phrase(current))
        if not title_line and (title_tail or following.startswith(r.never_starts) and not furniture(current)
                               or _can_continue(par, lines[i], width, r, furniture)
                               and _can_follow(following, r, furniture, par.unclosed())):
            edits.append((line_start + len(raw[i]), next_start, ""))
            par.add(following)
        else:
            par.reset(following)
        i, line_start = j, next_start
    return t.replace_spans(edits)
