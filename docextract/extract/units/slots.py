"""What an assignment found, and how sure a slot must be of its units.

The grammar finds a slot (a field value, the assignee of 由X负责, a bracket clause, the subject of
X牵头); the recogniser scores each name in it.  A slot the grammar trusts more takes names the
lexicon knows less: a labelled field takes any short noun phrase (出资人代表) and drops the rest, the
partners of 会同 must all be noun phrases, a 由-slot needs one real unit among its names, the
bare subject of a sentence needs every name to be a unit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from ...models import Unit
from ...rules.orgs import org_lexicon
from .names import Name, split_names
from .recognizer import BODY, GENERIC, NOUN, UnitRecognizer
from .shapes import compact

FIELD, PARTNER, ASSIGNEE, NAMED, SUBJECT = "field", "partner", "assignee", "named", "subject"
# 所涉及的省政府办公厅: a relative clause before the first name qualifies the list, it is not a name.
RELATIVE_LEAD = re.compile(r"^所[\u4e00-\u9fff]{1,6}的")


@dataclass(frozen=True)
class Assignments:
    """The units one item assigns, by role, in order of appearance (no repeats within a role)."""

    lead: tuple[Unit, ...] = ()
    responsible: tuple[Unit, ...] = ()
    cooperating: tuple[Unit, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.lead or self.responsible or self.cooperating)


class Found(NamedTuple):
    """One unit with its role; ``group`` is the bracket, block of fields or sentence it came from
    (列在首位 applies per group); ``flags`` are review flags for the unit.  A named tuple: one is
    made per unit a rule reads, and a tuple costs less to build than a frozen dataclass."""

    role: str
    unit: Name
    group: int
    flags: tuple[str, ...] = ()


@cache
def _shared_end() -> re.Pattern:
    words = org_lexicon().words
    dropped = "|".join(map(re.escape, words["etc_dropped"]))
    return re.compile(rf"等(?:[0-9０-９一二三四五六七八九十]+个)?(?P<shared>{dropped})$")


def shared_suffix(text: str) -> str:
    """The kind a list's names share when it ends with 等 and the bare kind: 公安、市场监管等部门 →
    部门 (a shorter tail, 吴泾、塘湾派出所, is left to slots that take unknown names anyway)."""
    if "等" not in text:
        return ""
    m = _shared_end().search(compact(text).rstrip("。；;，,、"))
    return m.group("shared") if m else ""


def relative_lead(text: str, start: int, end: int) -> int:
    """``start`` moved past a leading relative clause (所涉及的)."""
    m = RELATIVE_LEAD.match(text[start:end])
    return start + m.end() if m else start


def name_score(name: str, shared: str, rec: UnitRecognizer) -> float:
    """A name's score; a name without a suffix of its own is scored with the list's shared one
    (公安 in 公安、市场监管等部门), up to a category's score."""
    score = rec.score(name)
    if score < GENERIC and shared and not compact(name).endswith(shared):
        score = max(score, min(rec.score(compact(name) + shared), GENERIC))
    return score


def slot_units(text: str, start: int, end: int, offset: int, rec: UnitRecognizer, slot: str) -> list[Name]:
    """The units of ``text[start:end]`` that a slot of this kind accepts ([] when it is not a list
    of units)."""
    start = relative_lead(text, start, end)
    units = split_names(text[start:end], offset + start, rec)
    if not units:
        return []
    shared = shared_suffix(text[start:end])
    return accept(units, [name_score(u.name, shared, rec) for u in units], slot)


def accept(units: list[Name], scores: list[float], slot: str) -> list[Name]:
    if slot == FIELD:  # one unknown name does not void the others
        return [u for u, s in zip(units, scores) if s >= NOUN]
    if not units or min(scores) < NOUN:
        return []
    if slot == PARTNER:  # the partners 会同 names: its host vouches for them (会同幼儿园)
        return units
    if slot == ASSIGNEE:
        return units if max(scores) >= GENERIC else []
    if slot == NAMED:
        return units if min(scores) >= GENERIC else []
    # the bare subject of a sentence: every name a unit, and a category (部门, 医院) only after
    # a place or a qualifier (区属部门, 各医院), not after a verb the lexicon does not list (采取部门)
    openers = _name_openers()
    ok = all(s >= BODY or (s >= GENERIC and compact(u.name).startswith(openers)) for u, s in zip(units, scores))
    return units if ok else []


@cache
def _name_openers() -> tuple[str, ...]:
    words = org_lexicon().words
    return tuple(words["prefixes"]) + tuple(words["qualifiers"])
