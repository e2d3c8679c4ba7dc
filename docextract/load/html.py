"""HTML loader: the notice's main text, one block per line, with the page's metadata aside.

The bytes are decoded first (``decode_text`` with the declared charset as a hint): lxml is
never given raw bytes, since on a page declaring gb2312 that holds one GBK-only character it
silently drops the rest of the document.  Server code of saved JSP/ASP/PHP pages (``<%…%>``,
``<?php…?>``) goes before parsing.  Then:

- the page is parsed with libxml2's limits raised (``huge_tree``: text nodes over 10 MB, nesting
  over 256); a parse that still stops early (nesting over libxml2's hard limit) is retried
  without inline formatting tags (300 unclosed ``<span>``s of a CMS), and if it still stops,
  the page is read as text without its structure: status ``partial`` with a warning, never a
  silent ``ok`` with half the notice;
- ``<meta>`` tags, the disclosure table and the title: ``html_meta``;
- furniture out, the content container found, its text rendered: ``html_tree``;
- furniture lines left at the edges of the text: ``furniture``.

Our own lxml pass rather than trafilatura, chosen by measurement (trafilatura 2.3.1 on the
decoded ``str``, ``include_tables=True, favor_recall=True``) on the six HTML fixtures, scoring
recall of known body lines and absence of known furniture strings:

==============================  ================  =================
page                            ours (rec/clean)  trafilatura
==============================  ================  =================
govcn_page.html                 1.0 / 1.0         1.0 / 1.0
govcn_province_page.html        1.0 / 1.0         1.0 / 1.0
county_page_misdeclared.html    1.0 / 1.0         1.0 / 0.17
layout_table_page.html          1.0 / 1.0         1.0 / 0.0
notice_gbk.html, word_export    1.0 / 1.0         1.0 / 1.0
==============================  ================  =================

trafilatura keeps nav bars and footers on pages whose blocks carry no class names (county and
small-site pages), renders tables as ``| a | b |`` rows (the task table would have to be parsed
back) and drops the disclosure table, which carries the 文号 and dates.  It would also add
five dependencies to every worker.
"""
from __future__ import annotations

import html as html_entities
import re
from functools import cache

from ..config import Settings
from ..errors import EmptyDocument, LoadError
from ..rules import load_rules, require
from ..rules.labels import label_start
from .document import LoadedDocument
from .furniture import strip_furniture
from .html_meta import find_title, page_metadata, title_headings
from .html_tree import BLOCK_TAGS, content_root, drop_furniture, measure, render_lines
from .script import simplified
from .tables import RenderedTable, place_tables
from .text import decode_text

DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
SERVER_CODE = re.compile(r"<%.*?%>|<\?(?!xml)[A-Za-z=].*?\?>", re.DOTALL)
NEVER_TEXT_ELEMENT = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.DOTALL | re.IGNORECASE)
BLOCK_TAG = re.compile(r"</?(?:" + "|".join(sorted(BLOCK_TAGS)) + r")\b[^>]*>", re.IGNORECASE)
ANY_TAG = re.compile(r"<[^>]*>")
SPACES = re.compile(r"\s+")
TITLE_SEARCH_LINES = 8   # the title is looked for among the first lines of the text before it is added


@cache
def _inline_tag() -> re.Pattern:
    tags = require(load_rules("html"), "html", "inline_tags", list)
    return re.compile(r"</?(?:" + "|".join(map(re.escape, tags)) + r")\b[^>]*>", re.IGNORECASE)


def _declared_charset(data: bytes) -> str | None:
    m = DECLARED_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


def _parse(text: str):
    """The parsed page and the parser's fatal error (the point where it stopped), if any."""
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
    tree = lxml.html.document_fromstring(text, parser=parser)
    fatal = [e.message.strip() for e in parser.error_log if e.level == lxml.etree.ErrorLevels.FATAL]
    return tree, (fatal[0] if fatal else None)


def parse_page(text: str, name: str):
    """``(tree, None)``, or ``(None, reason)`` when libxml2 cannot read the whole page."""
    import lxml.etree

    try:
        tree, fatal = _parse(text)
        if fatal is not None:
            flat, _ = _inline_tag().subn("", text)
            tree, fatal = _parse(flat)
    except MemoryError:  # the worker's memory cap: status crashed, not a broken file
        raise
    except lxml.etree.ParserError as exc:
        raise EmptyDocument(name, f"the page has no content ({exc})") from exc
    except Exception as exc:
        raise LoadError(name, f"not a readable HTML page ({type(exc).__name__}: {exc})") from exc
    return (None, fatal) if fatal is not None else (tree, None)


