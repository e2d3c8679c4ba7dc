"""Units: who leads, is responsible for, or cooperates on a directive.

Only explicit assignments count (rules in ``rules/units.toml``):

- label fields ``牵头单位：…`` / ``责任单位：…`` / ``配合单位：…`` (and their variants), on their
  own line or inside brackets, several per bracket allowed;
- inline bracketed clauses at the end of a directive: ``（交通运输部、商务部负责）``,
  ``（国家发展改革委牵头，财政部按职责分工负责）``, ``（省民政厅牵头，省残联参与）``,
  ``（市发展改革委会同有关部门负责）``;
- a document-wide rule such as ``列在首位的部门为牵头部门`` makes the first unit of every later
  plain list the lead.

A unit that is merely the subject of a sentence (``市金融办要做好指导工作``) and the ordinary
nouns 牵头部门/责任单位 without a colon (``由牵头部门组织``) are not assignments.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .models import Unit
from .rules import compile_pattern, load_rules, require
from .errors import RuleError

RULES = "units"
DELIMITERS = "、，,；;"
OPEN, CLOSE = "（(", "）)"
TRAILING = " \t\n。.:：，,、；;"
TRAILING_PAREN = re.compile(r"[（(][^（）()]*[）)]$")


@dataclass(frozen=True)
class _Lexicon:
    labels: dict[str, str]
    label_re: re.Pattern
    verbs: tuple[tuple[str, str], ...]   # (verb, role), longest first
    together: tuple[str, ...]
    suffixes: tuple[str, ...]
    prefixes: tuple[str, ...]
    bare_kinds: frozenset[str]
    known: frozenset[str]
    not_unit: tuple[str, ...]
    etc_groups: tuple[str, ...]
    first_is_lead: tuple[re.Pattern, ...]


@cache
def lexicon() -> _Lexicon:
    rules = load_rules(RULES)
    labels = rules.get("labels")
    if not isinstance(labels, dict) or not all(v in ("lead", "responsible", "cooperating") for v in labels.values()):
        raise RuleError(f"{RULES}.toml: [labels] must map label words to lead/responsible/cooperating")
    verbs_table = rules.get("verbs") or {}
    verbs = []
    for role in ("lead", "responsible", "cooperating"):
        verbs += [(v, role) for v in require(verbs_table, RULES, role, list)]
    lex = rules.get("lexicon") or {}
    context = rules.get("context") or {}
    label_alt = "|".join(map(re.escape, sorted(labels, key=len, reverse=True)))
    return _Lexicon(
        labels=dict(labels),
        label_re=re.compile(rf"(?P<label>{label_alt})\s*[:：]\s*"),
        verbs=tuple(sorted(verbs, key=lambda v: len(v[0]), reverse=True)),
        together=tuple(require(verbs_table, RULES, "together", list)),
        suffixes=tuple(sorted(require(lex, RULES, "suffixes", list), key=len, reverse=True)),
        prefixes=tuple(sorted(require(lex, RULES, "prefixes", list), key=len, reverse=True)),
        bare_kinds=frozenset(require(lex, RULES, "bare_kinds", list)),
        known=frozenset(require(lex, RULES, "known", list)),
        not_unit=tuple(require(lex, RULES, "not_unit_words", list)),
        etc_groups=tuple(sorted(require(lex, RULES, "etc_groups", list), key=len, reverse=True)),
        first_is_lead=tuple(compile_pattern(RULES, "first_is_lead", p)
                            for p in require(context, RULES, "first_is_lead", list)),
    )


# -- is it a unit? -----------------------------------------------------------------------------


def is_unit(name: str) -> bool:
    """Whether a phrase names a government body or a collective of them.

    >>> is_unit("市人社局"), is_unit("各乡(镇)"), is_unit("县直有“双包”任务的单位"), is_unit("适用范围")
    (True, True, True, False)
    """
    lex = lexicon()
    name = name.strip()
    if not (2 <= len(name) <= 40):
        return False
    if name in lex.known:
        return True
    if name.endswith(tuple(CLOSE)) and not name.endswith(lex.suffixes):
        base = TRAILING_PAREN.sub("", name)  # 各区(县), 市农业农村局(市乡村振兴局)
        if base != name:
            return is_unit(base)
    if any(word in name for word in lex.not_unit):
        return False
    if name.startswith("各") and name[1:] in lex.bare_kinds:
        return True
    return name.endswith(lex.suffixes)


# -- splitting lists of units ------------------------------------------------------------------


@dataclass(frozen=True)
class _Piece:
    start: int
    end: int


def _pieces(text: str) -> list[_Piece]:
    """Split on delimiters outside brackets."""
    pieces, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        elif ch in DELIMITERS and depth == 0:
            pieces.append(_Piece(start, i))
            start = i + 1
    pieces.append(_Piece(start, len(text)))
    return pieces


def _trim(text: str, piece: _Piece) -> _Piece:
    start, end = piece.start, piece.end
    while start < end and text[start] in " \t\n":
        start += 1
    while end > start and text[end - 1] in TRAILING:
        end -= 1
    return _Piece(start, end)


def _split_etc(text: str, piece: _Piece) -> list[_Piece]:
    """"商务部等有关部门" → 商务部, 有关部门; "财政局等" → 财政局."""
    lex = lexicon()
    name = text[piece.start:piece.end]
    pos = name.rfind("等")
    if pos <= 0:
        return [piece]
    rest = name[pos + 1:]
    if rest == "":
        return [_Piece(piece.start, piece.start + pos)]
    for group in lex.etc_groups:
        if rest == group:
            head = _Piece(piece.start, piece.start + pos)
            if group in ("部门", "单位"):
                return [head]
            return [head, _Piece(piece.start + pos + 1, piece.end)]
    return [piece]


def _split_glued(text: str, piece: _Piece) -> list[_Piece]:
    """"市人社局市扶贫开发中心" → two units: a new unit starts where a prefix follows a suffix."""
    lex = lexicon()
    name = text[piece.start:piece.end]
    for cut in range(2, len(name) - 1):
        left, right = name[:cut], name[cut:]
        if left.endswith(lex.suffixes) and right.startswith(lex.prefixes) and is_unit(right) \
                and not _is_bare_collective(left) \
                and not right.startswith(("各单位", "各部门")) and _bracket_balanced(left):
            first = _Piece(piece.start, piece.start + cut)
            return [first] + _split_glued(text, _Piece(piece.start + cut, piece.end))
    return [piece]


def _bracket_balanced(s: str) -> bool:
    return sum(s.count(c) for c in OPEN) == sum(s.count(c) for c in CLOSE)


def _merge_collectives(text: str, pieces: list[_Piece]) -> list[_Piece]:
    """"各市、县(市、区)扶贫开发领导小组" is one unit: 各 governs a 、-list of bare kinds."""
    lex = lexicon()
    out: list[_Piece] = []
    for piece in pieces:
        if out:
            prev = out[-1]
            prev_name = text[prev.start:prev.end]
            name = text[piece.start:piece.end]
            joined_by_dun = text[prev.end:piece.start].strip() == "、"
            if joined_by_dun and _is_bare_collective(prev_name) and "各" not in name and _starts_with_bare_kind(name):
                out[-1] = _Piece(prev.start, piece.end)
                continue
        out.append(piece)
    return out


def _is_bare_collective(name: str) -> bool:
    """各 + bare kinds so far: 各市, 各区、县级市 (a merged run), 各乡(镇)."""
    lex = lexicon()
    if not name.startswith("各"):
        return False
    parts = [p for p in re.split(r"、(?![^（(]*[）)])", name[1:]) if p]
    return all(p in lex.bare_kinds for p in parts)


def _starts_with_bare_kind(name: str) -> bool:
    lex = lexicon()
    return any(name.startswith(kind) for kind in sorted(lex.bare_kinds, key=len, reverse=True))


def split_units(text: str, offset: int = 0) -> list[Unit]:
    """Split a list of units as written; offsets are ``offset`` + positions in ``text``.

    >>> [u.name for u in split_units("市人社局市扶贫开发中心、各乡(镇)")]
    ['市人社局', '市扶贫开发中心', '各乡(镇)']
    >>> [u.name for u in split_units("各市、县(市、区)扶贫开发领导小组,省扶贫开发领导小组成员单位")]
    ['各市、县(市、区)扶贫开发领导小组', '省扶贫开发领导小组成员单位']
    >>> [u.name for u in split_units("商务部等有关部门；各乡镇、县直各单位")]
    ['商务部', '有关部门', '各乡镇', '县直各单位']
    """
    pieces = [_trim(text, p) for p in _pieces(text)]
    pieces = [p for p in pieces if p.end > p.start]
    pieces = _merge_collectives(text, pieces)
    out: list[Unit] = []
    for piece in pieces:
        for part in _split_etc(text, piece):
            for unit in _split_glued(text, _trim(text, part)):
                unit = _trim(text, unit)
                if unit.end > unit.start:
                    out.append(Unit(name=text[unit.start:unit.end], start=offset + unit.start,
                                    end=offset + unit.end))
    return out


# -- assignments -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AssignmentContext:
    """Document-wide assignment rules, found once per notice."""

    first_is_lead: bool = False


@dataclass(frozen=True)
class Assignments:
    lead: tuple[Unit, ...] = ()
    responsible: tuple[Unit, ...] = ()
    cooperating: tuple[Unit, ...] = ()


def find_assignment_context(body: str) -> AssignmentContext:
    """Rules a notice states once: ``列在首位的部门为牵头部门`` and the like."""
    lex = lexicon()
    return AssignmentContext(first_is_lead=any(p.search(body) for p in lex.first_is_lead))


NEXT_FIELD = re.compile(r"[；;，,]\s*[\u4e00-\u9fff]{2,6}\s*[:：]")


def _inside_bracket(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    depth = 0
    for ch in text[line_start:pos]:
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
    return depth > 0


def _value_end(text: str, start: int, in_bracket: bool) -> int:
    """Where a field's value ends: the line end, 。, the bracket that holds the field, or the next field."""
    depth = 0
    for i in range(start, len(text)):
        ch = text[i]
        if ch == "\n" or ch == "。":
            return i
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            if depth == 0 and in_bracket:
                return i
            depth = max(0, depth - 1)
        elif ch in "；;，," and NEXT_FIELD.match(text, i):
            return i
    return len(text)
