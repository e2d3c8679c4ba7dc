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

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from .models import Deadline
from .numerals import parse_number
from .rules import compile_pattern, load_rules, require, require_mapping
from .scan import anchored_finditer

RULES = "deadlines"
LIST_KEYS = ("before_words", "at_words", "deadline_fields", "completion_verbs", "reporting_verbs", "cadences",
             "relative_units", "anchor_ends", "event_before", "open_prefixes", "open_verbs", "open_phrases",
             "penalty_words", "right_words", "fact_words", "validity_words", "event_stop_words", "urgency_adverbs", "latest_words")

# Date parts shared by the patterns below (re.VERBOSE fragments; Chinese numerals allowed).
YEAR = r"(?P<year> \d{4} | [〇○零一二三四五六七八九]{4} ) \s* 年"
MONTH = r"(?P<month> 1[0-2] | 0?[1-9] | 十[一二]? | [一二三四五六七八九] ) \s* 月"
DAY = r"""(?P<day> 3[01] | [12]\d | 0?[1-9]
                 | 三十一? | 二十[一二三四五六七八九]? | 十[一二三四五六七八九]? | [一二三四五六七八九] ) \s* [日号]?"""
QUARTER = r"第? (?P<quarter>[一二三四1-4]) \s* 季度"
HALF = r"(?P<half>上|下) 半年"
COUNT = r"(?P<n> \d{1,3} | [一二三四五六七八九十两]{1,4} )"
# A clause ends at these; look-aheads for a completion verb stay inside the clause.
CLAUSE_CHARS = r"[^，。；;,\n]"


def _alt(words) -> str:
    """An alternation of literal words, longest first (so 之前 wins over 前)."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@dataclass(frozen=True)
class _Patterns:
    by_date: re.Pattern
    at_point: re.Pattern
    latest: re.Pattern
    period_verb: re.Pattern
    field_point: re.Pattern
    plan_end: re.Pattern
    to_year: re.Pattern
    window: re.Pattern
    relative: re.Pattern
    event_before: re.Pattern
    recurring_due: re.Pattern
    recurring_cadence: re.Pattern
    open_limit: re.Pattern
    relative_years: dict[str, int]
    plans: dict[str, int]
    penalty: tuple[str, ...]
    rights: tuple[str, ...]
    facts: tuple[str, ...]
    validity: tuple[str, ...]
    anchor_ends: tuple[str, ...]
    event_stops: tuple[str, ...]


def _period(rel_year: str) -> str:
    """A period whose last day a deadline names: a month (and day or part), this month, a
    year's end, a quarter or a half year.  A bare 底/末 is a year's end only right after 年
    (2024年底, 今年底); "本月底" is a month's."""
    return rf"""
        {rel_year}                                          # 今年 / 明年 (optional)
        (?: {MONTH} \s*
              (?: {DAY}                                     # 3月31日 / 5月20
                | (?P<part> 底|末|上旬|中旬|下旬|份|中 ) )?  # 6月底 / 6月中旬 / 6月
          | (?P<thismonth> 本月|当月 ) (?:底|末)             # 本月底
          | (?<![每次本当上下个\d一二三四五六七八九十]) (?P<baremonth> 月(?:底|末) )  # 月底 (month not written)
          | (?P<yearend> 年底|年末|(?<=年)底|(?<=年)末 )     # 年底 / 2024年底
          | {QUARTER} (?:末)?                               # 一季度 / 第三季度末
          | {HALF} )                                        # 上半年 / 下半年
    """


