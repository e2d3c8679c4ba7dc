"""The structure stage's rules, read and checked once: numbering styles and the shapes around
labels (``rules/numbering.toml`` through ``rules.labels``), document types, issuer suffixes and
field names from their lexicons, and the document-level patterns of ``rules/structure.toml``
(版头, 文号, decrees, bylines, signatures, attachments, closings)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from ..errors import RuleError
from ..rules import compile_pattern, load_rules, require
from ..rules.doctypes import title_end
from ..rules.fields import UNIT_ROLES, labels_with
from ..rules.labels import Style, numbering_pattern, styles
from ..rules.orgs import signer_end
from ..text.dates import DATE
from .gates import any_match, first_class, first_match, gate
from .label_reader import LabelReaders, label_readers

STRUCTURE = "structure"

# Patterns of structure.toml and the named groups the code reads from each.
PATTERNS: dict[str, tuple[str, ...]] = {
    "issued_in_title": ("name",),
    "issuing_sentence": ("name",),
    "masthead": ("issuer",),
    "doc_number": ("doc_number",),
    "paper_number": ("doc_number",),
    "decree_line": ("number", "issuer", "title"),
    "decree_number_line": (),
    "number_issuer": ("issuer",),
    "promulgation_line": ("number", "issuer"),
    "promulgated_document": ("title",),
    "head_title_line": ("title",),
    "state_prefix": (),
    "enactment_note": ("date", "rest"),
    "enactment_decree": ("number", "issuer"),
    "enactment_session": ("place", "body"),
    "byline": ("date", "event"),
    "head_meta_line": (),
    "head_date_line": ("date",),
    "title_remark": (),
    "self_reference": (),
    "title_issuer": ("issuer",),
    "joint_issuer_title": ("issuer",),
    "submission_title": ("issuer",),
    "recipient_prefix": (),
    "recipient_honours": (),
    "signer_person": (),
    "seal_by": (),
    "date_line_tail": (),
    "roc_date": ("y", "m", "d"),
    "attachment_line": (),
    "attachment_list": (),
    "attachment_list_label": (),
    "not_recipients": (),
    "item_closing_assignment": (),
}

# The patterns tried on every head line (most lines cannot match them): each gets a gate.
GATED_PATTERNS = ("masthead", "doc_number", "paper_number", "decree_line", "promulgation_line", "byline",
                  "enactment_note")


@dataclass(frozen=True)
class _Rules:
    styles: tuple[Style, ...]
    label_followed_by: re.Pattern
    weak_followed_by: re.Pattern
    split_head: re.Pattern
    split_tail: re.Pattern
    toc_line: re.Pattern
    table_row: re.Pattern
    doc_type_end: re.Pattern
    issuing: re.Pattern
    patterns: dict[str, re.Pattern]
    report_titles: tuple[str, ...]
    closing: tuple[re.Pattern, ...]
    heading_terminator: re.Pattern   # any one of structure.toml's heading_terminators
    heading_max_chars: int
    recipients_max_chars: int
    issuer_suffix: re.Pattern
    item_field_line: re.Pattern
    first_style: Callable[[str], int | None]     # the first of ``styles`` that matches at the start
    label_readers: LabelReaders | None           # the styles and their followers in one pattern
    sectioned_styles: frozenset[str]             # names of the styles with a ``section`` group (2.1)
    is_closing_line: Callable[[str], object]     # some closing pattern matches at the start
    line_after_break_starting_closing: re.Pattern | None   # a line break, then a line whose first character may open a closing line
    may_hold_field_line: Callable[[str], bool]    # false: no line of the text is a field line or closing assignment
    may_hold_title_remark: Callable[[str], bool]  # false: title_remark cannot match in the text
    may_hold_date: Callable[[str], bool]          # false: no written date (DATE, roc_date) in the text
    may_match: dict[str, Callable[[str], bool]]   # per pattern of GATED_PATTERNS: false when it cannot match
    may_hold_issuing_sentence: Callable[[str], bool]   # false: issuing_sentence cannot match in the text

    def __post_init__(self) -> None:
        # the patterns of structure.toml read as attributes (rules().decree_line), set as plain
        # attributes: no __getattr__ at run time, whose mere presence makes every attribute read
        # of the rules a slow, generic lookup (the interpreter does not specialize it)
        for name, pattern in self.patterns.items():
            if name not in self.__dataclass_fields__:
                object.__setattr__(self, name, pattern)

    if TYPE_CHECKING:   # for type checkers only: the patterns' names are attributes
        def __getattr__(self, name: str) -> re.Pattern: ...


def _pattern(s: dict, key: str, groups: tuple[str, ...]) -> re.Pattern:
    pattern = compile_pattern(STRUCTURE, key, require(s, STRUCTURE, key, str))
    missing = [g for g in groups if g not in pattern.groupindex]
    if missing:
        raise RuleError(f"{STRUCTURE}.toml: {key!r} needs the named groups {missing}")
    return pattern


def _load() -> _Rules:
    s = load_rules(STRUCTURE)
    item_fields = "|".join(map(re.escape, labels_with(*UNIT_ROLES, "deadline")))
    patterns = {key: _pattern(s, key, groups) for key, groups in PATTERNS.items()}
    terminators = require(s, STRUCTURE, "heading_terminators", str)
    item_field_line = re.compile(rf"^(?:{item_fields})\s*[:：]")
    closing = tuple(compile_pattern(STRUCTURE, "closing_lines", p) for p in require(s, STRUCTURE, "closing_lines", list))
    return _Rules(
        styles=styles(),
        label_followed_by=numbering_pattern("label_followed_by"),
        weak_followed_by=numbering_pattern("weak_followed_by"),
        split_head=numbering_pattern("split_label_head"),
        split_tail=numbering_pattern("split_label_tail"),
        toc_line=numbering_pattern("toc_line"),
        table_row=numbering_pattern("table_row"),
        doc_type_end=title_end(),
        issuing=re.compile("(?:" + "|".join(map(re.escape, require(s, STRUCTURE, "issuing_verbs", list))) + ")"),
        patterns=patterns,
        report_titles=tuple(require(s, STRUCTURE, "report_titles", list)),
        closing=closing,
        heading_terminator=re.compile("[" + re.escape(terminators) + "]"),
        heading_max_chars=require(s, STRUCTURE, "heading_max_chars", int),
        recipients_max_chars=require(s, STRUCTURE, "recipients_max_chars", int),
        issuer_suffix=signer_end(),
        item_field_line=item_field_line,
        first_style=first_match([style.pattern for style in styles()]),
        sectioned_styles=frozenset(s.name for s in styles() if "section" in s.pattern.groupindex),
        label_readers=label_readers(styles(), numbering_pattern("label_followed_by"), numbering_pattern("weak_followed_by")),
        is_closing_line=any_match(closing),
        line_after_break_starting_closing=_line_after_break_starting(closing),
        may_hold_field_line=gate(item_field_line, patterns["item_closing_assignment"]),
        may_hold_title_remark=gate(patterns["title_remark"]),
        may_hold_date=gate(DATE, patterns["roc_date"]),
        may_match={name: gate(patterns[name]) for name in GATED_PATTERNS},
        may_hold_issuing_sentence=gate(patterns["issuing_sentence"]),
    )


def _line_after_break_starting(patterns: tuple[re.Pattern, ...]) -> re.Pattern | None:
    """A line break followed by a line whose first character (after spaces) may start a match of
    ``patterns``; None when their first characters are unknown.  (It starts with the break, not
    with ``^`` in multi-line mode: a literal first character lets the search skip ahead.)"""
    first = first_class(patterns)
    return None if first is None else re.compile(rf"\n[^\S\n]*+(?={first})")


@cache
def rules() -> _Rules:
    """The stage's rules, read and checked once."""
    return _load()
