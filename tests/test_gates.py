"""normalize/gates.py: a gate may only refuse a line its pattern cannot match, so every pattern the
line joiner gates must give the same answers gated and ungated, on real lines and on odd ones."""
import random
import re
from pathlib import Path

import pytest

from docextract.normalize.chars import WIDTH_TABLE
from docextract.normalize.gates import GatedPattern, any_search, need_of
from docextract.normalize.rules import normalize_rules

ROOT = Path(__file__).resolve().parent.parent
ODD = ["", " ", "\t", "\u3000", "\u2002", "_", "号", "日", "件", "发", "共印", ".", "：", ":", " > ", " - ", "a.pdf",
       "文\u3000件", "2 号", "首页 机构 公开", "牵头单位：", "x\u00a0y", "第一条", "（一）", "1.", "关于"]


def _lines() -> list[str]:
    lines = []
    for path in sorted((ROOT / "corpora" / "notices").glob("*.txt")) + sorted((ROOT / "corpora" / "cases").glob("*.json")):
        lines += [line.strip() for line in path.read_text(encoding="utf-8", errors="replace").split("\n")]
    rng = random.Random(7)
    lines += ["".join(rng.choice(ODD) for _ in range(rng.randint(1, 6))) for _ in range(3000)]
    return lines


LINES = _lines()


def _gated():
    r = normalize_rules()
    return [("navigation", r.navigation), ("field_line", r.field)]


@pytest.mark.parametrize("name, gated", _gated())
def test_gated_pattern_answers_as_the_pattern(name, gated):
    for line in LINES:
        assert bool(gated.search(line)) == bool(gated.pattern.search(line)), (name, line)
        assert bool(gated.match(line)) == bool(gated.pattern.match(line)), (name, line)


def test_any_search_answers_as_the_patterns_in_turn():
    complete = normalize_rules().complete
    for line in LINES:
        assert bool(complete.search(line)) == any(p.search(line) for p in complete.patterns), line


@pytest.mark.parametrize("pattern, needs_something", [
    (r"\d\s*号$", True), (r"^\s*[\u4e00-\u9fff]{2,8}\s*[:：]", True), (r"_|\s-\s", True),
    (r"(?i)abc", False), (r"\w+", False), (r"a?", False), (r"(?:x|\d)", False),
])
def test_need_is_told_only_when_every_match_holds_it(pattern, needs_something):
    assert (need_of(re.compile(pattern)) is not None) == needs_something


def test_width_folding_replaces_each_character_once():
    # fold_width replaces the distinct characters one after another: no replacement may fold again
    assert not set(WIDTH_TABLE.values()) & set(WIDTH_TABLE)
