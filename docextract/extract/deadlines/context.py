"""What surrounds a candidate deadline: the clause before and after it, whether it opens a
clause, whether it sits in a cited title (《…》).  Shared by the pattern families in
``families.py``; every check looks at a bounded stretch of text, so a long notice costs the
same per candidate as a short one."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .patterns import DeadlinePatterns

CLAUSE_BREAK = re.compile(r"[，,。；;！？!?\n]")
SENTENCE_BREAK = re.compile(r"[。；;！？!?\n]")
TASK_SENTENCE_BREAK = re.compile(r"[。；;！？\n]")   # where ``task_follows`` stops reading
CLAUSE_BREAK_CHARS = "，,。；;！？!?\n"
SENTENCE_BREAK_CHARS = "。；;！？!?\n"
# What may stand before a clause-opening date or event: a break, a label's colon, a bracket.
CLAUSE_OPENERS = CLAUSE_BREAK_CHARS + "：:（(　 \t"
# A date, a count of days or a cadence inside an event phrase makes it no event ("在6月底前").
TIME_IN_EVENT = re.compile(r"\d|[〇零一二三四五六七八九十两]+\s*[个]?\s*[年月日天周时]|[零一二三四五六七八九十百千万两]{2,}"
                           r"|每|本月|当月|本年|今年|明年|年底|月底|季度|半年")
# Reaches of the context checks (characters).
CLAUSE_REACH = 16
AFTER_REACH = 24
FOLLOW_REACH = 4
SENTENCE_REACH = 80  # how far the rest of a sentence is read for a task word


@dataclass(slots=True)
class Candidate:
    """A deadline found in the text, before overlaps are resolved (slots: a long notice holds
    many, and fewer objects keep the garbage collector's passes short)."""

    start: int
    end: int
    kind: str
    date: date | None = None
    year_written: bool = False
    event: str | None = None
    count: float | None = None
    unit: str | None = None
    period: str | None = None
    flags: tuple[str, ...] = ()
    family: str = ""
    order: int = 0      # the rule's place in the grammar: ties between equal spans go to the first


def clause_before(text: str, start: int, width: int = CLAUSE_REACH) -> str:
    """Up to ``width`` characters before ``start``, cut at the last clause break."""
    return CLAUSE_BREAK.split(text[max(0, start - width):start])[-1]


def sentence_before(text: str, start: int, width: int = 40) -> str:
    """Up to ``width`` characters before ``start``, cut at the last sentence break."""
    return SENTENCE_BREAK.split(text[max(0, start - width):start])[-1]


def clause_after(text: str, end: int, width: int = AFTER_REACH) -> str:
    """Up to ``width`` characters after ``end``, cut at the next clause break."""
    return CLAUSE_BREAK.split(text[end:end + width], maxsplit=1)[0]


def followed_by(text: str, end: int, words: tuple[str, ...]) -> bool:
    return text[end:end + FOLLOW_REACH + max(map(len, words), default=0)].lstrip().startswith(words)


def next_clause_starts(text: str, end: int, words: tuple[str, ...]) -> bool:
    """The text after ``end`` — past a comma, if one comes first — starts with one of ``words``
    ("在判决确定前，得视情形暂扣": the next clause says what MAY be done)."""
    return text[end:end + FOLLOW_REACH + max(map(len, words), default=0)].lstrip(" \t，,").startswith(words)


def preceded_by(text: str, start: int, words: tuple[str, ...]) -> bool:
    """The clause before ``start`` ends with one of ``words`` (spaces ignored)."""
    return clause_before(text, start, 8).rstrip().endswith(words)


def opens_clause(text: str, start: int) -> bool:
    """Nothing but a clause break, a colon or a bracket before ``start`` (a date that opens a
    sentence: "2024年，选取部分机构试点")."""
    k = start - 1
    while k >= 0 and text[k] in " \t　":
        k -= 1
    return k < 0 or text[k] in CLAUSE_OPENERS


def same_sentence(text: str, start: int, end: int) -> bool:
    return not any(ch in SENTENCE_BREAK_CHARS for ch in text[start:end])


class TitleMarks:
    """Where 《…》 cited titles are, indexed once per text: a date in a cited document's title
    sets no limit here.  A mark left open (a title cut by a line break or a typo) covers
    nothing: the 》 must close it on the same line.

    >>> marks = TitleMarks("依据《关于2020年底前完成的通知》，6月底前完成；《未闭合\\n3月底前")
    >>> marks.inside(5), marks.inside(20), marks.inside(30)
    (True, False, False)
    """

    __slots__ = ("opens", "ends")

    def __init__(self, text: str) -> None:
        self.opens = _all_places(text, "《")
        # for each 《, where the 》 closing it on its line is (-1: none); the next line break is
        # looked up only when an open mark passes the last one found, so the text is read once
        self.ends: list[int] = []
        closes = _all_places(text, "》") if self.opens else []
        c, line_end = 0, -1
        for opened in self.opens:
            c = bisect.bisect_left(closes, opened, c)
            if line_end != len(text) and line_end < opened:
                line_end = text.find("\n", opened)
                line_end = len(text) if line_end < 0 else line_end
            self.ends.append(closes[c] if c < len(closes) and closes[c] < line_end else -1)

    def inside(self, start: int) -> bool:
        k = bisect.bisect_left(self.opens, start) - 1
        return k >= 0 and self.ends[k] >= start


def _all_places(text: str, char: str) -> list[int]:
    """Every place ``char`` stands in ``text`` (str.find: no match objects)."""
    found = []
    k = text.find(char)
    while k >= 0:
        found.append(k)
        k = text.find(char, k + 1)
    return found


@dataclass
class Context:
    """What every family handler sees: the text, the notice's date and how sure it is, the rules."""

    text: str
    reference: date | None
    reliable: bool          # the reference is when the notice was signed or published
    p: DeadlinePatterns
    marks: TitleMarks


def opens_sentence_with_comma(text: str, start: int, end: int) -> bool:
    """"2025年3月20日，市住房保障办…公布房源": a date that opens a sentence and is its setting."""
    return opens_clause(text, start) and text[end:end + 1] in ("，", ",")


def task_follows(ctx: Context, end: int) -> bool:
    """The rest of the sentence names a task of the notice's procedure (提交申请, 上传材料)."""
    rest = TASK_SENTENCE_BREAK.split(ctx.text[end:end + SENTENCE_REACH], maxsplit=1)[0]
    return any(word in rest for word in ctx.p.words["window_tasks"])


def is_past(ctx: Context, when: date | None) -> bool:
    """A point in time before the notice was signed reports a fact."""
    return ctx.reliable and when is not None and ctx.reference is not None and when < ctx.reference


def rights(ctx: Context, clause: str) -> bool:
    """可以在六十日内申请 / 得于…之日起二十日内: a period within which a party MAY act."""
    for word in ctx.p.words["right_words"]:
        k = clause.find(word)   # every place the word starts, in order (a find, not a test per character)
        while 0 <= k < len(clause):
            if clause[max(0, k - 1):k] != "不":  # 不得 / 不可: a prohibition, not a right
                rest = clause[k + len(word):].lstrip()
                if not rest or rest.startswith(("在", "于", "自", "从")):
                    return True
            k = clause.find(word, k + 1)
    return False


def conditional(text: str, end: int) -> bool:
    """The clause after ends in 的 (…达到200人次以上的，): the limit is part of a condition."""
    return clause_after(text, end, 40).rstrip().endswith("的")
