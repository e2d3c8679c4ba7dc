"""HTML pages: main text only, metadata from <meta> and the disclosure table, Word exports."""
from conftest import FIXTURES
from docextract import extract_file
from docextract.load import load_file


def test_govcn_page_metadata():
    loaded = load_file(FIXTURES / "govcn_page.html")
    meta = loaded.metadata
    assert meta["doc_number"] == "国办发〔2022〕5号"
    assert meta["issuer"] == "国务院办公厅"
    assert meta["date"] == "2022-02-07"
    assert meta["published"] == "2022-03-01"
    assert meta["index_number"] == "000014349/2022-00018"
    assert meta["source"] == "中国政府网"


def test_govcn_page_body_has_no_boilerplate():
    body = extract_file(FIXTURES / "govcn_page.html").body
    for junk in ("当前位置", "分享到", "打印本页", "关闭窗口", "相关文件", "京ICP备", "版权所有", "不要提取", "首页"):
        assert junk not in body, junk
    assert body.startswith("国务院办公厅关于加快推进政务服务标准化规范化便利化的指导意见")
    assert "（此件公开发布）" in body


def test_govcn_page_values():
    notice = extract_file(FIXTURES / "govcn_page.html")
    assert notice.doc_number == "国办发〔2022〕5号" and notice.date == "2022-02-07"
    first = notice.items[1]
    assert [u.name for u in first.lead_units] == ["国务院办公厅"]
    assert [u.name for u in first.responsible_units] == ["国务院各有关部门"]
    assert [(d.text, d.date) for d in first.deadlines] == [("2022年底前", "2022-12-31")]
    assert [u.name for u in notice.recipients] == ["各省、自治区、直辖市人民政府", "国务院各部委", "各直属机构"]


def test_word_exported_page():
    notice = extract_file(FIXTURES / "word_export.html")
    assert notice.encoding == "gb18030"
    assert notice.title == "某县人民政府办公室关于做好春季农业生产工作的通知"
    assert "mso-style" not in notice.body
    assert [it.label for it in notice.items] == ["一、", "二、"]
    assert [u.name for u in notice.items[0].cooperating_units] == ["县供销社"]
    assert [(a.text, a.max) for a in notice.items[1].amounts][-1] == ("最高不超过2万元", 20000)


def test_old_layout_table_page_keeps_its_paragraphs():
    notice = extract_file(FIXTURES / "layout_table_page.html")
    assert notice.encoding == "gb18030"
    assert notice.title == "关于做好防汛工作的通知" and notice.date == "2023-04-20"
    assert [it.label for it in notice.items] == ["一、", "二、"]
    assert [u.name for u in notice.items[0].responsible_units] == ["县应急局", "各乡镇"]
    assert [u.name for u in notice.items[1].cooperating_units] == ["县水利局"]
    assert "政务公开" not in notice.body and "版权所有" not in notice.body
