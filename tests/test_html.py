"""HTML pages: main text only, metadata from <meta> and the disclosure table, Word exports."""
from conftest import FIXTURES

from docextract import extract_file
from docextract.load import load_bytes, load_file


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


def test_province_page_metadata_and_body():
    loaded = load_file(FIXTURES / "govcn_province_page.html")
    meta = loaded.metadata
    assert {k: meta[k] for k in ("title", "issuer", "doc_number", "date", "published", "source",
                                 "index_number", "subject", "url")} == {
        "title": "某省人民政府办公厅关于印发某省2024年稳就业重点任务分工方案的通知",
        "issuer": "某省人民政府办公厅", "doc_number": "某府办〔2024〕12号", "date": "2024-04-08",
        "published": "2024-04-12", "source": "省政府办公厅", "index_number": "11440000006939801N/2024-00123",
        "subject": "劳动、人事、监察\\就业",
        "url": "https://www.example.gov.cn/zwgk/szfbgtwj/202404/t20240412_123456.html"}
    for junk in ("无障碍", "您当前的位置", "字体", "扫一扫", "分享到", "相关稿件", "ICP备", "网站地图", "不是正文",
                 "请输入关键词", "打印", "关闭"):
        assert junk not in loaded.text, junk
    lines = loaded.text.split("\n")
    assert lines[0] == meta["title"] and lines[1] == "某府办〔2024〕12号"


def test_province_page_task_table_becomes_items():
    text = load_file(FIXTURES / "govcn_province_page.html").text
    assert ("2. 落实一次性吸纳就业补贴政策，每人补贴1500元\n牵头单位：省人力资源社会保障厅、省财政厅\n"
            "责任单位：各地级以上市人民政府\n完成时限：2024年12月底前") in text
    notice = extract_file(FIXTURES / "govcn_province_page.html")
    third = [it for it in notice.items if it.text.startswith("推进零工市场建设")][0]
    assert [u.name for u in third.responsible_units] == ["省发展改革委", "各地级以上市人民政府"]
    assert [(d.text, d.date) for d in third.deadlines] == [("2024年10月底前", "2024-10-31")]


def test_misdeclared_county_page_without_class_names():
    loaded = load_file(FIXTURES / "county_page_misdeclared.html")
    assert loaded.encoding == "gb18030"          # declares utf-8, is GB18030
    assert loaded.metadata["published"] == "2024-10-15"
    lines = loaded.text.split("\n")
    assert lines[0] == "关于开展2024年秋冬季森林防火工作的通知"   # <title> without "-某县人民政府"
    assert lines[-1] == "2024年10月14日"
    for junk in ("网站首页", "浏览次数", "上一篇", "下一篇", "ICP备", "技术支持"):
        assert junk not in loaded.text, junk


def test_encoding_override_applies_to_html():
    from docextract.config import Settings

    data = (FIXTURES / "county_page_misdeclared.html").read_bytes()
    assert load_bytes(data, "x.html", Settings(encoding="gbk")).encoding == "gb18030"
    assert load_bytes(data, "x.html", Settings(encoding="big5")).encoding == "big5"


def test_html_that_is_not_a_page_still_loads_or_raises_a_load_error():
    from docextract.errors import LoadError

    for data in (b"<html></html>", b"<<<>>>", "<p>通知</p>".encode("utf-16"), b"\x00\x01<html>"):
        try:
            load_bytes(data, "x.html")
        except LoadError:
            pass