BRACKET = re.compile(r"[（(](?P<inner>[^（）()\n]{2,200}?(?:[（(][^（）()\n]{1,10}[）)][^（）()\n]{0,100}?)*)[）)]")


def _with_units(found: dict[str, list[Unit]], role: str, units: list[Unit]) -> None:
    seen = {u.name for u in found[role]}
    for unit in units:
        if unit.name not in seen and is_unit(unit.name):
            found[role].append(unit)
            seen.add(unit.name)


def _labelled(text: str, offset: int, found: dict[str, list[Unit]]) -> list[tuple[int, int]]:
    """``牵头单位：A、B`` fields; returns the spans consumed."""
    lex = lexicon()
    spans = []
    for m in lex.label_re.finditer(text):
        before = text[:m.start()].rstrip(" \t")
        if before and before[-1] not in "\n（(，,；;。" and not before.endswith(tuple(OPEN)):
            continue  # 林长制责任单位：… inside a sentence is not a field
        end = _value_end(text, m.end(), _inside_bracket(text, m.start()))
        value = text[m.end():end]
        _with_units(found, lex.labels[m.group("label")], split_units(value, offset + m.end()))
        spans.append((m.start(), end))
    return spans


def _inline_clause(clause: str, start: int, offset: int, context: AssignmentContext,
                   found: dict[str, list[Unit]], has_lead: bool) -> bool:
    """One clause of a bracket: "<units><verb>" or "<A>会同<B>负责"; True when it assigned."""
    lex = lexicon()
    for word in lex.together:
        pos = clause.find(word)
        if pos > 0:
            a = split_units(clause[:pos], offset + start)
            rest = clause[pos + len(word):]
            verb = next((v for v, _ in lex.verbs if rest.endswith(v)), "")
            b = split_units(rest[: len(rest) - len(verb)], offset + start + pos + len(word))
            if a and b and all(is_unit(u.name) for u in a + b):
                _with_units(found, "lead", a)
                _with_units(found, "cooperating", b)
                return True
    for verb, role in lex.verbs:
        if clause.endswith(verb) and len(clause) > len(verb):
            units = split_units(clause[: -len(verb)], offset + start)
            if not units or not all(is_unit(u.name) for u in units):
                return False
            if role == "responsible" and context.first_is_lead and not has_lead:
                _with_units(found, "lead", units[:1])
                units = units[1:]
            _with_units(found, role, units)
            return True
    return False


