"""Units: who leads, is responsible for, or cooperates on a directive.

Public API:

- ``split_units(text, offset)``: a written list of units → ``Unit`` s with body offsets;
- ``is_unit(name)``: does a phrase name a government body or a collective of them;
- ``find_assignment_context(body)``: the rules a notice states once for all its items;
- ``extract_assignments(text, offset, context)``: the units one item's own text assigns.

Only explicit assignments count (words and lexicons in ``rules/units.toml``):

1. label fields ``牵头单位：…`` / ``责任单位：…`` / ``配合单位：…`` (and variants), on their own
   line or inside brackets, several per bracket allowed; other fields (``适用范围：…``) assign
   nobody and end the value before them;
2. inline bracketed clauses: ``（交通运输部、商务部负责）``,
   ``（国家发展改革委牵头，财政部按职责分工负责）``, ``（省民政厅牵头，省残联参与）``,
   ``（市发展改革委会同有关部门负责）``;
3. document-wide rules: ``列在首位的部门为牵头部门`` makes the first unit of every list that
   has no explicit lead the lead; ``以下各项任务均由各乡镇负责`` gives every later item that
   assigns nobody those units.

A unit that is merely the subject of a sentence (``市金融办要做好指导工作``), the nouns
牵头部门/责任单位 used in a sentence (``由牵头部门组织``), and brackets that cite or explain
(``（国开发〔2020〕3号）``, ``（含续贷、展期）``) are not assignments.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...models import Unit
from ...text.scan import anchored_finditer
from .lexicon import ROLES, lexicon
from .names import (ROUND_BRACKET_CHAR, ROUND_CLOSE, ROUND_OPEN, SPACE, is_unit, split_top_level, split_units,
                    trailing_note, trimmed)

CLAUSE_DELIMITERS = frozenset("，,；;")
# An assignment bracket is short; a longer bracket is an explanation and is not searched.
BRACKET_MAX_CHARS = 300
# Characters a field label may follow: it must open a line, a bracket or a clause, so that
# "林长制责任单位：" inside a sentence is not a field.
FIELD_OPENERS = frozenset("\n（(【[，,；;。）)●•·—-*★◆■□>")
FIRST_LISTED_SOURCE = "列在首位"



@dataclass(frozen=True)
class Assignments:
    """The units one item assigns, by role, in order of appearance (no repeats within a role)."""

    lead: tuple[Unit, ...] = ()
    responsible: tuple[Unit, ...] = ()
    cooperating: tuple[Unit, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.lead or self.responsible or self.cooperating)


@dataclass(frozen=True)
class AssignmentContext:
    """Assignment rules a notice states once for all its items (see ``find_assignment_context``).

    ``first_is_lead``: 列在首位的部门为牵头部门 was said, so a list with no explicit lead is led by
    its first unit.  ``same_units``: units a note gives every item from body offset
    ``same_units_from`` on that assigns nobody itself (their offsets point at the note).
    """

    first_is_lead: bool = False
    same_units: Assignments = Assignments()
    same_units_from: int = 0


@dataclass(frozen=True)
class _Found:
    role: str
    unit: Unit
    group: int  # the bracket or block of field lines it came from: 列在首位 applies per group


def find_assignment_context(body: str) -> AssignmentContext:
    """The assignment rules a notice states once.

    >>> find_assignment_context("（列在首位的部门为牵头部门，下同）").first_is_lead
    True
    >>> ctx = find_assignment_context("三、任务\\n（以下各项任务均由各乡镇负责落实）\\n1.做好调度。")
    >>> [u.name for u in ctx.same_units.responsible], ctx.same_units_from
    (['各乡镇'], 21)
    """
    lex = lexicon()
    first_is_lead = any(p.search(body) for p in lex.first_is_lead)
    for pattern in lex.same_units:
        m = pattern.search(body)
        if not m:
            continue
        role = lex.verbs.get(m.group("verb"))
        if role is None:
            continue  # a verb the pattern allows but [inline] does not list assigns no role
        units = [_with_source(u, m.group("verb")) for u in split_units(m.group("units"), m.start("units"))
                 if is_unit(u.name)]
        if units:
            return AssignmentContext(first_is_lead, Assignments(**{role: tuple(units)}), m.end())
    return AssignmentContext(first_is_lead=first_is_lead)


def _round_brackets(text: str) -> list[tuple[int, int]]:
    """(open, close) index pairs of matched （…） / (…) brackets, outermost first."""
    pairs, stack = [], []
    for m in ROUND_BRACKET_CHAR.finditer(text):  # visit the brackets only, not every character
        i = m.start()
        if m.group() in ROUND_OPEN:
            stack.append(i)
        elif stack:
            pairs.append((stack.pop(), i))
    return sorted(pairs)


def _innermost(brackets: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    inside = [b for b in brackets if b[0] < pos < b[1]]
    return max(inside, default=None)


def _at_field_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\u3000":
        i -= 1
    # a space before the label also separates fields: 牵头单位：市科技局　配合单位：市财政局
    return i < 0 or i < pos - 1 or text[i] in FIELD_OPENERS


def _field_value_end(text: str, start: int, limit: int) -> int:
    """A field's value ends at the line end, 。, ``limit`` (the bracket holding the field) or
    before the next field (``；适用范围：``)."""
    lex = lexicon()
    depth = 0
    for i in range(start, limit):
        ch = text[i]
        if ch in "\n。【":
            return i  # 【牵头单位】A【责任单位】B: a boxed label opens the next field
        if ch in ROUND_OPEN:
            depth += 1
        elif ch in ROUND_CLOSE:
            if depth == 0:
                return i
            depth -= 1
        elif (ch in CLAUSE_DELIMITERS or ch in SPACE) and depth == 0 \
                and lex.any_field_re.match(text, i + 1, limit):
            return i  # 牵头单位：市科技局　配合单位：… in a table row is two fields
    return limit


def _with_source(unit: Unit, source: str) -> Unit:
    return unit.model_copy(update={"source": source})


def _marked_role(unit: Unit) -> tuple[Unit, str | None]:
    """市发展改革委（牵头） → (市发展改革委, 'lead'): a role marked after a listed unit."""
    lex = lexicon()
    note = trailing_note(unit.name)
    if not note:
        return _verb_marked_role(unit)
    mark = unit.name[note + 1:-1].strip()
    role = lex.verbs.get(mark) or lex.labels.get(mark)
    if role is None:
        return unit, None
    return Unit(name=unit.name[:note], start=unit.start, end=unit.start + note, source=mark), role


def _verb_marked_role(unit: Unit) -> tuple[Unit, str | None]:
    """责任单位：县发改委牵头，各相关单位配合 → a unit followed by its own role verb."""
    lex = lexicon()
    for verb in sorted(lex.verbs, key=len, reverse=True):
        if unit.name.endswith(verb) and len(unit.name) > len(verb):
            name = unit.name[: -len(verb)]
            if is_unit(name):
                return Unit(name=name, start=unit.start, end=unit.start + len(name), source=verb), lex.verbs[verb]
    return unit, None


def _assigned_units(text: str, start: int, end: int, offset: int, role: str, source: str,
                    group: int) -> list[_Found]:
    """The units of ``text[start:end]`` with ``role``; [] unless every piece names a unit
    (a clause such as "（各地要结合实际负责）" is not a list of units)."""
    found = []
    for unit in split_units(text[start:end], offset + start):
        unit, marked = _marked_role(unit)
        if not is_unit(unit.name):
            return []
        found.append(_Found(marked or role, _with_source(unit, unit.source or source), group))
    return found


FIELD_ANCHOR = re.compile("[:：】]")
FIELD_LABEL_MAX_CHARS = 12   # 【牵头单位】 / 牵头单位 ： with spaces, and a little more


def _labelled_fields(text: str, offset: int, brackets: list[tuple[int, int]]) -> tuple[list[_Found], list[int]]:
    """``牵头单位：A、B`` fields; also returns where each field starts, so the inline pass skips them."""
    lex = lexicon()
    found, starts = [], []
    # every field ends its label with ： or 】: run the pattern only near those
    for m in anchored_finditer(lex.field_re, text, FIELD_ANCHOR, FIELD_LABEL_MAX_CHARS, 2):
        if m.group("boxed") is None and not _at_field_start(text, m.start()):
            continue  # 林长制责任单位：… inside a sentence is not a field (a 【label】 always is)
        label = m.group("label") or m.group("boxed")
        bracket = _innermost(brackets, m.start())
        end = _field_value_end(text, m.end(), bracket[1] if bracket else len(text))
        group = bracket[0] if bracket else -1  # field lines outside brackets form one block
        starts.append(m.start())
        for unit in split_units(text[m.end():end], offset + m.end()):
            unit, marked = _marked_role(unit)
            if is_unit(unit.name):  # a field's value may carry a note; keep the units in it
                found.append(_Found(marked or lex.labels[label], _with_source(unit, unit.source or label), group))
    return found, starts


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses of a bracket: split on ，；, and on 、 right after a verb (省民政厅牵头、省残联参与)."""
    lex = lexicon()
    out = []
    for a, b in split_top_level(text[start:end], CLAUSE_DELIMITERS):
        a, b = start + a, start + b
        for x, y in split_top_level(text[a:b], frozenset("、")):
            if out and out[-1][1] == a + x - 1 and text[a + x - 1] == "、" \
                    and not lex.verb_end_re.search(text, out[-1][0], out[-1][1]):
                out[-1] = (out[-1][0], a + y)  # 、 inside a list of units: same clause
            else:
                out.append((a + x, a + y))
    return [trimmed(text, a, b) for a, b in out]


