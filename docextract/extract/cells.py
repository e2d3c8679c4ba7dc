"""Units and deadlines read from the role cells of a task table's row (``ItemNode.fields``).

A role cell is a field whose label is its column's header, so it is read as a labelled field's
value is, straight from the cell (nothing is rendered as text and parsed again):

- units: the names of the list the cell holds (``units.split_units``), each with its evidence in
  the cell; any short noun phrase counts (出资人代表), a mark of nothing (/, 无, ——) does not; a
  name may mark its own role (市发展改革委（牵头）); a cell that says who does what itself
  (县河长办牵头，各乡镇配合) is read as that assignment; 列在首位的部门为牵头部门 makes the first unit
  of a row's responsible cells lead when the row names no lead;
- deadlines: the text prints a deadline cell after its header (完成时限：…), so the deadlines of
  the body are found there as usual; those inside a row's deadline cell are the row's.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from functools import cache, lru_cache

from ..models import Deadline, Unit, validated
from ..rules import load_rules, require
from ..rules.fields import UNIT_ROLES, labels_with
from ..structure.nodes import Field
from .units import AssignmentContext, Assignments, body_lexicon, extract_assignments
from .units.assign import NOBODY
from .units.names import Name, split_names
from .units.recognizer import KNOWN, NOUN

NOTHING = frozenset({"/", "／", "-", "—", "——", "无", "\\", "暂无"})
ROLE_NOTE = re.compile(r"[（(]\s*(?P<mark>[\u4e00-\u9fff]{1,6})\s*[）)]$")
NOT_IN_LEXICON = "unit_not_in_lexicon"
FIELD_COLON = ("：", ":")
SPACES = re.compile(r"\s+")
FIRST_LISTED = "列在首位"
ROLE_VERBS = "units"   # rules/units.toml: the verbs that mark a role (牵头, 配合 …)


@cache
def _role_marks() -> dict[str, str]:
    """A word that marks a listed unit's role (牵头, 配合, 牵头单位) → the role."""
    rules = load_rules(ROLE_VERBS)
    marks = {verb: role for role in UNIT_ROLES for verb in require(rules, ROLE_VERBS, f"{role}_verbs", list)}
    marks.update({label: role for role in UNIT_ROLES for label in labels_with(role)})
    return marks


def cell_context(context: AssignmentContext) -> AssignmentContext:
    """The notice's rules that apply inside one cell: how it names units, not its notes (made
    once per notice and handed to ``row_units``)."""
    return replace(context, same_units=Assignments(), also_units=Assignments(), duty_heads={}, duty_under={})


def _unit(unit: Name, source: str, context: AssignmentContext) -> Unit | None:
    """The output unit of a listed name (built once: the list is split into light names)."""
    name = unit.name.strip()
    if not name or name in NOTHING:
        return None
    score = context.recognizer.score(name)
    if score < NOUN:
        return None
    lexicon = body_lexicon()
    facts = lexicon.describe(unit.name)   # as split_units describes a listed name
    # (the notice's lexicon is mostly this one, and a listed name mostly has no white space to strip)
    known = facts if name == unit.name and context.bodies is lexicon else context.bodies.describe(name)
    flags = [] if known.known or score >= KNOWN else [NOT_IN_LEXICON]
    return validated(Unit, {"name": unit.name, "start": unit.start, "end": unit.end, "source": source,
                            "canonical": facts.canonical, "level": facts.level, "collective": facts.collective,
                            "flags": flags})


def _with(unit: Unit, source: str, flags: list[str]) -> Unit:
    """``unit`` with another source and flags (a build costs less than a pydantic copy)."""
    return validated(Unit, {"name": unit.name, "start": unit.start, "end": unit.end, "source": source,
                            "canonical": unit.canonical, "level": unit.level, "collective": unit.collective,
                            "flags": flags})


def _marked(unit: Name) -> tuple[Name, str | None]:
    """市发展改革委（牵头） → (市发展改革委, lead)."""
    m = ROLE_NOTE.search(unit.name)
    role = _role_marks().get(m.group("mark")) if m else None
    if role is None:
        return unit, None
    name = unit.name[:m.start()].rstrip()
    names = split_names(name, unit.start)
    return (names[0], role) if len(names) == 1 else (unit, None)


