"""Units: who leads, is responsible for, or cooperates on a directive.

Public API:

- ``find_assignment_context(body, items, settings)``: the rules a notice states once for all its
  items, the duty lists of its item tree, the unit recogniser (``context.py``);
- ``extract_assignments(text, offset, context)``: the units one item's own text assigns.

Only explicit assignments count (words in ``rules/units.toml``, names in ``rules/orgs.toml`` and
``rules/bodies.toml``, field labels in ``rules/fields.toml``):

1. label fields ``牵头单位：…`` / ``责任单位：…`` / ``配合单位：…`` (and variants), on their own
   line or inside brackets, several per bracket allowed; other fields (``适用范围：…``) assign
   nobody and end the value before them (this module);
2. bracketed clauses: ``（交通运输部、商务部负责）``, ``（国家发展改革委牵头，财政部按职责分工负责）``,
   ``（省民政厅牵头，省残联参与）``, ``（市发展改革委会同有关部门负责）`` (``clauses.py``);
3. the sentence forms: ``由X负责…``, ``由A会同B…``, ``A牵头，B配合`` (``sentences.py``);
4. duty lists (``（一）区城管局：负责…``) and document-wide rules: ``列在首位的部门为牵头部门``,
   ``以下各项任务均由各乡镇负责``, ``以下均需X落实`` (``context.py``).

A unit that is merely the subject of a sentence (``市金融办要做好指导工作``), the nouns
牵头部门/责任单位 used in a sentence (``由牵头部门组织``), and brackets that cite or explain
(``（国开发〔2020〕3号）``, ``（含续贷、展期）``) are not assignments.
"""
from __future__ import annotations

import re
from operator import attrgetter

from ...models import Unit, validated
from ...text.scan import windows
from .canonical import body_lexicon
from .clauses import bracket_clauses, innermost, positions, round_brackets
from .context import AssignmentContext, find_assignment_context  # noqa: F401  (assemble imports both here)
from .lexicon import BOX_CLOSE, ROLES, lexicon
from .recognizer import GENERIC, KNOWN, UnitRecognizer
from .shapes import ROUND_CLOSE, ROUND_OPEN, SPACE, compact, trailing_note
from .names import Name, split_names
from .prefixed import prefixed_search
from .sentences import Sentence, blocked_after, sentence_assignments, sentences
from .slots import FIELD, Assignments, Found, accept, name_score, relative_lead, shared_suffix

CLAUSE_DELIMITERS = frozenset("，,；;")
# Characters a field label may follow: it must open a line, a bracket or a clause, so that
# "林长制责任单位：" inside a sentence is not a field.
FIELD_OPENERS = frozenset("\n（(【[，,；;。）)●•·—-*★◆■□>")
FIELD_LABEL_MAX_CHARS = 14   # 【牵头单位】 / 牵头单位 ： with spaces, a label wrapped over two lines
FIRST_LISTED_SOURCE = "列在首位"
NOT_IN_LEXICON = "unit_not_in_lexicon"
NOBODY = Assignments()
# Where a field's value may end (``_field_value_end``): inside a bracket a line end does not end it.
VALUE_STOPS_IN_BRACKET = re.compile(r"[。【（()），,；;\s]")
VALUE_STOPS = re.compile(r"[\n。【（()），,；;\s]")


def _at_field_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\u3000":
        i -= 1
    # a space before the label also separates fields: 牵头单位：市科技局　配合单位：市财政局
    return i < 0 or i < pos - 1 or text[i] in FIELD_OPENERS


def _field_value_end(text: str, start: int, limit: int, bracketed: bool) -> int:
    """A field's value ends at the line end (outside brackets), 。, ``limit`` (the bracket
    holding the field) or before the next field (``；适用范围：``)."""
    lex = lexicon()
    depth = 0
    stops = VALUE_STOPS_IN_BRACKET if bracketed else VALUE_STOPS
    pos = start
    while True:
        m = stops.search(text, pos, limit)
        if not m:
            return limit
        i, ch = m.start(), m.group()
        if ch in "\n。【" and (ch != "\n" or not bracketed):
            return i  # 【牵头单位】A【责任单位】B: a boxed label opens the next field
        if ch in ROUND_OPEN:
            depth += 1
        elif ch in ROUND_CLOSE:
            if depth == 0:
                return i
            depth -= 1
        elif depth == 0 and (ch in CLAUSE_DELIMITERS or ch in SPACE) and lex.any_field_re.match(text, i + 1, limit):
            return i  # 牵头单位：市科技局　配合单位：… in a table row is two fields
        pos = i + 1


