"""The units lexicon, validated and compiled once: field labels and their roles
(``rules/fields.toml``), unit-name words and collective kinds (``rules/orgs.toml``), and the
assignment grammar's own words (``rules/units.toml``: inline verbs, 会同, context rules)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ...errors import RuleError
from ...rules import compile_pattern, load_rules, require
from ...rules.fields import UNIT_ROLES as ROLES
from ...rules.fields import field_roles
from ...rules.orgs import org_lexicon

RULES = "units"



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
    labels = {label: role for label, role in field_roles().items() if role in ROLES}
    inline, context = _table(rules, "inline"), _table(rules, "context")
    verbs = {verb: role for role in ROLES for verb in require(inline, RULES, role, list)}
    orgs = org_lexicon()
    words, kinds = orgs.words, orgs.kinds
    etc_kept = list(words["etc_kept"])
    etc_words = etc_kept + list(words["etc_dropped"])
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
        suffixes=orgs.unit_suffixes,
        not_unit_endings=words["not_unit_endings"],
        known=frozenset(words["known"]),
        prefixes=tuple(sorted(words["prefixes"], key=len, reverse=True)),
        joiners=tuple(sorted(words["joiners"], key=len, reverse=True)),
        not_unit_words=words["not_unit_words"],
        clause_word_exempt=words["clause_word_exempt"],
        not_unit_starts=words["not_unit_starts"],
        # 商务部等有关部门, 财政部等, 教育部等8个部门 (the count is part of the dropped tail)
        etc_re=re.compile(rf"等(?:[0-9０-９一二三四五六七八九十]+个)?(?P<group>{_alternation(etc_words)})?$"),
        etc_kept=frozenset(etc_kept),
        kinds=kinds,
        kinds_longest_first=tuple(sorted(kinds, key=len, reverse=True)),
        first_is_lead=_patterns(context, "first_is_lead"),
        same_units=_patterns(context, "same_units", ("units", "verb")),
    )