def _inline_clause(text: str, start: int, end: int, offset: int, group: int) -> list[_Found]:
    """One clause "<units><verb>" or "<A>会同<B>[verb]"; [] when it is anything else."""
    lex = lexicon()
    opener = next((w for w in lex.clause_openers if text.startswith(w, start, end)), "")
    start += len(opener)
    for word in lex.together:
        pos = text.find(word, start, end)
        if pos > start:
            m = lex.clause_re.fullmatch(text, pos + len(word), end)
            b_end = m.start("verb") if m else end
            leads = _assigned_units(text, start, pos, offset, "lead", word, group)
            partners = _assigned_units(text, pos + len(word), b_end, offset, "cooperating", word, group)
            if leads and partners:
                return leads + partners
    m = lex.clause_re.fullmatch(text, start, end)
    if not m:
        return []
    verb = m.group("verb")
    return _assigned_units(text, m.start("units"), m.end("units"), offset, lex.verbs[verb], verb, group)


def _inline(text: str, offset: int, brackets: list[tuple[int, int]], field_starts: list[int]) -> list[_Found]:
    """Assignments in the clauses of brackets: （国家发展改革委牵头，财政部按职责分工负责）."""
    lex = lexicon()
    found: list[_Found] = []
    for open_, close in brackets:
        if close - open_ > BRACKET_MAX_CHARS:
            continue
        pending: list[_Found] = []  # units before a comma that the next clause's verb governs
        for a, b in _clauses(text, open_ + 1, close):
            if any(a <= s < b for s in field_starts) or lex.any_field_re.match(text, a, b):
                pending = []
                continue  # a labelled field (handled) or another field such as 适用范围：
            assigned = _inline_clause(text, a, b, offset, open_)
            if assigned:
                role = assigned[0].role
                source = assigned[0].unit.source
                found += [_Found(p.role or role, _with_source(p.unit, p.unit.source or source), p.group)
                          for p in pending]
                found += assigned
                pending = []
            else:
                pending = _assigned_units(text, a, b, offset, "", "", open_)
    return found


