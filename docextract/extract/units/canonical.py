"""Canonical names of government bodies (``rules/bodies.toml``, plus a user lexicon): one name
for every written form (市发改委 = 市发展改革委 = 市发展和改革委员会), the administrative level
the text gives, and whether a unit is a collective (各…, 有关…).

National bodies are listed by name and short forms.  Local bodies are listed by function: a
place prefix (省, 广州市, 区, 县委 …) followed by a short form is the prefix followed by the
function's full name, so the lexicon does not list every city.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ...errors import RuleError
from ...models import UnitLevel
from ...rules import load_rules, require, require_tables
from ...rules.orgs import org_lexicon
from .shapes import Endings, compact, trailing_note

RULES = "bodies"
LEVELS = ("national", "province", "city", "county", "town")
# A level word that starts a longer word is no level: 市场监管, 区域, 乡村振兴, 县域经济.
NOT_LEVEL_AFTER = {"市": "场", "区": "域", "乡": "村", "县": "域", "省": "份"}
# Names described are remembered (the same units recur across the items and notices of a
# batch); the memory is emptied when it holds this many, so a long batch stays bounded.
DESCRIBED_CACHE = 4096


@dataclass(frozen=True)
class UnitFacts:
    """What the lexicon says about a written unit name."""

    canonical: str
    level: UnitLevel | None
    collective: bool
    known: bool  # the lexicon of government bodies (or the orgs collectives) knows it


@dataclass(frozen=True)
class BodyLexicon:
    national: dict[str, str]          # name or short form → full name
    local: dict[str, str]             # short form of a function → its full name
    local_end: Endings                # the longest short form ending a name
    place_prefix: re.Pattern          # what may stand before a local short form
    levels: dict[str, str]            # level word → level
    leading_level: re.Pattern         # a level word opening a name (市…, 各区…, 中共…县委…)
    last_level: re.Pattern            # every level word, to find the last one in a prefix
    national_openers: tuple[str, ...]
    qualifiers: tuple[str, ...]       # 各, 有关 …: a collective
    _described: dict[str, UnitFacts] = field(default_factory=dict, compare=False, repr=False)

    def lookup(self, name: str) -> tuple[str, UnitLevel | None] | None:
        """(canonical name, level) of a name the lexicon knows, else None."""
        if name in self.national:
            return self.national[name], "national"
        alias = self.local_end.of(name)
        if alias and self.place_prefix.fullmatch(name, 0, len(name) - len(alias)):
            prefix = name[:len(name) - len(alias)]
            return prefix + self.local[alias], self._prefix_level(prefix)
        return None

    def _prefix_level(self, prefix: str) -> UnitLevel | None:
        level = None
        for m in self.last_level.finditer(prefix):
            if NOT_LEVEL_AFTER.get(m.group()) != prefix[m.end():m.end() + 1]:
                level = self.levels[m.group()]
        return level

    def describe(self, name: str) -> UnitFacts:
        """The canonical name, level and collectiveness of a written unit name.

        >>> lex = body_lexicon()
        >>> lex.describe("市发改委") == lex.describe("市发展和改革委员会")
        True
        >>> lex.describe("贵州省人社厅").canonical, lex.describe("贵州省人社厅").level
        ('贵州省人力资源和社会保障厅', 'province')
        >>> lex.describe("各有关区、县级市").collective, lex.describe("人民银行").canonical
        (True, '中国人民银行')
        """
        facts = self._described.get(name)
        if facts is None:
            if len(self._described) >= DESCRIBED_CACHE:
                self._described.clear()
            facts = self._described[name] = self._describe(name)
        return facts

    def _describe(self, name: str) -> UnitFacts:
        written = compact(name)
        note = trailing_note(written)
        base = written[:note] if note else written
        collective = base.startswith(self.qualifiers) or "各" in base or base.endswith("成员单位")
        found = self.lookup(base)
        if found:
            return UnitFacts(found[0], found[1], collective, True)
        level = None
        qualifier = next((q for q in self.qualifiers if base.startswith(q)), "")
        m = self.leading_level.match(base, len(qualifier))
        if m and NOT_LEVEL_AFTER.get(m.group("level")) != base[m.end():m.end() + 1]:
            level = self.levels[m.group("level")]
        elif base.startswith(self.national_openers):
            level = "national"
        return UnitFacts(written, level, collective, False)


def _alternation(words) -> str:
    return "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))


def _entries(rules: dict, source: str, key: str) -> dict[str, str]:
    """Every name and short form of the ``key`` entries → the entry's name."""
    if key not in rules:
        return {}
    out: dict[str, str] = {}
    for table in require_tables(rules, source, key, {"name": str}):
        aliases = table.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
            raise RuleError(f"{source}.toml: {key} {table['name']!r}: aliases must be a list of non-empty strings")
        for written in [table["name"], *aliases]:
            out[compact(written)] = table["name"]
    return out


def _read_user_lexicon(path: str) -> dict:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise RuleError(f"{path}: cannot read the unit lexicon ({exc.strerror}); check Settings.unit_lexicon") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{path}: {exc}") from exc


def body_lexicon(user_path: str | None = None) -> BodyLexicon:
    """The built-in lexicon, with the entries of a user TOML file (same format) added over it;
    built once per path."""
    return _body_lexicon(user_path)


@cache
def _body_lexicon(user_path: str | None) -> BodyLexicon:
    rules = load_rules(RULES)
    levels = require(rules, RULES, "levels", dict)
    bad = {w: v for w, v in levels.items() if v not in LEVELS}
    if bad:
        raise RuleError(f"{RULES}.toml: [levels] values must be one of {LEVELS}: {bad}")
    national, local = _entries(rules, RULES, "national"), _entries(rules, RULES, "local")
    if user_path:
        user = _read_user_lexicon(user_path)
        national.update(_entries(user, str(Path(user_path).stem), "national"))
        local.update(_entries(user, str(Path(user_path).stem), "local"))
    level_words = _alternation(levels)
    openers = tuple(require(rules, RULES, "national_openers", list))
    return BodyLexicon(
        national=national,
        local=local,
        local_end=Endings(local),
        # 省, 广州市, 天河区, 中共广州市委, 各区县, 县委: place names ending in level words, a party
        # committee (委) after them
        place_prefix=re.compile(rf"(?:各|中共)?(?:[\u4e00-\u9fff]{{0,8}}?(?:{level_words}))*委?"),
        levels=dict(levels),
        leading_level=re.compile(rf"(?:各|中共|团)?(?P<level>{level_words})"),
        last_level=re.compile(level_words),
        national_openers=openers,
        qualifiers=tuple(sorted(org_lexicon().words["qualifiers"], key=len, reverse=True)),
    )
