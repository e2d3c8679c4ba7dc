"""Markdown loader: web clips, converter output and law collections saved as ``.md``.

The markup goes, the text stays, line by line:

- front matter (``---`` YAML at the top) and a clipper's header (``Title:`` / ``URL Source:`` /
  ``Markdown Content:``) go to metadata, never to the body;
- ``<!-- comments -->`` and fenced code blocks (```` ``` ```` / ``~~~``) go entirely;
- heading marks (``## 第三章 总则`` → ``第三章 总则``), list bullets (``*``, ``-``, ``+``),
  block quotes, emphasis (``**``, ``__``, ``*``, ``_``), links (``[text](url)`` → text),
  images, escapes and inline HTML tags go, their text stays;
- pipe tables become table rows rendered by ``tables.render_table`` (a task table becomes
  numbered items with their field lines, like tables of the other formats).

Numbered lines (``1. 加强领导``) are text, not list markup: the number is the item's label.
"""
from __future__ import annotations

import re

from ..config import Settings
from ..rules.disclosure import disclosure_labels
from ..text.dates import iso_date
from .document import LoadedDocument
from .tables import render_table
from .text import decode_text

FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
CLIPPER_FIELD = re.compile(r"^(?P<key>Title|URL Source|Published Time|Markdown Content):[ \t]*(?P<value>.*)$")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
FENCE = re.compile(r"^[ \t]*(```|~~~)")
HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
SETEXT_RULE = re.compile(r"^[ \t]*(?:=+|-{3,}|\*{3,}|_{3,})[ \t]*$")   # underlines and horizontal rules
BULLET = re.compile(r"^[ \t]*[*+\-][ \t]+")
QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+")
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?:[^()]|\([^)]*\))*\)")
AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^>\s]*>")
EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(?P<text>.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)(?P<single>[^*\n]+?)(?<=\S)\*(?!\*)")
BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
TAG = re.compile(r"</?[A-Za-z][^>\n]*>")
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
# Front-matter keys that are not disclosure labels but name the same things.
FRONT_MATTER_KEYS = {"title": "title", "date": "published", "url": "url", "source": "source",
                     "author": "author", "官方链接": "url", "原文链接": "url", "来源": "source"}
CLIPPER_KEYS = {"Title": "page_title", "URL Source": "url", "Published Time": "published"}


def _front_matter(text: str, metadata: dict[str, str]) -> str:
    """Read and cut YAML front matter (``key: value`` lines; nothing else of YAML is needed)."""
    m = FRONT_MATTER.match(text)
    if not m:
        return text
    labels = disclosure_labels()
    for line in m.group("body").split("\n"):
        key, sep, value = line.partition(":")
        key, value = key.strip(), value.strip().strip("'\"")
        target = labels.get(key) or FRONT_MATTER_KEYS.get(key.lower())
        if sep and value and target:
            metadata.setdefault(target, value)
    return text[m.end():]


def _clipper_header(text: str, metadata: dict[str, str]) -> str:
    """Read and cut a web clipper's header (Title: … / URL Source: … / Markdown Content:)."""
    lines = text.split("\n")
    for i, line in enumerate(lines[:12]):
        m = CLIPPER_FIELD.match(line.strip())
        if m and m.group("key") == "Markdown Content":
            for previous in lines[:i]:
                field = CLIPPER_FIELD.match(previous.strip())
                if field and field.group("key") in CLIPPER_KEYS and field.group("value"):
                    metadata.setdefault(CLIPPER_KEYS[field.group("key")], field.group("value"))
            return "\n".join(lines[i + 1:] + ([m.group("value")] if m.group("value") else []))
    return text


ESCAPED = "\ue000"   # a private-use mark standing for an escaped character while markup is removed


def _inline(line: str) -> str:
    """A line's text without inline markup."""
    escaped: list[str] = []

    def hide(m: re.Match) -> str:
        escaped.append(m.group(1))
        return ESCAPED

    line = ESCAPE.sub(hide, line)
    line = IMAGE.sub("", line)
    line = LINK.sub(lambda m: m.group("text"), line)
    line = AUTOLINK.sub("", line)
    line = BREAK_TAG.sub("\n", line)
    line = TAG.sub("", line)
    for _ in range(2):  # nested emphasis: ***x***
        line = EMPHASIS.sub(lambda m: m.group("text") if m.group("text") is not None else m.group("single"), line)
    pieces = iter(escaped)
    return re.sub(ESCAPED, lambda m: next(pieces), line)


def _cells(row: str) -> list[str]:
    return [_inline(cell).strip() for cell in row.strip().strip("|").split("|")]


def markdown_to_text(text: str, metadata: dict[str, str]) -> str:
    """The text of a Markdown document, one block per line; ``metadata`` receives what the
    front matter and a clipper's header say.

    >>> markdown_to_text("---\\n标题: 关于X的通知\\n---\\n## 一、**总体要求**\\n* [见附件](a.pdf)\\n```\\ncode\\n```", {})
    '一、总体要求\\n见附件'
    """
    text = _clipper_header(_front_matter(text, metadata), metadata)
    text = COMMENT.sub("", text)
    out: list[str] = []
    table: list[list[str]] = []
    fenced = False
    for raw in text.split("\n"):
        if FENCE.match(raw):
            fenced = not fenced
            continue
        if fenced:
            continue
        if TABLE_ROW.match(raw):
            if not TABLE_RULE.match(raw):
                table.append(_cells(raw))
            continue
        if table:
            out.extend(render_table(table))
            table = []
        if SETEXT_RULE.match(raw):
            continue
        line = QUOTE.sub("", raw)
        heading = HEADING.match(line)
        line = heading.group("text") if heading else BULLET.sub("", line)
        out.append(_inline(line))
    if table:
        out.extend(render_table(table))
    return "\n".join(out).strip("\n")


def load_markdown(data: bytes, name: str, settings: Settings) -> LoadedDocument:
    text, encoding = decode_text(data, override=settings.encoding)
    metadata: dict[str, str] = {}
    body = markdown_to_text(text.replace("\r\n", "\n").replace("\r", "\n"), metadata)
    for key in ("published", "date"):
        if key in metadata:
            iso = iso_date(metadata[key])
            if iso:
                metadata[key] = iso
            else:
                del metadata[key]
    warnings = ()
    bad = body.count("\ufffd")
    if bad:
        warnings = (f"{bad} undecodable byte sequences replaced by U+FFFD",)
    return LoadedDocument(name=name, text=body, format="md", encoding=encoding, metadata=metadata,
                          warnings=warnings)
