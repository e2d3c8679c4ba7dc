"""Numbers as written in notices: Arabic (thousands separators, decimals), Chinese numerals
(三千, 两万, 二百万, 一百零五, 壹仟), digit strings (二〇二一) and mixtures (3万, 1.5亿, 3千).

Full-width digits are folded by the normalize stage before anything reaches this module, so
only ASCII digits are handled here.  ``parse_number`` converts a whole string and returns None
for anything that is not exactly one number: finding numbers in running text is the callers'
job (their patterns use ``CN_NUMERAL_CHARS``).
"""
from __future__ import annotations

import re

CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
            "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
            "九": 9, "玖": 9}
CN_SMALL_UNIT = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNIT = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
CN_NUMERAL_CHARS = "".join(CN_DIGIT) + "".join(CN_SMALL_UNIT) + "".join(CN_BIG_UNIT)
CN_ZEROS = "〇○零"
# 十二点八四万亿: the decimal point of a number written in characters, and the scales after it.
CN_POINT = "点"
CN_SCALE_CHARS = "十百千万亿萬億"
# A unit may stand first only when it is 十 (十二 = 12); 万 or 百万 alone are words, not numbers.
CN_LEADING_UNITS = "十拾"

ARABIC = re.compile(
    r"""
    (?P<digits>\d{1,3}(?:,\d{3})+|\d+)   # 3000 or 3,000 (separators only in groups of three)
    (?P<fraction>\.\d+)?                 # .5
    \s*
    (?P<scale>[十百千万亿]*)             # 3千  1.5万  2000万  1.2万亿
    """,
    re.VERBOSE,
)


def _small_chinese(text: str) -> int | None:
    """A Chinese number below 10000 (十, 三十五, 一百零五, 两千, and the short form 两千五)."""
    total, digit, last_unit, seen = 0, None, None, False
    for ch in text:
        if ch in CN_DIGIT:
            if digit is not None and digit != 0 and ch not in CN_ZEROS:
                return None  # 三四: two digits with no unit between are not one number
            digit = CN_DIGIT[ch]
            if ch in CN_ZEROS:
                last_unit = None  # 一百零五: after 零 a trailing digit is a plain unit digit
        elif ch in CN_SMALL_UNIT:
            unit = CN_SMALL_UNIT[ch]
            if last_unit is not None and unit >= last_unit:
                return None  # 十百, 百百: units must fall
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        else:
            return None
        seen = True
    if not seen:
        return None
    if digit and last_unit and last_unit >= 100:
        digit *= last_unit // 10  # 两千五 = 2500, 一百五 = 150 (spoken short forms)
    return total + (digit or 0)


def _chinese_decimal(text: str) -> float | None:
    """十二点八四万亿, 一点二四亿, 七十点六六万: a whole part, 点, fraction digits, then a scale."""
    whole, _, rest = text.partition(CN_POINT)
    fraction = rest.rstrip(CN_SCALE_CHARS)
    scale_text = rest[len(fraction):]
    if not whole or not fraction or not all(ch in CN_DIGIT for ch in fraction):
        return None
    value = _chinese(whole)
    if value is None:
        return None
    value += float("0." + "".join(str(CN_DIGIT[ch]) for ch in fraction))
    for ch in scale_text:  # 万亿 = 万 × 亿; 千万 = 千 × 万
        value *= CN_SMALL_UNIT.get(ch) or CN_BIG_UNIT[ch]
    return value


def _chinese(text: str) -> float | None:
    """A run of Chinese numerals, with 万/亿 scales (三千五百万, 1 亿 2 千万 in characters)."""
    if CN_POINT in text:
        return _chinese_decimal(text)
    if len(text) > 1 and all(ch in CN_DIGIT for ch in text):
        return float("".join(str(CN_DIGIT[ch]) for ch in text))  # 二〇二一: digit by digit
    total, rest = 0.0, text
    for big in ("亿", "億", "万", "萬"):
        head, found, tail = rest.partition(big)
        if not found:
            continue
        value = _chinese(head) if head else None
        if value is None:
            return None
        total, rest = total + value * CN_BIG_UNIT[big], tail.lstrip(CN_ZEROS)
        if len(tail) == 1 and tail in CN_DIGIT:
            return total + CN_DIGIT[tail] * CN_BIG_UNIT[big] // 10  # 三万五 = 35000 (short form)
    if rest:
        small = _small_chinese(rest)
        if small is None:
            return None
        total += small
    return total