def _first_listed_leads(found: list[_Found]) -> list[_Found]:
    """列在首位的为牵头: in each group without an explicit lead, its first responsible unit leads."""
    with_lead = {f.group for f in found if f.role == "lead"}
    promoted, out = set(), []
    for f in found:
        if f.role == "responsible" and f.group not in with_lead and f.group not in promoted:
            promoted.add(f.group)
            f = _Found("lead", _with_source(f.unit, FIRST_LISTED_SOURCE), f.group)
        out.append(f)
    return out


def _by_role(found: list[_Found]) -> Assignments:
    roles: dict[str, list[Unit]] = {role: [] for role in ROLES}
    for f in sorted(found, key=lambda f: f.unit.start):
        if all(u.name != f.unit.name for u in roles[f.role]):
            roles[f.role].append(f.unit)
    return Assignments(**{role: tuple(units) for role, units in roles.items()})


def extract_assignments(text: str, offset: int = 0, context: AssignmentContext | None = None) -> Assignments:
    """The units an item's own text assigns, by role.

    ``text`` starts at body offset ``offset``; every unit found in it has
    ``body[u.start:u.end] == u.name``.  ``context`` carries the notice's own rules (see
    ``find_assignment_context``).  Finding nothing is a normal, empty result.

    >>> a = extract_assignments("做好工作。（国家发展改革委牵头，财政部、水利部按职责分工负责）")
    >>> [u.name for u in a.lead], [u.name for u in a.responsible]
    (['国家发展改革委'], ['财政部', '水利部'])
    >>> a = extract_assignments("推进创新。（牵头单位：市科技局，配合单位：市财政局、各区）")
    >>> [u.name for u in a.lead], [u.name for u in a.cooperating]
    (['市科技局'], ['市财政局', '各区'])
    >>> bool(extract_assignments("由牵头部门组织考核，责任单位要切实落实。"))
    False
    """
    context = context or AssignmentContext()
    lex = lexicon()
    brackets = _round_brackets(text)
    found, field_starts = _labelled_fields(text, offset, brackets)
    found += _inline(text, offset, brackets, field_starts)
    if context.first_is_lead or any(p.search(text) for p in lex.first_is_lead):
        found = _first_listed_leads(found)
    assigned = _by_role(found)
    if not assigned and context.same_units and offset >= context.same_units_from:
        return context.same_units
    return assigned
