"""The deadline grammar, built once from ``rules/deadlines.toml`` (words) and the date-part
fragments below.  A malformed rule raises RuleError naming the file and key.

Every pattern is a ``Rule``: the compiled pattern, the kind it finds, and its anchor — a
pattern of the literals it cannot match without, built from the same words as the pattern
itself (so a new phrase in the rules file is always reachable), with how far the pattern may
reach before and after its anchor.  ``find.py`` runs each pattern only in windows around its
anchor; ``tests/test_deadlines.py`` checks that anchored and whole-text scans agree.

The anchors and their screens are built in ``anchors.py``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ...errors import RuleError
from ...rules import compile_pattern, load_rules, require, require_mapping
from ...rules.fields import labels_with
from .anchors import AnchorIndex, Gate, Rule, anchor_index

RULES = "deadlines"
LIST_KEYS = (
    "before_words", "at_words", "latest_words", "completion_verbs", "target_verbs", "window_tasks",
    "cadence_verbs", "cadence_systems", "daily_idioms", "anchor_ends", "event_verbs", "open_prefixes",
    "open_verbs", "open_qualifiers", "open_nouns", "on_time_words", "ongoing_words", "penalty_words",
    "enforcement_words", "right_words", "fact_words", "validity_words", "transition_words",
    "lookback_words", "ban_words", "extension_words", "event_stop_words", "benefit_words", "reporting_verbs",
    "condition_words", "deadline_labels", "definition_words",
)
PERIODS = ("day", "week", "month", "quarter", "half_year", "year")
UNITS = ("minute", "hour", "day", "working_day", "week", "month", "year")

# Date parts shared by the patterns below (re.VERBOSE fragments; Chinese numerals allowed).
CN_NUM = "〇○零一二三四五六七八九十两"
YEAR = r"(?P<year> \d{4} | [〇○零一二三四五六七八九]{4} ) \s* 年"
MONTH = r"(?P<month> 1[0-2] | 0?[1-9] | 十[一二]? | [一二三四五六七八九] ) \s* 月"
DAY = r"""(?P<day> 3[01] | [12]\d | 0?[1-9]
                 | 三十一? | 二十[一二三四五六七八九]? | 十[一二三四五六七八九]? | [一二三四五六七八九] ) (?!\d)  # not 每年14400元
          \s* [日号]?"""
# A time of day after a date: 18:00, 下午3点, 上午10时, 八时 (in brackets or not).
TIME = rf"""(?: \s* [（(]? \s* (?:上午|下午|中午|晚上|凌晨|早上)? \s*
              (?: \d{{1,2}} \s* [:：] \s* \d{{2}}
                | (?:\d{{1,2}}|[{CN_NUM}]{{1,3}}) \s* [时点] (?: \s* (?:\d{{1,2}}|[{CN_NUM}]{{1,3}}) \s* 分 | 半 | 整 )? )
              \s* [）)]? )"""
QUARTER = r"第? (?P<quarter>[一二三四1-4]) \s* 季度"
HALF = r"(?P<half>上|下) 半年"
COUNT_DIGITS = 3   # the most digits a count has (more is a year: 2024年)
COUNT = rf"(?P<n> \d{{1,{COUNT_DIGITS}}} | [{CN_NUM}]{{1,4}} )"
# The characters each fragment can start with (a rule's first-character class is built from
# these and the first characters of its words, so sre rejects most positions at once).
YEAR_FIRST = r"\d〇○零一二三四五六七八九"
MONTH_FIRST = r"\d一二三四五六七八九十"
PERIOD_FIRST = MONTH_FIRST + "本当月年底末第上下"   # + the first characters of relative years
COUNT_FIRST = r"\d" + CN_NUM
# A clause ends at these; look-aheads for a verb stay inside the clause.
CLAUSE_CHARS = r"[^，。；;,\n]"
# What stands right before a clause that opens with its event (规划报送批准前，…).
CLAUSE_OPENING = r"，,。；;！？\n：:"
DASH = r"(?:至|到|—|－|-|～|~)"
# What may end a period or a time of day (the last character of ``_period`` or TIME), or stand
# between one and the word after it: a by-date's 前 follows one of these.
PERIOD_ENDS = r"\d一二三四五六七八九十月日号底末旬份中度年时点分半整）)\s"   # (PERIOD_END_CHARS below)
# What a 年 opening a target year (到2025年, 2023年达到…) is never followed by: 2025年3月 is a date.
NOT_AFTER_TARGET_YEAR = r"\d | 月 | 第 | [一二三四]季 | 上半 | 下半 | 度 | 以来 | 起 | 的 | 初"
# The characters after 前 that make it no "before an event" (前往, 前提, 前列 …), and before it (目前, 提前 …).
NOT_AFTER_EVENT_BEFORE = rf"提列沿期后景往端身台夕述款项条者瞻夜面天日年月页教班车行、\d{CN_NUM}几"
NOT_BEFORE_EVENT_BEFORE = "当目此以事空提生学之"
NOT_AFTER_COUNTED_BEFORE = "提列沿期后景往端身台夕述款项条者"
# The characters a period ends with before a by-date's 前, besides digits and spaces (PERIOD_ENDS).
PERIOD_END_CHARS = "一二三四五六七八九十月日号底末旬份中度年时点分半整）)"
# Same-day limits (当日办结, 翌日八时前); the last character is the rule's anchor.
DAY_WORDS = ("当日", "当天", "即日", "次日", "翌日", "第二天", "第二日", "次一工作日", "下一工作日")
# What a cadence ends with right before the system word (季度通报制度, 月调度机制).
SYSTEM_PERIOD_ENDS = "日周旬月季年度"


def _alt(words) -> str:
    """An alternation of literal words, longest first (so 之前 wins over 前)."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def _firsts(words) -> str:
    """The first characters of ``words``, escaped for a character class."""
    return "".join(re.escape(w[0]) for w in sorted(set(words)))


