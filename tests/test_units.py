"""Units: assignments by role, splitting, and what must not be extracted.

The assignment cases live in corpora/cases/units.json: ``{"id", "text", "expect": {"lead",
"responsible", "cooperating"}}``, optionally ``"context"`` (text earlier in the notice, which
may state a document-wide rule) and ``"xfail"`` (the reason a known-hard case fails).  Cases
that need the item tree (duty lists, notes scoped to one list) are whole short notices:
``{"id", "notice", "items": {"<path>": {"lead", "responsible", "cooperating"}}}``.
"""
import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from docextract import extract_text
from docextract.config import Settings
from docextract.errors import RuleError
from docextract.rules import load_rules
from docextract.extract.units import (AssignmentContext, body_lexicon, extract_assignments, find_assignment_context,
                                      is_unit, register_recognizer, split_units)
from docextract.extract.units.lexicon import lexicon

ALL_CASES = json.loads((Path(__file__).parent.parent / "corpora/cases/units.json").read_text(encoding="utf-8"))
CASES = [c for c in ALL_CASES if "text" in c]
NOTICE_CASES = [c for c in ALL_CASES if "notice" in c]
ROLES = ("lead", "responsible", "cooperating")


def _param(case):
    marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
    return pytest.param(case, id=case["id"], marks=marks)


def _assigned(case):
    """Extract from the case text placed after its context, as it would sit in a notice body."""
    prefix = case["context"] + "\n" if "context" in case else ""
    body = prefix + case["text"]
    found = extract_assignments(case["text"], len(prefix), find_assignment_context(body))
    return body, found


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_assignment_case(case):
    body, found = _assigned(case)
    got = {role: [u.name for u in getattr(found, role)] for role in ROLES}
    assert got == case["expect"]
    for unit in found.lead + found.responsible + found.cooperating:
        assert body[unit.start:unit.end] == unit.name


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in NOTICE_CASES])
def test_notice_case(case):
    notice = extract_text(case["notice"])
    items = {".".join(map(str, it.path)): it for it in notice.items}
    for path, want in case["items"].items():
        item = items[path]
        got = {role: [u.name for u in getattr(item, f"{role}_units")] for role in ROLES}
        assert got == want, path
        for unit in item.lead_units + item.responsible_units + item.cooperating_units:
            assert notice.body[unit.start:unit.end] == unit.name


def test_cases_hold_enough_negatives():
    negatives = [c for c in CASES if not any(c["expect"].values())]
    assert len(negatives) * 3 >= len(CASES)
    assert len({c["id"] for c in ALL_CASES}) == len(ALL_CASES)


@pytest.mark.parametrize("text, names", [
    ("市人社局市扶贫开发中心", ["市人社局", "市扶贫开发中心"]),
    ("自然资源部国家林草局", ["自然资源部", "国家林草局"]),
    ("省委省政府", ["省委", "省政府"]),
    ("各乡(镇),市扶贫开发领导小组各成员单位", ["各乡(镇)", "市扶贫开发领导小组各成员单位"]),
    ("各市、县(市、区)扶贫开发领导小组,省扶贫开发领导小组成员单位",
     ["各市、县(市、区)扶贫开发领导小组", "省扶贫开发领导小组成员单位"]),
    ("各区、县级市", ["各区、县级市"]),
    ("各乡镇、县直各单位", ["各乡镇", "县直各单位"]),
    ("各乡镇、县扶贫局", ["各乡镇", "县扶贫局"]),
    ("各旗县区、市扶贫开发领导小组成员单位", ["各旗县区", "市扶贫开发领导小组成员单位"]),
    ("各市、县扶贫局", ["各市、县扶贫局"]),
    ("各乡(镇)、部门", ["各乡(镇)、部门"]),
    ("各区县人民政府，市政府各部门", ["各区县人民政府", "市政府各部门"]),
    ("县十大专项行动组成成员单位", ["县十大专项行动组成成员单位"]),
    ("县直有“双包”任务的单位、各乡(镇)", ["县直有“双包”任务的单位", "各乡(镇)"]),
    ("市文体广电和旅游局", ["市文体广电和旅游局"]),
    ("市住房和城乡建设局、工业和信息化部", ["市住房和城乡建设局", "工业和信息化部"]),
    ("各级党委和政府", ["各级党委和政府"]),
    ("市委组织部、团县委。", ["市委组织部", "团县委"]),
    ("商务部等有关部门", ["商务部", "有关部门"]),
    ("财政部等", ["财政部"]),
    ("各高等学校", ["各高等学校"]),
    ("国家税务总局广州市税务局", ["国家税务总局广州市税务局"]),
    ("中国人民银行某市中心支行", ["中国人民银行某市中心支行"]),
    ("国家外汇管理局贵州省分局", ["国家外汇管理局贵州省分局"]),
    ("市委市政府督查室", ["市委市政府督查室"]),
    ("天河区市场监管局", ["天河区市场监管局"]),
    ("县财政局县教育局", ["县财政局", "县教育局"]),
    ("市、区民政部门", ["市、区民政部门"]),
    ("区、镇人民政府和街道办事处", ["区、镇人民政府", "街道办事处"]),
    ("市规划资源、住房城乡建设等部门", ["市规划资源", "住房城乡建设"]),
    ("区建管委等建设主管部门", ["区建管委", "建设主管部门"]),
    ("省商务厅等和各市州人民政府", ["省商务厅", "各市州人民政府"]),
    ("有关部门和单位", ["有关部门和单位"]),
    ("中国人民银行及其分支机构", ["中国人民银行及其分支机构"]),
    ("相应道路、绿化、河道的管养单位", ["相应道路、绿化、河道的管养单位"]),
    (" 市财政局 ；\n", ["市财政局"]),
    ("", []),
    # members of a collective with 各: words that name nobody alone, bodies under its places
    ("县政府各委、办、局", ["县政府各委、办、局"]),
    ("各区教育局、财政局、卫生健康局", ["各区教育局、财政局、卫生健康局"]),
    ("各县民政局、市财政局", ["各县民政局", "市财政局"]),            # a place of its own: two units
    ("各乡镇人民政府、街道办事处", ["各乡镇人民政府", "街道办事处"]),
    ("各有关单位、市公安局", ["各有关单位", "市公安局"]),
    ("市教育局、财政局", ["市教育局", "财政局"]),                      # no 各: nothing shared
])
def test_split_units(text, names):
    assert [u.name for u in split_units(text)] == names


