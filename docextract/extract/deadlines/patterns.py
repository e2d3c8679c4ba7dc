"""The deadline patterns, built once from ``rules/deadlines.toml`` (words) and the date-part
fragments below (grammar).  A malformed rule raises RuleError naming the file and key."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ...rules import compile_pattern, load_rules, require, require_mapping
from ...rules.fields import labels_with

RULES = "deadlines"
LIST_KEYS = ("before_words", "at_words", "completion_verbs", "reporting_verbs", "cadences",
             "relative_units", "anchor_ends", "event_before", "open_prefixes", "open_verbs", "open_phrases",
             "penalty_words", "right_words", "fact_words", "validity_words", "event_stop_words", "urgency_adverbs", "latest_words")

# Date parts shared by the patterns below (re.VERBOSE fragments; Chinese numerals allowed).
YEAR = r"(?P<year> \d{4} | [〇○零一二三四五六七八九]{4} ) \s* 年"
MONTH = r"(?P<month> 1[0-2] | 0?[1-9] | 十[一二]? | [一二三四五六七八九] ) \s* 月"
DAY = r"""(?P<day> 3[01] | [12]\d | 0?[1-9]
                 | 三十一? | 二十[一二三四五六七八九]? | 十[一二三四五六七八九]? | [一二三四五六七八九] ) (?!\d)  # not 每年14400元
          \s* [日号]?"""
QUARTER = r"第? (?P<quarter>[一二三四1-4]) \s* 季度"
HALF = r"(?P<half>上|下) 半年"
COUNT = r"(?P<n> \d{1,3} | [一二三四五六七八九十两]{1,4} )"
# A clause ends at these; look-aheads for a completion verb stay inside the clause.
CLAUSE_CHARS = r"[^，。；;,\n]"


def _alt(words) -> str:
    """An alternation of literal words, longest first (so 之前 wins over 前)."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@dataclass(frozen=True)
class DeadlinePatterns:
    by_date: re.Pattern
    at_point: re.Pattern
    latest: re.Pattern
    period_verb: re.Pattern
    field_point: re.Pattern
    plan_end: re.Pattern
    to_year: re.Pattern
    window: re.Pattern
    relative: re.Pattern
    event_before: re.Pattern
    recurring_due: re.Pattern
    recurring_cadence: re.Pattern
    open_limit: re.Pattern
    relative_years: dict[str, int]
    plans: dict[str, int]
    penalty: tuple[str, ...]
    rights: tuple[str, ...]
    facts: tuple[str, ...]
    validity: tuple[str, ...]
    anchor_ends: tuple[str, ...]
    event_stops: tuple[str, ...]


def _period(rel_year: str) -> str:
    """A period whose last day a deadline names: a month (and day or part), this month, a
    year's end, a quarter or a half year.  A bare 底/末 is a year's end only right after 年
    (2024年底, 今年底); "本月底" is a month's."""
    return rf"""
        {rel_year}                                          # 今年 / 明年 (optional)
        (?: {MONTH} \s*
              (?: {DAY}                                     # 3月31日 / 5月20
                | (?P<part> 底|末|上旬|中旬|下旬|份|中 ) )?  # 6月底 / 6月中旬 / 6月
          | (?P<thismonth> 本月|当月 ) (?:底|末)             # 本月底
          | (?<![每次本当上下个\d一二三四五六七八九十]) (?P<baremonth> 月(?:底|末) )  # 月底 (month not written)
          | (?P<yearend> 年底|年末|(?<=年)底|(?<=年)末 )     # 年底 / 2024年底
          | {QUARTER} (?:末)?                               # 一季度 / 第三季度末
          | {HALF} )                                        # 上半年 / 下半年
    """


