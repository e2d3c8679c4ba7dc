"""The units lexicon (``rules/units.toml``), validated and compiled once: field labels and
their roles, inline verbs, unit-name suffixes and prefixes, collective kinds, context rules."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ...errors import RuleError
from ...rules import compile_pattern, load_rules, require

RULES = "units"
ROLES = ("lead", "responsible", "cooperating")



@dataclass(frozen=True)
class _Lexicon:
    labels: dict[str, str]
    field_re: re.Pattern        # a labelled field opener: 牵头单位： / 【牵头单位】
    any_field_re: re.Pattern    # any "<word>：" field opener, to end the value before it
    verbs: dict[str, str]       # inline verb → role
    clause_re: re.Pattern       # "<units><verb>" at the end of a clause
    verb_end_re: re.Pattern     # a verb ending a text (for 、 between clauses)
    together: tuple[str, ...]
    clause_openers: tuple[str, ...]
    suffixes: tuple[str, ...]
    not_unit_endings: tuple[str, ...]
    known: frozenset[str]
    prefixes: tuple[str, ...]
    joiners: tuple[str, ...]
    not_unit_words: tuple[str, ...]
    clause_word_exempt: tuple[str, ...]
    not_unit_starts: tuple[str, ...]
    etc_re: re.Pattern
    etc_kept: frozenset[str]
    kinds: dict[str, int]       # bare kind of place/body → administrative level (0 = body)
    kinds_longest_first: tuple[str, ...]
    first_is_lead: tuple[re.Pattern, ...]
    same_units: tuple[re.Pattern, ...]


def _alternation(words) -> str:
    """A regex alternation, longest word first so the longest match wins."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def _roles_table(table: object, key: str) -> dict[str, str]:
    if not isinstance(table, dict) or not table:
        raise RuleError(f"{RULES}.toml: [{key}] must be a table of label = role")
    for word, role in table.items():
        if role not in ROLES:
            raise RuleError(f"{RULES}.toml: [{key}] {word!r} = {role!r}: the role must be one of {ROLES}")
    return dict(table)


def _levels_table(table: object, key: str) -> dict[str, int]:
    if not isinstance(table, dict) or not table:
        raise RuleError(f"{RULES}.toml: [{key}] must be a table of kind = level")
    for word, level in table.items():
        if not isinstance(level, int) or isinstance(level, bool) or not 0 <= level <= 9:
            raise RuleError(f"{RULES}.toml: [{key}] {word!r} = {level!r}: the level must be an integer 0-9")
    return dict(table)


def _table(rules: dict, key: str) -> dict:
    value = rules.get(key)
    if not isinstance(value, dict):
        raise RuleError(f"{RULES}.toml: missing table [{key}]")
    return value


def _patterns(table: dict, key: str, groups: tuple[str, ...] = ()) -> tuple[re.Pattern, ...]:
    compiled = tuple(compile_pattern(RULES, key, p) for p in require(table, RULES, key, list))
    for pattern in compiled:
        missing = [g for g in groups if g not in pattern.groupindex]
        if missing:
            raise RuleError(f"{RULES}.toml: {key!r}: pattern {pattern.pattern!r} lacks the group(s) {missing}")
    return compiled


@cache
def lexicon() -> _Lexicon:
    """The rules of ``rules/units.toml``, validated and compiled once."""
    rules = load_rules(RULES)
    labels = _roles_table(rules.get("labels"), "labels")
    inline, lex, context = _table(rules, "inline"), _table(rules, "lexicon"), _table(rules, "context")
    verbs = {verb: role for role in ROLES for verb in require(inline, RULES, role, list)}
    kinds = _levels_table(rules.get("collective_kinds"), "collective_kinds")
    etc_kept = require(lex, RULES, "etc_kept", list)
    etc_words = etc_kept + require(lex, RULES, "etc_dropped", list)
    return _Lexicon(
        labels=labels,
        # 牵头单位：… or 【牵头单位】…; the value may start on the next line
        field_re=re.compile(rf"(?:【\s*(?P<boxed>{_alternation(labels)})\s*】"
                            rf"|(?P<label>{_alternation(labels)})\s*[:：])\s*"),
        any_field_re=re.compile(r"\s*[\u4e00-\u9fff]{2,8}\s*[:：]"),
        verbs=verbs,
        clause_re=re.compile(rf"(?P<units>.+?)(?P<verb>{_alternation(verbs)})", re.S),
        verb_end_re=re.compile(rf"(?:{_alternation(verbs)})$"),
        together=tuple(require(inline, RULES, "together", list)),
        clause_openers=tuple(sorted(require(inline, RULES, "clause_openers", list), key=len, reverse=True)),
        suffixes=tuple(sorted(require(lex, RULES, "suffixes", list), key=len, reverse=True)),
        not_unit_endings=tuple(require(lex, RULES, "not_unit_endings", list)),
        known=frozenset(require(lex, RULES, "known", list)),
        prefixes=tuple(sorted(require(lex, RULES, "prefixes", list), key=len, reverse=True)),
        joiners=tuple(sorted(require(lex, RULES, "joiners", list), key=len, reverse=True)),
        not_unit_words=tuple(require(lex, RULES, "not_unit_words", list)),
        clause_word_exempt=tuple(require(lex, RULES, "clause_word_exempt", list)),
        not_unit_starts=tuple(require(lex, RULES, "not_unit_starts", list)),
        # 商务部等有关部门, 财政部等, 教育部等8个部门 (the count is part of the dropped tail)
        etc_re=re.compile(rf"等(?:[0-9０-９一二三四五六七八九十]+个)?(?P<group>{_alternation(etc_words)})?$"),
        etc_kept=frozenset(etc_kept),
        kinds=kinds,
        kinds_longest_first=tuple(sorted(kinds, key=len, reverse=True)),
        first_is_lead=_patterns(context, "first_is_lead"),
        same_units=_patterns(context, "same_units", ("units", "verb")),
    )
