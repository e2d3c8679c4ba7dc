"""Resolving deadlines to dates: the last day still on time for a period (6月底, 一季度, 年底),
the year of a year-less date, working-day arithmetic (chinese-calendar)."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from ...text.numerals import parse_number
from .patterns import patterns

def to_int(text: str | None) -> int | None:
    value = parse_number(text) if text else None
    return int(value) if value is not None else None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def year_of(match: re.Match, reference: date | None) -> int | None:
    """The written year, else the reference's year shifted by 今年/明年, else None."""
    written = match.groupdict().get("year")
    if written:
        return to_int(written)
    if reference is None:
        return None
    return reference.year + patterns().relative_years.get(match.groupdict().get("rel_year") or "", 0)


def resolve_period(match: re.Match, year: int | None, has_before: bool,
                    reference_month: int | None = None) -> date | None:
    """The last day still on time for the period a match names (None when it cannot be known)."""
    g = match.groupdict()
    if year is None or g.get("baremonth"):
        return None
    try:
        if g.get("quarter"):
            q = to_int(g["quarter"])
            return _month_end(year, q * 3) if q and 1 <= q <= 4 else None
        if g.get("half"):
            return date(year, 6, 30) if g["half"] == "上" else date(year, 12, 31)
        if g.get("yearend"):
            return date(year, 12, 31)
        if g.get("thismonth"):
            return None if reference_month is None else _month_end(year, reference_month)
        return month_day_date(year, to_int(g.get("month")), to_int(g.get("day")), g.get("part"), has_before)
    except ValueError:  # 2月30日: not a date
        return None


def month_day_date(year: int, month: int | None, day: int | None, part: str | None, has_before: bool) -> date | None:
    """The last day still on time for a month (and day or part) of ``year``; None when there
    is no such day (2月30日).

    >>> month_day_date(2024, 2, 30, None, False) is None, month_day_date(2024, 6, None, "底", True)
    (True, datetime.date(2024, 6, 30))
    """
    if month is None or not 1 <= month <= 12:
        return None
    if day:
        try:
            return date(year, month, day)
        except ValueError:
            return None
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


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def relative_date(anchor: date | None, count: float | None, unit: str | None) -> date | None:
    """The last day of a relative limit whose anchor date is written (自2021年3月1日起10个工作日内);
    None when there is no anchor date or the unit is finer than a day.

    >>> relative_date(date(2021, 3, 1), 10, "working_day"), relative_date(date(2021, 3, 1), 6, "month")
    (datetime.date(2021, 3, 15), datetime.date(2021, 8, 31))
    """
    if anchor is None or not count or count != int(count):
        return None
    n = int(count)
    if unit == "working_day":
        return add_working_days(anchor, n)
    if unit == "day":
        return anchor + timedelta(days=n)
    if unit == "week":
        return anchor + timedelta(weeks=n)
    if unit == "month":
        return add_months(anchor, n) - timedelta(days=1)
    if unit == "year":
        return add_months(anchor, 12 * n) - timedelta(days=1)
    return None
