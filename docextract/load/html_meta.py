"""What a page says about itself: ``<meta>`` tags, the information-disclosure block (索引号,
发文机关, 成文日期, 发文字号 … as label and value cells), and the notice's title.

Labels are matched on a simplified copy of a cell's text, so a Taiwan or Hong Kong page's
發布日期 or 發文字號 reads like 发布日期 (the text itself is converted later, by normalize).
A label's value is in the same cell (``发文字号：国办发〔2022〕5号``), in the next cell or
element (``<td>发文字号：</td><td>…</td>``, ``<dt>…</dt><dd>…</dd>``) or in the text right after
the label's element.  Dates become ISO dates (民國110年 is 2021).
"""
from __future__ import annotations

import re
from functools import cache

from ..rules import load_rules
from ..rules.disclosure import disclosure_labels
from ..rules.doctypes import title_end
from ..text.dates import iso_date
from .html_tree import render_lines
from .script import simplified, simplified_char

CELL_TAGS = ("td", "th", "li", "span", "div", "p", "b", "strong", "label", "dt", "dd", "em", "font")
DISCLOSURE_CELL_MAX_CHARS = 400   # well over "发文字号：国办发〔2022〕5号" with its markup spaces
DISCLOSURE_TEXT_MAX_CHARS = 120   # a label and its value, without spaces
TITLE_MAX_CHARS = 100             # a title line is shorter than this
HEADING_MIN_CJK = 6               # a title is longer than a column name (通知公告, 政策文件)
TITLE_LINES_BEFORE = 6            # the title stands this close above the notice's text
INNER_LABEL_MIN_CHARS = 4        # 成文日期 inside another field's value: a block the cells must tell apart
LABEL_MAX_CHARS = 8
COLON = re.compile("[:：]")
LABEL_ONLY = re.compile(r"^(?P<label>[^:：]{1,8})[:：]?$")
SPACES = re.compile(r"\s+")
LANGUAGE_LINK = re.compile(r"\s+(?:EN|ENG|English)$")   # the link to a page's English version beside its title
# <title> separators before a site or column name: _ | ｜ and dashes not between digits (2024-2026年)
TITLE_SEPARATOR = re.compile(r"\s*(?:_|\||｜|(?<!\d)\s*[-–—]\s*(?!\d)|\s+[-–—]\s+)\s*")


@cache
def _meta_names() -> dict[str, str]:
    html = load_rules("html").get("meta_names") or {}
    furniture = load_rules("boilerplate_html").get("meta_names") or {}
    return {**furniture, **html}


@cache
def _label_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """A text starting ``label：``; each ``label：value`` pair of a text; a label anywhere."""
    alternation = "|".join(map(re.escape, sorted(disclosure_labels(), key=len, reverse=True)))
    return (re.compile(rf"^(?:{alternation})[:：]."),
            re.compile(rf"({alternation})[:：](.*?)(?=(?:{alternation})[:：]|$)"),
            re.compile("(?:" + "|".join(re.escape(w) for w in disclosure_labels() if len(w) >= INNER_LABEL_MIN_CHARS)
                       + r")(?=[\d\u4e00-\u9fff])"))


def metadata_date(value: str) -> str | None:
    """An ISO date from a page's date field, 民國 years converted.

    >>> metadata_date("民國 110 年 01 月 27 日"), metadata_date("2024-04-12 09:30"), metadata_date("-")
    ('2021-01-27', '2024-04-12', None)
    """
    return iso_date(value)


def _value_after(cell) -> str:
    """The value of a label standing alone in ``cell``: the text right after it, else the next
    element's text."""
    if cell.tail and cell.tail.strip():
        return cell.tail
    sibling = cell.getnext()
    while sibling is not None and not isinstance(sibling.tag, str):
        sibling = sibling.getnext()  # comments between the label and the value cell
    return sibling.text_content() if sibling is not None else ""


@cache
def _label_starts() -> frozenset[str]:
    """The first characters of the labels (a cell's first character is compared simplified)."""
    return frozenset(label[0] for label in disclosure_labels())


def _disclosure(tree, sizes: dict, found: dict[str, str]) -> None:
    labels = disclosure_labels()
    pattern, pairs, any_label = _label_patterns()
    starts = _label_starts()
    for cell in tree.iter(*CELL_TAGS):
        size = sizes.get(cell, 0)
        if not size or size > DISCLOSURE_CELL_MAX_CHARS:
            continue  # empty, or a container, not a label or value cell: skip its (costly) full text
        raw = cell.text_content()
        first = raw.lstrip()[:1]
        if not first or simplified_char(first) not in starts:
            continue
        compact = SPACES.sub("", raw)
        if len(compact) > DISCLOSURE_TEXT_MAX_CHARS:
            continue
        colon = COLON.search(compact, 0, LABEL_MAX_CHARS + 1)
        if colon is None and len(compact) > LABEL_MAX_CHARS:
            continue  # neither "label：value" nor a label alone
        text = simplified(compact)
        if not text or len(text) > DISCLOSURE_TEXT_MAX_CHARS:
            continue
        if pattern.match(text):
            read = [(labels[m.group(1)], m.group(2)) for m in pairs.finditer(text)]
            if any(key != "title" and any_label.search(value) for key, value in read):
                continue  # a block of fields whose labels are not all followed by a colon: its cells tell
            for key, value in read:
                if key == "title" and len(read) == 1:  # a title keeps its spaces
                    value = re.split(r"[:：]", SPACES.sub(" ", raw).strip(), maxsplit=1)[-1]
                if value:
                    found.setdefault(key, _value(key, value))
            continue
        bare = LABEL_ONLY.match(text)
        if bare and bare.group("label") in labels:
            value = _value_after(cell)
            if value.strip():
                key = labels[bare.group("label")]
                found.setdefault(key, _value(key, value))