@pytest.mark.parametrize("name", [
    "市人社局", "各乡(镇)", "有关部门", "省残联", "市农商银行", "各区(县)", "团县委", "海关总署",
    "县直有“双包”任务的单位", "市农业农村局(市乡村振兴局)", "各区、县级市", "国务院", "省红十字会",
])
def test_is_unit(name):
    assert is_unit(name)


@pytest.mark.parametrize("written, canonical, level, collective", [
    ("市发改委", "市发展和改革委员会", "city", False),
    ("市发展改革委", "市发展和改革委员会", "city", False),
    ("市发展和改革委员会", "市发展和改革委员会", "city", False),
    ("县发改局", "县发展和改革局", "county", False),
    ("贵州省人社厅", "贵州省人力资源和社会保障厅", "province", False),
    ("区人力资源社会保障局", "区人力资源和社会保障局", "county", False),
    ("国家发展改革委", "国家发展和改革委员会", "national", False),
    ("应急部", "应急管理部", "national", False),
    ("人民银行", "中国人民银行", "national", False),
    ("市委网信办", "市委网络安全和信息化委员会办公室", "city", False),
    ("镇政府", "镇人民政府", "town", False),
    ("各区县人民政府", "各区县人民政府", "county", True),
    ("各有关区、县级市", "各有关区、县级市", "county", True),
    ("有关部门", "有关部门", None, True),
    ("区土方工作专班", "区土方工作专班", "county", False),
    ("市场监管", "市场监管", None, False),
])
def test_canonical_names_levels_collectives(written, canonical, level, collective):
    facts = body_lexicon().describe(written)
    assert (facts.canonical, facts.level, facts.collective) == (canonical, level, collective)


def test_units_carry_canonical_names_and_review_flags():
    found = extract_assignments("（牵头单位：市发改委、区土方工作专班）由市发展和改革委员会负责。")
    first, unknown = found.lead
    assert (first.canonical, first.level, first.flags) == ("市发展和改革委员会", "city", [])
    assert unknown.flags == ["unit_not_in_lexicon"]
    assert found.responsible[0].canonical == first.canonical
    assert found.responsible[0].flags == ["unbracketed_assignment"]


def test_a_user_lexicon_adds_bodies(tmp_path):
    path = tmp_path / "bodies.toml"
    path.write_text('[[local]]\nname = "城市运行管理服务中心"\naliases = ["城运服务中心"]\n'
                    '[[national]]\nname = "某某总局"\naliases = ["某总局"]\n', encoding="utf-8")
    context = find_assignment_context("", settings=Settings(unit_lexicon=path))
    found = extract_assignments("（区城运服务中心、某总局负责）", 0, context)
    assert [(u.canonical, u.flags) for u in found.responsible] == [
        ("区城市运行管理服务中心", []), ("某某总局", [])]
    with pytest.raises(RuleError, match="unit lexicon"):
        find_assignment_context("", settings=Settings(unit_lexicon=tmp_path / "missing.toml"))


