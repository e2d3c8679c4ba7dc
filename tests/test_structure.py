"""Structure stage: hand-made cases per rule (corpora/cases/structure.json) and label parsing."""
import json
from pathlib import Path

import pytest

from docextract.clean import clean
from docextract.normalize import normalize
from docextract.extract.units import split_units
from docextract.structure import heading_of, match_label, structure
from docextract.text.dates import parse_date
from docextract.text.numerals import label_number

CASES = json.loads((Path(__file__).parent.parent / "corpora/cases/structure.json").read_text(encoding="utf-8"))


def skeleton_of(text, metadata=None):
    return structure(clean(normalize(text), metadata or {}))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_structure_case(case):
    sk = skeleton_of(case["text"], case.get("metadata"))
    got = [[it.part, list(it.path), it.label] for it in sk.items]
    assert got == [row[:3] for row in case["items"]]
    for row, item in zip(case["items"], sk.items):
        if row[3] is not None:
            assert item.heading == row[3]
    if "title" in case:
        assert sk.title_text == case["title"]
    if "issuer" in case:
        assert sk.issuer_text == case["issuer"]
    if "doc_number" in case:
        assert sk.doc_number_text == case["doc_number"]
    if "date" in case:
        assert (sk.date[0] if sk.date else sk.metadata.get("date")) == case["date"]  # or what the page said
    if "recipients" in case:
        names = [u.name for u in split_units(sk.recipients.text)] if sk.recipients else []
        assert names == case["recipients"]
    if "item_ends_with" in case:
        last = sk.items[-1]
        assert sk.body[last.text_start:last.end].endswith(case["item_ends_with"])
    if "parts" in case:
        assert [p.title.text if p.title else None for p in sk.parts] == case["parts"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_evidence_offsets_hold(case):
    sk = skeleton_of(case["text"], case.get("metadata"))
    for ev in (sk.title, sk.issuer, sk.doc_number, sk.date[1] if sk.date else None, sk.recipients):
        if ev is not None:
            assert sk.body[ev.start:ev.end] == ev.text
    for item in sk.items:
        # a label split over two lines is one label: compare without the line break
        assert "".join(sk.body[item.start:item.text_start].split()) == "".join(item.label.split())
        assert item.text_start <= item.end


@pytest.mark.parametrize("line, label, number", [
    ("一、总体要求", "一、", 1), ("十二、其他", "十二、", 12), ("（三）加强领导", "（三）", 3),
    ("(四)强化保障", "(四)", 4), ("㈤其他", "㈤", 5), ("1.建立机制", "1.", 1), ("2、完善制度", "2、", 2),
    ("3﹒加强", "3﹒", 3), ("4．落实", "4．", 4), ("（5）细化", "（5）", 5), ("⑹细化", "⑹", 6),
    ("⑦细化", "⑦", 7), ("第十二条 本办法", "第十二条", 12), ("第三章 附则", "第三章", 3), ("1）建立机制", "1）", 1),
    ("第一百二十一条 本条例自公布之日起施行", "第一百二十一条", 121), ("120.附则", "120.", 120),
    ("二、2030年发展目标", "二、", 2), ("（一）2026年底前建成", "（一）", 1), ("一) 针对违规司机的罚则", "一)", 1),
    ("壹、计划目标", "壹、", 1), ("参、经费", "参、", 3), ("第 12 条 本法所称", "第 12 条", 12),
    ("(b)由管理公司负责", "(b)", 2), ("2.3若数据显示", "2.3", 3),
])
def test_match_label(line, label, number):
    found = match_label(line)
    assert found is not None and found.text == label and found.number == number


@pytest.mark.parametrize("line", [
    "2020年是决胜之年。", "1.5万元以下的项目", "2021.5.6召开会议", "一是加强领导", "3个工作日内",
    "12.jpg", "（2020）12号", "第一书记要驻村", "一定要做到", "(A股)上市公司",
    "12.345热线整合", "1人口特征", "4 强化保障", "一、", "第一条",   # confirmed by the numbering only; alone on a line
])
def test_not_a_label(line):
    assert match_label(line) is None


def test_heading_of():
    assert heading_of("切实解决就业难题。抓住时机") == "切实解决就业难题"
    assert heading_of("深化思想认识，坚决打赢疫情防控阻击战\n2020年是") == "深化思想认识，坚决打赢疫情防控阻击战"
    assert heading_of("各地要" + "认真落实" * 30 + "。") is None


@pytest.mark.parametrize("text, iso", [
    ("2020年3月2日", "2020-03-02"), ("二〇二一年五月六日", "2021-05-06"), ("2020年2月30日", None),
])
def test_parse_date(text, iso):
    parsed = parse_date(text)
    assert (parsed.isoformat() if parsed else None) == iso


def test_label_number_values():
    assert [label_number(x) for x in ("十", "二十", "⑳", "⑩")] == [10, 20, 20, 10]


@pytest.mark.parametrize("line, text_starts", [
    ("第一条第一条根据法律制定本条例。", "根据法律"),
    ("第一条 第一条　国家统筹推进消费环境建设。", "国家统筹"),
    ("第一条 第一项措施另行规定。", "第一项措施"),
])
def test_a_label_printed_twice_opens_its_text_once(line, text_starts):
    sk = skeleton_of("某某条例\n" + line + "\n第二条 本条例自公布之日起施行。")
    item = sk.items[0]
    assert sk.body[item.text_start:].startswith(text_starts)


@pytest.mark.parametrize("source, issuer", [
    ("某市民政局", "某市民政局"),                 # a department publishing its own rules on a portal
    ("某某省财政厅", "某某省财政厅"),
    ("金融时报", None),                            # a newspaper is no issuer
    ("本站", None),
    ("某市民政局、某市财政局", None),              # several bodies: which one issued it is not said
    ("", None),
])
def test_a_pages_source_stands_in_for_the_issuer_only_when_it_names_one_body(source, issuer):
    from docextract.structure.metadata import source_issuer
    found = source_issuer({"source": source})
    assert (found.value if found else None) == issuer


def test_a_source_never_overrides_the_issuer_the_text_gives():
    from docextract.load.document import LoadedDocument
    from docextract.pipeline import run
    text = "某县人民政府关于做好防汛工作的通知\n各乡镇：\n现将有关事项通知如下。\n某县人民政府\n2024年5月6日"
    loaded = LoadedDocument(name="n.html", text=text, format="html", metadata={"source": "某县水利局"})
    assert run(loaded).issuer == "某县人民政府"
    unsigned = LoadedDocument(name="n.html", text="某某补贴实施办法\n第一条 为了规范补贴发放，制定本办法。",
                              format="html", metadata={"source": "某县民政局"})
    assert run(unsigned).issuer == "某县民政局"


def test_the_paragraph_after_a_list_of_one_line_entries_is_the_parents():
    from docextract import extract_text
    text = ("某某管理办法\n第一条 为了规范管理，制定本办法。\n第二条 有下列情形之一的，应当报告：\n（一）发现差异的；\n"
            "（二）资料缺失的；\n（三）其他情形。\n义务机构应当自发现差异之日起30个工作日内完成核实。\n第三条 本办法自印发之日起施行。")
    notice = extract_text(text)
    by_path = {tuple(it.path): it for it in notice.items}
    assert [d.text for d in by_path[(2,)].deadlines] == ["自发现差异之日起30个工作日内"]
    assert by_path[(2, 3)].deadlines == [] and by_path[(2, 3)].text == "其他情形。"


def test_an_entry_of_several_paragraphs_keeps_the_paragraphs_after_it():
    from docextract import extract_text
    text = ("某某工作方案\n一、主要任务\n（一）完善制度。\n制度要覆盖全部环节。\n（二）加强宣传。\n（三）加强督查。\n"
            "各单位于2025年6月底前报送督查情况。\n二、保障措施\n加强组织领导。")
    notice = extract_text(text)
    by_path = {tuple(it.path): it for it in notice.items}
    assert [d.text for d in by_path[(1, 3)].deadlines] == ["于2025年6月底前"]
    assert by_path[(1,)].deadlines == []
