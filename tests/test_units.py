"""Units: assignments by role, splitting, and what must not be extracted (corpora/cases/units.json)."""
import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from docextract.units import (AssignmentContext, extract_assignments, find_assignment_context, is_unit,
                              split_units)

CASES = json.loads((Path(__file__).parent.parent / "corpora/cases/units.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:18].replace("\n", " ") for c in CASES])
def test_assignment_case(case):
    found = extract_assignments(case["text"])
    assert [u.name for u in found.lead] == case["lead"]
    assert [u.name for u in found.responsible] == case["responsible"]
    assert [u.name for u in found.cooperating] == case["cooperating"]


@pytest.mark.parametrize("text, names", [
    ("市人社局市扶贫开发中心", ["市人社局", "市扶贫开发中心"]),
    ("自然资源部国家林草局", ["自然资源部", "国家林草局"]),
    ("省委省政府", ["省委", "省政府"]),
    ("各乡(镇),市扶贫开发领导小组各成员单位", ["各乡(镇)", "市扶贫开发领导小组各成员单位"]),
    ("各市、县(市、区)扶贫开发领导小组,省扶贫开发领导小组成员单位",
     ["各市、县(市、区)扶贫开发领导小组", "省扶贫开发领导小组成员单位"]),
    ("各区、县级市", ["各区、县级市"]),
    ("各乡镇、县直各单位", ["各乡镇", "县直各单位"]),
    ("各区县人民政府，市政府各部门", ["各区县人民政府", "市政府各部门"]),
    ("县十大专项行动组成成员单位", ["县十大专项行动组成成员单位"]),
    ("市文体广电和旅游局", ["市文体广电和旅游局"]),
    ("市委组织部、团县委。", ["市委组织部", "团县委"]),
])
def test_split_units(text, names):
    assert [u.name for u in split_units(text)] == names


@pytest.mark.parametrize("name", ["市人社局", "各乡(镇)", "有关部门", "省残联", "市农商银行", "各区(县)"])
def test_is_unit(name):
    assert is_unit(name)


@pytest.mark.parametrize("name", ["适用范围", "进出口企业应当", "职责分工", "2020年底前", "要加强领导"])
def test_is_not_unit(name):
    assert not is_unit(name)


def test_first_listed_is_lead_when_the_notice_says_so():
    body = "（列在首位的部门为牵头部门，下同）\n一、加强监管。（交通运输部、商务部负责）"
    context = find_assignment_context(body)
    assert context.first_is_lead
    found = extract_assignments("加强监管。（交通运输部、商务部负责）", 0, context)
    assert [u.name for u in found.lead] == ["交通运输部"]
    assert [u.name for u in found.responsible] == ["商务部"]


def test_no_document_rule_by_default():
    assert find_assignment_context("一、加强监管。（交通运输部、商务部负责）") == AssignmentContext()


TEXT = st.text(alphabet=st.sampled_from(list("市县局委办部各乡镇(（)）、，,；:：牵头单位责任配合负责参与会同有关部门\n。")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_unit_offsets_hold_and_nothing_raises(text):
    found = extract_assignments(text, offset=5)
    for unit in found.lead + found.responsible + found.cooperating:
        assert text[unit.start - 5:unit.end - 5] == unit.name
    for unit in split_units(text, offset=2):
        assert text[unit.start - 2:unit.end - 2] == unit.name