def markup_text(text: str) -> list[str]:
    """The lines of a page read without a parser: scripts, styles and comments out, block tags
    as line breaks, other tags out, entities decoded."""
    text = BLOCK_TAG.sub("\n", NEVER_TEXT_ELEMENT.sub("", text))
    text = html_entities.unescape(ANY_TAG.sub("", text))
    return [line for line in (ln.strip(" \t\r\f\v\u00a0\u3000") for ln in text.split("\n")) if line]


SPACED_ARTICLE = re.compile(r"^第\s*([一二三四五六七八九十百零〇\d]{1,4})\s*([章节條条節])(?=\s|$)")


# What a label can start with: a cheap test before the label patterns run.
LABEL_FIRST = re.compile(r"\s*[第（(\d一二三四五六七八九十㈠-㈩⑴-⒇①-⑳]")
LABEL_MAX_CHARS = 12


def _bare_label(line: str) -> bool:
    """Whether the line is only a numbering label (第 1 條, 一、, （二）)."""
    if len(line) > LABEL_MAX_CHARS or not LABEL_FIRST.match(line):
        return False
    compact = simplified(SPACES.sub("", line))
    m = label_start().match(compact + "文")
    return m is not None and m.end() >= len(compact)


def _starts_with_label(line: str) -> bool:
    return LABEL_FIRST.match(line) is not None and label_start().match(simplified(line[:LABEL_MAX_CHARS])) is not None


def join_bare_labels(lines: list[str]) -> list[str]:
    """A label in a block of its own (a law site's 第 1 條 column beside the article's text, a
    layout table's 一、 cell) labels the next block: they become one line.  The spaces a site
    puts inside 第 一 章 go, so the label reads as one.

    >>> join_bare_labels(["第 1 條", "為保障人民之自由。", "第 一 章 總則"])
    ['第1條 為保障人民之自由。', '第一章 總則']
    """
    out: list[str] = []
    for line in lines:
        line = SPACED_ARTICLE.sub(lambda m: f"第{m.group(1)}{m.group(2)}", line)
        if out and _bare_label(out[-1]) and not _starts_with_label(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _compact(text: str) -> str:
    return simplified(SPACES.sub("", text))


def _with_title(lines: list[str], title: str | None) -> list[str]:
    """The title often sits outside the content container: it goes first unless the first
    lines hold it already (perhaps spaced or split over two lines)."""
    if not title or _compact(title) in _compact("".join(lines[:TITLE_SEARCH_LINES])):
        return lines
    return [title] + lines


def load_html(data: bytes, name: str, settings: Settings) -> LoadedDocument:
    text, encoding = decode_text(data, _declared_charset(data), override=settings.encoding)
    text = SERVER_CODE.sub("", XML_DECLARATION.sub("", text))
    if not text.strip():
        raise EmptyDocument(name, "the page is empty")
    tree, problem = parse_page(text, name)
    warnings: list[str] = []
    metadata: dict[str, str] = {}
    tables: list[RenderedTable] = []
    if tree is None:
        lines = strip_furniture(markup_text(text), metadata)
        warnings.append(f"the HTML parser stopped early ({problem}): the page was read as plain text, "
                        "page furniture may remain in the body")
    else:
        measures = measure(tree)
        metadata = page_metadata(tree, measures.size)
        headings = title_headings(tree)
        weights = measures.weight
        drop_furniture(tree, weights)
        root = content_root(tree, weights)
        title = find_title(tree, root, weights, metadata, headings)
        lines = _with_title(strip_furniture(join_bare_labels(render_lines(root, tables=tables)), metadata), title)
    body = "\n".join(lines)
    bad = body.count("\ufffd")
    if bad:
        warnings.append(f"{bad} undecodable byte sequences replaced by U+FFFD")
    return LoadedDocument(name=name, text=body, format="html", encoding=encoding, metadata=metadata,
                          warnings=tuple(warnings), status="ok" if tree is not None else "partial",
                          tables=place_tables(body, tables))