def _ahead(*word_lists) -> str:
    """A look-ahead for the first characters of ``word_lists``' words, put before their alternation
    where a lazy run (``[^，。]{0,16}?``) tries it at each step: one class test rejects most steps
    (it holds wherever the alternation matches: no match changes); "" when a word is empty."""
    words = [w for ws in word_lists for w in ws]
    return f"(?=[{_firsts(words)}])" if words and all(words) else ""


@dataclass(frozen=True)
class DeadlinePatterns:
    rules: tuple[Rule, ...]
    anchors: AnchorIndex
    relative_years: dict[str, int]
    plans: dict[str, int]
    cadences: dict[str, str]
    units: dict[str, str]
    words: dict[str, tuple[str, ...]]
    event_verbs: re.Pattern
    window_task: re.Pattern
    open_limit_context: re.Pattern
    deadline_labels: tuple[str, ...]
    # ``any(word in piece for word in words[key])`` in one search (``_any_word``)
    transition: re.Pattern
    definition: re.Pattern


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
    words = {key: tuple(require(rules, RULES, key, list)) for key in LIST_KEYS}
    relative_years = require_mapping(rules, RULES, "relative_years", int)
    plans = require_mapping(rules, RULES, "five_year_plans", int)
    cadences = _checked_mapping(rules, "cadences", PERIODS)
    units = _checked_mapping(rules, "relative_units", UNITS)
    w = {key: _alt(value) for key, value in words.items()}
    before, at, verbs = w["before_words"], w["at_words"], w["completion_verbs"]
    rel_year = rf"(?P<rel_year> {_alt(relative_years)} )?"
    period = _period(rel_year)
    cadence = _alt(cadences)
    deadline_labels = _alt(labels_with("deadline"))

    def rule(family: str, key: str, pattern: str, anchor: str | tuple[str, ...], reach_before: int,
             reach_after: int, first: str | None, opener: tuple[str, str] | None = None,
             digits_block: int = 0, opening: str = "", near: str = "", gate: Gate | None = None, required: str = "") -> Rule:
        """``anchor``: the words themselves, or literal words joined by |; ``first``: the class of
        characters a match starts with (None: any); ``opener``, for a rule with no such class:
        (the class of the character right before a match, the pattern after it); ``digits_block``,
        ``opening``, ``near``, ``gate`` (its ``near_gate``), ``required``: see ``Rule``."""
        anchor_words = tuple(anchor.split("|")) if isinstance(anchor, str) else tuple(anchor)
        fast = pattern if first is None else f"(?=[{first}])(?:{pattern})"
        screen, screen_first, lead = (fast, first or "", 0) if opener is None \
            else (f"[{opener[0]}](?:{opener[1]})", opener[0], 1)
        return Rule(family, compile_pattern(RULES, key, fast, re.VERBOSE), compile_pattern(RULES, key, pattern, re.VERBOSE),
                    anchor_words, reach_before, reach_after, screen, screen_first, lead, digits_block, opening,
                    compile_pattern(RULES, key, near, re.VERBOSE) if near else None, gate,
                    compile_pattern(RULES, key, required, re.VERBOSE) if required else None)

    at_first, rel_first = _firsts(words["at_words"]), _firsts(relative_years)
    verbs_ahead = _ahead(words["completion_verbs"])
    event_clause = rf"""
        (?P<event> [^，。；;,\n：:]{{0,20}}? {_ahead(words["event_verbs"])} (?: {w['event_verbs']} ) ) (?:之)? 前 (?= [，,] )
    """
    period_first = PERIOD_FIRST + rel_first
    # How a schedule (5月22日) and a window (4月26日至28日) open: a month, then a day's first
    # character.  The anchor 月's screen tries it once for both, not each rule whole.
    month_day = rf"(?: (?:{at}) \s* )? (?: {YEAR} \s* )? {MONTH} \s* [\d一二三四五六七八九十]"
    # The 月 of a date: a day's first character after it (schedule, window); a month's digit or a
    # space before it (MONTH).
    day_after = r"月 \s* [\d一二三四五六七八九十]"
    month_gate = Gate("一二三四五六七八九十", digits=True, spaces=True)
    target_year = _target_year_near(tuple(relative_years))
    target_gate = Gate("".join(sorted({ch for word in relative_years for ch in word})), digits=True, spaces=True)
    noun_ends = "".join(sorted({re.escape(word[-1]) for word in words["open_nouns"]}))
    label_ends = Gate("".join(sorted({label[-1] for label in labels_with("deadline")})), spaces=True)
    label_colon = rf"(?<=[{re.escape(label_ends.chars)}\s]) [:：]"   # 完成时限： (a label's last character)

    by = (
        rule("by_date", "before_words", rf"""
            (?: (?:{at}) \s* )?                        # 于 / 在 / 到 (optional)
            (?: {YEAR} \s* )?                          # 2021年 (optional)
            {period} {TIME}? \s*                       # 6月底 / 一季度 / 6月20日18：00
            (?P<before> {before} ) (?! [往来] )        # 前 / 之前 / 以前 (not 前往: 于5月18日前往)
        """, words["before_words"], 48, 2, at_first + YEAR_FIRST + period_first,
            near=rf"(?<=[{PERIOD_ENDS}]) (?:{before})", gate=Gate(PERIOD_END_CHARS, digits=True, spaces=True)),
        rule("at_point", "completion_verbs", rf"""
            (?<![\d月日号年]) (?P<at> {at} ) \s*      # 在 / 于: a point in time (not the 至 of 1月至6月) ...
            (?: {YEAR} \s* )? {period} {TIME}? \s*     # ... 2月 / 一季度 / 今年年底 ...
            (?: 内|以内 )?                             # ... (内)
            (?= \s* [，,]? {CLAUSE_CHARS}{{0,8}}? {verbs_ahead} (?:{verbs}) )   # ... followed closely by 完成 / 全面 / 复工
        """, "月|季|半年|底|末", 24, 36, at_first),
        rule("schedule", "at_words", rf"""
            (?: (?P<at> 于|在 ) \s* )?                 # 于 (or a date opening a sentence, checked in find)
            (?: {YEAR} \s* )? {MONTH} \s* {DAY} {TIME}?   # 2026年6月5日 / 5月22日下午3点
        """, "月", 14, 40, "于在" + YEAR_FIRST + MONTH_FIRST, opening=month_day, near=day_after, gate=month_gate),
        rule("latest", "latest_words", rf"""
            (?: {w['latest_words']} ) \s*             # 最迟不晚于 ...
            (?: {YEAR} \s* )? {period} {TIME}?         # ... 6月30日: a limit even with no verb after it
        """, words["latest_words"], 2, 36, _firsts(words["latest_words"])),
        rule("period_verb", "completion_verbs", rf"""
            (?: {YEAR} \s* )? {rel_year}               # 2021年 / 今年 (optional)
            (?: {QUARTER} | {HALF}
              | (?<![〇零一二两三四五六七八九十百半几多数]) (?<!(?<!\d)\d) (?<!(?<!\d)\d\d) (?P<yearend> 年内|年度内 ) ) (?:末)?   # 第三季度 / 上半年 / 年内 (not 一年内, 3年内: durations)
            (?= \s* [，,]? {CLAUSE_CHARS}{{0,8}}? {_ahead(words["completion_verbs"], words["target_verbs"], ["至少"])}
                (?:{verbs}|{w['target_verbs']}|至少) )   # a period alone is a deadline only before 完成 … or a target (年内至少3次)
        """, "季度|半年|年内|年度内", 12, 30, YEAR_FIRST + rel_first + "第一二三四上下年"),
        rule("field_point", "completion_verbs", rf"""
            (?: {deadline_labels} ) \s* [:：] \s*       # 完成时限： (rules/fields.toml)
            (?P<value> (?: {YEAR} \s* )? {period}      # 2021年6月
                       (?: \s* (?:{before}) )? )       # (前)
        """, ":|：", 8, 24, _firsts(labels_with("deadline")),
            near=label_colon, gate=label_ends),
        rule("plan_end", "five_year_plans", rf"""
            (?: {at} ) \s*                             # 到
            [“"]? (?P<plan> {_alt(plans)} ) [”"]? \s*  # “十四五”
            (?: 末|期末|时期末|结束 )                  # 末
        """, tuple(plans), 8, 8, at_first),
        rule("to_year", "at_words", rf"""
            (?<![\d年])
            (?: {at} ) \s*                             # 到 (a target year) ...
            (?: (?P<year> \d{{4}} ) \s* 年             # ... 2025年
              | (?P<rel_year> {_alt(relative_years)} ) 年? ) # ... 今年
            (?P<yearend> 底|末 )?                      # (底)
            (?: \s* (?:{before}) (?!后) )?             # (前): 到2025年前
            (?! \s* (?: {NOT_AFTER_TARGET_YEAR} | [{CN_NUM}]+ \s* 月 ) )
        """, "年", 12, 10, at_first, near=target_year, gate=target_gate),
        rule("year_target", "target_verbs", rf"""
            (?: (?P<lead> 力争|争取|计划|预计|确保 ) \s* )?   # 力争 (optional) ...
            (?P<year> \d{{4}} ) \s* 年 (?P<yearend> 底|末 )?   # ... 2023年: a plan year opening a clause ...
            (?! \s* (?: {NOT_AFTER_TARGET_YEAR} | 前 | 内 | 是 | 至 | 到 | 和 | 、 | — | - ) )
            (?= \s* [，,] | \s* {CLAUSE_CHARS}{{0,16}}? {_ahead(words["target_verbs"], words["completion_verbs"])}
                (?: {w['target_verbs']} | {verbs} ) )  # ... then a target
        """, "年", 8, 30, "力争计预确" + r"\d", near=target_year, gate=target_gate),   # the year is written in digits
        rule("window", "window_tasks", rf"""
            (?: (?P<at> {at} ) \s* )?                  # 于 (optional)
            (?: {YEAR} \s* )? {MONTH} \s*              # 2月
            (?P<day1> \d{{1,2}} ) \s* [日号]? {TIME}? \s*   # 13日 (上午10时)
            {DASH} \s*                                 # 至
            (?: (?P<month2> \d{{1,2}} ) \s* 月 \s* )?  # (3月)
            (?P<day2> \d{{1,2}} ) \s* [日号] {TIME}?   # 15日 (下午3点)
            (?: \s* (?P<within> 内|止 ) )?             # (内)
        """, "月", 18, 40, at_first + YEAR_FIRST + MONTH_FIRST, opening=month_day, near=day_after,
            gate=month_gate, required=rf"{DASH} \s* \d{{1,2}} \s* [月日号]"),   # 至15日 / 至3月: not any 至
        rule("month_window", "window_tasks", rf"""
            (?: (?P<at> {at} ) \s* )?
            (?: {YEAR} \s* )? (?P<month1> 1[0-2] | 0?[1-9] ) \s* 月? \s*   # 5
            {DASH} \s*                                 # -
            (?P<month2> 1[0-2] | 0?[1-9] ) \s* 月 (?:份)? (?P<part> 底|末 )?  # 7月
        """, "月", 14, 4, at_first + YEAR_FIRST, gate=month_gate, required=rf"{DASH} \s* (?:1[0-2]|0?[1-9]) \s* 月",  # -7月
            near=r"(?<= [至到—－\-～~\s] \d ) 月 | (?<= [至到—－\-～~\s] \d\d ) 月 | (?<=\s) 月"),   # 5-7月 (DASH)
    )
    relative = (
        rule("relative", "relative_units", rf"""
            (?<![月\d.{CN_NUM}])
            (?: (?P<limit> 最长不超过|最多不超过|不得超过|不超过|最长 ) \s* )?   # 不超过 (optional)
            {COUNT} \s*                                            # 30 / 三十
            (?P<unit> {_alt(units)} ) \s*                          # 日 / 个工作日 / 小时
            (?P<within> 内|以内|之内 )?                            # 内 (checked in find when missing)
        """, tuple(units), 16, 4, "最不" + COUNT_FIRST, digits_block=COUNT_DIGITS + 1,   # no digit before the count
            near=_count_before_near(), gate=Gate(CN_NUM, digits=True, spaces=True)),
        rule("event_before", "event_verbs", rf"""
            (?P<at> 在|于 ) (?P<event> [^，。；;,\n（(《]{{2,40}}? ) (?=[之前]) (?<! [{NOT_BEFORE_EVENT_BEFORE}] ) (?:之)? 前
            (?! [{NOT_AFTER_EVENT_BEFORE}] )
        """, "前", 46, 2, "在于",
            near=rf"(?: (?<![{NOT_BEFORE_EVENT_BEFORE}]) | (?<=之) ) 前 (?! [{NOT_AFTER_EVENT_BEFORE}] )"),
        rule("event_clause_before", "event_verbs", rf"""
            (?: ^ | (?<= [{CLAUSE_OPENING}] ) )                   # opening a clause
            {event_clause}
        """, "前", 28, 2, None, (CLAUSE_OPENING, event_clause), near="前 (?= [，,] )"),
        rule("counted_before", "relative_units", rf"""
            (?: (?P<at> 于|在 ) \s* )? {COUNT} \s* (?P<unit> 个工作日|工作日|日|天|个小时|小时) \s* 前
            (?! [{NOT_AFTER_COUNTED_BEFORE}] )
          | (?: {w['event_verbs']} ) 前 \s* {COUNT.replace("?P<n>", "?P<n2>")} \s* (?P<unit2> 个工作日|工作日|日|天|个小时|小时)
        """, "前", 16, 12, "于在" + COUNT_FIRST + _firsts(words["event_verbs"]),
            near=rf"(?<= [日天时\s] ) 前 (?! [{NOT_AFTER_COUNTED_BEFORE}] ) | 前 \s* [{COUNT_FIRST}]"),
        rule("ahead", "relative_units", rf"""
            提前 \s* {COUNT} \s* (?P<unit> 个工作日|工作日|日|天|个小时|小时|周|个星期|个月)
        """, "前", 2, 12, "提", near="(?<=提) 前"),
        rule("same_day", "completion_verbs", rf"""
            (?P<day_word> {_alt(DAY_WORDS)} ) (?: 内|起 )?
            (?: {TIME} \s* (?:{before})                     # 翌日八时前
              | (?= \s* {CLAUSE_CHARS}{{0,4}}? {verbs_ahead} (?:{verbs}) ) )  # 当日办结
        """, "日|天", 4, 24, "当即次翌第下",
            near=" | ".join(f"(?<={re.escape(word[:-1])}){re.escape(word[-1])}" for word in DAY_WORDS),
            gate=Gate("".join(sorted({word[-2] for word in DAY_WORDS})))),
        rule("event_next", "anchor_ends", r"""
            (?P<at> 在|于 ) [^，。；;,\n]{2,24}? 的 (?P<day_word> 次月|当月|次年|下月|次日|当日 )
        """, "次月|当月|次年|下月|次日|当日", 30, 2, "在于"),
        rule("years_time", "relative_units", rf"""
            (?: 利用|用|花|经过 ) \s* {COUNT} (?: \s* {DASH} \s* (?P<n_high> \d{{1,3}} | [{CN_NUM}]{{1,4}} ) )? \s*
            (?: 个 )? (?P<unit> 年|月 ) (?: 左右 )? \s* (?: 的 )? \s* 时间
        """, "时间", 16, 2, "利用花经"),
    )
    recurring = (
        rule("recurring_due", "cadences", rf"""
            (?: (?:{at}) \s* )?
            (?P<lead> 每 (?:个)? (?: {cadence} ) | 次月 | 次年 | 下月 ) \s*   # 每月 / 每年 / 次月
            (?: {MONTH} \s* )?                                # (3月)
            (?: {DAY.replace('[日号]?', '[日号]')} {TIME}?     # 10日 (the 日 is required: 每年7800元)
              | (?P<part> 底|末|初|上旬|中旬|下旬|份 )         # 底 / 份
              | {TIME} (?= \s* (?:{before}) ) ) \s*           # 每日17时前
            (?: {before} | 内 | 以内 )?                       # 前
        """, "每|次月|次年|下月", 6, 36, at_first + "每次下"),
        rule("recurring_cadence", "cadence_verbs", rf"""
            (?: 每 (?:个)? | 按 )                             # 每 / 按
            (?P<cadence> {cadence} ) (?: 度 )?                # 季度
            {CLAUSE_CHARS}{{0,16}}? {_ahead(words["cadence_verbs"])}   # (向市扶贫办 / 对…进行)
            (?P<verb> {w['cadence_verbs']} )                  # 通报 / 报送 / 核实
        """, "每|按", 2, 44, "每按", near=rf"(?: 每 (?:个)? | 按 ) (?: {cadence} )"),   # not 按照
        rule("cadence_system", "cadence_systems", rf"""
            (?P<lead> 实行|落实|执行|坚持 ) \s*
            (?P<cadence> 季度|[日周旬月季年] ) 度? (?: {w['cadence_systems']} ) (?P<system> 制度|机制 )   # (SYSTEM_PERIOD_ENDS)
        """, words["cadence_systems"], 10, 4, "实落执坚",
            near=rf"(?<=[{SYSTEM_PERIOD_ENDS}]) (?: {w['cadence_systems']} )", gate=Gate(SYSTEM_PERIOD_ENDS)),
        rule("daily", "daily_idioms", rf"(?: {w['daily_idioms']} )", words["daily_idioms"], 1, 4, _firsts(words["daily_idioms"])),
        rule("monthly_within", "completion_verbs", rf"""
            (?: (?:在|于) \s* )? 当月 (?: 内|以内 ) (?= {CLAUSE_CHARS}{{0,6}}? {verbs_ahead} (?:{verbs}) )
        """, "当月", 4, 16, "在于当"),
    )
    open_ = (
        rule("open_limit", "open_verbs", rf"""
            (?: {w['open_prefixes']} ) (?: {w['open_verbs']} ) (?: 到位|完毕 )?
        """, words["open_prefixes"], 2, 10, _firsts(words["open_prefixes"])),
        rule("open_phrase", "open_qualifiers", rf"""
            (?P<at> (?:在|于) {CLAUSE_CHARS}{{0,12}}? | 按照? ) {_ahead(words["open_qualifiers"])} (?: {w['open_qualifiers']} ) 的? (?: {w['open_nouns']} )
            (?P<within> 内|以内|之内 )?
          | (?: {w['open_qualifiers']} ) 的? (?: {w['open_nouns']} ) (?P<within2> 内|以内|之内 )
        """, words["open_nouns"], 20, 4, "在于按" + _firsts(words["open_qualifiers"])),
        rule("open_compliance", "open_nouns", rf"""
            (?: {w['open_nouns']} ) 符合 {CLAUSE_CHARS}{{0,10}}? (?: 规定|要求 )
        """, "符合", 4, 16, _firsts(words["open_nouns"]),
            near=rf"(?<=[{noun_ends}]) 符合", gate=Gate(noun_ends)),
        rule("on_time", "on_time_words", rf"""
            (?: {w['on_time_words']} ) \s* {CLAUSE_CHARS}{{0,4}}? {_ahead(words["reporting_verbs"])} (?: {w['reporting_verbs']} )
        """, words["on_time_words"], 2, 12, _firsts(words["on_time_words"])),
        rule("ongoing", "ongoing_words", rf"""
            (?: {deadline_labels} ) \s* [:：] \s* (?P<value> {w['ongoing_words']} )
        """, ":|：", 8, 12, _firsts(labels_with("deadline")),
            near=label_colon, gate=label_ends),
    )
    rules_ = by + relative + recurring + open_
    return DeadlinePatterns(
        rules=rules_,
        anchors=anchor_index(rules_),
        relative_years=dict(relative_years),
        plans=dict(plans),
        cadences=dict(cadences),
        units=dict(units),
        words={key: tuple(sorted(value, key=len, reverse=True)) for key, value in words.items()},
        event_verbs=compile_pattern(RULES, "event_verbs", rf"(?:{w['event_verbs']})$"),
        window_task=compile_pattern(RULES, "window_tasks", rf"(?:{w['window_tasks']})时间"),
        deadline_labels=tuple(f"{label}{tail}" for label in words["deadline_labels"] for tail in ("", "为", "是", "：", ":")),
        open_limit_context=compile_pattern(RULES, "relative_units", r"时限|办结|办理|审批|审核|审查|答复|处理|完成|用时"),
        transition=_any_word(words["transition_words"]),
        definition=_any_word(words["definition_words"]),
    )


