"""Dates as the head and the signature print them: a written date (2020年3月2日, 二〇二一年五月六日),
one of the Republic of China calendar (民国98年 / 中华民国114年5月28日: years after 1911), a date
line that carries a weekday, a time or 印发 after the date."""
from __future__ import annotations

from datetime import date
from functools import cache

from ..text.dates import DATE
from ..text.numerals import label_number
from ..rules.prefilter import CharMemo
from .gates import start_chars
from .rules import rules

ROC_EPOCH = 1911   # 民国元年 = 1912


def find_date(text: str, start: int = 0, end: int | None = None) -> tuple[str, int, int] | None:
    """The first written date in ``text[start:end]`` as ``(iso, start, end)``, or None.

    >>> find_date("2020年3月2日"), find_date("中华民国114年5月28日")[0], find_date("民国九十八年十月一日")[0]
    (('2020-03-02', 0, 9), '2025-05-28', '2009-10-01')
    >>> find_date("2020年2月30日") is None
    True
    """
    end = len(text) if end is None else end
    found = []
    for pattern, offset in ((DATE, 0), (rules().roc_date, ROC_EPOCH)):
        m = pattern.search(text, start, end)
        if m:
            found.append((m, offset))
    for m, offset in sorted(found, key=lambda f: f[0].start()):
        y, mo, d = (label_number(m.group(k)) for k in "ymd")
        if y is None or mo is None or d is None:
            continue
        try:
            return date(y + offset, mo, d).isoformat(), m.start(), m.end()
        except ValueError:
            continue
    return None


def date_line(text: str) -> tuple[str, int, int] | None:
    """The date of a line that is only a date (a signature, a date under the title), maybe in
    brackets, maybe with a weekday, a time, or 印发 (the printing note) after it.

    >>> date_line("2021年5月6日")[0], date_line("（2023年10月19日 星期四 10:30）")[0], date_line("2025年8月21日印发")[0]
    ('2021-05-06', '2023-10-19', '2025-08-21')
    >>> date_line("2021年5月6日召开会议") is None, date_line("（2023年5月）") is None
    (True, True)
    """
    if not rules().may_hold_date(text):   # most lines: no 年 (every written date has one)
        return None
    stripped = text.strip()
    lead = len(stripped) - len(stripped.lstrip("（( "))
    first = stripped[lead:lead + 1]
    if first and not first.isspace() and not _may_start_date()[first]:
        return None   # a date must start right there (most lines with a 年: prose)
    found = find_date(stripped, lead, min(len(stripped), lead + 24))
    if found is None or stripped[lead:found[1]].strip():
        return None
    rest = stripped[found[2]:]
    tail = rules().date_line_tail.match(rest)
    after = rest[tail.end():].strip()
    if after.strip("）) ") and not tail.group(0).rstrip().endswith("印发"):
        return None
    offset = len(text) - len(text.lstrip())
    return found[0], offset + found[1], offset + found[2]


def is_printing_date(text: str) -> bool:
    """A 版记 line: the date the notice was printed (2021年5月7日印发), not signed."""
    found = date_line(text)
    return found is not None and text[found[2]:].lstrip(" （(）)").startswith("印发")


@cache
def _may_start_date() -> CharMemo:
    """The characters a written date (``find_date``'s patterns) can start with."""
    return start_chars([DATE, rules().roc_date])
