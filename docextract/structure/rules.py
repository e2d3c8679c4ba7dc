"""The structure stage's rules, read and checked once: numbering styles (``rules/numbering.toml``)
and document-level patterns (``rules/structure.toml``: titles, 版头, 文号, closings)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..errors import RuleError
from ..rules import compile_pattern, load_rules, require


NUMBERING = "numbering"
STRUCTURE = "structure"


@dataclass(frozen=True)
class Style:
    name: str
    rank: int
    pattern: re.Pattern


@dataclass(frozen=True)
class _Rules:
    styles: tuple[Style, ...]
    label_followed_by: re.Pattern
    doc_type_end: re.Pattern
    issuing: re.Pattern
    masthead: re.Pattern
    doc_number: re.Pattern
    citation_open: str
    closing: tuple[re.Pattern, ...]
    heading_terminators: str
    heading_max_chars: int
    recipients_max_chars: int
    issuer_suffix: re.Pattern
    item_field_line: re.Pattern
    item_closing_assignment: re.Pattern


def _load() -> _Rules:
    numbering = load_rules(NUMBERING)
    styles = []
    for i, raw in enumerate(numbering.get("style") or []):
        if not {"name", "rank", "pattern"} <= raw.keys():
            raise RuleError(f"{NUMBERING}.toml: style[{i}] needs name, rank and pattern")
        pattern = compile_pattern(NUMBERING, f"style[{i}].pattern", raw["pattern"])
        if "num" not in pattern.groupindex:
            raise RuleError(f"{NUMBERING}.toml: style {raw['name']!r} has no (?P<num>…) group")
        styles.append(Style(raw["name"], int(raw["rank"]), pattern))
    s = load_rules(STRUCTURE)
    doc_types = sorted(require(s, STRUCTURE, "doc_types", list), key=len, reverse=True)
    suffixes = sorted(require(s, STRUCTURE, "issuer_suffixes", list), key=len, reverse=True)
    return _Rules(
        styles=tuple(styles),
        label_followed_by=compile_pattern(NUMBERING, "label_followed_by",
                                          require(numbering, NUMBERING, "label_followed_by", str)),
        doc_type_end=re.compile("(?:" + "|".join(map(re.escape, doc_types)) + r")[》”」）)]?$"),
        issuing=re.compile("(?:" + "|".join(require(s, STRUCTURE, "issuing_verbs", list)) + ")"),
        masthead=compile_pattern(STRUCTURE, "masthead", require(s, STRUCTURE, "masthead", str)),
        doc_number=compile_pattern(STRUCTURE, "doc_number", require(s, STRUCTURE, "doc_number", str)),
        citation_open=require(s, STRUCTURE, "citation_open", str),
        closing=tuple(compile_pattern(STRUCTURE, "closing_lines", p)
                      for p in require(s, STRUCTURE, "closing_lines", list)),
        heading_terminators=require(s, STRUCTURE, "heading_terminators", str),
        heading_max_chars=require(s, STRUCTURE, "heading_max_chars", int),
        recipients_max_chars=require(s, STRUCTURE, "recipients_max_chars", int),
        issuer_suffix=re.compile("(?:" + "|".join(map(re.escape, suffixes)) + ")$"),
        item_field_line=compile_pattern(STRUCTURE, "item_field_line", require(s, STRUCTURE, "item_field_line", str)),
        item_closing_assignment=compile_pattern(STRUCTURE, "item_closing_assignment",
                                                require(s, STRUCTURE, "item_closing_assignment", str)),
    )


@cache
def rules() -> _Rules:
    """The stage's rules, read and checked once."""
    return _load()
