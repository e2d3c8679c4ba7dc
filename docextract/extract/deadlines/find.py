"""Deadlines: when something must be done, in four kinds (corpora/gold/SPEC.md).

- ``by``: a date or period end (6月底前, 2021年5月底前, 年底前, 一季度, 到2025年, 在2月全面复工);
  ``date`` is the last day still on time, the year taken from ``reference`` when not written.
- ``relative``: a limit counted from an event (下达后30日内, 自受理之日起三十日内, 48小时内).
- ``recurring``: a repeating due point or imposed cadence (每月底, 次月10日前, 每季度通报).
- ``open``: a limit without a date (限期办结, 限时整改, 在规定时限内).

Not deadlines: adverbs (及时, 立即), penalty clauses (责令限期改正), rights (可以在六十日内申请),
past facts (2019年底录入, 已完成), policy validity windows (自2019年1月1日起施行), durations
that are conditions (6个月以上劳动合同).  Lexicons in ``rules/deadlines.toml``.

Decisions a reader of the output needs:
- ``text`` is the time phrase with its 于/在/到 when written ("于9月底前", "在一季度"), not the
  sentence; a relative limit includes its event ("资金下达后30日内", at most a few characters of
  it, since no segmenter runs here).
- "6月前" is the day before June begins (05-31); the gold accepts 05-31 or 06-30.
- "月底前" with no month and "本月底前" without a reference: kind ``by``, ``date`` None — the
  month is not written, and guessing it is worse than leaving the reviewer the evidence.
- Without a ``reference``, every year-less ``by`` date is None rather than a guess.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ...models import Deadline
from ...text.dates import arabic_date
from ...text.scan import anchored_finditer
from .patterns import DeadlinePatterns, patterns
from .resolve import to_int, resolve_period, year_of, relative_date


# Every pattern has a literal it cannot match without (前, 月, 内, 每 …).  Patterns run only in
# small windows around those anchors (chars before, chars after), so a long notice costs a few
# str scans, not a regex attempt at every character.
ANCHORS = {
    "before": (re.compile("前"), 24, 2),
    "point": (re.compile("月|季度|半年|年底|年末"), 18, 18),
    "field": (re.compile("[:：]"), 8, 20),
    "plan": (re.compile("五”?\\s*(?:末|期末|时期末|结束)"), 12, 6),
    "period": (re.compile("季度|半年|年内|年度内"), 10, 14),
    "year": (re.compile(r"\d{4}\s*年"), 6, 10),
    "range": (re.compile("[至到—~～-]"), 18, 10),
    "within": (re.compile("内"), 14, 2),
    "cadence": (re.compile("每|次月|次年|下月|按"), 2, 26),
    "open": (re.compile("限|规定"), 3, 10),
}
CLAUSE_BREAK = re.compile(r"[，,。；;！？\n]")
# Verbs that make an unprefixed date window a task period ("2月13日至15日完成报名").
WINDOW_TASK_VERBS = re.compile(r"\s*(?:完成|开展|进行|组织|报送|提交|召开)")
# The event of a relative limit is read back from 后/起 at most this far: 资金下达 / 发生事故 /
# 收到通知 are four characters; more would drag in the subject of the sentence.
EVENT_MAX_CHARS = 4
FROM_DATE = re.compile(r"(?:自|从)\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*起$")
FROM_EVENT = re.compile(r"(?:自|从)[\u4e00-\u9fff]{1,10}?(?:之日起|日起|起)$")
KIND_RANK = {"recurring": 0, "relative": 1, "by": 2, "open": 3}  # tie-break: 每年6月底前 is recurring


def _scan(pattern: re.Pattern, text: str, anchor: str):
    anchor_re, before, after = ANCHORS[anchor]
    return anchored_finditer(pattern, text, anchor_re, before, after)


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    kind: str
    date: date | None


def _clause_before(text: str, start: int, width: int = 12) -> str:
    """Up to ``width`` characters before ``start``, cut at the last clause break."""
    return CLAUSE_BREAK.split(text[max(0, start - width):start])[-1]


def _followed_by(text: str, end: int, words: tuple[str, ...]) -> bool:
    return text[end:end + 4].lstrip().startswith(words)


def _inside_title_marks(text: str, start: int) -> bool:
    """Inside 《…》: a date in a cited document's title sets no limit here."""
    return text.count("《", 0, start) > text.count("》", 0, start)