def _listed(text: str, start: int) -> list[Name]:
    """The names a cell lists; its paragraphs (one per line) are entries of the list."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.extend(split_names(line, start + pos))
        pos += len(line) + 1
    return out


def cell_units(body: str, fields: tuple[Field, ...], context: AssignmentContext,
               inside: AssignmentContext | None = None) -> dict[str, list[Unit]]:
    """The units of a row's role cells, by role, in reading order, each once per role
    (``inside``: ``cell_context(context)``, when the caller made it already)."""
    roles: dict[str, list[Unit]] = {role: [] for role in UNIT_ROLES}
    inside = inside or cell_context(context)
    for f in fields:
        if f.role not in UNIT_ROLES:
            continue
        text = body[f.start:f.end]
        said = extract_assignments(text, f.start, inside)
        if said is not NOBODY and said:   # the cell assigns itself: 县河长办牵头，各乡镇配合 (NOBODY: most cells)
            for role in UNIT_ROLES:
                roles[role].extend(getattr(said, role))
            continue
        for listed in _listed(text, f.start):
            listed, marked = _marked(listed)
            unit = _unit(listed, f.label, context)
            if unit is not None:
                roles[marked or f.role].append(unit)
    if context.first_is_lead and not roles["lead"]:
        _first_listed_leads(roles, context.others_role)
    return {role: _once(units) for role, units in roles.items()}


def _first_listed_leads(roles: dict[str, list[Unit]], others_role: str | None) -> None:
    """列在首位的部门为牵头部门: the first responsible unit that is not a collective leads."""
    for k, unit in enumerate(roles["responsible"]):
        if not unit.collective:
            roles["lead"].append(_with(unit, FIRST_LISTED, unit.flags))
            rest = roles["responsible"][:k] + roles["responsible"][k + 1:]
            roles["responsible"] = rest if not others_role else []
            if others_role:
                roles[others_role].extend(rest)
            return


@lru_cache(maxsize=4096)
def _name_key(name: str) -> str:
    """A name without white space: what makes two listed units the same (asked twice per unit)."""
    return SPACES.sub("", name)


def _once(units: list[Unit]) -> list[Unit]:
    seen, out = set(), []
    for unit in units:
        key = _name_key(unit.name)
        if key not in seen:
            seen.add(key)
            out.append(unit)
    return out


def row_units(body: str, node, context: AssignmentContext,
              inside: AssignmentContext | None = None) -> dict[str, list[Unit]]:
    """A table row's units by role: its role cells', then those the rest of its text assigns
    (a bracket in its content cell), each once in its strongest role (``inside``: see
    ``cell_units``)."""
    from_cells = cell_units(body, node.fields, context, inside)
    rest = without_cells(body, node.text_start, node.end, node.fields)
    return merged_units(from_cells, extract_assignments(rest, node.text_start, row_context(context, from_cells)))


def merged_units(from_cells: dict[str, list[Unit]], from_text) -> dict[str, list[Unit]]:
    """A row's units: its cells' first, then those its own text assigns, each once per row in
    its strongest role (a unit that leads one of the rows a merged 序号 spans and cooperates on
    another leads the task)."""
    out: dict[str, list[Unit]] = {}
    listed: set[str] = set()
    for role in UNIT_ROLES:   # lead, responsible, cooperating: strongest first
        units = [u for u in _once(from_cells[role] + list(getattr(from_text, role))) if _name_key(u.name) not in listed]
        listed.update(_name_key(u.name) for u in units)
        out[role] = units
    return out


def without_row_heads(context: AssignmentContext, items) -> AssignmentContext:
    """A table row starts with its task cell, never with a unit heading a duty list (a task glued
    to the unit cell after it by the re-joining of wrapped lines reads like one)."""
    heads = [it for it in items if it.row and it.text_start in context.duty_heads]
    if not heads:
        return context
    starts = {it.text_start for it in heads}
    under = {other.text_start for it in heads for other in items
             if other.part == it.part and len(other.path) > len(it.path) and other.path[:len(it.path)] == it.path}
    return replace(context, duty_heads={k: v for k, v in context.duty_heads.items() if k not in starts},
                   duty_under={k: v for k, v in context.duty_under.items() if k not in under})


def row_context(context: AssignmentContext, from_cells: dict[str, list[Unit]]) -> AssignmentContext:
    """A row whose cells name units assigns them itself: 以下各项任务均由X负责 does not apply to it.
    The row's text is read with its cells blanked (not a piece of the body as written), so it is
    searched for the 列在首位 rules on its own."""
    return context.apart_without_same if any(from_cells.values()) else context.apart


def without_cells(body: str, start: int, end: int, fields: tuple[Field, ...]) -> str:
    """``body[start:end]`` with the row's unit cells and the headers printed before them blanked
    (same length): the text around them is searched for assignments of its own, the cells are
    not read twice."""
    blanks = []
    for f in fields:
        if f.role not in UNIT_ROLES:
            continue
        line = body.rfind("\n", 0, f.start) + 1
        header = body[line:f.start].rstrip()
        first = line if header.endswith(FIELD_COLON) and len(header) <= len(f.label) + 2 else f.start
        if max(first, start) < min(f.end, end):
            blanks.append((max(first, start), min(f.end, end)))
    pieces, pos = [], start   # the text between the blanks copied once, not character by character
    for a, b in sorted(blanks):
        if b <= pos:
            continue
        a = max(a, pos)
        pieces += [body[pos:a], " " * (b - a)]
        pos = b
    pieces.append(body[pos:end])
    return "".join(pieces)


def row_deadlines(found: list[Deadline], nodes) -> tuple[list[Deadline], dict[int, list[Deadline]]]:
    """The deadlines of the rows' deadline cells, by row (a cell after the row's criteria, or
    printed once for the rows a merged cell spans, is still the row's), and the others."""
    owners_of: dict[tuple[int, int], list[int]] = {}
    for k, node in enumerate(nodes):
        for f in node.fields:
            if f.role == "deadline":
                owners_of.setdefault((f.start, f.end), []).append(k)
    if not owners_of:
        return found, {}
    cells = sorted(owners_of)
    starts = [start for start, _ in cells]
    rest: list[Deadline] = []
    by_row: dict[int, list[Deadline]] = {}
    for d in found:
        i = bisect.bisect_right(starts, d.start) - 1
        if i >= 0 and d.start < cells[i][1]:   # cells do not overlap
            for k in owners_of[cells[i]]:
                by_row.setdefault(k, []).append(d)
        else:
            rest.append(d)
    return rest, by_row
