"""Money amounts with exact bounds (Civil Code art. 1259), each with its evidence.

``extract_amounts`` finds amounts in a span of the body; ``parse_amount`` converts one
expression.  Only numbers written with a currency (元, 万元, 亿元, 美元, ￥, 新台币…元) are money,
so phone numbers, 文号, counts (27042名, 3万人, 万户), percentages and years never are; a bare
number in a table column whose header names the currency (金额（万元）) is money too
(``money_columns``).  Rules in ``rules/money.toml``.

``text`` is the expression with its bound words ("5万元以下", "低于5000元", "最高不超过20万元",
"三千元以上两万元以下"); a bound word alone sets one bound, a range sets both (inclusive), a
single amount is min = max.  A negation flips a comparative (不得低于 is an inclusive minimum);
"30余万元" is more than its number; a bound before the first amount of a 、-list applies to
each ("分别不少于60万元、40万元").  ``subject`` is a short noun phrase ending in a money word
(资金, 补助, 额度, 收入 …) right after the amount or in the clause before it, else None.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..models import Amount
from ..rules import compile_pattern, load_rules, require, require_mapping, require_tables
from ..text.numerals import CN_DIGIT, CN_LEADING_UNITS, CN_NUMERAL_CHARS, CN_POINT, parse_number
from ..text.scan import anchored_finditer
from .money_columns import column_amounts, header_pattern

RULES = "money"



def _number(approximate: str) -> str:
    """A number as written before a currency word; ``approximate`` (余|多) after it means "more than"."""
    return rf"""(?:
      \d+ (?:,\d{{3}})* (?:\.\d+)? [ \t]*       # 3000  2,000  0.5
      (?:{approximate})? [ \t]*                # 30余 (more than 30)
      [十百千]? (?:万亿|[万亿])?                # 3千  5万  1.5亿  1.2万亿
    | [{"".join(CN_DIGIT)}{CN_LEADING_UNITS}]   # a Chinese numeral starts with a digit or 十 ...
      [{CN_NUMERAL_CHARS}]*                     # ... 三千  二百万  两万 (not 万元 alone)
      (?: {CN_POINT} [{"".join(CN_DIGIT)}]+ [十百千万亿]* )?   # 十二点八四万亿
      (?: (?:{approximate}) [十百千万亿]* )?    # 两千三百多万
)"""


# Between the ends of a range: 500-3000元, 500—3000元, 500~3000元, 500至3000元 (not across lines).
RANGE_DASH = r"[ \t]* (?:-|－|—|–|~|～|〜|至|到) [ \t]*"
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


@dataclass(frozen=True)
class Bound:
    word: str
    bound: str      # "min" or "max"
    inclusive: bool

    def flipped(self) -> Bound:
        """The bound a negation makes of it: 不超过 (max, inclusive) from 超过 (min, exclusive)."""
        return Bound(self.word, "max" if self.bound == "min" else "min", not self.inclusive)


MORE_THAN = Bound("余", "min", False)


@dataclass(frozen=True)
class _Money:
    pattern: re.Pattern
    anchor: re.Pattern
    currencies: dict[str, str]
    names: dict[str, str]
    before: dict[str, Bound]
    after: dict[str, Bound]
    bare_scales: dict[str, int]
    approximate: tuple[str, ...]
    column_header: re.Pattern
    subject_after: re.Pattern
    subject_heads: tuple[str, ...]
    per_prefix: re.Pattern
    leading_verbs: re.Pattern


def _alt(words) -> str:
    """An alternation of literal words, longest first (so 元人民币 wins over 元)."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def _alt_spaced(words) -> str:
    """Like ``_alt``, but a line break or space may split a word (以\\n上 in a hard-wrapped PDF)."""
    return "|".join(r"\s*".join(map(re.escape, w)) for w in sorted(words, key=len, reverse=True))


def _first_chars(*word_lists) -> str | None:
    """The characters an amount can start with (a class body), from the words that may open it
    and the shapes of a number; None when a word is empty (any character may then start one)."""
    words = [w for ws in word_lists for w in ws]
    if not all(words):
        return None
    chars = "".join(sorted({w[0] for w in words} | set(CN_DIGIT) | set(CN_LEADING_UNITS)))
    return r"\s\d" + re.escape(chars)


def _opening_with(first: str | None, pattern: str) -> str:
    """The pattern behind a look-ahead for its possible first characters: sre rejects most
    positions of a window at once instead of trying every optional word before the number."""
    return pattern if first is None else f"(?=[{first}])(?:{pattern})"


def _bounds(rules: dict, key: str) -> dict[str, Bound]:
    tables = require_tables(rules, RULES, key, {"word": str, "bound": ("min", "max"), "inclusive": (True, False)})
    return {t["word"]: Bound(t["word"], t["bound"], t["inclusive"]) for t in tables}