def _is_fact(text: str, start: int, end: int, p: DeadlinePatterns) -> bool:
    """已完成 / 截至2020年底: the sentence reports where things stand."""
    before = _clause_before(text, start, 4)
    # 截至2020年底 (as of): the 至 was read as "by"
    return _followed_by(text, end, p.facts) or before.endswith(p.facts) or before.endswith("截")


def _by_candidates(text: str, reference: date | None, p: DeadlinePatterns) -> list[_Candidate]:
    month = reference.month if reference else None
    out = []
    for m in _scan(p.by_date, text, "before"):
        out.append(_Candidate(m.start(), m.end(), "by", resolve_period(m, year_of(m, reference), True, month)))
    for m in _scan(p.at_point, text, "point"):
        out.append(_Candidate(m.start(), m.end(), "by", resolve_period(m, year_of(m, reference), False, month)))
    for m in _scan(p.latest, text, "point"):
        out.append(_Candidate(m.start(), m.end(), "by", resolve_period(m, year_of(m, reference), False, month)))
    for m in _scan(p.field_point, text, "field"):
        has_before = m.group("value").rstrip().endswith(("前",))
        when = resolve_period(m, year_of(m, reference), has_before, month)
        out.append(_Candidate(m.start("value"), m.end("value"), "by", when))
    for m in _scan(p.plan_end, text, "plan"):
        out.append(_Candidate(m.start(), m.end(), "by", date(p.plans[m.group("plan")], 12, 31)))
    for m in _scan(p.period_verb, text, "period"):
        out.append(_Candidate(m.start(), m.end(), "by", resolve_period(m, year_of(m, reference), False)))
    for m in _scan(p.to_year, text, "year"):
        if not _followed_by(text, m.end(), p.validity):
            out.append(_Candidate(m.start(), m.end(), "by", date(int(m.group("year")), 12, 31)))
    out += _window_candidates(text, reference, p)
    return out


def _window_candidates(text: str, reference: date | None, p: DeadlinePatterns) -> list[_Candidate]:
    """2月13日至15日 as a task period (with 于/在, or before 完成/开展 …) → its last day.
    A window after 自/从 or before 施行/有效 is the period a policy applies, not a task."""
    out = []
    for m in _scan(p.window, text, "range"):
        if not m.group("at") and not WINDOW_TASK_VERBS.match(text, m.end()):
            continue
        if _followed_by(text, m.end(), p.validity) or _clause_before(text, m.start(), 3).endswith(("自", "从")):
            continue
        year = year_of(m, reference)
        month = to_int(m.group("month2")) or to_int(m.group("month"))
        try:
            last = date(year, month, int(m.group("day2"))) if year and month else None
        except ValueError:
            last = None
        out.append(_Candidate(m.start(), m.end(), "by", last))
    return out


def _relative_candidates(text: str, p: DeadlinePatterns) -> list[_Candidate]:
    out = []
    for m in _scan(p.relative, text, "within"):
        clause = _clause_before(text, m.start(), 16)
        if any(word in clause for word in p.rights):
            continue  # a period within which a party MAY act
        start, anchor_date = m.start(), None
        if clause.rstrip().endswith(p.anchor_ends):
            anchor_at = _event_anchor(clause.rstrip(), p)
            start = m.start() - len(clause) + anchor_at
            anchor_date = arabic_date(clause[anchor_at:])
        out.append(_Candidate(start, m.end(), "relative", relative_date(anchor_date, m)))
    for m in _scan(p.event_before, text, "before"):
        if _clause_before(text, m.start(), 2)[-1:].isdigit() or text[m.end():m.end() + 1] == "的":
            continue  # 项目实施前的准备工作 names a phase, it sets no limit
        out.append(_Candidate(m.start(), m.end(), "relative", None))
    return out


