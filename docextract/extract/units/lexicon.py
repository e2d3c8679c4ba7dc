"""The units lexicon, validated and compiled once: field labels and their roles
(``rules/fields.toml``), unit-name words and kinds (``rules/orgs.toml``), and the assignment
grammar's own words (``rules/units.toml``: clause verbs, 会同, sentence forms, context rules)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ...errors import RuleError
from ...rules import compile_pattern, load_rules, require, require_tables
from ...rules.fields import UNIT_ROLES as ROLES
from ...rules.fields import field_roles
from .shapes import Endings

RULES = "units"
# Any CJK "<word>：" opens a field (适用范围：); a field value ends before the next one.
ANY_FIELD = r"\s*[\u4e00-\u9fff]{2,8}\s*[:：]"
BOX_CLOSE = "】"   # closes a boxed label: 【牵头单位】


@dataclass(frozen=True)
class _Lexicon:
    labels: dict[str, str]      # field label → role
    field_re: re.Pattern        # a labelled field opener: 牵头单位： / 【牵头单位】 (a PDF may wrap the label)
    field_anchor: re.Pattern    # a colon after a label's last character, or a 】: where a field can be
    field_colon: re.Pattern | None  # field_anchor's first branch alone (None when a label ends with 】)
    label_ends: frozenset[str]  # the labels' last characters (field_colon's class)
    any_field_re: re.Pattern    # any "<word>：" field opener, to end the value before it
    verbs: dict[str, str]       # clause verb → role
    clause_re: re.Pattern       # "<units><verb>" filling a clause
    verb_end: Endings           # a verb ending a text (for 、 between clauses, 县发改委牵头)
    together: tuple[str, ...]
    clause_openers: tuple[str, ...]
    assignee_re: re.Pattern     # 由 + assignee + (adverbs) + verb, see sentences.py
    adverb_end: Endings         # an adverb between units and their verb (具体, 按职责分工)
    not_assignee: tuple[str, ...]
    verb_not_followed_by: tuple[str, ...]
    proposal_words: tuple[str, ...]
    report_markers: tuple[str, ...]
    trigger_re: re.Pattern      # the literals without which a text assigns nobody, in one alternation
    first_is_lead: tuple[re.Pattern, ...]
    same_units: tuple[re.Pattern, ...]
    also_units: tuple[re.Pattern, ...]


def alternation(words) -> str:
    """A regex alternation, longest word first so the longest match wins."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def without_longer(words) -> set[str]:
    """The words that hold no other word: a text holds one of ``words`` exactly when it holds one
    of these (牵头 stands for 牵头单位 and 牵头负责), and an alternation of fewer words is quicker
    to search.

    >>> sorted(without_longer(["牵头", "牵头单位", "负责", "具体负责", "由"]))
    ['牵头', '由', '负责']
    """
    words = set(words)
    return {w for w in words if not any(other != w and other in w for other in words)}


def _wrappable(word: str) -> str:
    """A label that a hard-wrapped PDF line may split (牵\\n头单位): white space between characters."""
    return r"\s?".join(map(re.escape, word))


def _patterns(rules: dict, key: str, groups: tuple[str, ...] = ()) -> tuple[re.Pattern, ...]:
    out = []
    for i, table in enumerate(require_tables(rules, RULES, key, {"name": str, "pattern": str})):
        pattern = compile_pattern(RULES, f"{key}[{i}].pattern", table["pattern"])
        missing = [g for g in groups if g not in pattern.groupindex]
        if missing:
            raise RuleError(f"{RULES}.toml: {key}[{i}] ({table['name']}): the pattern lacks the group(s) {missing}")
        out.append(pattern)
    return tuple(out)


def has_trigger(text: str) -> bool:
    """Whether the text holds a literal a clause or a sentence needs to assign (a verb, 会同, 由;
    a label: a field needs its colon too, and is found from the colon)."""
    # one search of a literal alternation: sre skips positions by the words' first characters
    # and tries the words in C, where a Python loop over the first-character hits cost more
    return lexicon().trigger_re.search(text) is not None


def without_adverbs(text: str, start: int, end: int) -> int:
    """``end`` moved back over the adverbs that close ``text[start:end]``: 各县政府具体(落实)."""
    lex = lexicon()
    while (adverb := lex.adverb_end.of(text, start, end)) and end - len(adverb) > start:
        end -= len(adverb)
    return end


def _words(rules: dict, key: str) -> tuple[str, ...]:
    return tuple(sorted(require(rules, RULES, key, list), key=len, reverse=True))


@cache
def lexicon() -> _Lexicon:
    """The rules of ``rules/units.toml`` (with fields and orgs), validated and compiled once."""
    rules = load_rules(RULES)
    labels = {label: role for label, role in field_roles().items() if role in ROLES}
    verbs = {verb: role for role in ROLES for verb in require(rules, RULES, f"{role}_verbs", list)}
    assignee_verbs = _words(rules, "assignee_verbs")
    unknown = [v for v in assignee_verbs if v not in verbs]
    if unknown:
        raise RuleError(f"{RULES}.toml: assignee_verbs {unknown} are not clause verbs (lead/responsible_verbs)")
    adverbs = _words(rules, "assignee_adverbs")
    together = _words(rules, "together_words")
    label_words = alternation(labels)
    wrapped_labels = "|".join(_wrappable(w) for w in sorted(labels, key=len, reverse=True))
    triggers = set(verbs) | set(together) | set(labels) | {"由"}
    return _Lexicon(
        labels=labels,
        # 牵头单位：… or 【牵头单位】…; the value may start on the next line
        field_re=re.compile(rf"(?:【\s*(?P<boxed>{label_words})\s*】|(?P<label>{wrapped_labels})\s*[:：])\s*"),
        field_anchor=re.compile("[" + re.escape("".join(sorted({w[-1] for w in labels}))) + r"]\s*[:：]|】"),
        # a class first: sre skips to the class's characters (the alternation with 】 made it try
        # every position); the 】 are found with str.find (assign._field_windows)
        field_colon=None if any(w.endswith(BOX_CLOSE) for w in labels)
        else re.compile("[" + re.escape("".join(sorted({w[-1] for w in labels}))) + r"]\s*[:：]"),
        label_ends=frozenset(w[-1] for w in labels),
        any_field_re=re.compile(ANY_FIELD),
        verbs=verbs,
        clause_re=re.compile(rf"(?P<units>.+?)(?P<verb>{alternation(verbs)})", re.S),
        verb_end=Endings(verbs),
        together=together,
        clause_openers=_words(rules, "clause_openers"),
        # 由 <assignee> [adverbs] <verb | 会同>: the assignee is short and holds no clause break
        assignee_re=re.compile(rf"由(?P<units>[^，,。；;：:！？!?\n]{{1,200}}?)(?:{alternation(adverbs)})*"
                               rf"(?P<verb>{alternation(set(assignee_verbs) | set(together))})"),
        adverb_end=Endings(adverbs),
        not_assignee=_words(rules, "not_assignee_markers"),
        verb_not_followed_by=_words(rules, "verb_not_followed_by"),
        proposal_words=_words(rules, "proposal_words"),
        report_markers=_words(rules, "report_markers"),
        trigger_re=re.compile(alternation(without_longer(triggers))),   # asked only whether it matches
        first_is_lead=_patterns(rules, "first_is_lead"),
        same_units=_patterns(rules, "same_units", ("units", "verb")),
        also_units=_patterns(rules, "also_units", ("units", "verb")),
    )
