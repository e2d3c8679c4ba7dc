"""``rules/normalize.toml``, validated and compiled once: page furniture and the line-joining
rules (see the file's comments for what each key means)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..errors import RuleError
from ..rules import compile_pattern, load_rules, require, require_mapping, require_tables
from ..rules.boilerplate import Boilerplate, boilerplate
from ..rules.doctypes import title_end
from ..rules.labels import label_start
from ..rules.orgs import org_lexicon
from ..rules.prefilter import CharMemo, may_start_with
from ..text.pattern_needs import first_class
from .gates import GatedPattern, any_search

RULES = "normalize"


@dataclass(frozen=True)
class NormalizeRules:
    page_furniture: re.Pattern      # every [[page_furniture]] pattern, whole line
    page_furniture_starts: CharMemo  # [c]: a page_furniture pattern may match a line starting with c
    page_furniture_line: re.Pattern  # a line break, then a line a page_furniture pattern may match (by its first character)
    complete: "AnyPattern"          # every [[complete_line]] pattern, searched
    field: GatedPattern             # every [[field_line]] pattern (asked only of lines that may match)
    navigation: GatedPattern        # every [[navigation]] pattern
    sentence_end: frozenset[str]    # single characters: a line's last (or first) one is looked up
    continuation_end: frozenset[str]
    never_starts: frozenset[str]
    brackets: dict[str, str]        # opening → closing
    bracket_chars: re.Pattern       # any of them
    min_wrapped: int
    org_max: int
    org_end: tuple[str, ...]        # signer suffixes (rules/orgs.toml)
    wrap_min_full_lines: int
    wrap_min_full_share: float
    wrap_max_wider_share: float
    wrap_slack: int
    title_end: re.Pattern
    label: re.Pattern
    label_starts: CharMemo          # label_starts[c]: a label may start with c (most lines start with none)
    boilerplate: Boilerplate


class AnyPattern:
    """Patterns searched one after the other, for ``search`` over a whole line: one alternation
    of patterns that start differently is tried at every character (each pattern alone is
    skipped to the characters it can start with), and each is searched only in the lines that
    hold what its matches need (``gates``: most lines end in no 号, 日 or 件)."""

    def __init__(self, patterns: tuple[re.Pattern, ...]):
        self.patterns = patterns
        self.search = any_search(list(patterns))


def _searched(rules: dict, key: str) -> AnyPattern:
    """The patterns of an array of [[key]] tables, each compiled (and checked) alone."""
    tables = require_tables(rules, RULES, key, {"name": str, "pattern": str})
    return AnyPattern(tuple(compile_pattern(RULES, f"{key}[{i}] ({table['name']})", table["pattern"])
                            for i, table in enumerate(tables)))


def _patterns(rules: dict, key: str, template: str = "(?:{})") -> re.Pattern:
    """The patterns of an array of [[key]] tables as one alternation, each checked to compile."""
    tables = require_tables(rules, RULES, key, {"name": str, "pattern": str})
    for i, table in enumerate(tables):
        compile_pattern(RULES, f"{key}[{i}] ({table['name']})", table["pattern"])
    return compile_pattern(RULES, key, "|".join(template.format(t["pattern"]) for t in tables))


def _chars(rules: dict, key: str) -> frozenset[str]:
    """A string of marks as a set of single characters."""
    return frozenset(require(rules, RULES, key, str))


def _brackets(rules: dict) -> dict[str, str]:
    pairs = require_mapping(rules, RULES, "brackets", str)
    bad = {o: c for o, c in pairs.items() if len(o) != 1 or len(c) != 1}
    if bad:
        raise RuleError(f"{RULES}.toml: [brackets] pairs single characters, got {bad}")
    return pairs


def _line_start(pattern: re.Pattern) -> re.Pattern:
    """A line break and the start of a line ``pattern`` may match after its indentation: found
    by a scan for the line break (a literal the regex engine skips to), so the lines that start
    with another character are passed over without a Python step each."""
    first = first_class([pattern])
    if first is None:
        return re.compile(r"\n[ \t]*")
    # (the first look-ahead turns most line breaks away in one test, before the repeat is entered)
    return re.compile(rf"\n(?=[ \t]|{first})[ \t]*(?={first})")   # (consumes no next line break)


@cache
def normalize_rules() -> NormalizeRules:
    rules = load_rules(RULES)
    shares = {key: rules.get(key) for key in ("wrap_min_full_share", "wrap_max_wider_share")}
    for key, share in shares.items():
        if not isinstance(share, float) or not 0 < share <= 1:
            raise RuleError(f"{RULES}.toml: {key!r} must be a number in (0, 1], got {share!r}")
    brackets = _brackets(rules)
    page_furniture = _patterns(rules, "page_furniture", "(?:{})$")
    return NormalizeRules(
        page_furniture=page_furniture,
        page_furniture_starts=may_start_with([page_furniture]),
        page_furniture_line=_line_start(page_furniture),
        complete=_searched(rules, "complete_line"),
        field=GatedPattern(_patterns(rules, "field_line")),
        navigation=GatedPattern(_patterns(rules, "navigation")),
        sentence_end=_chars(rules, "sentence_end"),
        continuation_end=_chars(rules, "continuation_end"),
        never_starts=_chars(rules, "never_starts"),
        brackets=brackets,
        bracket_chars=re.compile("[" + re.escape("".join(o + c for o, c in brackets.items())) + "]"),
        min_wrapped=require(rules, RULES, "min_wrapped_line_chars", int),
        org_max=require(rules, RULES, "org_line_max_chars", int),
        org_end=org_lexicon().signer_suffixes,
        wrap_min_full_lines=require(rules, RULES, "wrap_min_full_lines", int),
        wrap_min_full_share=shares["wrap_min_full_share"],
        wrap_max_wider_share=shares["wrap_max_wider_share"],
        wrap_slack=require(rules, RULES, "wrap_slack", int),
        title_end=title_end(),
        label=label_start(),
        label_starts=may_start_with([label_start()]),
        boilerplate=boilerplate(),
    )
