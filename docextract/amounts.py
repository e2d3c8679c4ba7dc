"""Money amounts with exact bounds (Civil Code art. 1259), each with its evidence.

``extract_amounts`` finds amounts in a span of the body; ``parse_amount`` converts one
expression.  Only numbers followed by a currency word (元, 万元, 亿元, 美元 …) are money, so
phone numbers, 文号, counts (27042名, 3万人, 万户), percentages and years never are.
Rules in ``rules/money.toml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .errors import RuleError
from .models import Amount
from .numerals import CN_NUMERAL_CHARS, parse_number
from .rules import load_rules, require
from .scan import anchored_finditer

RULES = "money"
# A lone scale character after an Arabic number: 3千元, 5万元, 1.5亿元.
NUMBER = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?\s*(?:余|多)?\s*[十百千]?(?:万亿|[万亿])?|[{CN_NUMERAL_CHARS}]+(?:余|多)?)"
RANGE_DASH = r"\s*(?:-|－|—|–|~|～|〜|至|到)\s*"


@dataclass(frozen=True)
class Bound:
    word: str
    bound: str      # "min" or "max"
    inclusive: bool


@dataclass(frozen=True)
class _Money:
    pattern: re.Pattern
    currencies: dict[str, str]
    before: dict[str, Bound]
    after: dict[str, Bound]
    subject_heads: tuple[str, ...]


def _bounds(rules: dict, key: str) -> dict[str, Bound]:
    out = {}
    for i, raw in enumerate((rules.get("bounds") or {}).get(key, [])):
        if not isinstance(raw, dict) or raw.get("bound") not in ("min", "max") or not isinstance(raw.get("inclusive"), bool):
            raise RuleError(f"{RULES}.toml: bounds.{key}[{i}] needs word, bound (min|max) and inclusive (bool)")
        out[raw["word"]] = Bound(raw["word"], raw["bound"], raw["inclusive"])
    if not out:
        raise RuleError(f"{RULES}.toml: missing bounds.{key}")
    return out


@cache
def money_rules() -> _Money:
    rules = load_rules(RULES)
    currencies = rules.get("currencies")
    if not isinstance(currencies, dict) or not currencies:
        raise RuleError(f"{RULES}.toml: [currencies] must map currency words to ISO codes")
    before, after = _bounds(rules, "before"), _bounds(rules, "after")
    alt = lambda words: "|".join(map(re.escape, sorted(words, key=len, reverse=True)))  # noqa: E731
    currency = alt(currencies)
    one = rf"(?:人民币\s*)?{NUMBER}\s*(?:{currency})"
    pattern = re.compile(
        rf"(?P<before>{alt(before)})?\s*"                          # 不超过 / 低于 …
        rf"(?P<amount>"
        rf"(?:人民币\s*)?(?P<low>{NUMBER})\s*(?:(?:{currency})\s*)?"  # 500 (元)
        rf"{RANGE_DASH}"                                            # - / 至
        rf"(?P<high>{NUMBER})\s*(?P<cur_r>{currency})"               # 3000元
        rf"|{one.replace('(?:人民币', '(?P<rmb>人民币').replace(NUMBER, '(?P<single>' + NUMBER + ')', 1)}"
        rf")"
        rf"(?:\s*/\s*(?P<per>[\u4e00-\u9fff·]{{1,6}}))?"              # 0.5元/千瓦时
        rf"(?:\s*[（(]含[^）)]{{0,12}}[）)])?"                          # （含5000元）: the bound is included
        rf"(?P<after>{alt(after)})?"                                # 以上 / 以下 / 以内
    )
    return _Money(pattern, dict(currencies), before, after,
                  tuple(sorted(require(rules.get("subject") or {}, RULES, "heads", list), key=len, reverse=True)))


def _currency(text: str) -> str:
    m = money_rules()
    for word in sorted(m.currencies, key=len, reverse=True):
        if word in text:
            return m.currencies[word]
    return "CNY"


def _value(number: str) -> float | None:
    return parse_number(number.replace("余", "").replace("多", "").replace(" ", ""))


def _subject(text: str, start: int, end: int) -> str | None:
    """A short noun phrase naming the money: right after the amount, else just before it."""
    heads = money_rules().subject_heads
    after = re.match(r"[的]?([\u4e00-\u9fff]{0,8}?(?:" + "|".join(heads) + "))", text[end:end + 12])
    if after:
        return after.group(1)
    clause = re.split(r"[，,。；;、：:（(]", text[max(0, start - 16):start])[-1]
    clause = re.sub(r"(?:在|为|按|按照|给予|达到|须|需|但须|应|每)$", "", clause)
    for head in heads:
        pos = clause.rfind(head)
        if pos >= 0:
            phrase = clause[:pos + len(head)]
            return phrase[-10:] if len(phrase) > 1 else None
    return None


def _single_bounds(value: float, before: Bound | None, after: Bound | None) -> dict:
    bounds = {"min": value, "max": value, "min_inclusive": True, "max_inclusive": True}
    chosen = after or before
    if chosen is None:
        return bounds
    if chosen.bound == "min":
        return {"min": value, "max": None, "min_inclusive": chosen.inclusive, "max_inclusive": None}
    return {"min": None, "max": value, "min_inclusive": None, "max_inclusive": chosen.inclusive}


CURRENCY_ANCHOR = re.compile("[元镑币]")
WINDOW_BEFORE, WINDOW_AFTER = 40, 16  # room for 最高不超过 + 3,000.50万 + range, and 以上 / 元/千瓦时


def _scan(pattern: re.Pattern, text: str):
    """Run the amount pattern only in windows around currency words: most text has none."""
    return anchored_finditer(pattern, text, CURRENCY_ANCHOR, WINDOW_BEFORE, WINDOW_AFTER)


def extract_amounts(text: str, offset: int = 0) -> list[Amount]:
    """Money amounts in ``text``; offsets are ``offset`` + positions in ``text``.

    >>> [(a.text, a.min, a.max) for a in extract_amounts("给予500-3000元临时救助资金支持，电话010-65367254")]
    [('500-3000元', 500.0, 3000.0)]
    >>> [(a.text, a.max, a.max_inclusive) for a in extract_amounts("年人均纯收入低于5000元")]
    [('低于5000元', 5000.0, False)]
    """
    m = money_rules()
    found: list[Amount] = []
    for match in _scan(m.pattern, text):
        amount = _from_match(text, match, offset)
        if amount is not None:
            found.append(amount)
    return _merge_pairs(text, found, offset)


def _from_match(text: str, match: re.Match, offset: int) -> Amount | None:
    m = money_rules()
    before = m.before.get(match.group("before") or "")
    after = m.after.get(match.group("after") or "")
    start, end = match.start(), match.end()
    if match.group("before") is None:
        start = match.start("amount")
    if _glued_to_digits(text, match.start("amount"), end):
        return None
    if match.group("low") is not None:
        low, high = _value(match.group("low")), _value(match.group("high"))
        if low is None or high is None:
            return None
        low = _shared_scale(match.group("low"), low, match.group("high"))
        bounds = {"min": low, "max": high, "min_inclusive": True, "max_inclusive": True}
    else:
        value = _value(match.group("single"))
        if value is None:
            return None
        bounds = _single_bounds(value, before, after)
    amount_text = text[start:end]
    return Amount(
        text=amount_text, currency=_currency(match.group("amount")), per=match.group("per"),
        subject=_subject(text, start, end), start=offset + start, end=offset + end, **bounds,
    )


SCALES = {"万": 1e4, "亿": 1e8}


def _shared_scale(low_text: str, low: float, high_text: str) -> float:
    """In "3-5万元" the 万 of the upper bound applies to the lower one too.

    >>> _shared_scale("3", 3.0, "5万"), _shared_scale("3000", 3000.0, "5万"), _shared_scale("3万", 3e4, "5万")
    (30000.0, 3000.0, 30000.0)
    """
    scale = next((SCALES[ch] for ch in high_text if ch in SCALES), None)
    if scale is None or re.search(r"[万亿千百]", low_text):
        return low
    high_digits = parse_number(re.sub(r"[万亿]", "", high_text).replace("余", "").replace("多", ""))
    # "3000-5万元" is written in full already; "3-5万元" is not: compare with the bare upper number
    return low * scale if high_digits is not None and low <= high_digits else low


def _glued_to_digits(text: str, start: int, end: int) -> bool:
    """A number run into other digits or letters (an ID, a phone number) is not an amount."""
    return start > 0 and (text[start - 1].isdigit() or text[start - 1] in ".-/")


def _merge_pairs(text: str, amounts: list[Amount], offset: int) -> list[Amount]:
    """"三千元以上两万元以下" is one amount with both bounds."""
    out: list[Amount] = []
    for amount in amounts:
        prev = out[-1] if out else None
        if prev is not None and prev.max is None and amount.min is None and prev.min is not None \
                and amount.max is not None and amount.start - prev.end <= 2 \
                and text[prev.end - offset:amount.start - offset] in ("", "、", "，", ",", "至", "到"):
            out[-1] = Amount(
                text=text[prev.start - offset:amount.end - offset], min=prev.min, max=amount.max,
                min_inclusive=prev.min_inclusive, max_inclusive=amount.max_inclusive,
                currency=prev.currency, per=amount.per or prev.per, subject=amount.subject or prev.subject,
                start=prev.start, end=amount.end)
            continue
        out.append(amount)
    return out


def parse_amount(text: str) -> Amount | None:
    """The single amount an expression states, or None.

    >>> a = parse_amount("处三千元以上两万元以下罚款")
    >>> a.min, a.max, a.min_inclusive, a.max_inclusive
    (3000.0, 20000.0, True, True)
    """
    found = extract_amounts(text)
    return found[0] if len(found) == 1 else None
