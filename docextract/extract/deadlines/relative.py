"""Handlers of the ``relative`` families: a limit counted from an event.

Not limits: a period within which a party MAY act (可以在六十日内申请), a window looking back
(近3年内), a ban or a benefit for a period (3年内不得申请, 3年内免征), a count of offences
(五年内违反二次), an extension (延期不超过6个月), a limit inside a condition (…以上的，).
"""
from __future__ import annotations

import re
from datetime import date

from ...text.dates import arabic_date
from .context import (CLAUSE_REACH, Candidate, TIME_IN_EVENT, clause_before, conditional, next_clause_starts,
                      preceded_by, rights, sentence_before)
from .patterns import DeadlinePatterns
from .resolve import month_day_date, relative_date, to_int

# The event of a relative limit is read back from 后/起 at most this far: 资金下达 / 发生事故 /
# 收到通知 are four characters; more would drag in the subject of the sentence.
EVENT_MAX_CHARS = 4
FROM_DATE = re.compile(r"(?:自|从)\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*起$")
FROM_YEAR = re.compile(r"(\d{4})\s*年\s*(?:起|开始)$")
FROM_EVENT = re.compile(r"(?:自|从)[\u4e00-\u9fff《》]{1,12}?(?:之日起|日起|之时起|时起|起)$")
# 需在摇出房屋后3个工作日内（即3月31日-4月2日内）: the brackets give the last day.
SPELLED_OUT = re.compile(r"\s*[（(]\s*即[^）)]{0,30}[^\d](\d{1,2})\s*月\s*(\d{1,2})\s*日[^）)]{0,6}[）)]")
# 当日办结 / 次日 / 在…的次月: how many days (months, years) after the event, and in what unit.
NEXT_DAY_WORDS = {"当日": 0, "当天": 0, "即日": 0, "次日": 1, "翌日": 1, "第二天": 1, "第二日": 1,
                  "次一工作日": 1, "下一工作日": 1, "次月": 1, "当月": 0, "下月": 1, "次年": 1}
NEXT_DAY_UNITS = {"次月": "month", "当月": "month", "下月": "month", "次年": "year",
                  "次一工作日": "working_day", "下一工作日": "working_day"}
ANCHOR_STARTS = ("起", "开始")   # a relative limit needs no 内 after 自…起
EVENT_EDGES = re.compile(r"^(?:自|从)|(?:之日起|之时起|起|后|开始)$")


def relative(m, ctx):
    text, words = ctx.text, ctx.p.words
    limit, within = m.group("limit", "within")
    if not limit and not within and not text[max(0, m.start() - CLAUSE_REACH):m.start()].rstrip().endswith(ANCHOR_STARTS):
        # the test below, on the text before rather than on its last clause: a clause that ends in
        # 起 ends the text before (and a break is no 起), so this refuses what it refuses without
        # splitting the text at its clause breaks (most counts: 一年, 三年行动)
        return None
    clause = clause_before(text, m.start())
    stripped = clause.rstrip()
    # (之日起 ends in 起: a clause ending in one of ANCHOR_STARTS is all the test below needs)
    if not limit and not within and (not stripped.endswith(ANCHOR_STARTS) or text[m.end():m.end() + 1] == "间"):
        # a count without 内 and not after 自…起 (一年, 三年行动) is most candidates: refused
        # first, before the checks below (which all refuse too, so the order changes nothing)
        return None  # 自…时起二年间不行使而消灭: a period of a right, not a limit
    if rights(ctx, clause) or stripped.endswith(words["lookback_words"] + ("每", "第")):
        return None
    if any(next_clause_starts(text, m.end(), words[key]) for key in ("ban_words", "benefit_words", "condition_words")):
        return None  # 3年内不得再次申请: a sanction; 3年内按…扣减: a benefit; 五年内违反二次: a count of offences
    if conditional(text, m.end()):
        return None  # 一年内开展服务达到200人次以上的，给予…: a condition
    if limit:
        sentence = sentence_before(text, m.start())
        if any(w in sentence for w in words["extension_words"]) or not ctx.p.open_limit_context.search(clause):
            return None  # 延期最长不超过6个月: a condition
    start, event, anchor = m.start(), None, None
    if stripped.endswith(words["anchor_ends"]) or stripped.endswith(ANCHOR_STARTS):
        at = event_start(stripped, ctx.p)
        if at < len(stripped):
            start = m.start() - len(clause) + at
            event = _event_text(stripped[at:])
        anchor = arabic_date(stripped) or _year_anchor(stripped)
    count, unit = to_int(m.group("n")), ctx.p.units[m.group("unit")]
    when = relative_date(anchor, count, unit)
    end = m.end()
    spelled = SPELLED_OUT.match(text, end)
    if spelled and ctx.reference:
        when = month_day_date(ctx.reference.year, int(spelled.group(1)), int(spelled.group(2)), None, False)
        end = spelled.end()
    return Candidate(start, end, "relative", when, event=event, count=count, unit=unit)


