"""Money amounts with exact bounds (Civil Code art. 1259), each with its evidence.

``extract_amounts`` finds amounts in a span of the body; ``parse_amount`` converts one
expression.  Only numbers written with a currency (元, 万元, 亿元, 美元, ￥ …) are money, so
phone numbers, 文号, counts (27042名, 3万人, 万户), percentages and years never are.
Rules in ``rules/money.toml``.

``text`` is the expression with its bound words ("5万元以下", "低于5000元", "最高不超过20万元",
"三千元以上两万元以下"); a bound word alone sets one bound, a range sets both (inclusive), a
single amount is min = max.  ``subject`` is a short noun phrase ending in a money word
(资金, 补助, 额度, 收入 …) right after the amount or in the clause before it, else None.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..models import Amount
from ..text.numerals import CN_DIGIT, CN_LEADING_UNITS, CN_NUMERAL_CHARS, parse_number
from ..rules import compile_pattern, load_rules, require, require_mapping, require_tables
from ..text.scan import anchored_finditer

RULES = "money"

# A number as written before a currency word.
NUMBER = rf"""(?:
      \d+ (?:,\d{{3}})* (?:\.\d+)? \s*          # 3000  2,000  0.5
      (?:余|多)? \s*                            # 30余 (about 30)
      [十百千]? (?:万亿|[万亿])?                # 3千  5万  1.5亿  1.2万亿
    | [{"".join(CN_DIGIT)}{CN_LEADING_UNITS}]   # a Chinese numeral starts with a digit or 十 ...
      [{CN_NUMERAL_CHARS}]* (?:余|多)?          # ... 三千  二百万  两万 (not 万元 alone)
)"""
# Between the ends of a range: 500-3000元, 500—3000元, 500~3000元, 500至3000元.
RANGE_DASH = r"\s* (?:-|－|—|–|~|～|〜|至|到) \s*"
SCALES = {"万": 1e4, "亿": 1e8}
SUBJECT_MAX_CHARS = 10       # a subject is a short noun phrase, not a clause
SUBJECT_AFTER_CHARS = 12     # how far after the amount its subject may end (500元临时救助资金)
SUBJECT_BEFORE_CHARS = 16    # how far before it (贷款额度须在5万元以下)
WINDOW_BEFORE, WINDOW_AFTER = 40, 16  # room for 最高不超过 + 3,000.50万 + range, and 以上 / 元/千瓦时


@dataclass(frozen=True)
class Bound:
    word: str
    bound: str      # "min" or "max"
    inclusive: bool


@dataclass(frozen=True)
class _Money:
    pattern: re.Pattern
    anchor: re.Pattern
    currencies: dict[str, str]
    before: dict[str, Bound]
    after: dict[str, Bound]
    subject_after: re.Pattern
    subject_heads: tuple[str, ...]
    per_prefix: re.Pattern
    leading_verbs: re.Pattern


def _alt(words) -> str:
    """An alternation of literal words, longest first (so 元人民币 wins over 元)."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def _bounds(rules: dict, key: str) -> dict[str, Bound]:
    tables = require_tables(rules, RULES, f"bounds.{key}",
                            {"word": str, "bound": ("min", "max"), "inclusive": (True, False)})
    return {t["word"]: Bound(t["word"], t["bound"], t["inclusive"]) for t in tables}


