"""Calendar dates as notices write them: 2020年3月2日, 二〇二一年五月六日, 2024-04-12, 2024/4/12.

One module for every stage that reads a date (page metadata, signatures, 成文日期, the anchor
of a relative deadline).  ``DATE`` finds a written Chinese date; ``parse_date`` converts the
first one in a text; ``iso_date`` also reads the numeric forms web pages use.
"""
from __future__ import annotations

import re
from datetime import date

from .numerals import label_number

# 2020年3月2日 / 二〇二一年五月六日 (Chinese numerals as in signatures).  The year is four digits or
# four year numerals; it is written as one class, then three more of the first one's kind (the
# two kinds share no character), so the pattern opens with a class and sre skips to the
# positions it holds instead of trying both forms at every character.
YEAR_NUMERALS = "〇○零一二三四五六七八九ＯO"
DATE = re.compile(
    rf"(?P<y>[\d{YEAR_NUMERALS}](?:(?<=\d)\d{{3}}|(?<=[{YEAR_NUMERALS}])[{YEAR_NUMERALS}]{{3}}))"
    r"\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,4})\s*日")
# A line that is only a date, maybe in brackets (a signature or a date printed under the title).
DATE_LINE = re.compile(r"^[（(]?\s*" + DATE.pattern + r"\s*[）)]?$")
# A date line of a signature as printed: the Chinese-numeral form may use full-width digits.
SIGNATURE_DATE_LINE = re.compile(
    r"^[（(]?\s*(?:\d{4}|[〇○零一二三四五六七八九Ｏ０Ｏ]{4})\s*年\s*[\d〇○零一二三四五六七八九十]{1,3}\s*月"
    r"\s*[\d〇○零一二三四五六七八九十]{1,3}\s*日\s*[）)]?$")
# Numeric and mixed forms: 2024-04-12, 2024/4/12, 2024.4.12, 2024年4月12.
NUMERIC_DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
# A year of the Republic of China calendar (民国98年, 中华民国114年, 民國 110 年): 民国元年 is 1912.
ROC_YEAR = re.compile(r"(?:中华)?民[国國]\s*(?P<year>\d{1,3})\s*年")
ROC_EPOCH = 1911
# 2021年3月1日 with Arabic digits only (the anchor date of 自2021年3月1日起).
ARABIC_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def parse_date(text: str) -> date | None:
    """The first written date in ``text``, or None.

    >>> parse_date("二〇二一年五月六日"), parse_date("2020年3月2日")
    (datetime.date(2021, 5, 6), datetime.date(2020, 3, 2))
    >>> parse_date("2020年2月30日") is None
    True
    """
    m = DATE.search(text)
    if not m:
        return None
    y, mo, d = (label_number(m.group(k)) for k in "ymd")
    if y is None or mo is None or d is None:
        return None
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def iso_date(text: str | None) -> str | None:
    """The first date in ``text`` as ISO ``YYYY-MM-DD`` (numeric or written forms), or None.

    >>> iso_date("发布时间：2024-4-12 09:30"), iso_date("2020年3月2日"), iso_date("二〇二一年五月六日")
    ('2024-04-12', '2020-03-02', '2021-05-06')
    >>> iso_date("民國 114 年 05 月 28 日"), iso_date("中华民国98年10月1日")
    ('2025-05-28', '2009-10-01')
    >>> iso_date("2024-13-01") is None, iso_date(None) is None
    (True, True)
    """
    if not text:
        return None
    text = ROC_YEAR.sub(lambda m: f"{int(m.group('year')) + ROC_EPOCH}年", text)
    m = NUMERIC_DATE.search(text)
    if m:
        try:
            return date(*(int(g) for g in m.groups())).isoformat()
        except ValueError:
            return None
    parsed = parse_date(text)
    return parsed.isoformat() if parsed else None


def arabic_date(text: str) -> date | None:
    """The first 2021年3月1日 (Arabic digits) in ``text``, or None."""
    m = ARABIC_DATE.search(text)
    if not m:
        return None
    try:
        return date(*(int(g) for g in m.groups()))
    except ValueError:
        return None
