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
from functools import cache

from .errors import RuleError
from .models import Unit
from .scan import anchored_finditer
from .rules import compile_pattern, load_rules, require

RULES = "units"
ROLES = ("lead", "responsible", "cooperating")
LIST_DELIMITERS = frozenset("、，,；;")
CLAUSE_DELIMITERS = frozenset("，,；;")
# Pairs whose inside is never split: 县(市、区), 县直有“双包”任务的单位, 《…》.
PAIRS = {"（": "）", "(": ")", "“": "”", "【": "】", "〔": "〕", "《": "》", "［": "］", "[": "]"}
CLOSERS = frozenset(PAIRS.values())
ROUND_OPEN, ROUND_CLOSE = "（(", "）)"
ROUND_BRACKET_CHAR = re.compile("[（()）]")
BRACKET_CHAR = re.compile("[" + re.escape("".join(PAIRS) + "".join(PAIRS.values())) + "]")
SPACE = frozenset(" \t\r\n\u3000")
DROPPED_AT_END = SPACE | frozenset("。.:：，,、；;!！?？")
DROPPED_AT_START = SPACE | frozenset("、，,；;:：")
# Longest unit names seen are ~25 characters (县十大专项行动组成成员单位); anything much longer
# is a clause, not a name.
NAME_MAX_CHARS = 40
# An assignment bracket is short; a longer bracket is an explanation and is not searched.
BRACKET_MAX_CHARS = 300
# Characters a field label may follow: it must open a line, a bracket or a clause, so that
# "林长制责任单位：" inside a sentence is not a field.
FIELD_OPENERS = frozenset("\n（(【[，,；;。）)●•·—-*★◆■□>")
FIRST_LISTED_SOURCE = "列在首位"


# -- the lexicon ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lexicon:
    labels: dict[str, str]
    field_re: re.Pattern        # a labelled field opener: 牵头单位： / 【牵头单位】
    any_field_re: re.Pattern    # any "<word>：" field opener, to end the value before it
    verbs: dict[str, str]       # inline verb → role
    clause_re: re.Pattern       # "<units><verb>" at the end of a clause
    verb_end_re: re.Pattern     # a verb ending a text (for 、 between clauses)
    together: tuple[str, ...]
    clause_openers: tuple[str, ...]
    suffixes: tuple[str, ...]
    not_unit_endings: tuple[str, ...]
    known: frozenset[str]
    prefixes: tuple[str, ...]
    joiners: tuple[str, ...]
    not_unit_words: tuple[str, ...]
    clause_word_exempt: tuple[str, ...]
    not_unit_starts: tuple[str, ...]
    etc_re: re.Pattern
    etc_kept: frozenset[str]
    kinds: dict[str, int]       # bare kind of place/body → administrative level (0 = body)
    kinds_longest_first: tuple[str, ...]
    first_is_lead: tuple[re.Pattern, ...]
    same_units: tuple[re.Pattern, ...]


