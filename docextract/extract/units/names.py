"""Unit names: is a phrase a unit (``is_unit``), and a written list of units split into names
with offsets (``split_units``): 、，；, missing delimiters, 和/及, 等, collectives, bare kinds
sharing one body (市、区民政部门), and a parent body followed by its own branch (one name)."""
from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from ...models import Unit, validated
from .canonical import body_lexicon
from ...rules.orgs import org_lexicon
from .recognizer import (BODY, GENERIC, NOUN, UnitRecognizer, bare_kind_level, collective_levels, default_recognizer,
                         kind_prefix)
from .shapes import LIST_DELIMITERS, balanced, compact, split_top_level, trailing_note, trimmed

# An 等 tail: 等, 等8个 + what follows (部门, 有关部门, 建设主管部门 …).
ETC = re.compile(r"等(?:[0-9０-９一二三四五六七八九十]+个)?")
UNIT_MIN = 0.5   # is_unit: at least a category (GENERIC); NOUN phrases need a slot that vouches for them


@cache
def _name_words() -> dict:
    words = org_lexicon().words
    prefixes = sorted(words["prefixes"], key=len, reverse=True)
    joiners = sorted(words["joiners"], key=len, reverse=True)
    return {
        "prefixes": tuple(prefixes),
        "joiners": tuple(joiners),
        # where a second unit may start inside a glued name: a prefix, 各, or a joiner
        "start_re": re.compile("(?=" + "|".join(map(re.escape, ["各", *prefixes, *joiners])) + ")"),
        "etc_dropped": frozenset(words["etc_dropped"]),
        "etc_kept": frozenset(words["etc_kept"]),
        "branch": tuple(words["branch_suffixes"]),
    }


class Name(NamedTuple):
    """A written unit name with its body offsets, and the phrase that assigned it: the light form
    the grammar passes around (a ``models.Unit`` is built once, when a role is settled)."""

    name: str
    start: int
    end: int
    source: str = ""

    def moved(self, by: int) -> "Name":
        return Name(self.name, self.start + by, self.end + by, self.source)   # not _replace: called per unit found


def is_unit(name: str, recognizer: UnitRecognizer | None = None) -> bool:
    """Whether a phrase names a government body or a collective of them.

    >>> is_unit("市人社局"), is_unit("各乡(镇)"), is_unit("县直有“双包”任务的单位"), is_unit("团县委")
    (True, True, True, True)
    >>> is_unit("适用范围"), is_unit("职责分工"), is_unit("部署"), is_unit("要加强与有关部门")
    (False, False, False, False)
    """
    return (recognizer or default_recognizer()).score(name.strip()) >= UNIT_MIN


# -- splitting lists of units --------------------------------------------------------------------


def _can_join_collective(prev: str, piece: str) -> bool:
    """Whether ``piece`` continues ``prev`` as one unit: a collective of bare kinds (各市 +
    县(市、区)扶贫开发领导小组) or bare kinds of place sharing one body (市 + 区民政部门).

    A place kind must not climb the administrative ladder (各乡镇、县扶贫局 is two units);
    a body kind (部门, 单位) joins only bare; a piece with its own 各 stands alone.
    """
    prev = compact(prev)
    levels = collective_levels(prev)
    if levels is None:
        level = bare_kind_level(prev)
        if not level:
            return False  # neither 各 + kinds nor a bare place kind (市, 区)
        levels = [level]
    if "各" in piece:
        return False
    piece = compact(piece)
    kind = kind_prefix(piece)
    if kind is None:
        return False
    tail, level = piece[len(kind):], bare_kind_level(kind)
    if level == 0:
        return tail == ""
    places = [lv for lv in levels if lv > 0]
    if not places or places[-1] > level:
        return False
    return tail == "" or (not tail.startswith(_name_words()["prefixes"]) and is_unit(piece))


EACH_SHARED_MAX_CHARS = 4   # 办, 局, 期货: a piece too short to be a name of its own


def _shares_each(prev: str, piece: str) -> bool:
    """Whether ``piece`` is one more member of the collective ``prev`` names with 各: a bare
    suffix or word that names nobody alone (区政府各委、办、局; 各在宁证券、期货…), or a body
    under no place of its own after 各 + a place kind + a body (各区卫生健康局、财政局: each
    district's finance bureau)."""
    prev, piece = compact(prev), compact(piece)
    at = prev.find("各")
    if at < 0 or "各" in piece or piece.startswith(_name_words()["prefixes"]) or piece.startswith("有关"):
        return False
    if len(piece) <= EACH_SHARED_MAX_CHARS and not is_unit(piece):
        return True
    kind = kind_prefix(prev[at + 1:])
    return at == 0 and kind is not None and bool(bare_kind_level(kind)) and len(prev) > 1 + len(kind) \
        and is_unit(piece) and kind_prefix(piece) is None


