"""HTML pages: main text only, metadata from <meta> and the disclosure table, Word exports."""
from corpus_files import FIXTURES

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
    assert ("2 落实一次性吸纳就业补贴政策，每人补贴1500元\n牵头单位：省人力资源社会保障厅、省财政厅\n"
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


# -- pages at the parser's limits (issue 9) -----------------------------------------------------

PARAGRAPH = "各乡镇要加强值班值守，确保人员到岗到位。"


def _page(inner: str) -> bytes:
    return f"<html><head><title>关于做好防汛工作的通知</title></head><body>{inner}</body></html>".encode()


def _paragraphs(n: int) -> list[str]:
    return [f"第{i}段：{PARAGRAPH}" for i in range(n)]


def test_three_hundred_unclosed_spans_keep_the_whole_body():
    lines = _paragraphs(300)
    loaded = load_bytes(_page('<div class="content">' + "".join(f"<span>{p}<br>" for p in lines) + "</div>"), "p.html")
    assert loaded.status == "ok" and not loaded.warnings
    assert all(p in loaded.text for p in lines)


def test_unclosed_spans_past_the_hard_depth_limit_are_parsed_again_without_them():
    lines = _paragraphs(3000)
    loaded = load_bytes(_page('<div class="content">' + "".join(f'<span style="x">{p}<br>' for p in lines) + "</div>"),
                        "p.html")
    assert loaded.status == "ok" and lines[0] in loaded.text and lines[-1] in loaded.text


def test_nesting_too_deep_to_parse_is_partial_with_a_warning_and_keeps_the_text():
    depth = 100_000
    loaded = load_bytes(_page("<div>" * depth + PARAGRAPH + "</div>" * depth + "<p>结尾段落。</p>"), "p.html")
    assert loaded.status == "partial"
    assert any("HTML parser stopped early" in w for w in loaded.warnings)
    assert PARAGRAPH in loaded.text and "结尾段落。" in loaded.text


def test_a_text_node_over_ten_megabytes_is_read_whole():
    line = "一二三四五六七八九十" * 1_200_000   # 12 million characters on one line
    loaded = load_bytes(_page(f'<div class="content"><p>{line}</p><p>结尾段落。</p></div>'), "p.html")
    assert loaded.status == "ok" and "结尾段落。" in loaded.text and len(loaded.text) > len(line)


# -- furniture, containers, titles --------------------------------------------------------------

NOTICE = ("<p>各乡镇人民政府：</p><p>为做好今年防汛工作，现就有关事项通知如下。</p>"
          "<p>一、加强值班值守。各乡镇要在5月底前完成防汛预案修订。</p><p>某县人民政府办公室</p><p>2024年5月6日</p>")


def test_a_form_that_wraps_the_whole_page_is_not_furniture():
    page = ('<html><body><form id="form1" method="post"><div class="nav"><a href="/">首页</a><a href="/a">新闻</a></div>'
            f'<div class="law">{NOTICE}</div><div class="footer">版权所有 某县人民政府</div></form></body></html>')
    text = load_bytes(page.encode(), "LawAll.aspx").text
    assert "为做好今年防汛工作" in text and "2024年5月6日" in text
    assert "首页" not in text and "版权所有" not in text


def test_a_search_form_is_furniture():
    page = f'<html><body><form action="/search">站内搜索 热门词语 防汛</form><div>{NOTICE}</div></body></html>'
    text = load_bytes(page.encode(), "p.html").text
    assert "站内搜索" not in text and "为做好今年防汛工作" in text


def test_the_title_above_the_content_wins_over_a_site_welcome():
    page = ('<html><head><title>欢迎访问某某网络管理平台</title></head><body>'
            '<div class="summary">关于做好今年防汛工作的通知<p>发布人：张某 时间：5月6日</p></div>'
            f'<div class="contentbox">{NOTICE}</div></body></html>')
    lines = load_bytes(page.encode(), "detail.jsp").text.split("\n")
    assert lines[0] == "关于做好今年防汛工作的通知"
    assert not any("欢迎访问" in line or "发布人" in line for line in lines)


def test_a_link_that_ends_like_a_title_is_not_the_title():
    page = ('<html><head><title>某某管理条例-法规资料库</title></head><body><ul><li><a href="/h">立法历程(附带决议)</a></li></ul>'
            f'<div class="law-content">{NOTICE}</div></body></html>')
    lines = load_bytes(page.encode(), "p.htm").text.split("\n")
    assert lines[0] == "某某管理条例" and "立法历程(附带决议)" not in lines


def test_a_title_already_in_the_text_is_not_added_again_even_when_split():
    page = ('<html><head><title>关于做好今年防汛工作的通知_某县人民政府</title></head><body><div class="content">'
            f'<p>关于做好今年</p><p>防汛工作的通知</p>{NOTICE}</div></body></html>')
    text = load_bytes(page.encode(), "p.html").text
    assert text.startswith("关于做好今年\n防汛工作的通知")


def test_server_code_of_a_saved_jsp_page_is_not_text():
    page = ('<%@ page language="java" contentType="text/html; charset=UTF-8"%>\n<jsp:include page="/head.jsp"/>'
            '<% String base = request.getContextPath(); %><div class="content">' + NOTICE + "</div>")
    text = load_bytes(page.encode(), "detail.jsp").text
    assert "<%" not in text and "request.getContextPath" not in text and "为做好今年防汛工作" in text


def test_a_label_in_a_block_of_its_own_labels_the_next_block():
    rows = "".join(f'<div class="row"><div class="col-no">第 {i} 條</div><div class="col-data">{text}</div></div>'
                   for i, text in ((1, "為保障人民之自由，特制定本法。"), (2, "本法所稱集會，係指舉行會議。")))
    page = f'<html><body><div class="law-content"><div>第 一 章 總則</div>{rows}<div>第 3 條</div><div>一、國際機場。</div></div></body></html>'
    lines = load_bytes(page.encode(), "law.htm").text.split("\n")
    assert lines[-5:] == ["第一章 總則", "第1條 為保障人民之自由，特制定本法。", "第2條 本法所稱集會，係指舉行會議。",
                          "第3條", "一、國際機場。"]   # a label before another label stays alone


# -- page metadata ------------------------------------------------------------------------------


def test_traditional_labels_and_minguo_dates():
    page = ('<html><body><table class="info"><tr><th>法規名稱：</th><td><a href="/l">某某管理條例</a> <a href="/en">EN</a></td></tr>'
            '<tr><th>修正日期：</th><td>民國 110 年 01 月 27 日</td></tr><tr><td>發文字號：</td><td>某府法字第1100001號</td></tr>'
            f'</table><div class="law-content">{NOTICE}</div></body></html>')
    meta = load_bytes(page.encode(), "p.htm").metadata
    assert meta["title"] == "某某管理条例" and meta["date"] == "2021-01-27" and meta["doc_number"] == "某府法字第1100001号"


def test_a_disclosure_value_after_its_label_element():
    page = ('<html><body><div class="xxgk"><span>发文字号：</span>某府办发〔2024〕12号<dl><dt>成文日期</dt>'
            f'<dd>2024年4月8日</dd></dl></div><div class="content">{NOTICE}</div></body></html>')
    meta = load_bytes(page.encode(), "p.html").metadata
    assert meta["doc_number"] == "某府办发〔2024〕12号" and meta["date"] == "2024-04-08"


def test_a_label_without_a_value_reads_nothing():
    page = f'<html><body><table><tr><td>发文字号：</td><td></td></tr></table><div>{NOTICE}</div></body></html>'
    assert "doc_number" not in load_bytes(page.encode(), "p.html").metadata


# -- tables -------------------------------------------------------------------------------------

LONG = "进一步健全工作机制，明确责任分工，加强督促检查，确保各项任务按期完成并取得实效，形成可复制可推广的经验做法。"


def test_a_word_table_whose_cells_hold_paragraphs_is_a_data_table_with_its_header():
    rows = "".join(f"<tr><td>{n}</td><td><p>{task}</p><p>{LONG}</p></td><td><p>县教育局</p><p>县财政局</p></td>"
                   f"<td>2024年{n + 5}月底前</td></tr>" for n, task in ((1, "完善工作机制"), (2, "加强督促检查")))
    page = (f'<html><body><div class="content">{NOTICE}<table><tr><td>序号</td><td>重点任务</td><td>指导部门</td>'
            f"<td>完成时限</td></tr>{rows}</table></div></body></html>")
    text = load_bytes(page.encode(), "p.html").text
    assert f"1 完善工作机制\n{LONG}\n指导部门：县教育局\n县财政局\n完成时限：2024年6月底前" in text
    notice = extract_file_from(page)
    item = next(it for it in notice.items if it.text.startswith("完善工作机制"))
    assert [u.name for u in item.responsible_units] == ["县教育局", "县财政局"]


def test_a_layout_table_with_paragraphs_and_no_header_stays_text():
    page = (f'<html><body><table><tr><td><a href="/">首页</a></td><td>{NOTICE}<p>{LONG}</p></td></tr>'
            "</table></body></html>")
    text = load_bytes(page.encode(), "p.html").text
    assert "为做好今年防汛工作，现就有关事项通知如下。" in text.split("\n") and "责任单位" not in text


def test_merged_cells_fill_every_row_they_span():
    page = ('<html><body><div class="content"><table><tr><th>序号</th><th>工作任务</th><th>牵头单位</th><th>配合单位</th></tr>'
            '<tr><td rowspan="2">1</td><td rowspan="2">做好春耕生产</td><td>县农业农村局</td><td rowspan="2">县财政局</td></tr>'
            "<tr><td>县供销社</td></tr><tr><td>2</td><td>做好森林防火</td><td>县林业局</td><td>各乡镇</td></tr>"
            "</table></div></body></html>")
    loaded = load_bytes(page.encode(), "p.html")
    assert loaded.text.split("\n") == ["序号  工作任务  牵头单位  配合单位", "1 做好春耕生产", "牵头单位：县农业农村局",
                                       "配合单位：县财政局", "牵头单位：县供销社", "2 做好森林防火", "牵头单位：县林业局",
                                       "配合单位：各乡镇"]
    table, = loaded.tables
    assert [[(table.role(c), c.text) for c in row.cells] for row in table.rows] == [
        [("number", "1"), ("task", "做好春耕生产"), ("lead", "县农业农村局"), ("cooperating", "县财政局"),
         ("lead", "县供销社")],
        [("number", "2"), ("task", "做好森林防火"), ("lead", "县林业局"), ("cooperating", "各乡镇")]]


def test_a_list_table_prints_merged_cells_once_and_no_row_numbers():
    page = ('<html><body><div class="content"><table><tr><td>序号</td><td>类别</td><td>学校</td></tr>'
            '<tr><td>1</td><td rowspan="2">本科</td><td>某某师范大学</td></tr><tr><td>2</td><td>某某学院</td></tr>'
            "</table></div></body></html>")
    lines = load_bytes(page.encode(), "p.html").text.split("\n")
    assert lines == ["序号  类别  学校", "本科  某某师范大学", "某某学院"]


def extract_file_from(page: str):
    from docextract.pipeline import run

    return run(load_bytes(page.encode(), "p.html"))


# -- furniture lines at the edges of a page's text ----------------------------------------------


def test_a_disclosure_block_with_values_on_the_next_line():
    from docextract.load.furniture import strip_furniture

    metadata = {}
    lines = ["索引号：", "000014349/2022-00018", "發文字號：", "某府办发〔2024〕12号", "成文日期：", "2024年04月08日",
             "关于做好防汛工作的通知", "各乡镇人民政府：", "一、加强值班值守。"]
    assert strip_furniture(lines, metadata) == lines[6:]
    assert metadata == {"index_number": "000014349/2022-00018", "doc_number": "某府办发〔2024〕12号", "date": "2024-04-08"}


def test_a_label_line_followed_by_a_label_line_is_not_a_field():
    from docextract.load.furniture import strip_furniture

    metadata = {}
    lines = ["发文字号：", "成文日期：", "2024年4月8日", "关于做好防汛工作的通知", "各乡镇人民政府："]
    assert strip_furniture(lines, metadata) == ["发文字号：", "关于做好防汛工作的通知", "各乡镇人民政府："]
    assert metadata == {"date": "2024-04-08"}


def test_navigation_words_one_per_line_go_but_a_joint_signature_and_a_split_title_stay():
    from docextract.load.furniture import strip_furniture

    body = ["一、加强值班值守。各乡镇要在5月底前完成防汛预案修订。"] + [f"（{n}）做好第{n}项工作。" for n in "一二三四五六七八九"]
    menu = ["首页", "政务公开", "办事服务", "互动交流"]
    assert strip_furniture(menu + body + menu, {}) == body
    signature = ["某县农业农村局", "某县财政局", "某县教育局"]
    assert strip_furniture(body + signature, {})[-3:] == signature
    title = ["关于做好", "春耕生产", "工作的通知"]
    assert strip_furniture(title + body, {})[:3] == title


def test_a_column_name_that_ends_like_a_title_is_not_the_title():
    page = ('<html><head><title>关于做好今年防汛工作的通知_某县人民政府</title></head><body><h2>通知公告</h2>'
            f'<div class="column">通知公告</div><div class="content">{NOTICE}</div></body></html>')
    assert load_bytes(page.encode(), "p.html").text.split("\n")[0] == "关于做好今年防汛工作的通知"
