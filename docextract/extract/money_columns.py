"""Money in table columns: a bare number under a header that names the currency.

Tables reach the body one row per line, cells separated by two or more spaces, a tab or a
pipe (``load/tables.render_table``).  A header cell such as ``金额（万元）`` or
``补助标准(元/人)`` makes every plain number in its column an amount in that unit; the row
must have as many cells as the header (a 合计 row with empty cells dropped cannot be aligned,
so it is skipped).  The table ends at the first line with fewer than two cells.
"""
from __future__ import annotations

import re
from heapq import merge

from ..models import Amount, validated

# 万元 → 1e4: the scale words a unit header may put before its currency word.
SCALE_WORDS = {"": 1, "千": 1e3, "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "亿": 1e8, "万亿": 1e12}
CELL = re.compile(r"[^\s|]+(?:[ ][^\s|]+)*")   # a run of text; one space may sit inside a cell
PLAIN_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


OPENING_BRACKETS = "（("


def header_pattern(currencies: dict[str, str]) -> tuple[re.Pattern, ...]:
    """A header cell's unit in brackets: （万元）, (元/人), （单位：亿元）; one pattern per opening
    bracket: sre scans for a pattern's one literal first character much faster than for a class
    of two (a header holds no bracket inside, so the matches of the two never overlap)."""
    words = "|".join(map(re.escape, sorted((w for w in currencies if not w.isascii() and len(w) <= 3),
                                           key=len, reverse=True)))
    scales = "|".join(map(re.escape, sorted((s for s in SCALE_WORDS if s), key=len, reverse=True)))
    unit = (rf"\s*(?:单位\s*[:：]\s*)?(?P<scale>{scales})?(?P<cur>{words})"
            rf"(?:\s*/\s*(?P<per>[\u4e00-\u9fff]{{1,4}}))?\s*[）)]")
    return tuple(re.compile(re.escape(bracket) + unit) for bracket in OPENING_BRACKETS)


# What may follow a header's currency word: its closing bracket, the "/" of a rate, white space.
AFTER_HEADER_CURRENCY = frozenset(")）/")


def may_hold_header(text: str, anchor_places: list[int]) -> bool:
    """Whether ``text`` may hold a money column's header: a header's currency word ends in an
    anchor character (``money_pattern``), so some place of ``anchor_places`` (the places of
    those characters in ``text``) must be followed by a closing bracket, "/" or white space.
    A body with none (most) needs no scan for the headers' brackets, which are frequent.

    >>> text = "补助500元，项目  金额（万元）"
    >>> may_hold_header(text, [5, 15]), may_hold_header(text, [5])
    (True, False)
    """
    following = {text[at + 1:at + 2] for at in anchor_places}
    return not following.isdisjoint(AFTER_HEADER_CURRENCY) or any(ch.isspace() for ch in following)


def column_amounts(text: str, offset: int, headers: tuple[re.Pattern, ...], currencies: dict[str, str]) -> list[Amount]:
    """Amounts in the money columns of the tables in ``text``.

    >>> rows = "项目  金额（万元）  备注\\n道路改造  120  新建\\n桥梁维修  35.5  续建\\n合计  155.5\\n说明"
    >>> units = {"元": "CNY"}
    >>> [(a.text, a.min, a.subject) for a in column_amounts(rows, 0, header_pattern(units), units)]
    [('120', 1200000.0, '金额'), ('35.5', 355000.0, '金额')]
    """
    out: list[Amount] = []
    for m in merge(*(header.finditer(text) for header in headers), key=re.Match.start):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = _line_end(text, m.end())
        cells = list(CELL.finditer(text, line_start, line_end))
        column = next((k for k, c in enumerate(cells) if c.start() <= m.start() < c.end()), None)
        if column is None or len(cells) < 2:
            continue
        scale = SCALE_WORDS[m.group("scale") or ""]
        subject = text[cells[column].start():m.start()].strip() or None
        out += _column(text, line_end, len(cells), column, scale, currencies[m.group("cur")],
                       m.group("per"), subject, offset)
    return out


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _column(text: str, pos: int, width: int, column: int, scale: float, currency: str,
            per: str | None, subject: str | None, offset: int) -> list[Amount]:
    out = []
    while pos < len(text):
        start, end = pos + 1, _line_end(text, pos + 1)
        cells = list(CELL.finditer(text, start, end))
        if len(cells) < 2:
            break
        pos = end
        if len(cells) != width:
            continue
        cell = cells[column]
        if PLAIN_NUMBER.fullmatch(cell.group()):
            value = float(cell.group().replace(",", "")) * scale
            out.append(validated(Amount, {"text": cell.group(), "min": value, "max": value,
                                          "min_inclusive": True, "max_inclusive": True, "currency": currency,
                                          "per": per, "subject": subject,
                                          "start": offset + cell.start(), "end": offset + cell.end()}))
    return out
