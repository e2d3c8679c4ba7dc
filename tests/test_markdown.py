"""Markdown loader: markup goes, text stays, metadata aside; content sniffing picks loaders."""
import pytest

from docextract.config import Settings
from docextract.load import load_bytes
from docextract.load.markdown import markdown_to_text
from docextract.load.sniff import looks_like_html

CASES = [
    ("heading marks", "## 第三章 监督管理\n### 第十条 **监督**", "第三章 监督管理\n第十条 监督"),
    ("emphasis and links", "**一、总体要求**\n请登录[办事大厅](https://x.gov.cn/a(1))办理", "一、总体要求\n请登录办事大厅办理"),
    ("bullets, not numbers", "*   市财政局\n-   县教育局\n1. 加强领导", "市财政局\n县教育局\n1. 加强领导"),
    ("comments and code go", "正文一\n<!-- 注释 -->\n```\nprint(1)\n```\n正文二", "正文一\n正文二"),
    ("images go, quotes keep text", "![Image 1: 二维码](a.jpg)\n> 引用的文字", "引用的文字"),
    ("escapes", "1\\. 不是列表 \\*强调\\*", "1. 不是列表 *强调*"),
    ("inline html", "第一行<br>第二行<span>文字</span>", "第一行\n第二行文字"),
    ("a task table becomes items", "| 序号 | 重点任务 | 牵头单位 |\n|---|---|---|\n| 1 | 做好春耕 | 县农业局 |",
     "1. 做好春耕\n牵头单位：县农业局"),
]


@pytest.mark.parametrize("name, source, expected", CASES, ids=[c[0] for c in CASES])
def test_markup_goes_text_stays(name, source, expected):
    assert markdown_to_text(source, {}) == expected


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
    (b"\xef\xbb\xbf  <!-- saved -->\n<html><body>", False),   # a BOM is not markup: read as text
    (b"# \xe6\xa0\x87\xe9\xa2\x98\n<div>x</div>", False),
    (b"plain text <b>bold</b>", False),
])
def test_pages_are_sniffed_by_content(head, is_html):
    assert looks_like_html(head) is is_html


def test_a_saved_page_named_jsp_is_read_as_html():
    page = '<%@ page contentType="text/html; charset=UTF-8"%>\n<html><body><div class="content"><p>关于做好防汛工作的通知</p><p>各乡镇：</p></div></body></html>'
    loaded = load_bytes(page.encode(), "ndetail.jsp", Settings())
    assert loaded.format == "html" and "各乡镇" in loaded.text and "<" not in loaded.text