def compile_rules(rules: dict) -> _Patterns:
    """Validate the deadline lexicons and build every pattern once (RuleError on a bad rule)."""
    words = {key: require(rules, RULES, key, list) for key in LIST_KEYS}
    relative_years = require_mapping(rules, RULES, "relative_years", int)
    plans = require_mapping(rules, RULES, "five_year_plans", int)
    before, at, verbs = _alt(words["before_words"]), _alt(words["at_words"]), _alt(words["completion_verbs"])
    rel_year = rf"(?P<rel_year> {_alt(relative_years)} )?"
    period = _period(rel_year)

    def build(key: str, pattern: str) -> re.Pattern:
        return compile_pattern(RULES, key, pattern, re.VERBOSE)

    return _Patterns(
        by_date=build("before_words", rf"""
            (?: (?:{at}) \s* )?                        # 于 / 在 / 到 (optional)
            (?: {YEAR} \s* )?                          # 2021年 (optional)
            {period} \s*                               # 6月底 / 一季度 / 年底
            (?P<before> {before} )                     # 前 / 之前 / 以前
        """),
        at_point=build("completion_verbs", rf"""
            (?<![\d月日号年]) (?:{at}) \s*            # 在 / 于: a point in time (not the 至 of 1月至6月) ...
            (?: {YEAR} \s* )? {period} \s*             # ... 2月 / 一季度 ...
            (?: 内|以内 )?                             # ... (内)
            (?= {CLAUSE_CHARS}{{0,8}}? (?:{verbs}) )   # ... followed closely by 完成 / 全面 / 复工
        """),
        latest=build("latest_words", rf"""
            (?: {_alt(words['latest_words'])} ) \s*   # 最迟不晚于 ...
            (?: {YEAR} \s* )? {period}                 # ... 6月30日: a limit even with no verb after it
        """),
        period_verb=build("completion_verbs", rf"""
            (?: {YEAR} \s* )? {rel_year}               # 2021年 / 今年 (optional)
            (?: {QUARTER} | {HALF}
              | (?P<yearend> 年内|年度内 ) ) (?:末)?   # 第三季度 / 上半年 / 年内
            (?= {CLAUSE_CHARS}{{0,4}}? (?:{verbs}) )   # a period alone is a deadline only before 完成 …
        """),
        field_point=build("deadline_fields", rf"""
            (?: {_alt(words['deadline_fields'])} ) \s* [:：] \s*    # 完成时限：
            (?P<value> (?: {YEAR} \s* )? {period}                 # 2021年6月
                       (?: \s* (?:{before}) )? )                  # (前)
        """),
        plan_end=build("five_year_plans", rf"""
            (?: {at} | 力争到 | 争取到 ) \s*           # 到
            [“"]? (?P<plan> {_alt(plans)} ) [”"]? \s*  # “十四五”
            (?: 末|期末|时期末|结束 )                  # 末
        """),
        to_year=build("at_words", rf"""
            (?<![\d年])
            (?: {at} | 力争到 | 争取到 ) \s*           # 到 (a target year) ...
            (?P<year> \d{{4}} ) \s* 年                 # ... 2025年
            (?P<yearend> 底|末 )?                      # (底)
            (?! \s* \d{{1,2}} \s* 月 )                 # not 到2025年3月 (a month follows: by_date's job)
        """),
        window=build("at_words", rf"""
            (?: (?P<at> {at} ) \s* )?                  # 于 (optional)
            (?: {YEAR} \s* )? {MONTH} \s*              # 2月
            (?P<day1> \d{{1,2}} ) \s* [日号]? \s*      # 13日
            (?: 至|到|—|-|～|~ ) \s*                   # 至
            (?: (?P<month2> \d{{1,2}} ) \s* 月 \s* )?  # (3月)
            (?P<day2> \d{{1,2}} ) \s* [日号]           # 15日
        """),
        relative=build("relative_units", rf"""
            {COUNT} \s*                                           # 30 / 三十
            (?P<unit> {_alt(words['relative_units'])} ) \s*       # 日 / 个工作日 / 小时
            (?: 内|以内|之内 )                                     # 内
        """),
        event_before=build("event_before", rf"""
            (?: (?:{at}) \s* )?                        # 在 (optional)
            (?: 项目 )?                                # 项目 (optional)
            (?: {_alt(words['event_before'])} )        # 开工建设
            (?: 之 )? 前                               # 前
        """),
        recurring_due=build("cadences", rf"""
            (?: 每 (?:个)? (?: {_alt(words['cadences'])} )   # 每月 / 每季度
              | 次月 | 次年 | 下月 | 每年 (?:度)? ) \s*      # 次月
            (?: {MONTH} \s* )?                                # (3月)
            (?: {DAY} \s*                                     # 10日
              | (?P<part> 底|末|初|上旬|中旬|下旬 ) ) \s*     # 底
            (?: {before} )?                                   # 前
        """),
        recurring_cadence=build("reporting_verbs", rf"""
            (?: 每 (?:个)? | 按 )                             # 每 / 按
            (?P<cadence> {_alt(words['cadences'])} ) \s*      # 季度
            (?: 度 )? \s*
            (?: 向 [^，。；]{{1,12}}? )?                      # (向市扶贫办)
            (?P<verb> {_alt(words['reporting_verbs'])} )      # 通报 / 报送
        """),
        open_limit=build("open_verbs", rf"""
            (?: {_alt(words['open_prefixes'])} )              # 限期 / 限时 ...
            (?: {_alt(words['open_verbs'])} )                 # ... 办结 / 整改
            (?: 到位|完毕 )?                                  # (到位)
          | (?: {_alt(words['open_phrases'])} )               # 在规定时限内
        """),
        relative_years=dict(relative_years),
        plans=dict(plans),
        penalty=tuple(words["penalty_words"]),
        rights=tuple(words["right_words"]),
        facts=tuple(words["fact_words"]),
        validity=tuple(words["validity_words"]),
        anchor_ends=tuple(sorted(words["anchor_ends"], key=len, reverse=True)),
        event_stops=tuple(words["event_stop_words"]),
    )


