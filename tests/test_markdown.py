"""Markdown loader: markup goes, text stays, metadata aside; content sniffing picks loaders."""
import pytest

from docextract.config import Settings
from docextract.load import load_bytes
from docextract.load.markdown import markdown_to_text
from docextract.load.sniff import looks_like_html

CASES = [
    ("heading marks", "## 第三章 监督管理\n### 第十条 **监督**", "第三章 监督管理\n\n第十条 监督"),
    ("emphasis and links", "**一、总体要求**\n请登录[办事大厅](https://x.gov.cn/a(1))办理", "一、总体要求\n请登录办事大厅办理"),
    ("bullets, not numbers", "*   市财政局\n-   县教育局\n1. 加强领导", "市财政局\n县教育局\n1. 加强领导"),
    ("comments and code go", "正文一\n<!-- 注释 -->\n```\nprint(1)\n```\n正文二", "正文一\n正文二"),
    ("images go, quotes keep text", "![Image 1: 二维码](a.jpg)\n> 引用的文字", "引用的文字"),
    ("escapes", "1\\. 不是列表 \\*强调\\*", "1. 不是列表 *强调*"),
    ("inline html", "第一行<br>第二行<span>文字</span>", "第一行\n第二行文字"),
    ("a task table becomes items", "| 序号 | 重点任务 | 牵头单位 |\n|---|---|---|\n| 1 | 做好春耕 | 县农业局 |",
     "序号  重点任务  牵头单位\n1 做好春耕\n牵头单位：县农业局"),
]


@pytest.mark.parametrize("name, source, expected", CASES, ids=[c[0] for c in CASES])
def test_markup_goes_text_stays(name, source, expected):
    assert markdown_to_text(source, {}) == expected


def test_a_headline_stays_apart_from_the_paragraph_under_it():
    source = "### 某市智慧农业迈出新步伐\n\n近日，某市农业农村局在全市推广智慧农业平台，覆盖农户一万余户。"
    notice = load_bytes(source.encode(), "news.md", Settings())
    assert notice.text.split("\n")[:2] == ["某市智慧农业迈出新步伐", ""]
    from docextract.pipeline import run
    assert run(notice).title == "某市智慧农业迈出新步伐"


def test_front_matter_goes_to_metadata_not_the_body():
    source = "---\n标题: 关于做好防汛工作的通知\n文号: 某府发〔2024〕3号\n发布日期: 2024-05-06\n---\n正文。"
    metadata = {}
    assert markdown_to_text(source, metadata) == "正文。"
    assert metadata == {"title": "关于做好防汛工作的通知", "doc_number": "某府发〔2024〕3号", "published": "2024-05-06"}


def test_clipper_header_goes_to_metadata():
    source = "Title: 某通知 - 某市政府\n\nURL Source: https://x.gov.cn/1.html\n\nMarkdown Content:\n正文。"
    metadata = {}
    assert markdown_to_text(source, metadata).strip() == "正文。"
    assert metadata == {"page_title": "某通知 - 某市政府", "url": "https://x.gov.cn/1.html"}


def test_a_markdown_file_loads_with_its_format():
    loaded = load_bytes("# 关于X的通知\n\n各乡镇：\n\n一、**加强领导**。".encode(), "n.md", Settings())
    assert loaded.format == "md" and loaded.text.startswith("关于X的通知")


@pytest.mark.parametrize("head, is_html", [
    (b'<%@ page language="java" pageEncoding="UTF-8"%>\n<!DOCTYPE html>\n<html>', True),
    (b'<%@ page language="java"%>\n<jsp:include page="/a.jsp"></jsp:include>\n<link href="a.css">', True),
    (b"<?php include 'a.php'; ?>\n<div class=\"content\">", True),
    (b"\xef\xbb\xbf  <!-- saved -->\n<html><body>", True),    # a UTF-8 BOM before the markup
    ("<html><body><p>通知</p>".encode("utf-16"), True),       # a page saved as UTF-16
    (b"# \xe6\xa0\x87\xe9\xa2\x98\n<div>x</div>", False),
    (b"plain text <b>bold</b>", False),
])
def test_pages_are_sniffed_by_content(head, is_html):
    assert looks_like_html(head) is is_html