def _any_word(words: tuple[str, ...]) -> re.Pattern:
    """``search`` says whether one of ``words`` is in a text (one call, not a test per word)."""
    return re.compile(_alt(words) if words else "(?!)")


def _count_before_near() -> str:
    """The ``near`` of a relative limit at its unit: a count right before it (3日, 三十天), as a
    whole number (not the 5 of 3月5日 or 1.5日), or a space.  One look-behind per length of count."""
    counts = [r"\d" * n for n in range(1, COUNT_DIGITS + 1)] + [f"[{CN_NUM}]" * n for n in range(1, 5)]
    return " | ".join([r"(?<=\s)"] + [rf"(?<=(?<![月\d.{CN_NUM}]){count})" for count in counts])


def _target_year_near(relative_years: tuple[str, ...]) -> str:
    """The ``near`` of the rules of a target year (to_year, year_target) at one of its 年: after a
    digit or a relative year's character (今年), and not before what makes it a date (年3月,
    年度); a relative year that goes on past its 年 (本年度) as written.  "" (no check) when a
    relative year holds no 年: a match could then hold no 年 to be checked at."""
    if not all("年" in word for word in relative_years):
        return ""
    before = {word[k - 1] for word in relative_years for k in range(1, len(word)) if word[k] == "年"}
    before |= {word[-1] for word in relative_years}   # 今年年底: the optional 年 after one
    tails = sorted({(word[:k], word[k:]) for word in relative_years for k in range(len(word) - 1) if word[k] == "年"})
    written = "".join(f" | (?<={re.escape(head)}){re.escape(tail)}" if head else f" | {re.escape(tail)}" for head, tail in tails)
    return (rf"(?<=[\d\s{re.escape(''.join(sorted(before)))}]) 年 (?:底|末)? (?! \s* (?: {NOT_AFTER_TARGET_YEAR} ) )"
            + written)


def _checked_mapping(rules: dict, key: str, allowed: tuple[str, ...]) -> dict[str, str]:
    table = require_mapping(rules, RULES, key, str)
    bad = {word: value for word, value in table.items() if value not in allowed}
    if bad:
        raise RuleError(f"{RULES}.toml: {key!r} values must be one of {allowed}, got {bad}")
    return table


@cache
def patterns() -> DeadlinePatterns:
    """The patterns built from ``rules/deadlines.toml`` (once per process)."""
    return compile_rules(load_rules(RULES))