def compile_rules(rules: dict) -> _Money:
    """Validate the money lexicons and build the amount pattern once (RuleError on a bad rule)."""
    currencies = require_mapping(rules, RULES, "currencies", str)
    prefixes = require_mapping(rules, RULES, "prefix_currencies", str)
    fillers = require(rules, RULES, "bounds.fillers", list)
    before, after = _bounds(rules, "before"), _bounds(rules, "after")
    heads = require(rules, RULES, "subject.heads", list)
    currency = _alt(currencies)
    pattern = rf"""
        (?P<before> {_alt(before)} )? \s*                       # 不超过 / 低于 / 最高 (optional)
        (?: (?:{_alt(fillers)}) \s* ){{0,2}}                     # 可达 / 补助 (optional, after a bound word)
        (?P<amount>
            (?:人民币\s*)? (?P<low> {NUMBER} ) \s*               # 500
            (?: (?:{currency}) \s* )?                            # (元)
            {RANGE_DASH}                                         # - / 至
            (?P<high> {NUMBER} ) \s* (?:{currency})              # 3000元
          | (?:人民币\s*)? (?P<single> {NUMBER} ) \s* (?:{currency})   # 人民币100万元
          | (?P<sign> {_alt(prefixes)} ) \s* (?P<signed> {NUMBER} ) (?: \s* 元 )?  # ￥500
        )
        (?: \s* / \s* (?P<per> [\u4e00-\u9fff·]{{1,6}} ) )?      # 0.5元/千瓦时
        (?: \s* [（(] 含 [^）)]{{0,12}} [）)] )?                 # （含5000元）: the bound is included
        (?P<after> {_alt(after)} )?                              # 以上 / 以下 / 以内 (optional)
    """
    # Anchors: the last character of every currency word, and the signs (元, 币, ￥ …).
    anchor_chars = {word[-1] for word in currencies} | set("".join(prefixes))
    heads_alt = _alt(heads)
    return _Money(
        pattern=compile_pattern(RULES, "currencies", pattern, re.VERBOSE),
        anchor=re.compile("[" + re.escape("".join(sorted(anchor_chars))) + "]"),
        currencies={**currencies, **prefixes},
        before=before,
        after=after,
        subject_after=compile_pattern(RULES, "subject.heads", rf"的? ([\u4e00-\u9fff]{{0,8}}? (?:{heads_alt}))", re.VERBOSE),
        subject_heads=tuple(sorted(heads, key=len, reverse=True)),
        per_prefix=compile_pattern(RULES, "subject.heads", rf"^.*每[\u4e00-\u9fff]{{1,3}}?(?=(?:{heads_alt}))"),
        leading_verbs=compile_pattern(RULES, "subject.leading_verbs",
                                      rf"^(?:{_alt(require(rules, RULES, 'subject.leading_verbs', list))})"),
    )


@cache
def money_rules() -> _Money:
    """The money rules from ``rules/money.toml`` (once per process)."""
    return compile_rules(load_rules(RULES))


def _currency(match: re.Match) -> str:
    currencies = money_rules().currencies
    written = match.group("amount")
    return next((currencies[w] for w in sorted(currencies, key=len, reverse=True) if w in written), "CNY")


LEADING_ZERO = re.compile(r"0\d")  # 010-65367254, 000: a code, not a sum


def _value(number: str) -> float | None:
    if LEADING_ZERO.match(number):
        return None
    return parse_number(number.replace("余", "").replace("多", "").replace(" ", ""))


def _subject(text: str, start: int, end: int) -> str | None:
    """A short noun phrase naming the money: right after the amount, else in the clause before it."""
    m = money_rules()
    after = m.subject_after.match(text, end, min(len(text), end + SUBJECT_AFTER_CHARS))
    if after:
        return after.group(1)
    clause = re.split(r"[，,。；;、：:（(]", text[max(0, start - SUBJECT_BEFORE_CHARS):start])[-1]
    ends = [clause.rfind(head) + len(head) for head in m.subject_heads if head in clause]
    if not ends:
        return None
    phrase = m.per_prefix.sub("", clause[:max(ends)])[-SUBJECT_MAX_CHARS:]  # 每户补助 → 补助
    phrase = m.leading_verbs.sub("", phrase)                                 # 安排专项资金 → 专项资金
    return phrase if len(phrase) > 1 else None


def _single_bounds(value: float, before: Bound | None, after: Bound | None) -> dict:
    """One number: its bound word sets one bound (以上 → min), none makes min = max."""
    chosen = after or before
    if chosen is None:
        return {"min": value, "max": value, "min_inclusive": True, "max_inclusive": True}
    if chosen.bound == "min":
        return {"min": value, "max": None, "min_inclusive": chosen.inclusive, "max_inclusive": None}
    return {"min": None, "max": value, "min_inclusive": None, "max_inclusive": chosen.inclusive}