def test_a_saved_page_named_jsp_is_read_as_html():
    page = '<%@ page contentType="text/html; charset=UTF-8"%>\n<html><body><div class="content"><p>关于做好防汛工作的通知</p><p>各乡镇：</p></div></body></html>'
    loaded = load_bytes(page.encode(), "ndetail.jsp", Settings())
    assert loaded.format == "html" and "各乡镇" in loaded.text and "<" not in loaded.text


# -- hardening: stray marks, references, HTML tables ---------------------------------------------

MORE_CASES = [
    ("an unclosed fence is a stray mark", "正文一\n```\n正文二", "正文一\n正文二"),
    ("an unclosed comment is a stray mark", "正文一<!-- 注释\n正文二", "正文一 注释\n正文二"),
    ("reference links and their definitions", "详见[实施方案][1]。\n\n[1]: https://x.gov.cn/a.pdf", "详见实施方案。"),
    ("task boxes and entities", "- [x] 完成摸底&nbsp;排查\n- [ ] 报送结果", "完成摸底\u00a0排查\n报送结果"),
    ("image lines and icon residue go", "![二维码](a.png)\n*   _![Image 3](b.png)_ 正文", "正文"),
    ("an HTML table in Markdown", "<table><tr><td>序号</td><td>工作任务</td><td>责任单位</td></tr>"
     "<tr><td>1</td><td>做好春耕</td><td>县农业局</td></tr></table>", "序号  工作任务  责任单位\n1 做好春耕\n责任单位：县农业局"),
    ("a table cell with line breaks", "| 序号 | 重点任务 | 牵头单位 |\n|---|---|---|\n| 1 | 做好春耕 | 县农业局<br>县财政局 |",
     "序号  重点任务  牵头单位\n1 做好春耕\n牵头单位：县农业局\n县财政局"),
]


@pytest.mark.parametrize("name, source, expected", MORE_CASES, ids=[c[0] for c in MORE_CASES])
def test_more_markup_goes(name, source, expected):
    assert markdown_to_text(source, {}) == expected


# -- web clips: menus, the page around the notice ------------------------------------------------

CLIP = """Title: 关于做好防汛工作的通知 - 某市人民政府门户网站

URL Source: https://www.example.gov.cn/a/1.html

Markdown Content:
*   [用户登录](https://www.example.gov.cn/login)
*   [首页](https://www.example.gov.cn/)   [政务公开](https://www.example.gov.cn/zwgk/)
搜索热词：[社保](https://s/1)[医保](https://s/2)[营商环境](https://s/3)

当前位置：[首页](https://x/)>[政务公开](https://x/zwgk)>[通知公告](https://x/tzgg)

# 关于做好防汛工作的通知

*   _![Image 1](https://x/icon.png)_ 2024-05-06
*   来源：某市应急管理局

各区人民政府：

为做好今年防汛工作，现将有关事项通知如下，具体要求详见[附件](https://x/a.pdf)说明。

附件：[防汛责任清单](https://x/b.pdf)

某市人民政府办公室

扫一扫在手机打开当前页

# 关于做好防汛工作的通知

为做好今年防汛工作，现将有关事项通知如下。（朗读用的全文副本）
"""


def test_a_web_clip_keeps_the_notice_only():
    metadata = {}
    lines = markdown_to_text(CLIP, metadata).split("\n")
    assert lines == ["关于做好防汛工作的通知", "", "各区人民政府：",
                     "为做好今年防汛工作，现将有关事项通知如下，具体要求详见附件说明。", "附件：防汛责任清单", "某市人民政府办公室"]
    assert metadata["published"] == "2024-05-06" and metadata["source"] == "某市应急管理局"


def test_link_lines_go_but_prose_with_a_link_stays():
    source = "*   [市财政局](https://a)\n*   [县教育局](https://b)\n请登录[办事大厅](https://c)办理相关手续。"
    assert markdown_to_text(source, {}) == "请登录办事大厅办理相关手续。"


# -- converter output: front matter, properties, notes, page markers -----------------------------


def test_front_matter_fields_with_no_value_are_ignored_and_the_issuer_is_read():
    source = ("---\n标题: 某市景观照明管理办法\n文号: -\n发布单位: 某市人民政府\n发布日期: -\n官方链接: https://x/1.html\n---\n\n"
              "> 本文正文由脚本自某市官方公开页面提取，仅供检索查阅；以[官方链接](https://x/1.html)发布版本为准。\n"
              "> 依《中华人民共和国著作权法》第五条第一项，具有立法、行政、司法性质的文件不适用著作权法。\n\n"
              "# 某市景观照明管理办法\n\n第一条 为了规范景观照明管理，制定本办法。")
    metadata = {}
    assert markdown_to_text(source, metadata) == "某市景观照明管理办法\n\n第一条 为了规范景观照明管理，制定本办法。"
    assert metadata == {"title": "某市景观照明管理办法", "issuer": "某市人民政府", "url": "https://x/1.html"}


