"""Unit recognisers: how sure are we that a phrase names a government body, a place acting as
one, or a collective of them?

A recogniser is anything with ``score(phrase) -> float`` in [0, 1] (``UnitRecognizer``).  The
assignment grammar finds the slots (a field value, 由X负责, a bracket clause) and asks the
recogniser about each phrase in them; a slot the grammar trusts more accepts a lower score
(see ``assign.py``).  The rules recogniser (the default) reads the lexicons; a statistical
model can be plugged in with ``register_recognizer`` and chosen by name in
``Settings.unit_recognizer``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Callable, Protocol

from ...errors import RuleError
from ...rules.fields import UNIT_ROLES, field_roles
from ...rules.orgs import UNIT_KINDS, org_lexicon
from .canonical import BodyLexicon, body_lexicon
from .shapes import Endings, balanced, compact, split_top_level, trailing_note

# The scores of the rules recogniser, from most to least sure.
KNOWN = 1.0     # the lexicon knows the name, or it is a collective of bare kinds (各区、县级市)
BODY = 0.9      # it ends with the suffix of a body or a place (局, 委, 政府, 镇)
GENERIC = 0.7   # it ends with a category (单位, 部门, 企业), or names a sector after a place (区级财政)
NOUN = 0.4      # a short noun phrase the lexicon does not know (a labelled field still takes it)
NONE = 0.0
# Longest unit names seen are ~25 characters (县十大专项行动组成成员单位); anything much longer
# is a clause, not a name.  An unknown noun phrase is shorter still.
NAME_MAX_CHARS = 40
NOUN_MAX_CHARS = 12
NOUN_CHARS = re.compile(r"[\u4e00-\u9fff（）“”·]+")


class UnitRecognizer(Protocol):
    """Scores how sure it is that a phrase names a unit: 1 sure, 0 surely not."""

    def score(self, phrase: str) -> float: ...


@dataclass(eq=False)  # hashed by identity: one per lexicon, a key of the splitting cache
class RulesRecognizer:
    """The lexicon recogniser: suffixes, known names, collectives, and words that make a clause."""

    bodies: BodyLexicon
    _cache: dict[str, float] = field(default_factory=dict, repr=False)

    def score(self, phrase: str) -> float:
        """How sure the lexicons are that ``phrase`` names a unit.

        >>> r = default_recognizer()
        >>> [r.score(x) for x in ("市发改委", "区城运专班", "各有关区、县级市", "出资人代表", "要加强领导")]
        [1.0, 0.7, 1.0, 0.4, 0.0]
        """
        got = self._cache.get(phrase)
        if got is None:
            got = self._cache[phrase] = self._score(compact(phrase))
        return got

    def _score(self, name: str) -> float:
        words = _words()
        if name in words.known or name in self.bodies.national:
            return KNOWN
        if not 2 <= len(name) <= NAME_MAX_CHARS or not balanced(name) or name in words.bare:
            return NONE  # 责任单位, bare 部门: a role or a kind, nobody in particular
        if words.suffixes.get(name) == "generic":
            return NOUN  # 幼儿园, 学校: the institution the sentence is about, beside a named unit
        note = trailing_note(name)
        if note:  # 各区(县), 市农业农村局(市乡村振兴局): the name before the note decides
            return NONE if _clause_like(name[note + 1:-1]) else self._score(name[:note])
        if _clause_like(name):
            return NONE
        if collective_levels(name) is not None:
            return KNOWN
        if name.endswith(words.not_unit_endings):
            return NONE
        if self.bodies.lookup(name):
            return KNOWN
        kind = words.suffix_kind(name)
        if kind is not None:
            return BODY if kind != "generic" else GENERIC
        if words.sector_re.fullmatch(name):
            return GENERIC
        if len(name) <= NOUN_MAX_CHARS and NOUN_CHARS.fullmatch(name):
            return NOUN
        return NONE


@dataclass(frozen=True)
class _Words:
    known: frozenset[str]
    bare: frozenset[str]             # labels, suffixes, kinds, qualifiers: nobody in particular
    suffix_end: Endings              # the longest unit suffix ending a name
    suffixes: dict[str, str]
    not_unit_endings: tuple[str, ...]
    not_unit_starts: tuple[str, ...]
    not_unit_words: tuple[str, ...]
    clause_word_exempt: tuple[str, ...]
    qualifiers: tuple[str, ...]
    kinds: dict[str, int]
    sector_re: re.Pattern            # <place or level><sector>: 各区财政, 区级财政, 县公安

    def suffix_kind(self, name: str) -> str | None:
        suffix = self.suffix_end.of(name)
        return self.suffixes[suffix] if suffix and len(suffix) < len(name) else None


def _alternation(words) -> str:
    return "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))


@cache
def _words() -> _Words:
    orgs = org_lexicon()
    words = orgs.words
    suffixes = {w: k for w, k in orgs.suffixes.items() if k in UNIT_KINDS}
    labels = [label for label, role in field_roles().items() if role in UNIT_ROLES]
    places = [k for k, level in orgs.kinds.items() if level > 0]
    return _Words(
        known=frozenset(words["known"]),
        bare=frozenset([*labels, *(w for w, k in orgs.suffixes.items() if k != "generic"), *orgs.kinds,
                        *words["qualifiers"], *words["sector_words"], *words["etc_dropped"]]),
        suffix_end=Endings(suffixes),
        suffixes=suffixes,
        not_unit_endings=words["not_unit_endings"],
        not_unit_starts=tuple(sorted(words["not_unit_starts"], key=len, reverse=True)),
        not_unit_words=words["not_unit_words"],
        clause_word_exempt=words["clause_word_exempt"],
        qualifiers=tuple(sorted(words["qualifiers"], key=len, reverse=True)),
        kinds=dict(orgs.kinds),
        sector_re=re.compile(rf"(?:{_alternation(words['qualifiers'])})?(?:{_alternation(places)})"
                             rf"(?:、(?:{_alternation(places)}))*(?:级|两级|三级)?(?:{_alternation(words['sector_words'])})"),
    )


def _clause_like(name: str) -> bool:
    """A phrase that reads as a clause: it opens with a verb or a preposition (unless only a
    suffix follows: 组织部), or holds a clause word (应当, 负责, 年底 …)."""
    words = _words()
    for start in () if name.startswith(words.qualifiers) else words.not_unit_starts:  # 其他相关部门 is no clause
        if name.startswith(start):
            rest = name[len(start):]
            if rest and rest not in words.suffixes:
                return True
            break
    if not any(w in name for w in words.not_unit_words):
        return False
    for word in words.clause_word_exempt:
        name = name.replace(word, "")
    return any(w in name for w in words.not_unit_words)


def collective_levels(name: str) -> list[int] | None:
    """The levels of a collective: a qualifier and a 、-list of bare kinds (各区、县级市 → [3, 3],
    有关部门 → [0], 属地街镇 → [4]); else None."""
    words = _words()
    qualifier = next((q for q in words.qualifiers if name.startswith(q)), None)
    if qualifier is None or len(name) == len(qualifier):
        return None
    body = name[len(qualifier):]
    parts = [body[a:b] for a, b in split_top_level(body, frozenset("、"))]
    if all(part in words.kinds for part in parts):
        return [words.kinds[part] for part in parts]
    return None


def bare_kind_level(name: str) -> int | None:
    """The level of a bare kind of place or body (市 → 2, 部门 → 0), else None."""
    return _words().kinds.get(name)


def kind_prefix(piece: str) -> str | None:
    """The longest bare kind a piece starts with (区民政部门 → 区)."""
    kinds = _words().kinds
    for size in range(min(len(piece), 6), 0, -1):
        if piece[:size] in kinds:
            return piece[:size]
    return None


RecognizerFactory = Callable[[BodyLexicon], UnitRecognizer]
_FACTORIES: dict[str, RecognizerFactory] = {"rules": RulesRecognizer}


def register_recognizer(name: str, factory: RecognizerFactory) -> None:
    """Make a recogniser available to ``Settings.unit_recognizer`` under ``name``; the factory
    receives the body lexicon (with the user's entries) and returns a ``UnitRecognizer``."""
    _FACTORIES[name] = factory


@cache
def recognizer(name: str = "rules", lexicon_path: str | None = None) -> UnitRecognizer:
    """The recogniser registered as ``name``, built once per user lexicon."""
    factory = _FACTORIES.get(name)
    if factory is None:
        raise RuleError(f"unknown unit recognizer {name!r}; choose one of {sorted(_FACTORIES)} "
                        "or register it with docextract.extract.units.register_recognizer")
    return factory(body_lexicon(lexicon_path))


def default_recognizer() -> UnitRecognizer:
    return recognizer("rules", None)
