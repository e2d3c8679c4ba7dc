"""Normalize: gold cases, negatives that must come out unchanged, properties, real notices."""
import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings, strategies as st

from conftest import CORPUS
from docextract.normalize import NORMALIZERS, normalize

CASES_DIR = Path(__file__).parent.parent / "corpora" / "cases"
CASES = json.loads((CASES_DIR / "normalize.json").read_text(encoding="utf-8"))
UNCHANGED = json.loads((CASES_DIR / "normalize_unchanged.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_normalize_case(case):
    assert normalize(case["input"]).text == case["expect"]


@pytest.mark.parametrize("text", UNCHANGED, ids=[t[:12].replace("\n", " ") for t in UNCHANGED])
def test_comes_out_unchanged(text):
    assert normalize(text).text == text


def test_trace_names_the_steps_that_changed_something():
    trace = []
    normalize("產業(yè)\r\n", trace)
    assert trace == ["fix_line_ends", "to_simplified", "strip_glued_pinyin"]
    assert [name for name, _ in NORMALIZERS][0] == "fix_line_ends"


def test_offsets_map_back_to_the_source():
    source = "　　中國產業(yè)經濟信息網\r\n２０２１年"
    result = normalize(source)
    start = result.text.index("经济")
    a, b = result.to_source(start, start + 2)
    assert source[a:b] == "經濟"
    start = result.text.index("2021")
    a, b = result.to_source(start, start + 4)
    assert source[a:b] == "２０２１"


def test_real_notices():
    traditional = normalize((CORPUS / "002_b562bc70cb04133b.txt").read_text(encoding="utf-8")).text
    assert "(yè)" not in traditional and "(zhàn)" not in traditional
    assert "中国产业经济信息网" in traditional
    wrapped = normalize((CORPUS / "004_ba4d4d4b2a22ff08.txt").read_text(encoding="utf-8")).text
    assert "暂时无法外出务工" in wrapped and "模式和方法，" in wrapped
    title = normalize((CORPUS / "003_c5fd581c3bdc88e4.txt").read_text(encoding="utf-8")).text
    assert "监测预警和动态帮扶的意见》的通知\n" in title


PIECES = list("通知各乡镇(yè)（一）1.、，。：\n\r 　２０年月產業戰局委") + ["\r\n", "(zhàn)", "一、", "\n\n"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
@example("一、 一、\n、")   # a heading printed twice, then a line the joiner appends to it
def test_idempotent_and_map_valid(text):
    once = normalize(text)
    assert normalize(once.text).text == once.text
    index = once.source_index
    assert len(index) == len(once.text) + 1
    assert all(0 <= i <= len(text) for i in index)
    assert all(a <= b for a, b in zip(index, index[1:]))