def _marked_role(unit: Name, rec: UnitRecognizer) -> tuple[Name, str | None]:
    """市发展改革委（牵头） → (市发展改革委, 'lead'): a role marked after a listed unit."""
    lex = lexicon()
    note = trailing_note(unit.name)
    if not note:
        return _verb_marked_role(unit, rec)
    mark = compact(unit.name[note + 1:-1])
    role = lex.verbs.get(mark) or lex.labels.get(mark)
    if role is None:
        return unit, None
    return Name(unit.name[:note], unit.start, unit.start + note, mark), role


def _verb_marked_role(unit: Name, rec: UnitRecognizer) -> tuple[Name, str | None]:
    """责任单位：县发改委牵头，各相关单位配合 → a unit followed by its own role verb."""
    lex = lexicon()
    verb = lex.verb_end.of(unit.name)
    if verb and len(unit.name) > len(verb):
        name = unit.name[:-len(verb)]
        if rec.score(name) >= GENERIC:
            return Name(name, unit.start, unit.start + len(name), verb), lex.verbs[verb]
    return unit, None


def _may_hold_field(text: str) -> bool:
    """Every field label ends with ： or 】: most items hold no field, three substring tests say so."""
    return "：" in text or ":" in text or "】" in text


def _field_windows(text: str) -> list[tuple[int, int]]:
    """``scan.windows(text, field_anchor, FIELD_LABEL_MAX_CHARS, 2)`` with the anchor's two kinds
    found apart: a colon after a label's last character by a pattern sre scans from its first
    characters, a 】 by ``str.find`` (the two never overlap, so the anchors are the same)."""
    lex = lexicon()
    if lex.field_colon is None:
        return windows(text, lex.field_anchor, FIELD_LABEL_MAX_CHARS, 2)
    anchors = _colon_anchors(text, lex.label_ends)
    at = text.find(BOX_CLOSE)
    if at >= 0:
        while at >= 0:
            anchors.append((at, at + 1))
            at = text.find(BOX_CLOSE, at + 1)
        anchors.sort()
    out: list[list[int]] = []
    size = len(text)
    for a, b in anchors:   # merged as scan.windows merges them
        start, end = max(0, a - FIELD_LABEL_MAX_CHARS), min(size, b + 2)
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(a, b) for a, b in out]


def _colon_anchors(text: str, label_ends: frozenset[str]) -> list[tuple[int, int]]:
    """The spans ``lexicon().field_colon.finditer(text)`` finds (a label's last character, white
    space, a colon), read back from each colon: colons are few and ``str.find`` passes over the
    rest faster than sre tries a class at every character.  (No two such spans can overlap: only
    white space stands between the character and its colon.)"""
    colons = positions(text, "：")
    if ":" in text:
        colons = sorted(colons + positions(text, ":"))
    out = []
    for colon in colons:
        at = colon - 1
        while at >= 0 and text[at].isspace():   # str.isspace is what \s matches in a str pattern
            at -= 1
        if at >= 0 and text[at] in label_ends:
            out.append((at, colon + 1))
    return out


def _labelled_fields(text: str, offset: int, brackets, rec: UnitRecognizer) -> tuple[list[Found], list[tuple[int, int]]]:
    """``牵头单位：A、B`` fields; also returns each field's label (where the field starts, where its
    value starts), so the clause pass skips them.
    A field vouches for its value: any short noun phrase in it is a unit (出资人代表), and a name
    may mark its own role (市发展改革委（牵头）, 县发改委牵头)."""
    lex = lexicon()
    found, starts = [], []
    if not _may_hold_field(text):
        return found, starts
    # every field ends its label with ： or 】: run the pattern only near those
    for low, high in _field_windows(text):
        for m in lex.field_re.finditer(text, low, high):
            if m.group("boxed") is None and not _at_field_start(text, m.start()):
                continue  # 林长制责任单位：… inside a sentence is not a field (a 【label】 always is)
            label = compact(m.group("label") or m.group("boxed"))
            bracket = innermost(brackets, m.start())
            end = _field_value_end(text, m.end(), bracket[1] if bracket else len(text), bracket is not None)
            group = bracket[0] if bracket else -1  # field lines outside brackets form one block
            starts.append((m.start(), m.end()))
            start = relative_lead(text, m.end(), end)
            shared = shared_suffix(text[start:end])
            for unit in split_names(text[start:end], offset + start, rec):
                unit, role = _marked_role(unit, rec)
                if accept([unit], [name_score(unit.name, shared, rec)], FIELD):
                    found.append(Found(role or lex.labels[label], Name(unit.name, unit.start, unit.end, unit.source or label),
                                       group))
    return found, starts