def _value(key: str, raw: str) -> str:
    """A field's value in simplified characters: a title keeps single spaces (中国人民银行
    国家发展改革委 …), other values lose the spaces markup puts in them."""
    raw = simplified(raw.strip())
    if key == "title":
        return LANGUAGE_LINK.sub("", SPACES.sub(" ", raw))
    return SPACES.sub("", raw)


def page_metadata(tree, sizes: dict) -> dict[str, str]:
    """``<title>``, ``<meta>`` tags (``rules/html.toml``) and the disclosure block; dates as ISO.
    ``sizes``: characters of text under each element (``html_tree.measure``)."""
    found: dict[str, str] = {}
    title = tree.findtext(".//title")
    if title and title.strip():
        found["page_title"] = SPACES.sub(" ", title).strip()
    names = _meta_names()
    for meta in tree.iter("meta"):
        key = names.get((meta.get("name") or meta.get("property") or "").strip())
        value = (meta.get("content") or "").strip()
        if key and value:
            found.setdefault(key, value)
    _disclosure(tree, sizes, found)
    for key in ("published", "date"):
        if key in found:
            iso = metadata_date(found[key])
            if iso:
                found[key] = iso
            else:
                del found[key]
    return found


def looks_like_title(line: str) -> bool:
    """A line that ends like a notice title (a document type), not a sentence or a field.

    >>> looks_like_title("關於修正道路交通管理處罰條例"), looks_like_title("上一篇：关于X的通知"), looks_like_title("通知公告")
    (True, False, False)
    """
    return (len(line) <= TITLE_MAX_CHARS and len(CJK.findall(line)) >= HEADING_MIN_CJK
            and not SENTENCE_END.search(line) and ":" not in line and "：" not in line
            and bool(title_end().search(simplified(line))))


SENTENCE_END = re.compile(r"[。！？；]")


def lines_before(root, weights: dict, limit: int = TITLE_LINES_BEFORE) -> list[str]:
    """The last ``limit`` lines of text above ``root`` in the page (link lists skipped)."""
    lines: list[str] = []
    node = root
    while node is not None and len(lines) < limit:
        for sibling in node.itersiblings(preceding=True):
            if sibling.tail and sibling.tail.strip():
                lines[:0] = [sibling.tail.strip()]
            if isinstance(sibling.tag, str) and weights.get(sibling, 0) > 0:
                lines[:0] = render_lines(sibling, links=False)
            if len(lines) >= limit:
                break
        parent = node.getparent()
        if parent is not None and parent.text and parent.text.strip() and len(lines) < limit:
            lines[:0] = [parent.text.strip()]
        node = parent
    return lines[-limit:]


def title_headings(tree) -> list[str]:
    """The h1, then h2, then h3 texts that end like a title (read before furniture goes: an
    HTML5 article may keep its title in a ``<header>``)."""
    texts = (SPACES.sub(" ", e.text_content()).strip() for tag in ("h1", "h2", "h3") for e in tree.iter(tag))
    return [t for t in texts if looks_like_title(t)]


def page_title(metadata: dict[str, str]) -> str | None:
    """The notice title from ``<title>``: the part before the site name.

    >>> page_title({"page_title": "关于开展森林防火工作的通知-某县人民政府"})
    '关于开展森林防火工作的通知'
    >>> page_title({"page_title": "某市2024-2026年行动计划_某市人民政府"})
    '某市2024-2026年行动计划'
    """
    title = metadata.get("page_title")
    if not title:
        return None
    return TITLE_SEPARATOR.split(title)[0].strip() or None


def find_title(tree, root, weights: dict, metadata: dict[str, str], headings: list[str]) -> str | None:
    """The notice title: the page's own field (ArticleTitle, the disclosure block's 标题), else
    the nearest line above the notice's text that ends like a title, else a heading
    (``title_headings``) or the ``<title>`` that does, else the first long h1/h2, else the
    ``<title>`` before the site name."""
    if metadata.get("title"):
        return metadata["title"]
    for line in reversed(lines_before(root, weights)):
        if looks_like_title(line):
            return line
    from_page = page_title(metadata)
    for candidate in headings + [from_page or ""]:
        if looks_like_title(candidate):
            return candidate
    for tag in ("h1", "h2"):
        for element in tree.iter(tag):
            heading = SPACES.sub(" ", element.text_content()).strip()
            if len(CJK.findall(heading)) >= HEADING_MIN_CJK:
                return heading
    return from_page


CJK = re.compile(r"[\u4e00-\u9fff]")
