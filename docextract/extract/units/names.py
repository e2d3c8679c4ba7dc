"""Unit names: is a phrase a government body (``is_unit``), and a written list of units split
into names with offsets (``split_units``): 、，；, missing delimiters, 等, collectives."""
from __future__ import annotations

import re

from ...models import Unit
from .lexicon import lexicon

LIST_DELIMITERS = frozenset("、，,；;")
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



def split_top_level(text: str, delimiters: frozenset[str]) -> list[tuple[int, int]]:
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


def trailing_note(name: str) -> int | None:
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
    parts = [body[a:b] for a, b in split_top_level(body, frozenset("、"))]
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
    note = trailing_note(name)
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


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
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
    spans = [trimmed(text, a, b) for a, b in split_top_level(text, LIST_DELIMITERS)]
    spans = _merge_collectives(text, [s for s in spans if s[1] > s[0]])
    out = []
    for span in spans:
        for part in _split_etc(text, *span):
            for glued in _split_glued(text, *trimmed(text, *part)):
                glued = trimmed(text, *glued)
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