@cache
def patterns() -> _Patterns:
    """The patterns built from ``rules/deadlines.toml`` (once per process)."""
    return compile_rules(load_rules(RULES))


# -- date arithmetic ---------------------------------------------------------------------------


def _number(text: str | None) -> int | None:
    value = parse_number(text) if text else None
    return int(value) if value is not None else None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year_of(match: re.Match, reference: date | None) -> int | None:
    """The written year, else the reference's year shifted by 今年/明年, else None."""
    written = match.groupdict().get("year")
    if written:
        return _number(written)
    if reference is None:
        return None
    return reference.year + patterns().relative_years.get(match.groupdict().get("rel_year") or "", 0)


def _resolve_period(match: re.Match, year: int | None, has_before: bool,
                    reference_month: int | None = None) -> date | None:
    """The last day still on time for the period a match names (None when it cannot be known)."""
    g = match.groupdict()
    if year is None or g.get("baremonth"):
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
        return _month_day(year, _number(g.get("month")), _number(g.get("day")), g.get("part"), has_before)
    except ValueError:  # 2月30日: not a date
        return None


def _month_day(year: int, month: int | None, day: int | None, part: str | None, has_before: bool) -> date | None:
    if month is None or not 1 <= month <= 12:
        return None
    if day:
        return date(year, month, day)
    if part in ("底", "末", "下旬", "份") or (part is None and not has_before):
        return _month_end(year, month)  # 6月底前, 在2月全面复工: the whole month
    if part == "上旬":
        return date(year, month, 10)
    if part in ("中旬", "中"):
        return date(year, month, 20 if part == "中旬" else 15)
    return date(year, month, 1) - timedelta(days=1)  # "6月前": before June begins


def add_working_days(start: date, days: int) -> date | None:
    """The date ``days`` working days after ``start`` (holidays and adjusted working days
    from chinese-calendar); None when the calendar does not cover the year.

    >>> add_working_days(date(2021, 9, 30), 3)   # the National Day holiday is skipped
    datetime.date(2021, 10, 11)
    """
    try:
        import chinese_calendar  # lazy: only a relative limit with a written anchor date needs it
    except ImportError:  # a broken install must not stop extraction
        return None
    current, counted = start, 0
    try:
        while counted < days:
            current += timedelta(days=1)
            if chinese_calendar.is_workday(current):
                counted += 1
    except NotImplementedError:  # a year the calendar does not cover yet
        return None
    return current


# -- finding -----------------------------------------------------------------------------------

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
ANCHOR_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
CALENDAR_DAY_UNITS = ("日", "天", "个自然日", "自然日")
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


