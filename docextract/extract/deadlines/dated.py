"""Handlers of the ``by`` families: a date or period end by which something must be done.

A date that is only a point in time (于5月18日, "2024年，…", 到2019年) sets a limit only when it is
not before the notice was signed: before it, it reports a fact.  A policy validity window
(施行, 有效) and a transition (6月底前仍按原标准) are not limits.
"""
from __future__ import annotations

import re
from datetime import date

from .context import (Candidate, Context, clause_after, clause_before, followed_by, is_past, opens_clause,
                      opens_sentence_with_comma, preceded_by, rights, task_follows)
from .resolve import month_day_date, resolve_period, to_int, year_of

# Verbs right after a date window that make it a task period ("2月13日至15日完成报名").
WINDOW_TASK_VERBS = re.compile(r"\s*(?:完成|开展|进行|组织|报送|提交|召开|报名|申报|办理)")


def _month(ctx: Context) -> int | None:
    return ctx.reference.month if ctx.reference else None


def _by(m: re.Match, ctx: Context, when: date | None, start: int | None = None, end: int | None = None,
        written: bool | None = None) -> Candidate | None:
    start, end = m.start() if start is None else start, m.end() if end is None else end
    words = ctx.p.words
    if followed_by(ctx.text, end, words["validity_words"]):
        return None  # 于2024年5月1日施行: a policy window
    if ctx.p.transition.search(clause_after(ctx.text, end)):
        return None  # 2025年6月底前仍按原标准支付: the old rule holds until then
    year = m.groupdict().get("year")
    if not year and "年" in ctx.text[max(0, start - 4):start] and clause_before(ctx.text, start, 4).rstrip().endswith("年"):
        return None  # 九十五年六月三十日前: a year we cannot read is not the notice's year
    if written is None:
        written = bool(year)
    return Candidate(start, end, "by", when, year_written=written)


def by_date(m, ctx):
    return _by(m, ctx, resolve_period(m, year_of(m, ctx.reference), True, _month(ctx)))


def at_point(m, ctx):
    when = resolve_period(m, year_of(m, ctx.reference), False, _month(ctx))
    if (m.group("day") or (m.group("year") and when and ctx.reference and when.year < ctx.reference.year)) \
            and is_past(ctx, when):
        return None  # 于2021年3月1日召开会议 / 于2022年3月开工, written after it: a fact
    return _by(m, ctx, when)


def latest(m, ctx):
    return _by(m, ctx, resolve_period(m, year_of(m, ctx.reference), False, _month(ctx)))


def schedule(m, ctx):
    """于5月18日向社会公告 / "2025年3月20日，…公布": a date the task is set for."""
    text = ctx.text
    labelled = clause_before(text, m.start(), 12).rstrip().endswith(ctx.p.deadline_labels)
    if not m.group("at") and not labelled and not opens_sentence_with_comma(text, m.start(), m.end()):
        return None
    if m.group("at") and rights(ctx, clause_before(text, m.end("at"))):
        return None  # 可于5月1日起查询: an option, not a limit
    rest = text[m.end():m.end() + 6].lstrip()
    if rest.startswith(("起", "开始", "以来", "的", "至", "到", "—", "-", "～", "~", "之前", "以前")) \
            or (rest.startswith("前") and not rest.startswith(("前往", "前来"))):
        return None
    if preceded_by(text, m.start(), ("自", "从", "截至", "截止")):
        return None
    if not ctx.reliable:
        return None  # with no date of the notice's own, a dated event may be history (于2019年9月2日上线)
    year = year_of(m, ctx.reference)
    when = None if year is None else month_day_date(year, to_int(m.group("month")), to_int(m.group("day")), None, False)
    if is_past(ctx, when):
        return None
    return _by(m, ctx, when)


def period_verb(m, ctx):
    """一季度完成 / "2026年上半年，各地印发…": a period before a verb.  With a comma between them
    the year must be written ("上半年，全市完成投资…" reports a statistic)."""
    when = resolve_period(m, year_of(m, ctx.reference), False)
    comma = ctx.text[m.end():m.end() + 2].lstrip()[:1] in ("，", ",")
    if (comma and not m.group("year")) or is_past(ctx, when):
        return None  # a period already over when the notice was signed is reported, not set
    return _by(m, ctx, when)


def field_point(m, ctx):
    has_before = m.group("value").rstrip().endswith(tuple(ctx.p.words["before_words"]))
    when = resolve_period(m, year_of(m, ctx.reference), has_before, _month(ctx))
    return _by(m, ctx, when, m.start("value"), m.end("value"))


def plan_end(m, ctx):
    return _by(m, ctx, date(ctx.p.plans[m.group("plan")], 12, 31), written=True)


def to_year(m, ctx):
    year = to_int(m.group("year")) if m.group("year") else year_of(m, ctx.reference)
    when = date(year, 12, 31) if year else None
    if m.group("year") and is_past(ctx, when):
        return None
    return _by(m, ctx, when, written=bool(m.group("year")))


def year_target(m, ctx):
    """2023年达到80% / 力争2025年…不低于3.5人 / "2024年，选取部分机构试点": a plan year."""
    if not m.group("lead") and not opens_clause(ctx.text, m.start()):
        return None
    if not ctx.reliable or ctx.reference is None:
        return None  # a year in a report with no date of its own may be a year of statistics
    year = int(m.group("year"))
    setting_only = opens_sentence_with_comma(ctx.text, m.start(), m.end()) and not m.group("lead")
    if year < ctx.reference.year or (setting_only and year == ctx.reference.year):
        return None  # "2021年，全市常住人口…": the year reported on, not a plan
    when = date(year, 12, 31)
    return _by(m, ctx, when, written=True)


def window(m, ctx):
    """2月13日至15日 as a task period (with 于/在, before 完成/开展, after 报名时间为, or with
    内) → its last day.  A window after 自/从 or before 施行/有效 is a policy's period."""
    text = ctx.text
    opening = opens_sentence_with_comma(text, m.start(), m.end()) and ctx.reliable
    task = (m.group("at") or m.group("within") or WINDOW_TASK_VERBS.match(text, m.end()) or opening
            or ctx.p.window_task.search(clause_before(text, m.start(), 14)))
    if not task or preceded_by(text, m.start(), ("自", "从")):
        return None
    if m.group("at") and rights(ctx, clause_before(text, m.end("at"))) and not task_follows(ctx, m.end()):
        return None  # 可在3月31日至4月2日VR看房: an option; 可在…内提交申请 is the window to apply
    year = year_of(m, ctx.reference)
    month = to_int(m.group("month2")) or to_int(m.group("month"))
    when = month_day_date(year, month, int(m.group("day2")), None, False) if year and month else None
    if opening and is_past(ctx, when):
        return None
    return _by(m, ctx, when)


def month_window(m, ctx):
    """集中整治阶段（5-7月） / 于5-7月开展: the end of the last month."""
    text = ctx.text
    bracketed = text[m.start() - 1:m.start()] in "（(" and text[max(0, m.start() - 3):m.start() - 1].endswith("阶段")
    if not (m.group("at") or bracketed or WINDOW_TASK_VERBS.match(text, m.end())):
        return None
    year = year_of(m, ctx.reference)
    when = month_day_date(year, to_int(m.group("month2")), None, "底", False) if year else None
    return _by(m, ctx, when)
