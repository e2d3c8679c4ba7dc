"""Bracketed assignment clauses: （交通运输部、商务部负责）, （国家发展改革委牵头，财政部按职责
分工负责）, （省民政厅牵头、省残联参与）, （市发展改革委会同有关部门负责）, （甲部、乙局指导）."""
from __future__ import annotations

from .lexicon import lexicon, without_adverbs
from .names import Name
from .recognizer import UnitRecognizer
from .shapes import split_top_level, trimmed
from .slots import ASSIGNEE, PARTNER, Found, slot_units

# Clauses of a bracket end at these (。 too: （省民政厅牵头。）).
CLAUSE_DELIMITERS = frozenset("，,；;。")
# An assignment bracket is short; a longer bracket is an explanation and is not searched.
BRACKET_MAX_CHARS = 300


def round_brackets(text: str) -> list[tuple[int, int]]:
    """(open, close) index pairs of matched （…） / (…) brackets, outermost first.

    >>> round_brackets("甲（乙(丙)）丁)（戊")
    [(1, 6), (3, 5)]
    """
    opens = positions(text, "（")
    if "(" in text:   # (a text holds one width of bracket, mostly: an ``in`` test spares the other's positions)
        opens += positions(text, "(")
    if not opens:
        return []   # most items: two scans say so
    closes = positions(text, "）")
    if ")" in text:
        closes += positions(text, ")")
    # each bracket character found by str.find (a byte scan), not a class tried at every character
    events = sorted([(i, True) for i in opens] + [(i, False) for i in closes])
    pairs, stack = [], []
    for i, is_open in events:
        if is_open:
            stack.append(i)
        elif stack:
            pairs.append((stack.pop(), i))
    return sorted(pairs)


def positions(text: str, char: str) -> list[int]:
    """Where ``char`` stands in ``text``, ascending (``str.find``: a byte scan)."""
    out, at = [], text.find(char)
    while at >= 0:
        out.append(at)
        at = text.find(char, at + 1)
    return out


def innermost(brackets: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    if not brackets:
        return None   # asked for every sentence and unit found: most items have no bracket used
    inside = [b for b in brackets if b[0] < pos < b[1]]
    return max(inside, default=None)


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses of a bracket: split on ，；。, and on 、 right after a verb (省民政厅牵头、省残联参与)."""
    lex = lexicon()
    out: list[tuple[int, int]] = []
    for a, b in split_top_level(text[start:end], CLAUSE_DELIMITERS):
        a, b = start + a, start + b
        for x, y in split_top_level(text[a:b], frozenset("、")):
            if out and out[-1][1] == a + x - 1 and text[a + x - 1] == "、" \
                    and not lex.verb_end.of(text, out[-1][0], out[-1][1]):
                out[-1] = (out[-1][0], a + y)  # 、 inside a list of units: same clause
            else:
                out.append((a + x, a + y))
    return [c for c in (trimmed(text, a, b) for a, b in out) if c[1] > c[0]]


def found_units(units, role: str, source: str, group: int, flags: tuple[str, ...] = ()) -> list[Found]:
    return [Found(role, Name(u.name, u.start, u.end, source), group, flags) for u in units]


def together_clause(text: str, start: int, end: int, offset: int, rec: UnitRecognizer, group: int,
                    flags: tuple[str, ...] = ()) -> list[Found]:
    """"<A>会同<B>[verb]": A leads, B cooperates; [] when either side is not units."""
    lex = lexicon()
    for word in lex.together:
        pos = text.find(word, start, end)
        if pos > start:
            m = lex.clause_re.fullmatch(text, pos + len(word), end)
            b_end = m.start("verb") if m else end
            hosts = slot_units(text, start, pos, offset, rec, ASSIGNEE)
            partners = slot_units(text, pos + len(word), b_end, offset, rec, PARTNER) if hosts else []
            if hosts and partners:
                return found_units(hosts, "lead", word, group, flags) + found_units(partners, "cooperating", word, group, flags)
    return []


def _clause(text: str, start: int, end: int, offset: int, rec: UnitRecognizer, group: int) -> list[Found]:
    """One clause "<units><verb>" or "<A>会同<B>[verb]"; [] when it is anything else."""
    lex = lexicon()
    closing_verb = lex.verb_end.of(text, start, end)
    if closing_verb is None and not any(text.find(w, start, end) > start for w in lex.together):
        return []  # neither "<units><verb>" nor "<A>会同<B>": most brackets explain or cite
    opener = next((w for w in lex.clause_openers if text.startswith(w, start, end)), "")
    start += len(opener)
    found = together_clause(text, start, end, offset, rec, group)
    if found:
        return found
    m = lex.clause_re.fullmatch(text, start, end)
    if not m:
        return []
    verb = m.group("verb")
    units_end = without_adverbs(text, m.start("units"), m.end("units"))
    units = slot_units(text, m.start("units"), units_end, offset, rec, ASSIGNEE)
    return found_units(units, lex.verbs[verb], verb, group)


def _bracket(text: str, open_: int, close: int, offset: int, field_starts: list[int],
             rec: UnitRecognizer) -> list[Found]:
    """The assignments of one bracket's clauses."""
    lex = lexicon()
    found: list[Found] = []
    pending: tuple[int, int] | None = None  # the clause before a comma, whose units the next verb governs
    for a, b in _clauses(text, open_ + 1, close):
        if any(a <= s < b for s in field_starts) or lex.any_field_re.match(text, a, b):
            pending = None
            continue  # a labelled field (handled) or another field such as 适用范围：
        assigned = _clause(text, a, b, offset, rec, open_)
        if assigned:
            if pending is not None:   # read only now: most clauses are followed by no verb
                role, source = assigned[0].role, assigned[0].unit.source
                found += found_units(slot_units(text, *pending, offset, rec, ASSIGNEE), role, source, open_)
            found += assigned
            pending = None
        else:
            pending = (a, b)
    return found


def _trigger_outside(text: str, start: int, end: int, labels: list[tuple[int, int]]) -> bool:
    """Whether a trigger word (``lexicon().trigger_re``) starts in ``text[start:end]`` outside
    every field label in ``labels`` (the 牵头 of （牵头单位：…）: the clause holding a label is the
    field's, which ``_bracket`` passes over, and a label holds no clause delimiter)."""
    trigger_re = lexicon().trigger_re
    m = trigger_re.search(text, start, end)
    while m is not None:
        at = m.start()
        label = next((span for span in labels if span[0] <= at < span[1]), None)
        if label is None:
            return True
        m = trigger_re.search(text, label[1], end)
    return False


def bracket_clauses(text: str, offset: int, brackets: list[tuple[int, int]], fields: list[tuple[int, int]],
                    rec: UnitRecognizer) -> tuple[list[Found], list[tuple[int, int]]]:
    """Assignments in the clauses of brackets, and the brackets that held any; ``fields``: the
    labels of the fields found already (where each starts, where its value starts)."""
    found: list[Found] = []
    used: list[tuple[int, int]] = []
    field_starts = [start for start, _ in fields]
    for open_, close in brackets:
        if close - open_ > BRACKET_MAX_CHARS:
            continue
        before = len(found)
        # a clause assigns only with a verb or 会同 in it: most brackets explain or cite
        if _trigger_outside(text, open_ + 1, close, fields):
            found += _bracket(text, open_, close, offset, field_starts, rec)
        if len(found) > before or any(open_ < s < close for s in field_starts):
            used.append((open_, close))
    return found, used