def compile_rules(rules: dict) -> _Money:
    """Validate the money lexicons and build the amount pattern once (RuleError on a bad rule)."""
    currencies = require_mapping(rules, RULES, "currencies", str)
    prefixes = require_mapping(rules, RULES, "prefix_currencies", str)
    names = require_mapping(rules, RULES, "currency_names", str)
    bare = require_mapping(rules, RULES, "bare_scales", int)
    fillers = require(rules, RULES, "fillers", list)
    negations = require(rules, RULES, "negations", list)
    approximate = require(rules, RULES, "approximate_after", list)
    before, after = _bounds(rules, "bounds_before"), _bounds(rules, "bounds_after")
    heads = require(rules, RULES, "subject_heads", list)
    currency, name, number = _alt(currencies), _alt(names), _number(_alt(approximate))
    pattern = _opening_with(_first_chars(negations, before, fillers, names, bare, prefixes), rf"""
        (?P<before> (?: (?P<neg> {_alt(negations)} ) \s* )?     # 不得 (optional) ...
                    (?P<comp> {_alt(before)} ) )? \s*            # ... 低于 / 最高 / 超 (optional)
        (?: (?:{_alt(fillers)}) \s* ){{0,2}}                     # 可达 / 补助 (optional, after a bound word)
        (?P<amount>
            (?: (?P<name> {name} ) \s* )?                        # 新台币 / 人民币 (optional)
            (?: (?P<low> {number} ) [ \t]*                       # 500
                (?: (?:{currency}) [ \t]* )?                     # (元)
                {RANGE_DASH}                                     # - / 至
                (?P<high> {number} ) \s* (?P<cur> {currency} )   # 3000元
              | (?P<single> {number} ) \s* (?P<cur1> {currency} )            # 100万元
              | (?<![\d.{CN_POINT}]) (?P<bare> {_alt(bare)} ) (?P<cur2> 元 ) )  # 亿元 (one of the scale)
          | (?P<sign> {_alt(prefixes)} ) \s* (?P<signed> {number} ) (?: \s* 元 )?  # ￥500
        )
        (?: \s* / \s* (?P<per> [\u4e00-\u9fff·]{{1,6}} ) )?      # 0.5元/千瓦时
        (?: \s* [（(] 含 [^）)]{{0,12}} [）)] )?                 # （含5000元）: the bound is included
        (?P<after> {_alt_spaced(after)} )?                       # 以上 / 以下 / 以内 (optional)
    """)
    # Anchors: the last character of every currency word, and the signs (元, 币, ￥ …).
    anchor_chars = {word[-1] for word in currencies} | set("".join(prefixes))
    heads_alt = _alt(heads)
    return _Money(
        pattern=compile_pattern(RULES, "currencies", pattern, re.VERBOSE),
        anchor=re.compile("[" + re.escape("".join(sorted(anchor_chars))) + "]"),
        currencies={**currencies, **prefixes},
        names=dict(names),
        before=before,
        after=after,
        bare_scales=dict(bare),
        approximate=tuple(approximate),
        column_header=header_pattern(currencies),
        subject_after=compile_pattern(RULES, "subject_heads", rf"的? ([\u4e00-\u9fff]{{0,8}}? (?:{heads_alt}))", re.VERBOSE),
        subject_heads=tuple(sorted(heads, key=len, reverse=True)),
        per_prefix=compile_pattern(RULES, "subject_heads", rf"^.*每[\u4e00-\u9fff]{{1,3}}?(?=(?:{heads_alt}))"),
        leading_verbs=compile_pattern(RULES, "subject_leading_verbs",
                                      rf"^(?:{_alt(require(rules, RULES, 'subject_leading_verbs', list))})"),
    )


@cache
def money_rules() -> _Money:
    """The money rules from ``rules/money.toml`` (once per process)."""
    return compile_rules(load_rules(RULES))


def _currency(match: re.Match) -> str:
    m = money_rules()
    if match.group("name"):
        return m.names[match.group("name")]
    written = match.group("cur") or match.group("cur1") or match.group("cur2") or match.group("sign")
    return m.currencies.get(written, "CNY")


LEADING_ZERO = re.compile(r"0\d")  # 010-65367254, 000: a code, not a sum
SPACE = re.compile(r"\s")
CLAUSE_BREAK = re.compile(r"[，,。；;、：:（(]")   # a subject before an amount is in its clause