def test_a_recogniser_can_be_plugged_in():
    class EverythingShortIsAUnit:
        def __init__(self, bodies):
            pass

        def score(self, phrase):
            return 0.9 if 2 <= len(phrase.strip()) <= 6 else 0.0

    register_recognizer("short-names", EverythingShortIsAUnit)
    context = find_assignment_context("", settings=Settings(unit_recognizer="short-names"))
    assert [u.name for u in extract_assignments("（甲乙丙丁负责）", 0, context).responsible] == ["甲乙丙丁"]
    assert not extract_assignments("（甲乙丙丁负责）").responsible
    with pytest.raises(RuleError, match="unknown unit recognizer"):
        find_assignment_context("", settings=Settings(unit_recognizer="no-such"))


@pytest.mark.parametrize("name", [
    "适用范围", "进出口企业应当", "职责分工", "2020年底前", "要加强领导", "部署", "帮扶干部", "全部",
    "责任单位", "部门", "座谈会", "由财政部门", "三结合", "",
])
def test_is_not_unit(name):
    assert not is_unit(name)


def test_first_listed_is_lead_when_the_notice_says_so():
    context = find_assignment_context("（列在首位的部门为牵头部门，下同）\n一、加强监管。（交通运输部、商务部负责）")
    assert context.first_is_lead
    found = extract_assignments("加强监管。（交通运输部、商务部负责）", 0, context)
    assert [(u.name, u.source) for u in found.lead] == [("交通运输部", "列在首位")]
    assert [u.name for u in found.responsible] == ["商务部"]


def test_no_document_rule_by_default():
    assert find_assignment_context("一、加强监管。（交通运输部、商务部负责）") == AssignmentContext()


def test_same_units_note_applies_only_after_it_and_only_to_silent_items():
    body = "1.甲项。\n以下各项任务均由各乡镇负责。\n2.乙项。（县财政局负责）\n3.丙项。"
    context = find_assignment_context(body)
    before, own, after = (body.index(s) for s in ("甲项", "乙项", "丙项"))
    assert not extract_assignments("甲项。", before, context)
    assert [u.name for u in extract_assignments("乙项。（县财政局负责）", own, context).responsible] == ["县财政局"]
    unit, = extract_assignments("丙项。", after, context).responsible
    assert body[unit.start:unit.end] == unit.name == "各乡镇"


def test_units_carry_the_phrase_they_came_from():
    found = extract_assignments("（牵头单位：市科技局）（财政部配合）")
    assert [u.source for u in found.lead + found.cooperating] == ["牵头单位", "配合"]


def test_rules_file_is_valid_and_every_label_has_a_role():
    lex = lexicon()
    assert set(lex.labels.values()) <= set(ROLES)
    assert set(lex.verbs.values()) == set(ROLES)
    assert load_rules("units") is load_rules("units")  # read once


def test_a_bad_role_names_the_file_and_key(monkeypatch):
    import docextract.extract.units.lexicon as units
    import docextract.rules.fields as fields

    bad = {"fields": {"牵头单位": "boss"}}
    monkeypatch.setattr(fields, "load_rules", lambda name: bad)
    fields.field_roles.cache_clear()
    units.lexicon.cache_clear()
    try:
        with pytest.raises(RuleError, match=r"fields\.toml.*fields.*牵头单位"):
            units.lexicon()
    finally:
        fields.field_roles.cache_clear()
        units.lexicon.cache_clear()


TEXT = st.text(alphabet=st.sampled_from(list(
    "市县省局委办部厅各乡镇区(（)）“”【】、，,；;:：。\n 牵头单位责任配合负责参与会同有关部门由等和以下均列在首位的为")),
    max_size=80)


@settings(max_examples=400, deadline=None)
@given(TEXT, st.integers(min_value=0, max_value=50))
def test_offsets_hold_and_nothing_raises(text, offset):
    body = "x" * offset + text
    context = find_assignment_context(body)
    found = extract_assignments(text, offset, context)
    for unit in found.lead + found.responsible + found.cooperating:
        assert body[unit.start:unit.end] == unit.name
    for unit in split_units(text, offset):
        assert body[unit.start:unit.end] == unit.name and unit.name


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_arbitrary_text_never_raises(text):
    extract_assignments(text)
    split_units(text)
    is_unit(text)