def _event_anchor(clause: str, p: DeadlinePatterns) -> int:
    """Where the event a relative limit counts from starts in ``clause`` (which ends in 后/起):
    自…起 as written, else at most EVENT_MAX_CHARS characters back, cut after the last stop
    word (确保, 在, 应 …).  Returns ``len(clause)`` when there is no event to show."""
    for pattern in (FROM_DATE, FROM_EVENT):
        m = pattern.search(clause)
        if m:
            return m.start()
    end_word = next(w for w in p.anchor_ends if clause.endswith(w))
    event_end = len(clause) - len(end_word)
    start = max(0, event_end - EVENT_MAX_CHARS)
    for stop in p.event_stops:
        at = clause.rfind(stop, start, event_end)
        if at >= 0:
            start = max(start, at + len(stop))
    while start < event_end and not _is_cjk(clause[start]):
        start += 1  # no stray spaces or digits at the front of the evidence
    return start if start < event_end else len(clause)


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _recurring_candidates(text: str, p: DeadlinePatterns) -> list[_Candidate]:
    out = [_Candidate(m.start(), m.end(), "recurring", None) for m in _scan(p.recurring_due, text, "cadence")]
    out += [_Candidate(m.start(), m.end(), "recurring", None) for m in _scan(p.recurring_cadence, text, "cadence")]
    return out


def _open_candidates(text: str, p: DeadlinePatterns) -> list[_Candidate]:
    out = []
    for m in _scan(p.open_limit, text, "open"):
        if not _clause_before(text, m.start(), 4).endswith(p.penalty):  # 责令限期改正 is a penalty
            out.append(_Candidate(m.start(), m.end(), "open", None))
    return out


def _resolve_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest first, then earliest; recurring beats by on a tie (每年6月底前)."""
    chosen: list[_Candidate] = []
    for c in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start, KIND_RANK[c.kind])):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def extract_deadlines(text: str, reference: date | None = None, offset: int = 0) -> list[Deadline]:
    """Deadlines in ``text`` (a span of the body), in order; finding none is ``[]``.

    ``reference`` (the notice's date) gives year-less dates their year and anchors 今年/明年;
    without it those dates are None.  Offsets are ``offset`` + positions in ``text``, so
    ``body[d.start:d.end] == d.text`` when ``text == body[offset:…]``.

    >>> [(d.text, d.kind, d.date) for d in extract_deadlines("原则上于2月底前开工建设，3月底前完成资金预拨付", date(2020, 3, 2))]
    [('于2月底前', 'by', '2020-02-29'), ('3月底前', 'by', '2020-03-31')]
    >>> [(d.text, d.kind) for d in extract_deadlines("确保各级扶贫资金下达后30日内落实到具体项目")]
    [('资金下达后30日内', 'relative')]
    >>> extract_deadlines("对不符合规定的，责令限期改正；可以在六十日内申请行政复议")
    []
    """
    p = patterns()
    candidates = (_by_candidates(text, reference, p) + _relative_candidates(text, p)
                  + _recurring_candidates(text, p) + _open_candidates(text, p))
    return [
        Deadline(text=text[c.start:c.end], kind=c.kind, date=c.date.isoformat() if c.date else None,
                 start=offset + c.start, end=offset + c.end)
        for c in _resolve_overlaps(candidates)
        if not _inside_title_marks(text, c.start) and not _is_fact(text, c.start, c.end, p)
    ]


def parse_deadline(text: str, reference: date | None = None) -> Deadline | None:
    """The single deadline an expression states, or None (none, or more than one).

    >>> parse_deadline("2月底前", date(2020, 1, 1)).date
    '2020-02-29'
    >>> parse_deadline("6月前", date(2020, 1, 1)).date   # the day before June begins
    '2020-05-31'
    """
    found = extract_deadlines(text, reference)
    return found[0] if len(found) == 1 else None