def test_a_properties_block_goes_to_metadata_and_its_update_time_is_not_the_publication_date():
    source = ("# 某某实施办法\n\n**版本**: 现行有效\n\n**来源**: /data/files/a.pdf\n\n**更新时间**: 2026-02-18\n\n---\n\n"
              "第一条 为了保护消费者合法权益，制定本办法。")
    metadata = {}
    assert markdown_to_text(source, metadata) == "某某实施办法\n\n第一条 为了保护消费者合法权益，制定本办法。"
    assert metadata == {"validity": "现行有效", "source": "/data/files/a.pdf", "modified": "2026-02-18"}


def test_bold_field_lines_without_a_rule_stay_text():
    source = "**牵头单位**：县财政局\n\n**完成时限**：2024年6月底前"
    assert markdown_to_text(source, {}) == "牵头单位：县财政局\n完成时限：2024年6月底前"


def test_a_pdf_export_loses_page_markers_its_converter_heading_and_cjk_spaces():
    source = ("# 关于加强管理的意见\n\n## 第01页\n\n某某协会文件\n\n各会员单位：\n\n为 进 一 步 加 强 管 理 ，2023 年6 月底前\n\n"
              "— 1 —\n\n完成自查整改。\n\n## 第02页\n\n- 2 --\n\n一、总体要求\n\n04:52\n\n加强组织领导。\n\n"
              "抄送：某某部门。\n\n内部发送：秘书处领导。\n\n某某协会秘书处 2023年5月19日印发")
    assert markdown_to_text(source, {}).split("\n") == [
        "某某协会文件", "各会员单位：", "为进一步加强管理，2023年6月底前", "完成自查整改。", "一、总体要求", "加强组织领导。"]


def test_a_single_dash_line_is_not_a_page_marker():
    source = "一、总体要求\n\n— 以人民为中心 —\n\n加强组织领导。"
    assert "— 以人民为中心 —" in markdown_to_text(source, {})


def test_a_text_file_exported_from_pdf_loses_its_page_numbers():
    text = "关于做好防汛工作的通知\n各乡镇：为做好防汛工作，现将\n— 1 —\n有关事项通知如下。\n— 2 —\n某县人民政府"
    loaded = load_bytes(text.encode(), "n.txt", Settings())
    assert loaded.text == "关于做好防汛工作的通知\n各乡镇：为做好防汛工作，现将\n有关事项通知如下。\n某县人民政府"
    one = "关于做好防汛工作的通知\n— 1 —\n各乡镇。"
    assert load_bytes(one.encode(), "n.txt", Settings()).text == one   # one marker is not an export


def test_a_closing_block_goes_and_its_printing_date_stands_in_for_the_date():
    source = ("各义务机构应认真查摆存在的问题。\n\n---\n\n**内部发送：** 各行领导，反洗钱处。\n\n**某某银行某省分行办公室**\n\n"
              "**2025年8月21日印发**\n\n---\n\n*注：该PDF文件为扫描件，以上内容通过OCR识别提取，个别字符可能存在识别误差。*")
    metadata = {}
    assert markdown_to_text(source, metadata) == "各义务机构应认真查摆存在的问题。"
    assert metadata == {"date": "2025-08-21"}


def test_bold_labels_keep_their_text_when_the_emphasis_closes_after_a_colon():
    assert markdown_to_text("**联系人：** 张某，电话：1234567。", {}) == "联系人： 张某，电话：1234567。"


def test_a_title_seen_only_at_the_foot_of_a_clip_does_not_cut_the_notice():
    source = ("Title: 关于做好防汛工作的通知\n\nMarkdown Content:\n各乡镇人民政府：\n\n为做好今年防汛工作，现将有关事项通知如下。\n\n"
              "一、加强值班值守。\n\n二、做好物资储备。\n\n相关文章\n\n关于做好防汛工作的通知")
    assert markdown_to_text(source, {}).startswith("各乡镇人民政府：\n为做好今年防汛工作")