def _year_anchor(clause: str) -> date | None:
    m = FROM_YEAR.search(clause)
    return date(int(m.group(1)), 1, 1) if m else None


def _event_text(phrase: str) -> str | None:
    """The event without 自 and its 之日起 / 起 / 后 (the 日 of 2021年3月1日起 stays)."""
    phrase = EVENT_EDGES.sub("", phrase)
    return phrase.strip() or None


def event_start(clause: str, p: DeadlinePatterns) -> int:
    """Where the event a relative limit counts from starts in ``clause`` (which ends in 后/起):
    自…起 as written, else at most EVENT_MAX_CHARS characters back, cut after the last stop
    word (确保, 在, 应 …).  Returns ``len(clause)`` when there is no event to show."""
    for pattern in (FROM_DATE, FROM_EVENT, FROM_YEAR):
        m = pattern.search(clause)
        if m:
            return m.start()
    end_word = next((w for w in p.words["anchor_ends"] + ANCHOR_STARTS if clause.endswith(w)), "")
    event_end = len(clause) - len(end_word)
    start = max(0, event_end - EVENT_MAX_CHARS)
    if "》" in clause[start:event_end] and "《" in clause[:start]:
        start = clause.rfind("《", 0, start)  # 在本《意见》发布之日起: the cited title in full
    for stop in p.words["event_stop_words"]:
        at = clause.rfind(stop, max(0, start - len(stop) + 1), event_end)  # a stop may straddle the edge
        if at >= 0 and at + len(stop) > start:
            start = at + len(stop)
    while start < event_end and not _is_cjk(clause[start]) and clause[start] != "《":
        start += 1  # no stray spaces or digits at the front of the evidence
    return start if start < event_end else len(clause)


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _event_ok(event: str) -> bool:
    return len(event.strip()) >= 2 and not TIME_IN_EVENT.search(event)


def event_before(m, ctx):
    """在招生工作开始前 / 应于集会、游行前: due before an event."""
    event, words = m.group("event"), ctx.p.words
    if not _event_ok(event) or preceded_by(ctx.text, m.start(), words["penalty_words"]):
        return None
    if conditional(ctx.text, m.end()):
        return None  # 在出院结算前补办备案的，应当支持: the condition of a rule
    if next_clause_starts(ctx.text, m.end(), words["right_words"] + words["penalty_words"]):
        return None  # 在判决确定前，得视情形暂扣 (a power); 于移置前，未依规定… (an offence)
    return Candidate(m.start(), m.end(), "relative", event=event.strip())


def event_clause_before(m, ctx):
    """规划报送批准前，… : an event that opens the clause."""
    event = m.group("event")
    if not _event_ok(event):
        return None
    return Candidate(m.start(), m.end(), "relative", event=event.strip())


def counted_before(m, ctx):
    """于六日前 / 开学前3日: a count of days before an event."""
    if m.group("n2") is None and not m.group("at") and not ctx.p.event_verbs.search(clause_before(ctx.text, m.start())):
        return None
    n, unit = (m.group("n"), m.group("unit")) if m.group("n2") is None else (m.group("n2"), m.group("unit2"))
    return Candidate(m.start(), m.end(), "relative", count=to_int(n), unit=ctx.p.units.get(unit))


def ahead(m, ctx):
    return Candidate(m.start(), m.end(), "relative", count=to_int(m.group("n")), unit=ctx.p.units.get(m.group("unit")))


def same_day(m, ctx):
    word = m.group("day_word")
    return Candidate(m.start(), m.end(), "relative", count=NEXT_DAY_WORDS[word], unit=NEXT_DAY_UNITS.get(word, "day"))


def event_next(m, ctx):
    word = m.group("day_word")
    return Candidate(m.start(), m.end(), "relative", count=NEXT_DAY_WORDS[word], unit=NEXT_DAY_UNITS.get(word, "day"))


def years_time(m, ctx):
    """利用3-5年时间: a plan's span, counted from the notice's date."""
    high = m.group("n_high") or m.group("n")
    return Candidate(m.start(), m.end(), "relative", count=to_int(high), unit="year" if m.group("unit") == "年" else "month")
