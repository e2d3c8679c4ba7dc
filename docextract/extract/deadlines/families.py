"""One handler per pattern family (``patterns.Rule.family``): it reads a match, checks the
context that decides whether it sets a limit, and returns a ``Candidate`` or None.  The ``by``
families are in ``dated.py``, the ``relative`` ones in ``relative.py``; the recurring and open
ones are here, with the table of every handler.
"""
from __future__ import annotations

from . import dated, relative
from .context import Candidate, clause_before, conditional, preceded_by

SYSTEM_PERIODS = {"日": "day", "周": "week", "月": "month", "季": "quarter", "季度": "quarter", "年": "year"}
NEXT_PERIODS = {"次月": "month", "下月": "month", "次年": "year"}
# 每人每月…: a cadence after a per-head word is a rate (of money, of visits), not a due point.
RATE_SUBJECTS = ("每人", "每户", "每家", "每名", "每个", "每位", "每次")


def recurring_due(m, ctx):
    lead = m.group("lead")
    period = NEXT_PERIODS.get(lead) or ctx.p.cadences.get(lead.lstrip("每").lstrip("个"))
    return Candidate(m.start(), m.end(), "recurring", period=period)


def recurring_cadence(m, ctx):
    text = ctx.text
    if clause_before(text, m.start(), 3).endswith(RATE_SUBJECTS) or "元" in text[m.start():m.end() + 8]:
        return None  # 每人每月增加护理资助200元: a rate of money, not a cadence
    return Candidate(m.start(), m.end(), "recurring", period=ctx.p.cadences.get(m.group("cadence")))


def cadence_system(m, ctx):
    return Candidate(m.start(), m.end(), "recurring", period=SYSTEM_PERIODS.get(m.group("cadence")))


def daily(m, ctx):
    return Candidate(m.start(), m.end(), "recurring", period="day")


def monthly_within(m, ctx):
    return Candidate(m.start(), m.end(), "recurring", period="month")


def open_limit(m, ctx):
    words, text = ctx.p.words, ctx.text
    if preceded_by(text, m.start(), words["penalty_words"]):
        return None  # 责令限期改正 is a penalty
    if any(w in clause_before(text, m.start()) for w in words["enforcement_words"]):
        return None  # 针对不合规的服务点限期整改: a measure taken against others
    return Candidate(m.start(), m.end(), "open")


def open_phrase(m, ctx):
    if preceded_by(ctx.text, m.start(), ctx.p.words["penalty_words"]):
        return None  # 未在规定时限内完成的: the condition of a penalty
    if conditional(ctx.text, m.end()):
        return None  # 对在规定期限内未缴纳罚款的，…: the condition of a rule
    return Candidate(m.start(), m.end(), "open")


def open_compliance(m, ctx):
    return Candidate(m.start(), m.end(), "open")


def on_time(m, ctx):
    return open_phrase(m, ctx)


def ongoing(m, ctx):
    return Candidate(m.start("value"), m.end("value"), "ongoing", flags=("ongoing_limit",))


HANDLERS = {
    **{name: getattr(dated, name) for name in (
        "by_date", "at_point", "schedule", "latest", "period_verb", "field_point", "plan_end", "to_year",
        "year_target", "window", "month_window")},
    **{name: getattr(relative, name) for name in (
        "relative", "event_before", "event_clause_before", "counted_before", "ahead", "same_day", "event_next",
        "years_time")},
    "recurring_due": recurring_due, "recurring_cadence": recurring_cadence, "cadence_system": cadence_system,
    "daily": daily, "monthly_within": monthly_within,
    "open_limit": open_limit, "open_phrase": open_phrase, "open_compliance": open_compliance,
    "on_time": on_time, "ongoing": ongoing,
}
