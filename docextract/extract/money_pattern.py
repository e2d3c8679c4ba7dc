"""The money rules (``rules/money.toml``) compiled into one amount pattern, read by ``amounts``.

The pattern reads an amount with its bound words (不得低于, 最高, 以上 …), a currency name or
sign, a range and a unit price; named groups give each part.  Two look-aheads put before it
reject most positions of a text without trying its optional words (``_opening_with``).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from operator import itemgetter

from ..errors import RuleError
from ..rules import compile_pattern, load_rules, require, require_mapping, require_tables
from ..text.numerals import CN_DIGIT, CN_LEADING_UNITS, CN_NUMERAL_CHARS, CN_POINT
from .money_columns import header_pattern

RULES = "money"



def _number(approximate: str) -> str:
    """A number as written before a currency word; ``approximate`` (余|多) after it means "more than".

    An atomic group: what may follow a number (white space, a currency word, a range dash) is
    never a character of one, so a shorter reading of it could not let a match succeed where
    the longest failed, and the search need not try them all."""
    return rf"""(?>
      \d+ (?:,\d{{3}})* (?:\.\d+)? [ \t]*       # 3000  2,000  0.5
      (?:{approximate})? [ \t]*                # 30余 (more than 30)
      [十百千]? (?:万亿|[万亿])?                # 3千  5万  1.5亿  1.2万亿
    | [{"".join(CN_DIGIT)}{CN_LEADING_UNITS}]   # a Chinese numeral starts with a digit or 十 ...
      [{CN_NUMERAL_CHARS}]*                     # ... 三千  二百万  两万 (not 万元 alone)
      (?: {CN_POINT} [{"".join(CN_DIGIT)}]+ [十百千万亿]* )?   # 十二点八四万亿
      (?: (?:{approximate}) [十百千万亿]* )?    # 两千三百多万
)"""


# Between the ends of a range: 500-3000元, 500—3000元, 500~3000元, 500至3000元 (not across lines).
RANGE_DASH_CHARS = "-－—–~～〜至到"
RANGE_DASH = rf"[ \t]* [{re.escape(RANGE_DASH_CHARS)}] [ \t]*"


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
class MoneyRules:
    pattern: re.Pattern
    ungated: re.Pattern    # the pattern without its look-aheads (a test checks they reject no match)
    reach_run: re.Pattern  # a run of the characters the pattern's look-ahead lets stand before an anchor
    anchor: re.Pattern
    anchor_chars: str      # the characters of ``anchor`` (a class of them), for ``scan.char_windows``
    currencies: dict[str, str]
    names: dict[str, str]
    before: dict[str, Bound]
    negated: dict[str, Bound]   # the bounds before, flipped by a negation (不得低于)
    after: dict[str, Bound]
    bare_scales: dict[str, int]
    approximate: tuple[str, ...]
    column_headers: tuple[re.Pattern, ...]
    subject_after: re.Pattern
    subject_heads: tuple[str, ...]
    any_subject_head: re.Pattern
    per_prefix: re.Pattern
    leading_verbs: re.Pattern
    # ``read_groups(match.groups())``: the groups ``amounts`` reads, in the order of ``READ_GROUPS``
    # (one tuple of all groups, picked by index: a lookup of each by name costs more)
    read_groups: Callable[[tuple], tuple]


# The groups of ``pattern`` that ``amounts._from_match`` reads (``MoneyRules.read_groups``).
READ_GROUPS = ("before", "neg", "comp", "after", "number", "high", "bare", "signed", "name",
               "cur", "cur1", "cur2", "sign", "per")


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


def _opening_with(first: str | None, reach: str, anchor: str, pattern: str) -> str:
    """The pattern behind two look-aheads that reject most positions of a window before its many
    optional words are tried: its possible first characters, and a run of the characters the
    pattern is made of up to an anchor (every amount holds a currency word or sign, and before
    it only bound words, fillers, names, numbers, dashes and spaces)."""
    reaches = f"(?=[{reach}]*{anchor})"
    return reaches + f"(?:{pattern})" if first is None else f"(?=[{first}]){reaches}(?:{pattern})"


def _reach(*word_lists) -> str:
    """A class body of the characters a match may hold up to its currency word or sign: those of
    the words (currencies included), the numbers' (digits, Chinese numerals, separators), the
    range dashes' and white space."""
    chars = {ch for words in word_lists for word in words for ch in word}
    chars |= set(CN_NUMERAL_CHARS + CN_POINT + ",." + RANGE_DASH_CHARS)
    return r"\s\d" + "".join(map(re.escape, sorted(chars)))


def _anchor_chars(currencies, prefixes) -> str:
    """What every amount holds: the last character of a currency word, or a sign (元, 币, ￥ …)."""
    return "".join(sorted({word[-1] for word in currencies} | set("".join(prefixes))))


