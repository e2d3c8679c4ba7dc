"""Cheap tests that a line *may* match a rule pattern, derived from the pattern itself.

The line joiner asks a handful of patterns about every line (``rules/normalize.toml``), and
most of them cannot match most lines: ``\\d\\s*号$`` needs a line ending in 号, a field needs a
colon, a navigation separator needs a space or an ``_``.  A regex search still walks the whole
line (a pattern starting with ``\\d`` or ``\\s`` is tried at every character), while ``in`` and
``endswith`` tests are a few nanoseconds.  ``gated(pattern)`` reads the parsed pattern for
what every match must contain (a literal, one of a few characters, white space, a last
character before ``$``) and searches only the lines that have it: the same answers, since a
line without what every match needs has no match.  A pattern the reader does not understand
(case-insensitive, or nothing required) is simply searched in every line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.pattern_needs import constants as _sre, parser as _parser

NEEDLES_MAX = 6   # more alternatives than this make the test as slow as the search


@dataclass(frozen=True)
class Need:
    """What every match holds: one of ``needles``, or a line ending in one of ``enders`` (a
    single line: no line break in it), or white space (``space``)."""

    needles: frozenset[str] = frozenset()
    enders: frozenset[str] = frozenset()
    space: bool = False

    def __or__(self, other: "Need") -> "Need":
        return Need(self.needles | other.needles, self.enders | other.enders, self.space or other.space)

    def size(self) -> int:
        return len(self.needles) + len(self.enders) + self.space


def _literals(charset: list) -> frozenset[str] | None:
    """The characters of a ``[...]`` made of literals only, else None."""
    if all(op is _sre.LITERAL for op, _ in charset):
        return frozenset(chr(code) for _, code in charset)
    return None


def _item_need(op, av) -> Need | None:
    """What one item of a sequence needs when it must occur (None: nothing usable)."""
    if op is _sre.LITERAL:
        return Need(needles=frozenset(chr(av)))
    if op is _sre.IN:
        if av == [(_sre.CATEGORY, _sre.CATEGORY_SPACE)]:
            return Need(space=True)
        chars = _literals(av)
        return Need(needles=chars) if chars else None
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, _, sub = av
        return _sequence_need(list(sub)) if low >= 1 else None
    if op is _sre.SUBPATTERN:
        _, add_flags, _, sub = av
        return None if add_flags & _sre.SRE_FLAG_IGNORECASE else _sequence_need(list(sub))
    if op is _sre.BRANCH:
        needs = [_sequence_need(list(branch)) for branch in av[1]]
        if any(need is None for need in needs):
            return None
        union = Need()
        for need in needs:
            union |= need
        return union
    return None


def _sequence_need(items: list) -> Need | None:
    """What a sequence of items needs: its last literal before ``$`` if it ends so, else the
    run of literals or the item with the fewest alternatives among those that must occur."""
    if len(items) >= 2 and items[-1] == (_sre.AT, _sre.AT_END) and items[-2][0] is _sre.LITERAL:
        return Need(enders=frozenset(chr(items[-2][1])))
    best: Need | None = None
    run = ""
    for op, av in items + [(None, None)]:
        if op is _sre.LITERAL:
            run += chr(av)
            continue
        if run:  # a run of literals: the whole string must occur
            best = Need(needles=frozenset([run]))
            run = ""
            break
        if op is None:
            break
        need = _item_need(op, av)
        if need is not None and need.size() <= NEEDLES_MAX and (best is None or need.size() < best.size()):
            best = need
    return best


def need_of(pattern: re.Pattern) -> Need | None:
    """What every match of ``pattern`` in a line holds, or None when it cannot be told."""
    if _parser is None or pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    try:
        need = _sequence_need(list(_parser.parse(pattern.pattern, pattern.flags)))
    except Exception:  # a parser of another Python version: search every line
        return None
    return need if need is not None and need.size() <= NEEDLES_MAX else None


def union(needs) -> Need | None:
    """What a match of any of several patterns needs (None when one of them needs nothing)."""
    out = Need()
    for need in needs:
        if need is None:
            return None
        out |= need
    return out


def gate_source(need: Need | None) -> str:
    """A Python expression over ``line``, true when the line holds what ``need`` says (``True``
    for an unknown need): string literals only, written with ``repr``."""
    if need is None:
        return "True"
    parts = []
    if need.enders:
        parts.append(f"line.endswith({tuple(sorted(need.enders))!r})")
    parts += [f"{needle!r} in line" for needle in sorted(need.needles)]
    if need.space:  # white space: the ASCII space, or a character str.isprintable refuses (tabs, U+3000 …)
        parts.append("' ' in line or not line.isprintable()")
    return "(" + " or ".join(parts or ["False"]) + ")"


def compile_lines_test(source: str, **names) -> object:
    """``lambda line: <source>`` with ``names`` bound: the gates and the calls they guard as one
    function, since a Python call costs more than the substring tests of a gate."""
    return eval(f"lambda line, {', '.join(f'{n}={n}' for n in names)}: {source}", {"__builtins__": {}}, names)


class GatedPattern:
    """``search``/``match`` of a pattern over single lines (no line break), asked only of the lines
    that hold what a match needs."""

    __slots__ = ("pattern", "need", "search", "match")

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        self.need = need_of(pattern)
        gate = gate_source(self.need)
        self.search = compile_lines_test(f"(_search(line) if {gate} else None)", _search=pattern.search)
        self.match = compile_lines_test(f"(_match(line) if {gate} else None)", _match=pattern.match)


def any_search(patterns: list[re.Pattern]):
    """``search(line)``: the first match of any of ``patterns`` (tried in order, each only in the
    lines that hold what it needs), or None; one test of what any of them needs comes first."""
    needs = [need_of(p) for p in patterns]
    terms = [f"({gate_source(need)} and _p{k}(line))" for k, need in enumerate(needs)]
    source = f"(({gate_source(union(needs))} and ({' or '.join(terms)})) or None)"
    return compile_lines_test(source, **{f"_p{k}": p.search for k, p in enumerate(patterns)})
