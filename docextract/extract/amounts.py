"""Money amounts with exact bounds (Civil Code art. 1259), each with its evidence.

``extract_amounts`` finds amounts in a span of the body; ``parse_amount`` converts one
expression.  Only numbers written with a currency (元, 万元, 亿元, 美元, ￥, 新台币…元) are money,
so phone numbers, 文号, counts (27042名, 3万人, 万户), percentages and years never are; a bare
number in a table column whose header names the currency (金额（万元）) is money too
(``money_columns``).  Rules in ``rules/money.toml``, compiled by ``money_pattern``.

``text`` is the expression with its bound words ("5万元以下", "低于5000元", "最高不超过20万元",
"三千元以上两万元以下"); a bound word alone sets one bound, a range sets both (inclusive), a
single amount is min = max.  A negation flips a comparative (不得低于 is an inclusive minimum);
"30余万元" is more than its number; a bound before the first amount of a 、-list applies to
each ("分别不少于60万元、40万元").  ``subject`` is a short noun phrase ending in a money word
(资金, 补助, 额度, 收入 …) right after the amount or in the clause before it, else None.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from dataclasses import dataclass

from ..models import Amount, validated
from ..text.numerals import CN_NUMERAL_CHARS, CN_POINT, parse_number
from ..text.scan import char_places, merge_windows
from .money_columns import column_amounts, may_hold_header
from .money_pattern import MORE_THAN, Bound, MoneyRules, compile_rules, money_rules

__all__ = ["compile_rules", "extract_amounts", "money_rules", "parse_amount"]

SCALES = {"万": 1e4, "亿": 1e8}
SUBJECT_MAX_CHARS = 10       # a subject is a short noun phrase, not a clause
SUBJECT_AFTER_CHARS = 12     # how far after the amount its subject may end (500元临时救助资金)
SUBJECT_BEFORE_CHARS = 16    # how far before it (贷款额度须在5万元以下)
WINDOW_BEFORE, WINDOW_AFTER = 48, 16  # room for 最高不超过 + 新台币 + 3,000.50万 + range, and 以上 / 元/千瓦时
# A bare scale (亿元) is no amount in a column header (（亿元）), a rate (每亿元) or a vague count (数亿元).
BARE_SCALE_NOT_AFTER = "（(每数几多余上" + CN_NUMERAL_CHARS
BARE_SCALE_NOT_BEFORE = "）)"
# Between the amounts of a list that share the bound written before the first (分别不少于60万元、40万元).
LIST_JOINER = "、"
DEFAULT_CURRENCY = Amount.model_fields["currency"].default   # CNY


VALUES_REMEMBERED = 4096     # distinct numbers as written; plenty for a batch, bounded for a long one
LEADING_ZERO = re.compile(r"0\d")  # 010-65367254, 000: a code, not a sum
SPACE = re.compile(r"\s")
CLAUSE_BREAK = re.compile(r"[，,。；;、：:（(]")   # a subject before an amount is in its clause


@lru_cache(maxsize=VALUES_REMEMBERED)
def _value(number: str) -> float | None:
    """The value of a number as the pattern read it (remembered: a notice's table of fines
    writes 六百元 and 一千二百元 dozens of times)."""
    if number.isdigit() and number.isascii():  # the common case (500元): what parse_number would say
        return None if number[0] == "0" and len(number) > 1 else float(number)
    if LEADING_ZERO.match(number):
        return None
    for word in money_rules().approximate:
        number = number.replace(word, "")
    return parse_number(SPACE.sub("", number))


def _subject(text: str, start: int, end: int) -> str | None:
    """A short noun phrase naming the money: right after the amount, else in the clause before it."""
    m = money_rules()
    after = m.subject_after.match(text, end, min(len(text), end + SUBJECT_AFTER_CHARS))
    if after:
        return after.group(1)
    low = max(0, start - SUBJECT_BEFORE_CHARS)
    if not m.any_subject_head.search(text, low, start):
        return None   # most amounts: no money word just before them (so none in their clause: no split)
    clause = CLAUSE_BREAK.split(text[low:start])[-1]
    if not m.any_subject_head.search(clause):
        return None   # the money word stands in an earlier clause: not this amount's subject
    ends = [clause.rfind(head) + len(head) for head in m.subject_heads if head in clause]
    if not ends:
        return None
    phrase = m.per_prefix.sub("", clause[:max(ends)])[-SUBJECT_MAX_CHARS:]  # 每户补助 → 补助
    phrase = m.leading_verbs.sub("", phrase)                                 # 安排专项资金 → 专项资金
    return phrase if len(phrase) > 1 else None


def _single_bounds(value: float, chosen: Bound | None) -> tuple:
    """One number: its bound word sets one bound (以上 → min), none makes min = max.
    ``(min, max, min_inclusive, max_inclusive)``."""
    if chosen is None:
        return value, value, True, True
    if chosen.bound == "min":
        return value, None, chosen.inclusive, None
    return None, value, None, chosen.inclusive


@dataclass(slots=True)
class _Found:
    """An amount before it becomes an ``Amount``: a list may still share its bound, a pair merge."""

    start: int                # offsets in the text searched
    end: int
    bounds: tuple             # (min, max, min_inclusive, max_inclusive)
    currency: str
    per: str | None
    subject: str | None
    value: float | None       # the number of a single amount (None for a range)
    bound_before: Bound | None  # the bound written before it, which a 、-list shares
    bare: bool                # no bound word at all: it may take the bound of its list


def extract_amounts(text: str, offset: int = 0) -> list[Amount]:
    """Money amounts in ``text`` (a span of the body), in order; finding none is ``[]``.

    Offsets are ``offset`` + positions in ``text``.

    >>> [(a.text, a.min, a.max) for a in extract_amounts("给予500-3000元临时救助资金支持，电话010-65367254")]
    [('500-3000元', 500.0, 3000.0)]
    >>> [(a.text, a.max, a.max_inclusive, a.subject) for a in extract_amounts("年人均纯收入低于5000元")]
    [('低于5000元', 5000.0, False, '年人均纯收入')]
    >>> [(a.text, a.min, a.min_inclusive) for a in extract_amounts("注册资本不得低于三千万元")]
    [('不得低于三千万元', 30000000.0, True)]
    >>> extract_amounts("吸纳3万人就业，覆盖5万户，增长5%，国发〔2021〕7号")
    []
    """
    m = money_rules()
    places = char_places(text, m.anchor_chars)
    if not places:   # every amount holds an anchor, and every column header a currency word (ending in one)
        return []
    found = [f for start, end in _windows(text, places, m) for match in m.pattern.finditer(text, start, end)
             if (f := _from_match(text, match)) is not None]
    _share_list_bounds(text, found)
    amounts = [_amount(text, f, offset) for f in _merge_pairs(text, found)]
    columns = (column_amounts(text, offset, m.column_headers, m.currencies)
               if may_hold_header(text, places) else [])
    if not columns:
        return amounts
    taken = {(a.start, a.end) for a in amounts}
    return sorted(amounts + [a for a in columns if (a.start, a.end) not in taken], key=lambda a: a.start)


def _windows(text: str, places: list[int], m: MoneyRules) -> Iterator[tuple[int, int]]:
    """The windows around the anchors (``scan.char_windows``), each from where the run of the
    characters an amount may hold before an anchor starts, before the window's first anchor: the
    pattern's look-ahead (``money_pattern._opening_with``) fails at every place before, so the
    search skips them (a window reaches 48 characters back; the run is seldom 10 long).
    ``places``: the anchors (``scan.char_places``).  The run is read backwards: the reversed text
    before the anchor, matched from its start."""
    k = 0
    for low, high in merge_windows([(at, at + 1) for at in places], WINDOW_BEFORE, WINDOW_AFTER, len(text)):
        while places[k] < low:
            k += 1
        first = places[k]   # no anchor stands in [low, first): its window would reach back past low
        yield first - m.reach_run.match(text[low:first][::-1]).end(), high


def _amount(text: str, f: _Found, offset: int) -> Amount:
    low, high, low_inclusive, high_inclusive = f.bounds
    fields = {"text": text[f.start:f.end], "min": low, "max": high, "min_inclusive": low_inclusive,
              "max_inclusive": high_inclusive, "start": offset + f.start, "end": offset + f.end}
    # (a field at its default is left out: pydantic takes a default for less than it validates a value)
    if f.currency != DEFAULT_CURRENCY:
        fields["currency"] = f.currency
    if f.per is not None:
        fields["per"] = f.per
    if f.subject is not None:
        fields["subject"] = f.subject
    return validated(Amount, fields)


def _from_match(text: str, match: re.Match) -> _Found | None:
    amount_start = match.start("amount")
    if _glued_to_digits(text, amount_start):
        return None
    m = money_rules()
    before_text, neg, comp, after, number, high, bare, signed, name, cur, cur1, cur2, sign, per \
        = m.read_groups(match.groups())
    low, single = (number, None) if high is not None else (None, number)
    chosen, before = _bound_of(m, neg, comp, after, single)
    start = match.start() if before_text else amount_start  # fillers alone are not evidence
    end = match.end()
    value = None
    if low is not None:
        bounds = _range_bounds(low, high)
    else:
        if bare:
            if text[match.start("bare") - 1:match.start("bare")] in BARE_SCALE_NOT_AFTER \
                    or text[match.end("cur2"):match.end("cur2") + 1] in BARE_SCALE_NOT_BEFORE:
                return None
            value = float(m.bare_scales[bare])
        else:
            value = _value(single or signed)
        bounds = None if value is None else _single_bounds(value, chosen)
    if bounds is None:
        return None
    currency = m.names[name] if name else m.currencies.get(cur or cur1 or cur2 or sign, "CNY")
    return _Found(start, end, bounds, currency, per, _subject(text, start, end), value, before,
                  chosen is None and low is None)


def _bound_of(m: MoneyRules, neg: str | None, comp: str | None, after: str | None,
              single: str | None) -> tuple[Bound | None, Bound | None]:
    """(the bound the amount takes, the bound written before it)."""
    before = (m.negated if neg else m.before).get(comp or "")
    if after:
        after_bound = m.after.get(after if after in m.after else SPACE.sub("", after))
        if after_bound is not None:
            return after_bound, before
    if before is not None:
        return before, before
    number = single or ""
    for word in m.approximate:
        if word in number:
            return MORE_THAN, before
    return None, before


def _share_list_bounds(text: str, found: list[_Found]) -> None:
    """分别不少于60万元、40万元、5万元: the bound before the first amount applies to each."""
    shared: Bound | None = None
    prev = None
    for f in found:
        joined = prev is not None and text[prev.end:f.start] == LIST_JOINER
        if f.bound_before is not None:
            shared = f.bound_before
        elif not joined:
            shared = None
        if f.bare and joined and shared is not None and f.value is not None:
            f.bounds = _single_bounds(f.value, shared)
        prev = f


def _range_bounds(low_text: str, high_text: str) -> tuple | None:
    low, high = _value(low_text), _value(high_text)
    if low is None or high is None:
        return None
    low = _shared_scale(low_text, low, high_text)
    return low, high, True, True


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


GLUED_BEFORE = ".-/元" + CN_POINT + CN_NUMERAL_CHARS  # 元: …万元一元 is a garbled transcript


def _glued_to_digits(text: str, start: int) -> bool:
    """A number run on from other digits (an ID, a phone number, 2，000, the 八四 of 十二点八四)
    is not an amount."""
    if start == 0:
        return False
    prev = text[start - 1]
    return prev.isdigit() or prev in GLUED_BEFORE or (prev in ",，" and text[start - 2:start - 1].isdigit())


def _merge_pairs(text: str, found: list[_Found]) -> list[_Found]:
    """"三千元以上两万元以下" is one amount with both bounds."""
    out: list[_Found] = []
    for f in found:
        prev = out[-1] if out else None
        if prev is not None and _is_lower_then_upper(text, prev, f):
            low, _, low_inclusive, _ = prev.bounds
            _, high, _, high_inclusive = f.bounds
            out[-1] = _Found(prev.start, f.end, (low, high, low_inclusive, high_inclusive), prev.currency,
                             f.per or prev.per, f.subject or prev.subject, None, None, False)
        else:
            out.append(f)
    return out


def _is_lower_then_upper(text: str, prev: _Found, f: _Found) -> bool:
    low, high, _, _ = prev.bounds
    next_low, next_high, _, _ = f.bounds
    return (high is None and low is not None and next_low is None and next_high is not None
            and text[prev.end:f.start] in ("", "、", "，", ",", "至", "到"))


def parse_amount(text: str) -> Amount | None:
    """The single amount an expression states, or None (none, or more than one).

    >>> a = parse_amount("处三千元以上两万元以下罚款")
    >>> a.min, a.max, a.min_inclusive, a.max_inclusive
    (3000.0, 20000.0, True, True)
    >>> parse_amount("0.5元/千瓦时").per
    '千瓦时'
    >>> parse_amount("处新台币六百元以上一千二百元以下罚锾").currency
    'TWD'
    """
    found = extract_amounts(text)
    return found[0] if len(found) == 1 else None