def _merge_collectives(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and text[out[-1][1]:start].strip() == "、" \
                and (_can_join_collective(text[out[-1][0]:out[-1][1]], text[start:end])
                     or _shares_each(text[out[-1][0]:out[-1][1]], text[start:end])):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _split_etc(text: str, start: int, end: int, rec: UnitRecognizer) -> list[tuple[int, int]]:
    """商务部等有关部门 → 商务部, 有关部门; 财政部等 / 教育部等8个部门 → 财政部; A等建设主管部门 →
    A, 建设主管部门; 公安、市场监管等部门 → …, 市场监管 (names sharing the suffix); A等和B → A, B."""
    words = _name_words()
    for m in ETC.finditer(text, start, end):
        head, tail = (start, m.start()), m.end()
        if m.start() == start:
            continue
        joiner = next((j for j in words["joiners"] if text.startswith(j, tail, end)), None)
        if joiner:  # A等和B
            return [head, *_split_etc(text, tail + len(joiner), end, rec)]
        group = compact(text[tail:end])
        if group in words["etc_dropped"]:  # names sharing the kind: 规划资源和农业农村等部门
            return _split_joined(text, *head, rec)
        if group == "":
            return [head]
        if group in words["etc_kept"] or rec.score(group) >= GENERIC:
            return [head, (tail, end)]
    return [(start, end)]


def _split_joined(text: str, start: int, end: int, rec: UnitRecognizer) -> list[tuple[int, int]]:
    """Names joined by 和/及 before a shared kind, each a noun phrase: 规划资源和农业农村(等部门)."""
    for joiner in _name_words()["joiners"]:
        pos = text.find(joiner, start + 2, end - 2)
        if pos > 0 and rec.score(text[start:pos]) >= NOUN and rec.score(text[pos + len(joiner):end]) >= NOUN:
            return [(start, pos), *_split_joined(text, pos + len(joiner), end, rec)]
    return [(start, end)]


def _is_branch(left: str, right: str, rec: UnitRecognizer) -> bool:
    """Whether ``right`` is the parent ``left``'s own branch, so ``left + right`` is one name:
    国家外汇管理局贵州省分局, 国家税务总局市税务局, 市委市政府督查室."""
    words = _name_words()
    if right.endswith(words["branch"]):
        return True
    core = right
    for prefix in words["prefixes"]:
        if core.startswith(prefix):
            core = core[len(prefix):]
            break
    stem = core[:-1] if len(core) > 2 else ""
    vertical = left.startswith(("国家", "中国")) or left.endswith(("总局", "总署", "总行", "总公司"))
    if vertical and len(stem) >= 2 and stem[:2] in left:
        return True  # 国家税务总局 + 市税务局: a national body's own branch of the same function
    # 市委 + 市政府督查室: an office of the party committee and the government together
    return len(left) <= 3 and left.endswith("委") and right.startswith(left[:-1] + "政府") \
        and len(right) > len(left) + 1 and rec.score(right[len(left) + 1:]) >= BODY


def _stands_alone(name: str, rec: UnitRecognizer) -> bool:
    """A unit that is more than a bare suffix (政府 alone is not: 各级党委和政府 stays whole)."""
    return len(compact(name)) >= 3 and is_unit(name, rec) or rec.score(name) >= 1.0


def _glued_cut(name: str, rec: UnitRecognizer) -> tuple[int, int] | None:
    """Where a unit ends and the next begins in a name with no delimiter: (end of the first,
    start of the second), or None.  市人社局|市扶贫开发中心, 自然资源部|国家林草局, 省委|省政府,
    各地区|各部门, 市财政局|和|市人社局; not 国家外汇管理局|贵州省分局 (a branch) nor 天河区|市场监管局
    (a bare place before a body is the body's own prefix)."""
    words = _name_words()
    for m in words["start_re"].finditer(name, 2):
        cut = m.start()
        left, right = name[:cut], name[cut:]
        if len(right) < 2 or not balanced(left) or not is_unit(left, rec):
            continue
        joiner = next((j for j in words["joiners"] if right.startswith(j)), None)
        if joiner:  # 市财政局和市人社局, 派出机构以及电信主管; not 各级党委和政府, 有关部门和单位
            if rec.score(left) >= GENERIC and rec.score(right[len(joiner):]) >= NOUN:
                return cut, cut + len(joiner)
            continue
        if collective_levels(compact(left)) is not None:
            if right.startswith("各") and is_unit(right, rec):
                return cut, cut  # 各地区各部门: each collective names someone
            continue  # 各区县人民政府 is one unit, not 各区 + 县人民政府
        if rec.score(left) < BODY or org_lexicon().suffixes.get(_last_suffix(left)) == "place":
            continue  # a bare place name (天河区) is the prefix of what follows
        if right.startswith(words["prefixes"]) and _stands_alone(right, rec) \
                and not _is_branch(compact(left), compact(right), rec):
            return cut, cut
    return None


def _last_suffix(name: str) -> str:
    suffixes = org_lexicon().unit_suffixes
    return next((s for s in suffixes if name.endswith(s)), "")


def _split_glued(text: str, start: int, end: int, rec: UnitRecognizer) -> list[tuple[int, int]]:
    out = []
    while start < end:
        cut = _glued_cut(text[start:end], rec) if end - start >= 4 else None
        if cut is None:
            out.append((start, end))
            break
        out.append((start, start + cut[0]))
        start += cut[1]
    return out


def _merge_modifiers(text: str, spans: list[tuple[int, int]], rec: UnitRecognizer) -> list[tuple[int, int]]:
    """相应道路、绿化、河道、建筑小区的管养单位 is one unit: a 、-list of plain nouns modifying, through
    的, the body that ends the list."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        piece = text[start:end]
        if "的" in piece and rec.score(piece) >= GENERIC:
            while out and text[out[-1][1]:start].strip() == "、" and rec.score(text[out[-1][0]:out[-1][1]]) < GENERIC:
                start = out.pop()[0]
        out.append((start, end))
    return out


def _without_member_note(text: str, start: int, end: int, rec: UnitRecognizer) -> tuple[int, int]:
    """属地街镇（镇人民政府、街道办事处） is 属地街镇: a final note listing the bodies a unit stands
    for explains it (a note naming one body, 市农业农村局（市乡村振兴局）, or kinds, 各县（市、区）,
    stays as written)."""
    note = trailing_note(text[start:end])
    if not note:
        return start, end
    members = [m for m in text[start + note + 1:end - 1].split("、") if m]
    if len(members) >= 2 and all(rec.score(m) >= GENERIC for m in members) and rec.score(text[start:start + note]) >= GENERIC:
        return start, start + note
    return start, end


@lru_cache(maxsize=4096)
def _unit_spans(text: str, rec: UnitRecognizer) -> tuple[tuple[int, int], ...]:
    spans = [trimmed(text, a, b) for a, b in split_top_level(text, LIST_DELIMITERS)]
    spans = _merge_collectives(text, [s for s in spans if s[1] > s[0]])
    if "的" in text:
        spans = _merge_modifiers(text, spans, rec)
    out = []
    for span in spans:
        for part in _split_etc(text, *span, rec):
            for glued in _split_glued(text, *trimmed(text, *part), rec):
                glued = _without_member_note(text, *trimmed(text, *glued), rec)
                if glued[1] > glued[0]:
                    out.append(glued)
    return tuple(out)


def split_names(text: str, offset: int = 0, recognizer: UnitRecognizer | None = None) -> list[Name]:
    """``split_units`` as light ``Name`` tuples."""
    rec = recognizer or default_recognizer()
    return [Name(text[a:b], offset + a, offset + b) for a, b in _unit_spans(text, rec)]


def split_units(text: str, offset: int = 0, recognizer: UnitRecognizer | None = None) -> list[Unit]:
    """Split a list of units as written; ``text`` starts at body offset ``offset``.

    Splits on 、，,；; outside brackets and on missing delimiters, drops trailing punctuation,
    and keeps a collective 各 + bare kinds whole.  Nothing is filtered: see ``is_unit``.  Each
    unit carries its canonical name, level and collectiveness (a recipients line reads them too).

    >>> [u.name for u in split_units("市人社局市扶贫开发中心、各乡(镇)")]
    ['市人社局', '市扶贫开发中心', '各乡(镇)']
    >>> [u.name for u in split_units("各市、县(市、区)扶贫开发领导小组,省扶贫开发领导小组成员单位")]
    ['各市、县(市、区)扶贫开发领导小组', '省扶贫开发领导小组成员单位']
    >>> [u.name for u in split_units("商务部等有关部门；各乡镇、县直各单位。")]
    ['商务部', '有关部门', '各乡镇', '县直各单位']
    >>> [(u.name, u.start, u.end, u.canonical) for u in split_units("省委省政府", offset=10)]
    [('省委', 10, 12, '省委'), ('省政府', 12, 15, '省人民政府')]
    """
    lexicon = body_lexicon()
    out = []
    for name in split_names(text, offset, recognizer):
        facts = lexicon.describe(name.name)
        out.append(validated(Unit, {"name": name.name, "start": name.start, "end": name.end,
                                    "canonical": facts.canonical, "level": facts.level,
                                    "collective": facts.collective}))
    return out