def _bounds(rules: dict, key: str) -> dict[str, Bound]:
    tables = require_tables(rules, RULES, key, {"word": str, "bound": ("min", "max"), "inclusive": (True, False)})
    return {t["word"]: Bound(t["word"], t["bound"], t["inclusive"]) for t in tables}


def compile_rules(rules: dict) -> MoneyRules:
    """Validate the money lexicons and build the amount pattern once (RuleError on a bad rule)."""
    currencies = require_mapping(rules, RULES, "currencies", str)
    prefixes = require_mapping(rules, RULES, "prefix_currencies", str)
    names = require_mapping(rules, RULES, "currency_names", str)
    bare = require_mapping(rules, RULES, "bare_scales", int)
    fillers = require(rules, RULES, "fillers", list)
    negations = require(rules, RULES, "negations", list)
    approximate = require(rules, RULES, "approximate_after", list)
    if not all(isinstance(word, str) and word and not any(ch.isdigit() for ch in word) for word in approximate):
        # (_value reads a number of digits alone without looking for them)
        raise RuleError(f"{RULES}.toml: approximate_after: words must be non-empty and hold no digit, got {approximate!r}")
    before, after = _bounds(rules, "bounds_before"), _bounds(rules, "bounds_after")
    heads = require(rules, RULES, "subject_heads", list)
    currency, name, number = _alt(currencies), _alt(names), _number(_alt(approximate))
    anchor_chars = _anchor_chars(currencies, prefixes)
    anchor = re.compile(f"[{re.escape(anchor_chars)}]")
    reach = _reach(negations, before, fillers, names, currencies, prefixes, bare, approximate)
    core = rf"""
        (?P<before> (?: (?P<neg> {_alt(negations)} ) \s* )?     # 不得 (optional) ...
                    (?P<comp> {_alt(before)} ) )? \s*            # ... 低于 / 最高 / 超 (optional)
        (?: (?:{_alt(fillers)}) \s* ){{0,2}}                     # 可达 / 补助 (optional, after a bound word)
        (?P<amount>
            (?: (?P<name> {name} ) \s* )?                        # 新台币 / 人民币 (optional)
            (?: (?P<number> {number} )                           # 500 / 100万: read once for a range's lower end or a single amount
                (?: [ \t]* (?: (?:{currency}) [ \t]* )?          # (元)
                    {RANGE_DASH}                                 # - / 至
                    (?P<high> {number} ) \s* (?P<cur> {currency} )   # 3000元
                  | \s* (?P<cur1> {currency} ) )                 # 元 (a single amount)
              | (?<![\d.{CN_POINT}]) (?P<bare> {_alt(bare)} ) (?P<cur2> 元 ) )  # 亿元 (one of the scale)
          | (?P<sign> {_alt(prefixes)} ) \s* (?P<signed> {number} ) (?: \s* 元 )?  # ￥500
        )
        (?: \s* / \s* (?P<per> [\u4e00-\u9fff·]{{1,6}} ) )?      # 0.5元/千瓦时
        (?: \s* [（(] 含 [^）)]{{0,12}} [）)] )?                 # （含5000元）: the bound is included
        (?P<after> {_alt_spaced(after)} )?                       # 以上 / 以下 / 以内 (optional)
    """
    pattern = _opening_with(_first_chars(negations, before, fillers, names, bare, prefixes), reach, anchor.pattern, core)
    heads_alt = _alt(heads)
    compiled = compile_pattern(RULES, "currencies", pattern, re.VERBOSE)
    return MoneyRules(
        pattern=compiled,
        ungated=re.compile(core, re.VERBOSE),
        reach_run=re.compile(f"[{reach}]*"),
        anchor=anchor,
        anchor_chars=anchor_chars,
        currencies={**currencies, **prefixes},
        names=dict(names),
        before=before,
        negated={word: bound.flipped() for word, bound in before.items()},
        after=after,
        bare_scales=dict(bare),
        approximate=tuple(approximate),
        column_headers=header_pattern(currencies),
        subject_after=compile_pattern(RULES, "subject_heads", rf"的? ([\u4e00-\u9fff]{{0,8}}? (?:{heads_alt}))", re.VERBOSE),
        subject_heads=tuple(sorted(heads, key=len, reverse=True)),
        any_subject_head=re.compile(heads_alt),
        per_prefix=compile_pattern(RULES, "subject_heads", rf"^.*每[\u4e00-\u9fff]{{1,3}}?(?=(?:{heads_alt}))"),
        leading_verbs=compile_pattern(RULES, "subject_leading_verbs",
                                      rf"^(?:{_alt(require(rules, RULES, 'subject_leading_verbs', list))})"),
        read_groups=itemgetter(*(compiled.groupindex[name] - 1 for name in READ_GROUPS)),
    )


@cache
def money_rules() -> MoneyRules:
    """The money rules from ``rules/money.toml`` (once per process)."""
    return compile_rules(load_rules(RULES))