def _alternation(words) -> str:
    """A regex alternation, longest word first so the longest match wins."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def _roles_table(table: object, key: str) -> dict[str, str]:
    if not isinstance(table, dict) or not table:
        raise RuleError(f"{RULES}.toml: [{key}] must be a table of label = role")
    for word, role in table.items():
        if role not in ROLES:
            raise RuleError(f"{RULES}.toml: [{key}] {word!r} = {role!r}: the role must be one of {ROLES}")
    return dict(table)


def _levels_table(table: object, key: str) -> dict[str, int]:
    if not isinstance(table, dict) or not table:
        raise RuleError(f"{RULES}.toml: [{key}] must be a table of kind = level")
    for word, level in table.items():
        if not isinstance(level, int) or isinstance(level, bool) or not 0 <= level <= 9:
            raise RuleError(f"{RULES}.toml: [{key}] {word!r} = {level!r}: the level must be an integer 0-9")
    return dict(table)


def _table(rules: dict, key: str) -> dict:
    value = rules.get(key)
    if not isinstance(value, dict):
        raise RuleError(f"{RULES}.toml: missing table [{key}]")
    return value


def _patterns(table: dict, key: str, groups: tuple[str, ...] = ()) -> tuple[re.Pattern, ...]:
    compiled = tuple(compile_pattern(RULES, key, p) for p in require(table, RULES, key, list))
    for pattern in compiled:
        missing = [g for g in groups if g not in pattern.groupindex]
        if missing:
            raise RuleError(f"{RULES}.toml: {key!r}: pattern {pattern.pattern!r} lacks the group(s) {missing}")
    return compiled


@cache
def lexicon() -> _Lexicon:
    """The rules of ``rules/units.toml``, validated and compiled once."""
    rules = load_rules(RULES)
    labels = _roles_table(rules.get("labels"), "labels")
    inline, lex, context = _table(rules, "inline"), _table(rules, "lexicon"), _table(rules, "context")
    verbs = {verb: role for role in ROLES for verb in require(inline, RULES, role, list)}
    kinds = _levels_table(rules.get("collective_kinds"), "collective_kinds")
    etc_kept = require(lex, RULES, "etc_kept", list)
    etc_words = etc_kept + require(lex, RULES, "etc_dropped", list)
    return _Lexicon(
        labels=labels,
        # 牵头单位：… or 【牵头单位】…; the value may start on the next line
        field_re=re.compile(rf"(?:【\s*(?P<boxed>{_alternation(labels)})\s*】"
                            rf"|(?P<label>{_alternation(labels)})\s*[:：])\s*"),
        any_field_re=re.compile(r"\s*[\u4e00-\u9fff]{2,8}\s*[:：]"),
        verbs=verbs,
        clause_re=re.compile(rf"(?P<units>.+?)(?P<verb>{_alternation(verbs)})", re.S),
        verb_end_re=re.compile(rf"(?:{_alternation(verbs)})$"),
        together=tuple(require(inline, RULES, "together", list)),
        clause_openers=tuple(sorted(require(inline, RULES, "clause_openers", list), key=len, reverse=True)),
        suffixes=tuple(sorted(require(lex, RULES, "suffixes", list), key=len, reverse=True)),
        not_unit_endings=tuple(require(lex, RULES, "not_unit_endings", list)),
        known=frozenset(require(lex, RULES, "known", list)),
        prefixes=tuple(sorted(require(lex, RULES, "prefixes", list), key=len, reverse=True)),
        joiners=tuple(sorted(require(lex, RULES, "joiners", list), key=len, reverse=True)),
        not_unit_words=tuple(require(lex, RULES, "not_unit_words", list)),
        clause_word_exempt=tuple(require(lex, RULES, "clause_word_exempt", list)),
        not_unit_starts=tuple(require(lex, RULES, "not_unit_starts", list)),
        # 商务部等有关部门, 财政部等, 教育部等8个部门 (the count is part of the dropped tail)
        etc_re=re.compile(rf"等(?:[0-9０-９一二三四五六七八九十]+个)?(?P<group>{_alternation(etc_words)})?$"),
        etc_kept=frozenset(etc_kept),
        kinds=kinds,
        kinds_longest_first=tuple(sorted(kinds, key=len, reverse=True)),
        first_is_lead=_patterns(context, "first_is_lead"),
        same_units=_patterns(context, "same_units", ("units", "verb")),
    )


# -- is it a unit? -------------------------------------------------------------------------------


def _split_top_level(text: str, delimiters: frozenset[str]) -> list[tuple[int, int]]:
    """Spans between delimiters that stand outside every bracket or quote pair."""
    spans, stack, start = [], [], 0
    for i, ch in enumerate(text):
        if ch in PAIRS:
            stack.append(PAIRS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
        elif ch in CLOSERS:
            stack.clear()  # a stray closer: resynchronise rather than stay inside forever
        elif ch in delimiters and not stack:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(text)))
    return spans


def _balanced(text: str) -> bool:
    if not BRACKET_CHAR.search(text):
        return True  # most names have no brackets at all
    return sum(text.count(c) for c in PAIRS) == sum(text.count(c) for c in CLOSERS)


def _trailing_note(name: str) -> int | None:
    """Where a final bracketed note starts: 市农业农村局(市乡村振兴局) → 6; None without one."""
    if not name or name[-1] not in ROUND_CLOSE:
        return None
    depth = 0
    for i in range(len(name) - 1, -1, -1):
        if name[i] in ROUND_CLOSE:
            depth += 1
        elif name[i] in ROUND_OPEN:
            depth -= 1
            if depth == 0:
                return i
    return None


def _collective_levels(name: str) -> list[int] | None:
    """The levels of a bare collective 各 + 、-list of kinds (各区、县级市 → [3, 3]); else None."""
    lex = lexicon()
    if not name.startswith("各") or len(name) < 2:
        return None
    body = name[1:]
    parts = [body[a:b] for a, b in _split_top_level(body, frozenset("、"))]
    if all(part in lex.kinds for part in parts):
        return [lex.kinds[part] for part in parts]
    return None


def _looks_like_clause(name: str) -> bool:
    lex = lexicon()
    if name.startswith(lex.not_unit_starts):
        return True
    for word in lex.clause_word_exempt:
        name = name.replace(word, "")
    return any(word in name for word in lex.not_unit_words)


def is_unit(name: str) -> bool:
    """Whether a phrase names a government body or a collective of them (a lexicon check).

    >>> is_unit("市人社局"), is_unit("各乡(镇)"), is_unit("县直有“双包”任务的单位"), is_unit("团县委")
    (True, True, True, True)
    >>> is_unit("适用范围"), is_unit("职责分工"), is_unit("部署"), is_unit("要加强与有关部门")
    (False, False, False, False)
    """
    lex = lexicon()
    name = name.strip()
    if name in lex.known:
        return True
    if not 2 <= len(name) <= NAME_MAX_CHARS or not _balanced(name):
        return False
    if name in lex.labels or name in lex.suffixes:
        return False  # 责任单位, bare 部门: a role or a kind, nobody in particular
    note = _trailing_note(name)
    if note:  # 各区(县), 市农业农村局(市乡村振兴局): the name before the note decides
        return is_unit(name[:note]) and not _looks_like_clause(name[note:])
    if _looks_like_clause(name):
        return False
    if _collective_levels(name) is not None:
        return True
    if name.endswith(lex.not_unit_endings):
        return False
    return name.endswith(lex.suffixes)


# -- splitting lists of units --------------------------------------------------------------------


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in DROPPED_AT_START:
        start += 1
    while end > start and text[end - 1] in DROPPED_AT_END:
        end -= 1
    return start, end


def _can_join_collective(prev: str, piece: str) -> bool:
    """Whether ``piece`` continues the bare collective ``prev`` (各市 + 县(市、区)扶贫开发领导小组).

    A place kind must not climb the administrative ladder (各乡镇、县扶贫局 is two units);
    a body kind (部门, 单位) joins only bare; a piece with its own 各 stands alone.
    """
    lex = lexicon()
    levels = _collective_levels(prev)
    if levels is None or "各" in piece:
        return False
    kind = next((k for k in lex.kinds_longest_first if piece.startswith(k)), None)
    if kind is None:
        return False
    tail, level = piece[len(kind):], lex.kinds[kind]
    if level == 0:
        return tail == ""
    places = [lv for lv in levels if lv > 0]
    if not places or places[-1] > level:
        return False
    return tail == "" or (not tail.startswith(lex.prefixes) and is_unit(piece))


def _merge_collectives(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and text[out[-1][1]:start].strip() == "、" \
                and _can_join_collective(text[out[-1][0]:out[-1][1]], text[start:end]):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _split_etc(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """商务部等有关部门 → 商务部, 有关部门; 财政部等 / 教育部等8个部门 → the named unit only."""
    lex = lexicon()
    m = lex.etc_re.search(text, start, end)
    if not m or m.start() == start:
        return [(start, end)]
    head = (start, m.start())
    if m.group("group") in lex.etc_kept:
        return [head, (m.start("group"), end)]
    return [head]


def _glued_cut(name: str) -> tuple[int, int] | None:
    """Where a unit ends and the next begins in a name with no delimiter: (end of the first,
    start of the second), or None.  市人社局|市扶贫开发中心, 自然资源部|国家林草局, 省委|省政府,
    各地区|各部门, 市财政局|和|市人社局."""
    lex = lexicon()
    for cut in range(2, len(name) - 1):
        left, right = name[:cut], name[cut:]
        if not (right.startswith(lex.prefixes) or right.startswith("各") or right.startswith(lex.joiners)):
            continue  # cheap test first: a second unit must start right here
        if not _balanced(left) or not is_unit(left):
            continue
        if _collective_levels(left) is not None:
            if right.startswith("各") and is_unit(right):
                return cut, cut  # 各地区各部门: each collective names someone
            continue  # 各区县人民政府 is one unit, not 各区 + 县人民政府
        if right.startswith(lex.prefixes) and _stands_alone(right):
            return cut, cut
        joiner = next((j for j in lex.joiners if right.startswith(j)), None)
        if joiner and _stands_alone(right[len(joiner):]):
            return cut, cut + len(joiner)
    return None


def _stands_alone(name: str) -> bool:
    """A unit that is more than a bare suffix (政府 alone is not: 各级党委和政府 stays whole)."""
    return name in lexicon().known or (len(name) >= 3 and is_unit(name))


def _split_glued(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    while start < end:
        cut = _glued_cut(text[start:end]) if end - start >= 5 else None
        if cut is None:
            out.append((start, end))
            break
        out.append((start, start + cut[0]))
        start += cut[1]
    return out


def _unit_spans(text: str) -> list[tuple[int, int]]:
    spans = [_trimmed(text, a, b) for a, b in _split_top_level(text, LIST_DELIMITERS)]
    spans = _merge_collectives(text, [s for s in spans if s[1] > s[0]])
    out = []
    for span in spans:
        for part in _split_etc(text, *span):
            for glued in _split_glued(text, *_trimmed(text, *part)):
                glued = _trimmed(text, *glued)
                if glued[1] > glued[0]:
                    out.append(glued)
    return out


def split_units(text: str, offset: int = 0) -> list[Unit]:
    """Split a list of units as written; ``text`` starts at body offset ``offset``.

    Splits on 、，,；; outside brackets and on missing delimiters, drops trailing punctuation,
    and keeps a collective 各 + bare kinds whole.  Nothing is filtered: see ``is_unit``.

    >>> [u.name for u in split_units("市人社局市扶贫开发中心、各乡(镇)")]
    ['市人社局', '市扶贫开发中心', '各乡(镇)']
    >>> [u.name for u in split_units("各市、县(市、区)扶贫开发领导小组,省扶贫开发领导小组成员单位")]
    ['各市、县(市、区)扶贫开发领导小组', '省扶贫开发领导小组成员单位']
    >>> [u.name for u in split_units("商务部等有关部门；各乡镇、县直各单位。")]
    ['商务部', '有关部门', '各乡镇', '县直各单位']
    >>> [(u.name, u.start, u.end) for u in split_units("省委省政府", offset=10)]
    [('省委', 10, 12), ('省政府', 12, 15)]
    """
    return [Unit(name=text[a:b], start=offset + a, end=offset + b) for a, b in _unit_spans(text)]


# -- assignments ---------------------------------------------------------------------------------


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
    note = _trailing_note(unit.name)
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
    for a, b in _split_top_level(text[start:end], CLAUSE_DELIMITERS):
        a, b = start + a, start + b
        for x, y in _split_top_level(text[a:b], frozenset("、")):
            if out and out[-1][1] == a + x - 1 and text[a + x - 1] == "、" \
                    and not lex.verb_end_re.search(text, out[-1][0], out[-1][1]):
                out[-1] = (out[-1][0], a + y)  # 、 inside a list of units: same clause
            else:
                out.append((a + x, a + y))
    return [_trimmed(text, a, b) for a, b in out]


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
