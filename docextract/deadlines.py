"""Deadlines: when something must be done, in four kinds (corpora/gold/SPEC.md).

- ``by``: a date or period end (6月底前, 2021年5月底前, 年底前, 一季度, 到2025年, 在2月全面复工);
  ``date`` is the last day still on time, the year taken from ``reference`` when not written.
- ``relative``: a limit counted from an event (下达后30日内, 自受理之日起三十日内, 48小时内).
- ``recurring``: a repeating due point or imposed cadence (每月底, 次月10日前, 每季度通报).
- ``open``: a limit without a date (限期办结, 限时整改, 在规定时限内).

Not deadlines: adverbs (及时, 立即), penalty clauses (责令限期改正), rights (可以在六十日内申请),
past facts (2019年底录入, 已完成), policy validity windows (自2019年1月1日起施行), durations
that are conditions (6个月以上劳动合同).  Lexicons in ``rules/deadlines.toml``.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from .errors import RuleError
from .models import Deadline
from .numerals import parse_number
from .scan import anchored_finditer
from .rules import load_rules, require

RULES = "deadlines"

YEAR = r"(?P<year>\d{4}|[〇○零一二三四五六七八九]{4})\s*年"
MONTH = r"(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月"
DAY = r"(?P<day>3[01]|[12]\d|0?[1-9]|三十[一]?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号]?"
QUARTER = r"(?:第)?(?P<quarter>[一二三四1-4])\s*季度"
HALF = r"(?P<half>上|下)半年"
COUNT = r"(?P<n>\d{1,3}|[一二三四五六七八九十两]{1,4})"


def _alt(words) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@dataclass(frozen=True)
class _Patterns:
    by_date: re.Pattern
    at_point: re.Pattern
    period_verb: re.Pattern
    field_point: re.Pattern
    plan_end: re.Pattern
    relative_years: dict[str, int]
    plans: dict[str, int]
    to_year: re.Pattern
    window: re.Pattern
    relative: re.Pattern
    event_before: re.Pattern
    recurring_due: re.Pattern
    recurring_cadence: re.Pattern
    open_limit: re.Pattern
    penalty: tuple[str, ...]
    rights: tuple[str, ...]
    facts: tuple[str, ...]
    validity: tuple[str, ...]
    anchor_ends: tuple[str, ...]


@cache
def patterns() -> _Patterns:
    r = load_rules(RULES)
    words = {key: require(r, RULES, key, list) for key in (
        "before_words", "at_words", "deadline_fields", "completion_verbs", "reporting_verbs", "cadences", "relative_units",
        "anchor_ends", "event_before", "open_prefixes", "open_verbs", "open_phrases", "penalty_words",
        "right_words", "fact_words", "validity_words")}
    before = _alt(words["before_words"])
    at = _alt(words["at_words"])
    verbs = _alt(words["completion_verbs"])
    relative_years = r.get("relative_years") or {}
    plans = r.get("five_year_plans") or {}
    if not all(isinstance(v, int) for v in list(relative_years.values()) + list(plans.values())):
        raise RuleError(f"{RULES}.toml: relative_years and five_year_plans map words to whole numbers")
    rel_year = rf"(?P<rel_year>{_alt(relative_years)})?" if relative_years else ""
    # a bare 底/末 is a year's end only right after a year (2024年底, 今年底): "本月底" is a month's
    period = (rf"(?:{MONTH}\s*(?:{DAY}|(?P<part>底|末|上旬|中旬|下旬|份|中))?|(?P<thismonth>本月|当月)(?:底|末)"
              rf"|(?P<yearend>年底|年末|(?<=年)底|(?<=年)末)|{QUARTER}(?:末)?|{HALF})")
    return _Patterns(
        by_date=re.compile(
            rf"(?:(?:{at})\s*)?(?:{YEAR}\s*)?{rel_year}{period}\s*(?P<before>{before})"),
        at_point=re.compile(
            rf"(?:{at})\s*(?:{YEAR}\s*)?{rel_year}{period}\s*(?:内|以内)?"
            rf"(?=[^，。；;,\n]{{0,8}}?(?:{verbs}))"),
        period_verb=re.compile(
            rf"(?:{YEAR}\s*)?{rel_year}(?:{QUARTER}|{HALF}|(?P<yearend>年内|年度内))(?:末)?(?=[^，。；;,\n]{{0,4}}?(?:{verbs}))"),
        field_point=re.compile(
            rf"(?:{_alt(words['deadline_fields'])})\s*[:：]\s*(?P<value>(?:{YEAR}\s*)?{rel_year}{period}(?:\s*(?:{before}))?)"),
        plan_end=re.compile(
            rf"(?:{at}|力争到|争取到)\s*[“\"]?(?P<plan>{_alt(plans) if plans else '(?!)'})[”\"]?\s*(?:末|期末|时期末|结束)"),
        relative_years={k: int(v) for k, v in relative_years.items()},
        plans={k: int(v) for k, v in plans.items()},
        to_year=re.compile(rf"(?<![\d年])(?:{at}|力争到|争取到|到)\s*(?P<year>\d{{4}})\s*年(?P<yearend>底|末)?(?!\s*\d{{1,2}}\s*月)"),
        window=re.compile(
            rf"(?:(?P<at>{at})\s*)?(?:{YEAR}\s*)?{MONTH}\s*(?P<day1>\d{{1,2}})\s*[日号]?\s*(?:至|到|—|-|～|~)\s*"
            rf"(?:(?P<month2>\d{{1,2}})\s*月\s*)?(?P<day2>\d{{1,2}})\s*[日号]"),
        relative=re.compile(
            rf"{COUNT}\s*(?P<unit>{_alt(words['relative_units'])})\s*(?:内|以内|之内)"),
        event_before=re.compile(rf"(?:(?:{at})\s*)?(?:项目)?(?:{_alt(words['event_before'])})(?:之)?前"),
        recurring_due=re.compile(
            rf"(?:每(?:个)?(?:{_alt(words['cadences'])})|次月|次年|下月|每年(?:度)?)\s*"
            rf"(?:{MONTH}\s*)?(?:{DAY}\s*|(?P<part>底|末|初|上旬|中旬|下旬))\s*(?:{before})?"),
        recurring_cadence=re.compile(
            rf"(?:每(?:个)?|按)(?P<cadence>{_alt(words['cadences'])})\s*(?:度)?\s*(?:向[^，。；]{{1,12}}?)?"
            rf"(?P<verb>{_alt(words['reporting_verbs'])})"),
        open_limit=re.compile(
            rf"(?:{_alt(words['open_prefixes'])})(?:{_alt(words['open_verbs'])})|(?:{_alt(words['open_phrases'])})"),
        penalty=tuple(words["penalty_words"]),
        rights=tuple(words["right_words"]),
        facts=tuple(words["fact_words"]),
        validity=tuple(words["validity_words"]),
        anchor_ends=tuple(sorted(words["anchor_ends"], key=len, reverse=True)),
    )


# -- date arithmetic ---------------------------------------------------------------------------


def _number(text: str | None) -> int | None:
    if text is None:
        return None
    value = parse_number(text)
    return int(value) if value is not None else None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year_of(match: re.Match, reference: date | None) -> int | None:
    written = match.groupdict().get("year")
    if written:
        return _number(written)
    if reference is None:
        return None
    return reference.year + patterns().relative_years.get(match.groupdict().get("rel_year") or "", 0)


def _resolve_period(match: re.Match, year: int | None, has_before: bool,
                    reference_month: int | None = None) -> date | None:
    """The last day still on time for the period a match names."""
    g = match.groupdict()
    if year is None:
        return None
    try:
        if g.get("quarter"):
            q = _number(g["quarter"])
            return _month_end(year, q * 3) if q and 1 <= q <= 4 else None
        if g.get("half"):
            return date(year, 6, 30) if g["half"] == "上" else date(year, 12, 31)
        if g.get("yearend"):
            return date(year, 12, 31)
        if g.get("thismonth"):
            return None if reference_month is None else _month_end(year, reference_month)
        month = _number(g.get("month"))
        if month is None or not 1 <= month <= 12:
            return None
        day = _number(g.get("day"))
        part = g.get("part")
        if day:
            return date(year, month, day)
        if part in ("底", "末", "下旬", "份") or (part is None and not has_before):
            return _month_end(year, month)
        if part == "上旬":
            return date(year, month, 10)
        if part in ("中旬", "中"):
            return date(year, month, 20 if part == "中旬" else 15)
        # "6月前": before June begins
        return date(year, month, 1) - timedelta(days=1)
    except ValueError:
        return None


def add_working_days(start: date, days: int) -> date | None:
    """The date ``days`` working days after ``start`` (holidays and adjusted working days
    from chinese-calendar); None when the calendar does not cover the year."""
    try:
        import chinese_calendar
    except ImportError:  # the package is a dependency; a broken install must not stop extraction
        return None
    current, counted = start, 0
    try:
        while counted < days:
            current += timedelta(days=1)
            if chinese_calendar.is_workday(current):
                counted += 1
    except NotImplementedError:
        return None
    return current


# -- finding -----------------------------------------------------------------------------------

# Every pattern has a literal it cannot match without (前, 月, 内, 每 …).  Patterns run only in
# small windows around those anchors, so a long notice costs a few str scans, not a regex
# attempt at every character.
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
    chunk = text[max(0, start - width):start]
    return re.split(r"[，,。；;！？\n]", chunk)[-1]


def _inside_title_marks(text: str, start: int) -> bool:
    return text.count("《", 0, start) > text.count("》", 0, start)


def _is_fact(text: str, start: int, end: int, p: _Patterns) -> bool:
    after = text[end:end + 4]
    before = _clause_before(text, start, 4)
    # 截至2020年底 (as of): the 至 was read as "by"; it reports where things stand
    return after.startswith(p.facts) or before.endswith(p.facts) or before.endswith("截")


def _by_candidates(text: str, reference: date | None, p: _Patterns) -> list[_Candidate]:
    out = []
    month = reference.month if reference else None
    for m in _scan(p.by_date, text, "before"):
        year = _year_of(m, reference)
        out.append(_Candidate(m.start(), m.end(), "by", _resolve_period(m, year, True, month)))
    for m in _scan(p.at_point, text, "point"):
        year = _year_of(m, reference)
        out.append(_Candidate(m.start(), m.end(), "by", _resolve_period(m, year, False, month)))
    for m in _scan(p.field_point, text, "field"):
        date_ = _resolve_period(m, _year_of(m, reference), bool(re.search(r"前$", m.group("value"))), month)
        out.append(_Candidate(m.start("value"), m.end("value"), "by", date_))
    for m in _scan(p.plan_end, text, "plan"):
        out.append(_Candidate(m.start(), m.end(), "by", date(p.plans[m.group("plan")], 12, 31)))
    for m in _scan(p.period_verb, text, "period"):
        out.append(_Candidate(m.start(), m.end(), "by", _resolve_period(m, _year_of(m, reference), False)))
    for m in _scan(p.to_year, text, "year"):
        if _followed_by(text, m.end(), p.validity):
            continue
        out.append(_Candidate(m.start(), m.end(), "by", date(int(m.group("year")), 12, 31)))
    for m in _scan(p.window, text, "range"):
        if not m.group("at") and not re.match(r"\s*(?:完成|开展|进行|组织|报送|提交|召开)", text[m.end():]):
            continue
        if _followed_by(text, m.end(), p.validity) or _clause_before(text, m.start(), 3).endswith(("自", "从")):
            continue
        year = _year_of(m, reference)
        month = _number(m.group("month2")) or _number(m.group("month"))
        try:
            last = date(year, month, int(m.group("day2"))) if year and month else None
        except ValueError:
            last = None
        out.append(_Candidate(m.start(), m.end(), "by", last))
    return out


def _followed_by(text: str, end: int, words: tuple[str, ...]) -> bool:
    return text[end:end + 4].lstrip().startswith(words)


def _relative_candidates(text: str, reference: date | None, p: _Patterns) -> list[_Candidate]:
    out = []
    for m in _scan(p.relative, text, "within"):
        clause = _clause_before(text, m.start(), 16)
        if any(word in clause for word in p.rights):
            continue  # a period within which a party MAY act
        start = m.start()
        anchor_date = None
        if clause.rstrip().endswith(p.anchor_ends):
            anchor_at = _event_anchor(clause.rstrip())
            start = m.start() - len(clause) + anchor_at
            anchor_date = _anchor_date(clause[anchor_at:])
        when = None
        if anchor_date is not None:
            n = _number(m.group("n"))
            if n and "工作日" in m.group("unit"):
                when = add_working_days(anchor_date, n)
            elif n and m.group("unit") in ("日", "天", "个自然日", "自然日"):
                when = anchor_date + timedelta(days=n)
        out.append(_Candidate(start, m.end(), "relative", when))
    for m in _scan(p.event_before, text, "before"):
        if _clause_before(text, m.start(), 2)[-1:].isdigit() or text[m.end():m.end() + 1] == "的":
            continue  # 项目实施前的准备工作 names a phase, it sets no limit
        out.append(_Candidate(m.start(), m.end(), "relative", None))
    return out


# Words that end the event phrase of a relative limit when reading backwards from 后/起.
EVENT_STOP_WORDS = frozenset({"确保", "各级", "要", "应", "应当", "并", "在", "于", "将", "须", "必须", "一律",
                              "均", "原则上", "及时", "并且", "，", "、", "：", ":", "；"})
EVENT_MAX_TOKENS = 3   # 资金 下达 后 / 发生 事故 后
EVENT_WINDOW_CHARS = 12
FROM_DATE = re.compile(r"(?:自|从)\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*起$")
FROM_EVENT = re.compile(r"(?:自|从)[\u4e00-\u9fff]{1,10}?(?:之日起|日起|起)$")


def _event_anchor(clause: str) -> int:
    """Where the event a relative limit counts from starts in ``clause``: 自…起 as written,
    else the last few words before 后/起 (segmented with nlp.tokens, since a character count
    would cut words).  Returns ``len(clause)`` when there is no event to show."""
    for pattern in (FROM_DATE, FROM_EVENT):
        m = pattern.search(clause)
        if m:
            return m.start()
    from .nlp import tokens

    tail_start = max(0, len(clause) - EVENT_WINDOW_CHARS)
    words = tokens(clause[tail_start:])
    start, kept = len(clause), 0
    for word in reversed(words):
        if word.text in EVENT_STOP_WORDS or kept == EVENT_MAX_TOKENS or not word.text.strip():
            break
        start, kept = tail_start + word.start, kept + 1
    return start


def _anchor_date(anchor: str) -> date | None:
    m = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", anchor)
    if not m:
        return None
    try:
        return date(*(int(g) for g in m.groups()))
    except ValueError:
        return None


def _recurring_candidates(text: str, p: _Patterns) -> list[_Candidate]:
    out = [_Candidate(m.start(), m.end(), "recurring", None) for m in _scan(p.recurring_due, text, "cadence")]
    out += [_Candidate(m.start(), m.end(), "recurring", None) for m in _scan(p.recurring_cadence, text, "cadence")]
    return out


def _open_candidates(text: str, p: _Patterns) -> list[_Candidate]:
    out = []
    for m in _scan(p.open_limit, text, "open"):
        if _clause_before(text, m.start(), 4).endswith(p.penalty):
            continue  # 责令限期改正 is a penalty, not a deadline
        out.append(_Candidate(m.start(), m.end(), "open", None))
    return out


def _resolve_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest first, then earliest; recurring beats by on a tie (每年6月底前)."""
    rank = {"recurring": 0, "relative": 1, "by": 2, "open": 3}
    chosen: list[_Candidate] = []
    for c in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start, rank[c.kind])):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def extract_deadlines(text: str, reference: date | None = None, offset: int = 0) -> list[Deadline]:
    """Deadlines in ``text``; offsets are ``offset`` + positions in ``text``.

    >>> [(d.text, d.kind, d.date) for d in extract_deadlines("原则上于2月底前开工建设，3月底前完成资金预拨付", date(2020, 3, 2))]
    [('于2月底前', 'by', '2020-02-29'), ('3月底前', 'by', '2020-03-31')]
    >>> [(d.text, d.kind) for d in extract_deadlines("确保各级扶贫资金下达后30日内落实到具体项目")]
    [('资金下达后30日内', 'relative')]
    """
    p = patterns()
    candidates = (_by_candidates(text, reference, p) + _relative_candidates(text, reference, p)
                  + _recurring_candidates(text, p) + _open_candidates(text, p))
    found = []
    for c in _resolve_overlaps(candidates):
        if _inside_title_marks(text, c.start) or _is_fact(text, c.start, c.end, p):
            continue
        found.append(Deadline(text=text[c.start:c.end], kind=c.kind,
                              date=c.date.isoformat() if c.date else None,
                              start=offset + c.start, end=offset + c.end))
    return found


def parse_deadline(text: str, reference: date | None = None) -> Deadline | None:
    """The single deadline an expression states, or None."""
    found = extract_deadlines(text, reference)
    return found[0] if len(found) == 1 else None