def extract_amounts(text: str, offset: int = 0) -> list[Amount]:
    """Money amounts in ``text`` (a span of the body), in order; finding none is ``[]``.

    Offsets are ``offset`` + positions in ``text``.

    >>> [(a.text, a.min, a.max) for a in extract_amounts("给予500-3000元临时救助资金支持，电话010-65367254")]
    [('500-3000元', 500.0, 3000.0)]
    >>> [(a.text, a.max, a.max_inclusive, a.subject) for a in extract_amounts("年人均纯收入低于5000元")]
    [('低于5000元', 5000.0, False, '年人均纯收入')]
    >>> extract_amounts("吸纳3万人就业，覆盖5万户，增长5%，国发〔2021〕7号")
    []
    """
    m = money_rules()
    found = [amount for match in anchored_finditer(m.pattern, text, m.anchor, WINDOW_BEFORE, WINDOW_AFTER)
             if (amount := _from_match(text, match, offset)) is not None]
    return _merge_pairs(text, found, offset)


def _from_match(text: str, match: re.Match, offset: int) -> Amount | None:
    m = money_rules()
    before = m.before.get(match.group("before") or "")
    after = m.after.get(match.group("after") or "")
    start = match.start() if before else match.start("amount")  # fillers alone are not evidence
    end = match.end()
    if _glued_to_digits(text, match.start("amount")):
        return None
    if match.group("low") is not None:
        bounds = _range_bounds(match.group("low"), match.group("high"))
    else:
        value = _value(match.group("single") or match.group("signed"))
        bounds = None if value is None else _single_bounds(value, before, after)
    if bounds is None:
        return None
    return Amount(
        text=text[start:end], currency=_currency(match), per=match.group("per"),
        subject=_subject(text, start, end), start=offset + start, end=offset + end, **bounds,
    )


def _range_bounds(low_text: str, high_text: str) -> dict | None:
    low, high = _value(low_text), _value(high_text)
    if low is None or high is None:
        return None
    low = _shared_scale(low_text, low, high_text)
    return {"min": low, "max": high, "min_inclusive": True, "max_inclusive": True}


def _shared_scale(low_text: str, low: float, high_text: str) -> float:
    """In "3-5万元" the 万 of the upper bound applies to the lower one too.

    >>> _shared_scale("3", 3.0, "5万"), _shared_scale("3000", 3000.0, "5万"), _shared_scale("3万", 3e4, "5万")
    (30000.0, 3000.0, 30000.0)
    """
    scale = next((SCALES[ch] for ch in high_text if ch in SCALES), None)
    if scale is None or re.search(r"[万亿千百]", low_text):
        return low
    high_digits = _value(re.sub(r"[万亿]", "", high_text))
    # "3000-5万元" is written in full already; "3-5万元" is not: compare with the bare upper number
    return low * scale if high_digits is not None and low <= high_digits else low


def _glued_to_digits(text: str, start: int) -> bool:
    """A number run on from other digits (an ID, a phone number, 2，000) is not an amount."""
    if start == 0:
        return False
    prev = text[start - 1]
    return prev.isdigit() or prev in ".-/" or (prev in ",，" and text[start - 2:start - 1].isdigit())


def _merge_pairs(text: str, amounts: list[Amount], offset: int) -> list[Amount]:
    """"三千元以上两万元以下" is one amount with both bounds."""
    out: list[Amount] = []
    for amount in amounts:
        prev = out[-1] if out else None
        if prev is not None and _is_lower_then_upper(text, prev, amount, offset):
            out[-1] = Amount(
                text=text[prev.start - offset:amount.end - offset], min=prev.min, max=amount.max,
                min_inclusive=prev.min_inclusive, max_inclusive=amount.max_inclusive,
                currency=prev.currency, per=amount.per or prev.per, subject=amount.subject or prev.subject,
                start=prev.start, end=amount.end)
        else:
            out.append(amount)
    return out


def _is_lower_then_upper(text: str, prev: Amount, amount: Amount, offset: int) -> bool:
    between = text[prev.end - offset:amount.start - offset]
    return (prev.max is None and prev.min is not None and amount.min is None and amount.max is not None
            and between in ("", "、", "，", ",", "至", "到"))


def parse_amount(text: str) -> Amount | None:
    """The single amount an expression states, or None (none, or more than one).

    >>> a = parse_amount("处三千元以上两万元以下罚款")
    >>> a.min, a.max, a.min_inclusive, a.max_inclusive
    (3000.0, 20000.0, True, True)
    >>> parse_amount("0.5元/千瓦时").per
    '千瓦时'
    """
    found = extract_amounts(text)
    return found[0] if len(found) == 1 else None
