"""Numbers as written in notices: Arabic (with thousands separators and decimals), Chinese
numerals (三千, 两万, 二百万, 一百零五, 壹仟), and mixtures (3万, 1.5亿, 3千)."""
from __future__ import annotations

import re

CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
            "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
            "九": 9, "玖": 9}
CN_SMALL_UNIT = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNIT = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
CN_NUMERAL_CHARS = "".join(CN_DIGIT) + "".join(CN_SMALL_UNIT) + "".join(CN_BIG_UNIT)
# A number as written: Arabic with optional separators/decimals and an optional 万/亿 scale,
# or a run of Chinese numerals.
NUMBER = re.compile(
    r"\d+(?:,\d{3})*(?:\.\d+)?\s*[十百千万亿]{0,2}"   # 3,000  1.5万  3千  2000万
    rf"|[{CN_NUMERAL_CHARS}]+"                        # 三千  两万  二百万  十二
)


def _small_chinese(text: str) -> float | None:
    """A Chinese number below 10000 (十, 三十五, 一百零五, 两千)."""
    total, digit, seen = 0, None, False
    for ch in text:
        if ch in CN_DIGIT:
            digit = CN_DIGIT[ch]
            seen = True
        elif ch in CN_SMALL_UNIT:
            total += (1 if digit is None else digit) * CN_SMALL_UNIT[ch]
            digit = None
            seen = True
        else:
            return None
    if not seen:
        return None
    return float(total + (digit or 0))


def _chinese(text: str) -> float | None:
    if all(ch in CN_DIGIT for ch in text) and len(text) > 1:  # 二〇二一: digit by digit
        return float("".join(str(CN_DIGIT[ch]) for ch in text))
    total = 0.0
    rest = text
    for big in ("亿", "億", "万", "萬"):
        if big in rest:
            head, _, rest = rest.partition(big)
            value = _chinese(head) if head else 1.0
            if value is None:
                return None
            total += value * CN_BIG_UNIT[big]
    if rest:
        small = _small_chinese(rest)
        if small is None:
            return None
        total += small
    return total


def parse_number(text: str) -> float | None:
    """The value of a number as written, or None.

    >>> [parse_number(x) for x in ("3,000", "1.5万", "3千", "两万", "二百万", "一百零五", "十二", "0.5")]
    [3000.0, 15000.0, 3000.0, 20000.0, 2000000.0, 105.0, 12.0, 0.5]
    >>> parse_number("三千五百万"), parse_number("二〇二一"), parse_number("abc")
    (35000000.0, 2021.0, None)
    """
    text = text.strip().replace(",", "").replace("，", "")
    if not text:
        return None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([十百千万亿]*)", text)
    if m:
        value = float(m.group(1))
        for unit in m.group(2):
            value *= CN_SMALL_UNIT.get(unit) or CN_BIG_UNIT[unit]
        return value
    if all(ch in CN_NUMERAL_CHARS for ch in text):
        return _chinese(text)
    return None