def _arabic(text: str) -> float | None:
    m = ARABIC.fullmatch(text)
    if m is None:
        return None
    value = float(m.group("digits").replace(",", "") + (m.group("fraction") or ""))
    for unit in m.group("scale"):
        value *= CN_SMALL_UNIT.get(unit) or CN_BIG_UNIT[unit]
    return value


def parse_number(text: str) -> float | None:
    """The value of a number as written, or None when ``text`` is not exactly one number.

    >>> [parse_number(x) for x in ("3,000", "1.5万", "3千", "两万", "二百万", "一百零五", "十二", "0.5")]
    [3000.0, 15000.0, 3000.0, 20000.0, 2000000.0, 105.0, 12.0, 0.5]
    >>> parse_number("三千五百万"), parse_number("二〇二一"), parse_number("壹佰贰拾"), parse_number("两千五")
    (35000000.0, 2021.0, 120.0, 2500.0)
    >>> parse_number("1.2万亿"), parse_number("十一万"), parse_number("一万零五百"), parse_number("三万五")
    (1200000000000.0, 110000.0, 10500.0, 35000.0)
    >>> parse_number("十二点八四万亿"), parse_number("一点二四亿"), parse_number("四千七百零五点六八万")
    (12840000000000.0, 124000000.0, 47056800.0)
    >>> [parse_number(x) for x in ("", "abc", "万", "百万", "1,00", "3.5.6", "十万火急")]
    [None, None, None, None, None, None, None]
    """
    text = text.strip()
    if not text:
        return None
    if text[0].isdigit():
        return _arabic(text)
    if text[0] not in CN_DIGIT and text[0] not in CN_LEADING_UNITS:
        return None
    if all(ch in CN_NUMERAL_CHARS or ch == CN_POINT for ch in text) and text.count(CN_POINT) <= 1:
        return _chinese(text)
    return None


# -- label numbers: 十二, ⑶, ㈣, ② ------------------------------------------------------------

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
PAREN_CN = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"
# Zeros as they appear in dates typed with Latin or full-width O (二OO九年).
LABEL_ZEROS = {"Ｏ": 0, "O": 0}


def label_number(num: str) -> int | None:
    """The value of a label's or a date's number: 12, 十二, ⑶, ㈣, ②, 二〇二一.

    >>> [label_number(x) for x in ("3", "十二", "二十一", "⑶", "㈣", "②", "百", "一百二十", "c")]
    [3, 12, 21, 3, 4, 2, 100, 120, 3]
    """
    if num.isdigit() and num.isascii():
        return int(num)
    if len(num) == 1 and "a" <= num <= "z":   # (a), (b): lettered points
        return ord(num) - ord("a") + 1
    for table in (CIRCLED, PAREN_DIGITS, PAREN_CN):
        if num in table:
            return table.index(num) + 1
    return chinese_int(num)


def chinese_int(text: str) -> int | None:
    """A small Chinese integer (below 10000) as used in labels and dates; unlike
    ``parse_number`` a bare unit (百) counts, and Latin O is a zero (二OO九).

    >>> chinese_int("二〇二一"), chinese_int("三十一"), chinese_int("十"), chinese_int("一百零五"), chinese_int("二OO九")
    (2021, 31, 10, 105, 2009)
    """
    if not text:
        return None
    digits = {**CN_DIGIT, **LABEL_ZEROS}
    if all(ch in digits for ch in text):  # digit by digit: 二〇二一
        value = 0
        for ch in text:
            value = value * 10 + digits[ch]
        return value
    total, current = 0, 0
    for ch in text:
        if ch in digits:
            current = digits[ch]
        elif ch in CN_SMALL_UNIT and CN_SMALL_UNIT[ch] < 10_000:
            total += (current or 1) * CN_SMALL_UNIT[ch]
            current = 0
        elif ch.isdigit():
            current = current * 10 + int(ch)
        else:
            return None
    return total + current