def _is_fact(text: str, start: int, end: int, p: _Patterns) -> bool:
    """已完成 / 截至2020年底: the sentence reports where things stand."""
    before = _clause_before(text, start, 4)
    # 截至2020年底 (as of): the 至 was read as "by"
    return _followed_by(text, end, p.facts) or before.endswith(p.facts) or before.endswith("截")


def _by_candidates(text: str, reference: date | None, p: _Patterns) -> list[_Candidate]:
    month = reference.month if reference else None
    out = []
    for m in _scan(p.by_date, text, "before"):
        out.append(_Candidate(m.start(), m.end(), "by", _resolve_period(m, _year_of(m, reference), True, month)))
    for m in _scan(p.at_point, text, "point"):
        out.append(_Candidate(m.start(), m.end(), "by", _resolve_period(m, _year_of(m, reference), False, month)))
    for m in _scan(p.latest, text, "point"):
        out.append(_Candidate(m.start(), m.end(), "by", _resolve_period(m, _year_of(m, reference), False, month)))
    for m in _scan(p.field_point, text, "field"):
        has_before = m.group("value").rstrip().endswith(("前",))
        when = _resolve_period(m, _year_of(m, reference), has_before, month)
        out.append(_Candidate(m.start("value"), m.end("value"), "by", when))
    for m in _scan(p.plan_end, text, "plan"):
        out.append(_Candidate(m.start(), m.end(), "by", date(p.plans[m.group("plan")], 12, 31)))
    for m in _scan(p.period_verb, text, "period"):
        out.append(_Candidate(m.start(), m.end(), "by", _resolve_period(m, _year_of(m, reference), False)))
    for m in _scan(p.to_year, text, "year"):
        if not _followed_by(text, m.end(), p.validity):
            out.append(_Candidate(m.start(), m.end(), "by", date(int(m.group("year")), 12, 31)))
    out += _window_candidates(text, reference, p)
    return out


def _window_candidates(text: str, reference: date | None, p: _Patterns) -> list[_Candidate]:
    """2月13日至15日 as a task period (with 于/在, or before 完成/开展 …) → its last day.
    A window after 自/从 or before 施行/有效 is the period a policy applies, not a task."""
    out = []
    for m in _scan(p.window, text, "range"):
        if not m.group("at") and not WINDOW_TASK_VERBS.match(text, m.end()):
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


def _relative_candidates(text: str, p: _Patterns) -> list[_Candidate]:
    out = []
    for m in _scan(p.relative, text, "within"):
        clause = _clause_before(text, m.start(), 16)
        if any(word in clause for word in p.rights):
            continue  # a period within which a party MAY act
        start, anchor_date = m.start(), None
        if clause.rstrip().endswith(p.anchor_ends):
            anchor_at = _event_anchor(clause.rstrip(), p)
            start = m.start() - len(clause) + anchor_at
            anchor_date = _anchor_date(clause[anchor_at:])
        out.append(_Candidate(start, m.end(), "relative", _relative_date(anchor_date, m)))
    for m in _scan(p.event_before, text, "before"):
        if _clause_before(text, m.start(), 2)[-1:].isdigit() or text[m.end():m.end() + 1] == "的":
            continue  # 项目实施前的准备工作 names a phase, it sets no limit
        out.append(_Candidate(m.start(), m.end(), "relative", None))
    return out


def _relative_date(anchor: date | None, m: re.Match) -> date | None:
    """The last day of a relative limit whose anchor date is written (自2021年3月1日起10个工作日内)."""
    n = _number(m.group("n"))
    if anchor is None or not n:
        return None
    if "工作日" in m.group("unit"):
        return add_working_days(anchor, n)
    if m.group("unit") in CALENDAR_DAY_UNITS:
        return anchor + timedelta(days=n)
    return None


def _event_anchor(clause: str, p: _Patterns) -> int:
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


def _anchor_date(anchor: str) -> date | None:
    m = ANCHOR_DATE.search(anchor)
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