def _duty_item(text: str, offset: int, head: tuple[Name, ...], rec: UnitRecognizer) -> list[Found]:
    """In an item headed by its unit (a duty list), a clause that opens with 牵头 has that unit as
    its subject: 牵头协调… makes it the lead, 牵头区建管委、区交通委… makes them partners."""
    found: list[Found] = []
    for start, end in sentences(text):
        sentence = Sentence(text, start, end, offset, rec, [])
        for a, b in sentence.clauses:
            if text.startswith("并", a, b):
                a += 1
            verb = next((v for v in ("负责牵头", "牵头") if text.startswith(v, a, b)), None)
            if verb is None or blocked_after(text, a + len(verb)):
                continue
            if not found:
                found += [Found("lead", Name(u.name, u.start, u.end, "牵头"), -2) for u in head]
            sentence.objects(a + len(verb), b)
        found += sentence.found
    return found


def _first_listed_leads(found: list[Found], others_role: str | None) -> list[Found]:
    """列在首位的为牵头: in each group without an explicit lead, its first responsible unit leads
    (never a collective, which stays responsible); the rest take ``others_role`` if given."""
    with_lead = {f.group for f in found if f.role == "lead"}
    seen, out = set(), []
    for f in found:
        if f.role == "responsible" and f.group not in with_lead:
            if f.group not in seen:
                seen.add(f.group)
                if not _is_collective(f.unit.name):
                    f = Found("lead", Name(f.unit.name, f.unit.start, f.unit.end, FIRST_LISTED_SOURCE), f.group, f.flags)
            elif others_role:
                f = Found(others_role, f.unit, f.group, f.flags)
        out.append(f)
    return out


def _is_collective(name: str) -> bool:
    return body_lexicon().describe(name).collective


def _described(unit: Name | Unit, flags: tuple[str, ...], context: AssignmentContext) -> Unit:
    """The output unit: the name as written, its canonical name, level, collectiveness, flags."""
    facts = context.bodies.describe(unit.name)
    own = getattr(unit, "flags", ())   # a Unit from a note has flags, a Name has none
    flags = list(dict.fromkeys((*own, *flags))) if own or flags else []
    if not facts.known and context.recognizer.score(unit.name) < KNOWN and NOT_IN_LEXICON not in flags:
        flags.append(NOT_IN_LEXICON)
    return validated(Unit, {"name": unit.name, "start": unit.start, "end": unit.start + len(unit.name),
                            "source": unit.source, "canonical": facts.canonical, "level": facts.level,
                            "collective": facts.collective, "flags": flags})


_UNIT_START = attrgetter("unit.start")   # the sort key of found units, without a Python call per unit


def _by_role(found: list[Found], context: AssignmentContext) -> dict[str, list[Unit]]:
    roles: dict[str, list[Unit]] = {role: [] for role in ROLES}
    seen: dict[str, set[str]] = {role: set() for role in ROLES}
    for f in sorted(found, key=_UNIT_START):
        key = compact(f.unit.name)
        if key not in seen[f.role]:
            seen[f.role].add(key)
            roles[f.role].append(_described(f.unit, f.flags, context))
    return roles


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
    head = context.duty_heads.get(offset, ())
    fielded = "：" in text or ":" in text or "】" in text   # _may_hold_field, inline: run for every item
    trigger = lex.trigger_re.search(text)   # has_trigger: one scan for the literals
    triggered = trigger is not None
    if not (fielded or triggered or head or offset in context.duty_under or context.has_notes):
        return NOBODY  # nothing below can find a unit: skip building the empty result
    rec = context.recognizer
    brackets = round_brackets(text) if "(" in text or "（" in text else []
    found, field_labels = _labelled_fields(text, offset, brackets, rec) if fielded else ([], [])
    if triggered:
        in_brackets, used = bracket_clauses(text, offset, brackets, field_labels, rec)
        found += in_brackets
        found += sentence_assignments(text, offset, rec, used, brackets, trigger.start())
        if head:
            found += _duty_item(text, offset, head, rec)
    if found and (context.first_is_lead or (not context.body_searched
                                            and any(prefixed_search(p, text) for p in lex.first_is_lead))):
        found = _first_listed_leads(found, context.others_role)
    found += [Found("responsible", u, -2) for u in head or context.duty_under.get(offset, ())]
    notes = context.has_notes   # (kept by the context: most notices state no note, most items skip both tests)
    if not found and notes and context.same_units and context.same_scope.holds(offset):
        found = _from_note(context.same_units)
    if not found and not (notes and context.also_units):
        return NOBODY
    roles = _by_role(found, context)
    if notes and context.also_units and context.also_scope.holds(offset):
        extra = _by_role(_from_note(context.also_units), context)
        for role in ROLES:
            names = {compact(u.name) for u in roles[role]}
            roles[role] += [u for u in extra[role] if compact(u.name) not in names]
    return Assignments(**{role: tuple(units) for role, units in roles.items()})


def _from_note(assigned: Assignments) -> list[Found]:
    return [Found(role, unit, -3) for role in ROLES for unit in getattr(assigned, role)]
