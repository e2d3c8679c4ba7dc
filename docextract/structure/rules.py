"""The structure stage's rules, read and checked once: numbering styles (``rules/numbering.toml``
through ``rules.labels``), document types, issuer suffixes and field names from their
lexicons, and document-level patterns (``rules/structure.toml``: 版头, 文号, closings)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..rules import compile_pattern, load_rules, require
from ..rules.doctypes import title_end
from ..rules.fields import UNIT_ROLES, labels_with
from ..rules.labels import Style, label_followed_by, styles
from ..rules.orgs import signer_end


STRUCTURE = "structure"


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
    s = load_rules(STRUCTURE)
    item_fields = "|".join(map(re.escape, labels_with(*UNIT_ROLES, "deadline")))
    return _Rules(
        styles=styles(),
        label_followed_by=label_followed_by(),
        doc_type_end=title_end(),
        issuing=re.compile("(?:" + "|".join(require(s, STRUCTURE, "issuing_verbs", list)) + ")"),
        masthead=compile_pattern(STRUCTURE, "masthead", require(s, STRUCTURE, "masthead", str)),
        doc_number=compile_pattern(STRUCTURE, "doc_number", require(s, STRUCTURE, "doc_number", str)),
        citation_open=require(s, STRUCTURE, "citation_open", str),
        closing=tuple(compile_pattern(STRUCTURE, "closing_lines", p)
                      for p in require(s, STRUCTURE, "closing_lines", list)),
        heading_terminators=require(s, STRUCTURE, "heading_terminators", str),
        heading_max_chars=require(s, STRUCTURE, "heading_max_chars", int),
        recipients_max_chars=require(s, STRUCTURE, "recipients_max_chars", int),
        issuer_suffix=signer_end(),
        item_field_line=re.compile(rf"^(?:{item_fields})\s*[:：]"),
        item_closing_assignment=compile_pattern(STRUCTURE, "item_closing_assignment",
                                                require(s, STRUCTURE, "item_closing_assignment", str)),
    )


@cache
def rules() -> _Rules:
    """The stage's rules, read and checked once."""
    return _load()