def _value(number: str) -> float | None:
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
    clause = CLAUSE_BREAK.split(text[max(0, start - SUBJECT_BEFORE_CHARS):start])[-1]
    ends = [clause.rfind(head) + len(head) for head in m.subject_heads if head in clause]
    if not ends:
        return None
    phrase = m.per_prefix.sub("", clause[:max(ends)])[-SUBJECT_MAX_CHARS:]  # 每户补助 → 补助
    phrase = m.leading_verbs.sub("", phrase)                                 # 安排专项资金 → 专项资金
    return phrase if len(phrase) > 1 else None


def _single_bounds(value: float, chosen: Bound | None) -> dict:
    """One number: its bound word sets one bound (以上 → min), none makes min = max."""
    if chosen is None:
        return {"min": value, "max": value, "min_inclusive": True, "max_inclusive": True}
    if chosen.bound == "min":
        return {"min": value, "max": None, "min_inclusive": chosen.inclusive, "max_inclusive": None}
    return {"min": None, "max": value, "min_inclusive": None, "max_inclusive": chosen.inclusive}


@dataclass(frozen=True)
class _Found:
    amount: Amount
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
    found = [f for match in anchored_finditer(m.pattern, text, m.anchor, WINDOW_BEFORE, WINDOW_AFTER)
             if (f := _from_match(text, match, offset)) is not None]
    amounts = _merge_pairs(text, _share_list_bounds(text, found, offset), offset)
    columns = column_amounts(text, offset, m.column_header, m.currencies)
    if not columns:
        return amounts
    taken = {(a.start, a.end) for a in amounts}
    return sorted(amounts + [a for a in columns if (a.start, a.end) not in taken], key=lambda a: a.start)


def _bound_of(match: re.Match) -> tuple[Bound | None, Bound | None]:
    """(the bound the amount takes, the bound written before it)."""
    m = money_rules()
    before = m.before.get(match.group("comp") or "")
    if before is not None and match.group("neg"):
        before = before.flipped()
    written_after = match.group("after")
    after = m.after.get(SPACE.sub("", written_after)) if written_after else None
    number = match.group("single") or ""
    approximate = MORE_THAN if any(word in number for word in m.approximate) else None
    return after or before or approximate, before


def _from_match(text: str, match: re.Match, offset: int) -> _Found | None:
    chosen, before = _bound_of(match)
    start = match.start() if match.group("before") else match.start("amount")  # fillers alone are not evidence
    end = match.end()
    if _glued_to_digits(text, match.start("amount")):
        return None
    value = None
    if match.group("low") is not None:
        bounds = _range_bounds(match.group("low"), match.group("high"))
    else:
        if match.group("bare"):
            if text[match.start("bare") - 1:match.start("bare")] in BARE_SCALE_NOT_AFTER \
                    or text[match.end("cur2"):match.end("cur2") + 1] in BARE_SCALE_NOT_BEFORE:
                return None
            value = float(money_rules().bare_scales[match.group("bare")])
        else:
            value = _value(match.group("single") or match.group("signed"))
        bounds = None if value is None else _single_bounds(value, chosen)
    if bounds is None:
        return None
    amount = Amount(
        text=text[start:end], currency=_currency(match), per=match.group("per"),
        subject=_subject(text, start, end), start=offset + start, end=offset + end, **bounds,
    )
    plain = chosen is None and match.group("low") is None
    return _Found(amount, value, before, plain)


def _share_list_bounds(text: str, found: list[_Found], offset: int) -> list[Amount]:
    """分别不少于60万元、40万元、5万元: the bound before the first amount applies to each."""
    out: list[Amount] = []
    shared: Bound | None = None
    for k, f in enumerate(found):
        prev = found[k - 1].amount if k else None
        joined = prev is not None and text[prev.end - offset:f.amount.start - offset] == LIST_JOINER
        if f.bound_before is not None:
            shared = f.bound_before
        elif not joined:
            shared = None
        if f.bare and joined and shared is not None and f.value is not None:
            out.append(f.amount.model_copy(update=_single_bounds(f.value, shared)))
        else:
            out.append(f.amount)
    return out


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


GLUED_BEFORE = ".-/元" + CN_POINT + CN_NUMERAL_CHARS  # 元: …万元一元 is a garbled transcript


def _glued_to_digits(text: str, start: int) -> bool:
    """A number run on from other digits (an ID, a phone number, 2，000, the 八四 of 十二点八四)
    is not an amount."""
    if start == 0:
        return False
    prev = text[start - 1]
    return prev.isdigit() or prev in GLUED_BEFORE or (prev in ",，" and text[start - 2:start - 1].isdigit())


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
    >>> parse_amount("处新台币六百元以上一千二百元以下罚锾").currency
    'TWD'
    """
    found = extract_amounts(text)
    return found[0] if len(found) == 1 else None
