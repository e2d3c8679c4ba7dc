"""Numbering labels (``numbering.toml``): the label styles of GB/T 9704 and of regulations, their
ranks, the shapes around a label (split over two lines, a table-of-contents line, a table row),
and one pattern for "a line starts with a label" shared by every stage that needs it
(wrapped-line joining, cleaning, PDF layout) — the structure stage reads the styles themselves."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..errors import RuleError
from . import compile_pattern, load_rules, require

RULES = "numbering"
NAMED_GROUP = re.compile(r"\(\?P<\w+>")
FLAGS = ("plain_after", "weak", "several_lists", "alone")
PATTERN_KEYS = ("label_followed_by", "weak_followed_by", "split_label_head", "split_label_tail",
                "toc_line", "table_row")


@dataclass(frozen=True)
class Style:
    name: str
    rank: int
    pattern: re.Pattern
    plain_after: bool = False   # the label counts whatever follows it (二、2030年…)
    weak: bool = False          # a label only when the numbering confirms it
    several_lists: bool = False # its items may hold several lists, each from 1 (an article)
    alone: bool = False         # it may stand alone on its line, its text on the next (第 1 条)


@cache
def styles() -> tuple[Style, ...]:
    """The label styles, shallowest first, each with its ``num`` group checked."""
    numbering = load_rules(RULES)
    out = []
    for i, raw in enumerate(numbering.get("style") or []):
        if not {"name", "rank", "pattern"} <= raw.keys():
            raise RuleError(f"{RULES}.toml: style[{i}] needs name, rank and pattern")
        pattern = compile_pattern(RULES, f"style[{i}].pattern", raw["pattern"])
        if "num" not in pattern.groupindex:
            raise RuleError(f"{RULES}.toml: style {raw['name']!r} has no (?P<num>…) group")
        flags = {key: raw.get(key, False) for key in FLAGS}
        if not all(isinstance(v, bool) for v in flags.values()):
            raise RuleError(f"{RULES}.toml: style {raw['name']!r}: {', '.join(FLAGS)} must be true or false")
        out.append(Style(raw["name"], int(raw["rank"]), pattern, **flags))
    if not out:
        raise RuleError(f"{RULES}.toml: no [[style]] defined")
    return tuple(out)


@cache
def numbering_pattern(key: str) -> re.Pattern:
    """One of the patterns around labels (``PATTERN_KEYS``), compiled and checked."""
    if key not in PATTERN_KEYS:
        raise RuleError(f"{RULES}.toml: no pattern key {key!r}")
    return compile_pattern(RULES, key, require(load_rules(RULES), RULES, key, str))


def label_followed_by() -> re.Pattern:
    """What may follow a label: its text starts with a CJK character, a quote or a bracket."""
    return numbering_pattern("label_followed_by")


@cache
def label_start() -> re.Pattern:
    """A line that starts with a label of any style that stands on its own (spaces before it
    allowed); weak styles are left out, they need the numbering around them.

    >>> [bool(label_start().match(x)) for x in ("一、总体要求", "（二）加强领导", "3.做好", "第十条 ", "2020年是", "4就业")]
    [True, True, True, True, False, False]
    """
    alternation = "|".join(NAMED_GROUP.sub("(?:", s.pattern.pattern) for s in styles() if not s.weak)
    return re.compile(rf"^\s*(?:{alternation})")
