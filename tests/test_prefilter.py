"""The start prefilter (``rules.prefilter``) never says "cannot match" where a pattern matches:
checked on every example and counterexample of the boilerplate rules, on lines made from them,
and on hand-made patterns with classes, repeats, lookaheads and categories."""
import re
import tomllib
from pathlib import Path

import pytest

from docextract.rules.boilerplate import bare, boilerplate
from docextract.rules.prefilter import may_match_at_start

TOML = Path(__file__).resolve().parent.parent / "docextract" / "rules" / "boilerplate.toml"


def _example_lines() -> list[str]:
    data = tomllib.loads(TOML.read_text(encoding="utf-8"))
    lines = [x for rule in data["line"] for key in ("examples", "counterexamples") for x in rule.get(key, [])]
    return [bare(line.strip()) for line in lines if line.strip()]


LINES = _example_lines()
HAND_MADE = [
    (r"(?:[\u4e00-\u9fff]{2,6}[ \t]+){3,}[\u4e00-\u9fff]{2,6}", ["首页 政务 公开 服务", "首页政务公开", "一、总体要求"]),
    (r"[_*·•\s]*\d{4}[-/.]\d{1,2}", ["2024-05-01", "·2024.5", "2024年5月", "二〇二四"]),
    (r"(?!第)[\u4e00-\u9fff]+", ["第一条", "通知", "2024"]),
    (r"(?:【\s*)?(?:打印|关闭)(?:\s*】)?", ["【打印】", "关闭", "打开"]),
    (r"x?", ["", "abc"]),
]


@pytest.mark.parametrize("pattern", [r.pattern for r in boilerplate().at_start] + [boilerplate().info_field],
                         ids=lambda p: p.pattern[:30])
def test_no_example_line_is_ruled_out_where_the_pattern_matches(pattern):
    may = may_match_at_start([pattern])
    matched = [line for line in LINES if pattern.match(line)]
    assert all(may(line) for line in matched)


@pytest.mark.parametrize("source,texts", HAND_MADE, ids=[s[:20] for s, _ in HAND_MADE])
def test_hand_made_patterns(source, texts):
    pattern = re.compile(source)
    may = may_match_at_start([pattern])
    for text in texts:
        if pattern.match(text):
            assert may(text), text


def test_it_rules_out_lines_no_rule_can_start():
    may = may_match_at_start([r.pattern for r in boilerplate().at_start])
    assert not may("一、总体要求") and not may("各区人民政府：")