def compile_rules(rules: dict) -> DeadlinePatterns:
    """Validate the deadline lexicons and build every pattern once (RuleError on a bad rule)."""
    words = {key: require(rules, RULES, key, list) for key in LIST_KEYS}
    relative_years = require_mapping(rules, RULES, "relative_years", int)
    plans = require_mapping(rules, RULES, "five_year_plans", int)
    before, at, verbs = _alt(words["before_words"]), _alt(words["at_words"]), _alt(words["completion_verbs"])
    rel_year = rf"(?P<rel_year> {_alt(relative_years)} )?"
    period = _period(rel_year)

    def build(key: str, pattern: str) -> re.Pattern:
        return compile_pattern(RULES, key, pattern, re.VERBOSE)

    return DeadlinePatterns(
        by_date=build("before_words", rf"""
            (?: (?:{at}) \s* )?                        # 于 / 在 / 到 (optional)
            (?: {YEAR} \s* )?                          # 2021年 (optional)
            {period} \s*                               # 6月底 / 一季度 / 年底
            (?P<before> {before} )                     # 前 / 之前 / 以前
        """),
        at_point=build("completion_verbs", rf"""
            (?<![\d月日号年]) (?:{at}) \s*            # 在 / 于: a point in time (not the 至 of 1月至6月) ...
            (?: {YEAR} \s* )? {period} \s*             # ... 2月 / 一季度 ...
            (?: 内|以内 )?                             # ... (内)
            (?= {CLAUSE_CHARS}{{0,8}}? (?:{verbs}) )   # ... followed closely by 完成 / 全面 / 复工
        """),
        latest=build("latest_words", rf"""
            (?: {_alt(words['latest_words'])} ) \s*   # 最迟不晚于 ...
            (?: {YEAR} \s* )? {period}                 # ... 6月30日: a limit even with no verb after it
        """),
        period_verb=build("completion_verbs", rf"""
            (?: {YEAR} \s* )? {rel_year}               # 2021年 / 今年 (optional)
            (?: {QUARTER} | {HALF}
              | (?P<yearend> 年内|年度内 ) ) (?:末)?   # 第三季度 / 上半年 / 年内
            (?= {CLAUSE_CHARS}{{0,4}}? (?:{verbs}) )   # a period alone is a deadline only before 完成 …
        """),
        field_point=build("completion_verbs", rf"""
            (?: {_alt(labels_with('deadline'))} ) \s* [:：] \s*    # 完成时限： (rules/fields.toml)
            (?P<value> (?: {YEAR} \s* )? {period}                 # 2021年6月
                       (?: \s* (?:{before}) )? )                  # (前)
        """),
        plan_end=build("five_year_plans", rf"""
            (?: {at} | 力争到 | 争取到 ) \s*           # 到
            [“"]? (?P<plan> {_alt(plans)} ) [”"]? \s*  # “十四五”
            (?: 末|期末|时期末|结束 )                  # 末
        """),
        to_year=build("at_words", rf"""
            (?<![\d年])
            (?: {at} | 力争到 | 争取到 ) \s*           # 到 (a target year) ...
            (?P<year> \d{{4}} ) \s* 年                 # ... 2025年
            (?P<yearend> 底|末 )?                      # (底)
            (?! \s* \d{{1,2}} \s* 月 )                 # not 到2025年3月 (a month follows: by_date's job)
        """),
        window=build("at_words", rf"""
            (?: (?P<at> {at} ) \s* )?                  # 于 (optional)
            (?: {YEAR} \s* )? {MONTH} \s*              # 2月
            (?P<day1> \d{{1,2}} ) \s* [日号]? \s*      # 13日
            (?: 至|到|—|-|～|~ ) \s*                   # 至
            (?: (?P<month2> \d{{1,2}} ) \s* 月 \s* )?  # (3月)
            (?P<day2> \d{{1,2}} ) \s* [日号]           # 15日
        """),
        relative=build("relative_units", rf"""
            {COUNT} \s*                                           # 30 / 三十
            (?P<unit> {_alt(words['relative_units'])} ) \s*       # 日 / 个工作日 / 小时
            (?: 内|以内|之内 )                                     # 内
        """),
        event_before=build("event_before", rf"""
            (?: (?:{at}) \s* )?                        # 在 (optional)
            (?: 项目 )?                                # 项目 (optional)
            (?: {_alt(words['event_before'])} )        # 开工建设
            (?: 之 )? 前                               # 前
        """),
        recurring_due=build("cadences", rf"""
            (?: 每 (?:个)? (?: {_alt(words['cadences'])} )   # 每月 / 每季度
              | 次月 | 次年 | 下月 | 每年 (?:度)? ) \s*      # 次月
            (?: {MONTH} \s* )?                                # (3月)
            (?: {DAY} \s*                                     # 10日
              | (?P<part> 底|末|初|上旬|中旬|下旬 ) ) \s*     # 底
            (?: {before} )?                                   # 前
        """),
        recurring_cadence=build("reporting_verbs", rf"""
            (?: 每 (?:个)? | 按 )                             # 每 / 按
            (?P<cadence> {_alt(words['cadences'])} ) \s*      # 季度
            (?: 度 )? \s*
            (?: 向 [^，。；]{{1,12}}? )?                      # (向市扶贫办)
            (?P<verb> {_alt(words['reporting_verbs'])} )      # 通报 / 报送
        """),
        open_limit=build("open_verbs", rf"""
            (?: {_alt(words['open_prefixes'])} )              # 限期 / 限时 ...
            (?: {_alt(words['open_verbs'])} )                 # ... 办结 / 整改
            (?: 到位|完毕 )?                                  # (到位)
          | (?: {_alt(words['open_phrases'])} )               # 在规定时限内
        """),
        relative_years=dict(relative_years),
        plans=dict(plans),
        penalty=tuple(words["penalty_words"]),
        rights=tuple(words["right_words"]),
        facts=tuple(words["fact_words"]),
        validity=tuple(words["validity_words"]),
        anchor_ends=tuple(sorted(words["anchor_ends"], key=len, reverse=True)),
        event_stops=tuple(words["event_stop_words"]),
    )


@cache
def patterns() -> DeadlinePatterns:
    """The patterns built from ``rules/deadlines.toml`` (once per process)."""
    return compile_rules(load_rules(RULES))