def _inline(text: str, offset: int, context: AssignmentContext, found: dict[str, list[Unit]],
            skip: list[tuple[int, int]]) -> None:
    for m in BRACKET.finditer(text):
        if any(a <= m.start() < b for a, b in skip):
            continue
        inner_start = m.start("inner")
        inner = m.group("inner")
        clauses, pos = [], 0
        for part in re.split(r"([，,；;])", inner):
            if part and part not in "，,；;":
                clauses.append((part, inner_start + pos))
            pos += len(part)
        has_lead = any(c.rstrip().endswith(("牵头",)) for c, _ in clauses)
        for clause, start in clauses:
            stripped = clause.strip()
            lead_space = len(clause) - len(clause.lstrip())
            _inline_clause(stripped, start + lead_space, offset, context, found, has_lead)


def extract_assignments(text: str, offset: int = 0, context: AssignmentContext | None = None) -> Assignments:
    """The units an item's own text assigns, by role; offsets refer to ``offset`` + positions in ``text``.

    >>> a = extract_assignments("做好工作。（国家发展改革委牵头，财政部、水利部按职责分工负责）")
    >>> [u.name for u in a.lead], [u.name for u in a.responsible]
    (['国家发展改革委'], ['财政部', '水利部'])
    """
    context = context or AssignmentContext()
    found: dict[str, list[Unit]] = {"lead": [], "responsible": [], "cooperating": []}
    consumed = _labelled(text, offset, found)
    _inline(text, offset, context, found, consumed)
    return Assignments(tuple(found["lead"]), tuple(found["responsible"]), tuple(found["cooperating"]))
