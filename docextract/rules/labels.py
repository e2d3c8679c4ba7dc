"""Numbering labels (``numbering.toml``): the label styles of GB/T 9704 and of regulations, their
ranks, and one pattern for "a line starts with a label" shared by every stage that needs it
(wrapped-line joining, cleaning, PDF layout) — the structure stage reads the styles themselves."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..errors import RuleError
from . import compile_pattern, load_rules, require

RULES = "numbering"
NAMED_GROUP = re.compile(r"\(\?P<\w+>")


@dataclass(frozen=True)
class Style:
    name: str
    rank: int
    pattern: re.Pattern


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
        out.append(Style(raw["name"], int(raw["rank"]), pattern))
    if not out:
        raise RuleError(f"{RULES}.toml: no [[style]] defined")
    return tuple(out)


@cache
def label_followed_by() -> re.Pattern:
    """What may follow a label: its text starts with a CJK character, a quote or a bracket."""
    rules = load_rules(RULES)
    return compile_pattern(RULES, "label_followed_by", require(rules, RULES, "label_followed_by", str))


@cache
def label_start() -> re.Pattern:
    """A line that starts with a label of any style (spaces before it allowed).

    >>> [bool(label_start().match(x)) for x in ("一、总体要求", "（二）加强领导", "3.做好", "第十条 ", "2020年是")]
    [True, True, True, True, False]
    """
    alternation = "|".join(NAMED_GROUP.sub("(?:", s.pattern.pattern) for s in styles())
    return re.compile(rf"^\s*(?:{alternation})")
