"""Markdown loader: web clips, converter output and law collections saved as ``.md``.

The markup goes, the text stays, line by line:

- front matter (``---`` YAML at the top), a clipper's header (``Title:`` / ``URL Source:`` /
  ``Markdown Content:``) and a converter's properties block (``**来源**: …`` lines closed by a
  ``---`` rule) go to metadata, never to the body (``-`` as a value means none);
- ``<!-- comments -->`` and fenced code blocks (```` ``` ```` / ``~~~``) go entirely (an
  unclosed fence or comment is a stray mark: only the mark goes);
- heading marks (``## 第三章 总则`` → ``第三章 总则``), list bullets (``*``, ``-``, ``+``, task
  boxes), block quotes, emphasis (``**``, ``__``, ``*``, ``_``), links (``[text](url)`` and
  ``[text][ref]`` → text), images, link definitions, escapes, entities and inline HTML tags go,
  their text stays;
- pipe tables, HTML ``<table>`` blocks and task tables pasted one cell per paragraph
  (``flat_tables``) are rendered by ``tables.render_table`` and handed on typed, as in the other
  formats;
- page furniture: lines that are mostly link text (a clipped page's menus) and lines left without
  text (images, icons) go; page markers of a PDF or Word export (``## 第01页``, ``— 3 —``) go, and
  in such an export the spaces a converter puts between CJK characters go too; the furniture at
  the edges of a web page (``furniture.strip_furniture``) goes;
- when the document says its title (front matter, clipper header), the text starts at the line
  that is that title (what stands above it is the clipped page's header or a converter's note),
  and a clipped page ends where a heading repeats the title (the page's share box or read-aloud
  copy).

Numbered lines (``1. 加强领导``) are text, not list markup: the number is the item's label.
"""
from __future__ import annotations

import html as html_entities
import re

from ..config import Settings
from ..rules.disclosure import disclosure_labels
from ..text.dates import iso_date
from .document import LoadedDocument
from .furniture import close_cjk_spaces, is_page_marker, strip_furniture
from .flat_tables import find_flat_tables
from .tables import RenderedTable, place_tables, render_table
from .script import simplified
from .text import decode_text

FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
CLIPPER_FIELD = re.compile(r"^(?P<key>Title|URL Source|Published Time|Markdown Content):[ \t]*(?P<value>.*)$")
PROPERTY = re.compile(r"^\s*(?:[*_]{2})?(?P<key>[^*_:：\n]{1,8})(?:[*_]{2})?\s*[:：]\s*(?P<value>.*?)\s*$")
PROPERTIES_MAX_LINES = 12
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
FENCE = re.compile(r"^[ \t]*(```|~~~)")
HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
SETEXT_RULE = re.compile(r"^[ \t]*(?:=+|-{3,}|\*{3,}|_{3,}|(?:-[ \t]*){3,}|(?:\*[ \t]*){3,})[ \t]*$")
BULLET = re.compile(r"^[ \t]*[*+\-][ \t]+(?:\[[ xX]\][ \t]+)?")
QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+")
IMAGE = re.compile(r"!\[[^\]]*\]\((?:[^()]|\([^)]*\))*\)|!\[[^\]]*\]\[[^\]]*\]")
LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?:[^()]|\([^)]*\))*\)|\[(?P<ref>[^\]]+)\]\[[^\]]*\]")
LINK_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$")
AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^>\s]*>")
EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(?P<text>.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)(?P<single>[^*\n]+?)(?<=\S)\*(?!\*)")
EMPTY_EMPHASIS = re.compile(r"(?<!\S)([*_]{1,2})\s*\1(?!\S)")   # _![icon](…)_ once the image is gone
BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
TAG = re.compile(r"</?[A-Za-z][^>\n]*>")
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
HARD_BREAK = re.compile(r"(?:\\| {2,})$")
TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
HTML_TABLE = re.compile(r"<table\b.*?</table\s*>", re.DOTALL | re.IGNORECASE)
TABLE_MARK = "\ue001"   # stands for an HTML table's rendered lines while the rest is read
FLAT_HEADER_LINE_CHARS = 40   # a column name with its markup (**牵头单位**) is shorter
CJK = re.compile(r"[\u4e00-\u9fff]")
TEXT_CHAR = re.compile(r"[^\W_]")   # a letter or digit of any script (２０２２ too)
# A line of links, a clipped page's menu or breadcrumb (当前位置：[首页]>[专题]), not the notice:
# links and no text of its own, or several links and at most this share of its text its own.
LINK_LINE_OWN_SHARE = 1 / 3
ATTACHMENT = re.compile(r"^\s*(?:[*+\-]\s+)?附\s*件")
# Front-matter keys that are not disclosure labels but name the same things.
FRONT_MATTER_KEYS = {"title": "title", "date": "published", "url": "url", "source": "source",
                     "author": "author", "官方链接": "url", "原文链接": "url", "来源": "source",
                     "更新时间": "modified", "修改时间": "modified", "版本": "validity", "状态": "validity"}
CLIPPER_KEYS = {"Title": "page_title", "URL Source": "url", "Published Time": "published"}
NO_VALUE = frozenset({"-", "—", "/", "无", "null", "none", "n/a"})
ESCAPED = "\ue000"   # a private-use mark standing for an escaped character while markup is removed
TITLE_CUT_SHARE = 0.5          # the notice's own title stands in the first half of a clipped page
PAGE_EXPORT_MIN_MARKERS = 2   # page markers that show the text is a PDF or Word export
CONVERTER_HEADER_LINES = 2    # lines above a first page marker that are the converter's, not the document's
MARKER = "\ue002"            # marks a page marker line while the page's lines are read
FIRST_PAGE = re.compile(r"第\s*0*1\s*页")


def _record(metadata: dict[str, str], key: str, value: str) -> bool:
    """Put a front-matter or properties field into metadata; False when its key means nothing."""
    value = value.strip().strip("'\"").strip()
    target = disclosure_labels().get(simplified(key)) or FRONT_MATTER_KEYS.get(key.lower())
    if target and value and value.lower() not in NO_VALUE:
        metadata.setdefault(target, value)
    return target is not None


def _front_matter(text: str, metadata: dict[str, str]) -> str:
    """Read and cut YAML front matter (``key: value`` lines; nothing else of YAML is needed)."""
    m = FRONT_MATTER.match(text)
    if not m:
        return text
    for line in m.group("body").split("\n"):
        key, sep, value = line.partition(":")
        if sep:
            _record(metadata, key.strip(), value)
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


def _properties(text: str, metadata: dict[str, str]) -> str:
    """Read and cut a converter's properties block near the top: ``**版本**: 现行有效`` lines
    (at least two naming known fields) closed by a ``---`` rule."""
    lines = text.split("\n")
    fields, known = [], 0
    for i, line in enumerate(lines[:PROPERTIES_MAX_LINES + len(fields) * 2]):
        if not line.strip() or HEADING.match(line):
            continue
        if SETEXT_RULE.match(line) and line.strip().startswith("-"):
            if known >= 2:
                for key, value in fields:
                    _record(metadata, key, value)
                kept = [ln for k, ln in enumerate(lines[:i]) if not PROPERTY.match(ln) or HEADING.match(ln)]
                return "\n".join(kept + lines[i + 1:])
            return text
        m = PROPERTY.match(line)
        if not m:
            return text
        fields.append((m.group("key").strip(), m.group("value")))
        known += 1 if disclosure_labels().get(simplified(m.group("key").strip())) \
            or m.group("key").strip().lower() in FRONT_MATTER_KEYS else 0
    return text


def _inline(line: str) -> str:
    """A line's text without inline markup."""
    escaped: list[str] = []

    def hide(m: re.Match) -> str:
        escaped.append(m.group(1))
        return ESCAPED

    line = ESCAPE.sub(hide, HARD_BREAK.sub("", line))
    line = IMAGE.sub("", line)
    line = LINK.sub(lambda m: m.group("text") if m.group("text") is not None else m.group("ref"), line)
    line = EMPTY_EMPHASIS.sub("", AUTOLINK.sub("", line))
    line = BREAK_TAG.sub("\n", line)
    line = TAG.sub("", line)
    for _ in range(2):  # nested emphasis: ***x***
        line = EMPHASIS.sub(lambda m: m.group("text") if m.group("text") is not None else m.group("single"), line)
    pieces = iter(escaped)
    return html_entities.unescape(re.sub(ESCAPED, lambda m: next(pieces), line))


def _link_line(raw: str) -> bool:
    """A line that is mostly link text (a menu entry, a list of related links), not an
    attachment reference (附件：[…](…))."""
    links = [m.group("text") or m.group("ref") or "" for m in LINK.finditer(IMAGE.sub("", raw))]
    if not links or ATTACHMENT.match(raw):
        return False
    own = len(CJK.findall(LINK.sub("", IMAGE.sub("", raw))))
    linked = sum(len(CJK.findall(t)) for t in links)
    return own == 0 or len(links) >= 2 and own <= LINK_LINE_OWN_SHARE * (own + linked)


def _cells(row: str) -> list[str]:
    return [_inline(cell).strip() for cell in row.strip().strip("|").split("|")]


def _html_tables(text: str) -> tuple[str, list[RenderedTable]]:
    """HTML tables in the Markdown, each replaced by a mark, and the tables rendered."""
    rendered: list[RenderedTable] = []

    def render(m: re.Match) -> str:
        import lxml.html

        from .html_tree import table_grid

        try:
            table = lxml.html.fragment_fromstring(m.group(0))
        except Exception:  # noqa: BLE001 - a broken table is read as text below
            return m.group(0)
        rendered.append(render_table(table_grid(table), paragraphs=True))
        return f"\n{TABLE_MARK}{len(rendered) - 1}\n"

    return (HTML_TABLE.sub(render, text) if "<table" in text.lower() else text), rendered


def _flat_tables(text: str, rendered: list[RenderedTable]) -> str:
    """Task tables pasted one cell per paragraph (``flat_tables``), each replaced by a mark; the
    tables rebuilt are added to ``rendered``."""
    lines = text.split("\n")
    # markup read only on lines short enough to name a column, until a table's header is found
    if not find_flat_tables([_inline(line) if len(line) <= FLAT_HEADER_LINE_CHARS else line for line in lines]):
        return text
    found = find_flat_tables([_inline(line) for line in lines])
    out: list[str] = []
    pos = 0
    for table in found:
        out.extend(lines[pos:table.first])
        rendered.append(render_table(table.rows))
        out.append(f"{TABLE_MARK}{len(rendered) - 1}")
        pos = table.end
    return "\n".join(out + lines[pos:])


def _unclosed_marks(text: str) -> str:
    """Comments go; an unclosed ``<!--`` is a stray mark and only the mark goes."""
    return COMMENT.sub("", text).replace("<!--", "")


def _fenced_lines(lines: list[str]) -> set[int]:
    """Indexes of lines inside closed code fences (fence lines included)."""
    inside: set[int] = set()
    opened = None
    for i, line in enumerate(lines):
        if FENCE.match(line):
            if opened is None:
                opened = i
            else:
                inside.update(range(opened, i + 1))
                opened = None
    return inside


def markdown_to_text(text: str, metadata: dict[str, str], tables: list[RenderedTable] | None = None) -> str:
    """The text of a Markdown document, one block per line; ``metadata`` receives what the
    front matter, a clipper's header and a properties block say, ``tables`` the tables rendered.

    >>> markdown_to_text("---\\n标题: 关于X的通知\\n---\\n## 一、**总体要求**\\n* 见[附件](a.pdf)说明\\n```\\ncode\\n```", {})
    '一、总体要求\\n\\n见附件说明'
    """
    text = _properties(_clipper_header(_front_matter(text, metadata), metadata), metadata)
    text, html_tables = _html_tables(_unclosed_marks(text))
    text = _flat_tables(text, html_tables)
    rendered: list[RenderedTable] = []
    raw_lines = text.split("\n")
    fenced = _fenced_lines(raw_lines)
    out: list[tuple[str, bool]] = []   # (text, is a heading)
    table: list[list[str]] = []
    for i, raw in enumerate(raw_lines):
        if i in fenced or LINK_DEFINITION.match(raw):
            continue
        if TABLE_ROW.match(raw):
            if not TABLE_RULE.match(raw):
                table.append(_cells(raw))
            continue
        if table:
            rendered.append(render_table(table, paragraphs=True))
            out.extend((line, False) for line in rendered[-1].lines)
            table = []
        if raw.strip().startswith(TABLE_MARK):
            rendered.append(html_tables[int(raw.strip()[1:])])
            out.extend((line, False) for line in rendered[-1].lines)
            continue
        if SETEXT_RULE.match(raw) or _link_line(raw):
            continue
        if is_page_marker(raw):   # - 14 -- would read as a list item below
            out.append((MARKER + raw.strip(), False))
            continue
        line = QUOTE.sub("", raw)
        heading = HEADING.match(line)
        line = heading.group("text") if heading else BULLET.sub("", line)
        out.extend((piece.strip(), heading is not None) for piece in _inline(line).split("\n"))
    if table:
        rendered.append(render_table(table, paragraphs=True))
        out.extend((line, False) for line in rendered[-1].lines)
    if tables is not None:
        tables.extend(rendered)
    lines = [(MARKER + line if is_page_marker(line) else line, is_heading) for line, is_heading in out
             if TEXT_CHAR.search(line)]
    return "\n".join(_page_text(lines, metadata))


def _page_text(lines: list[tuple[str, bool]], metadata: dict[str, str]) -> list[str]:
    """The document's own text: page markers and edge furniture out, cut to its title."""
    markers = [i for i, (line, _) in enumerate(lines) if line.startswith(MARKER)]
    if len(markers) >= PAGE_EXPORT_MIN_MARKERS:
        # a converter's own heading (the file's name) stands above the heading of page 1
        first = markers[0] + 1 if markers[0] <= CONVERTER_HEADER_LINES and FIRST_PAGE.search(lines[markers[0]][0]) else 0
        return strip_furniture([close_cjk_spaces(line) for line, _ in lines[first:] if not line.startswith(MARKER)],
                               metadata)
    lines = [(line, is_heading) for line, is_heading in lines if not line.startswith(MARKER)]
    texts = [line for line, _ in lines]
    title = metadata.get("title") or _title_of_page(metadata.get("page_title"))
    if title:
        texts = _cut_to_title(lines, title, clipped="page_title" in metadata or "url" in metadata)
    return _headings_apart(strip_furniture(texts, metadata), lines)


def _headings_apart(texts: list[str], lines: list[tuple[str, bool]]) -> list[str]:
    """The kept lines, a blank line after each heading: a heading is a block of its own, which
    later stages must not re-join with the paragraph under it as if it were a wrapped line.
    ``texts`` keeps ``lines`` in order (some dropped); a heading is found by walking both."""
    out, k = [], 0
    for text in texts:
        out.append(text)
        j = next((j for j in range(k, len(lines)) if lines[j][0] == text), None)
        if j is None:
            continue   # a line the furniture pass trimmed: no heading mark to carry
        if lines[j][1]:
            out.append("")
        k = j + 1
    return out[:-1] if out and not out[-1] else out


def _compact(text: str) -> str:
    return simplified(re.sub(r"\s+", "", text))


def _title_of_page(page_title: str | None) -> str | None:
    """A clipped page's title without the site name (``关于X的通知 - 某市人民政府``)."""
    if not page_title:
        return None
    return re.split(r"\s+[-–—|｜_]\s+|_", page_title)[0].strip() or None


def _cut_to_title(lines: list[tuple[str, bool]], title: str, clipped: bool) -> list[str]:
    """The lines from the first one that is the title; for a clipped page, up to a later
    heading that repeats it."""
    wanted = _compact(title)
    starts = [i for i, (line, _) in enumerate(lines) if _compact(line) == wanted]
    if not starts or starts[0] > TITLE_CUT_SHARE * len(lines):
        return [line for line, _ in lines]   # the title only in a list at the foot: not where the notice starts
    first = starts[0]
    end = len(lines)
    if clipped:
        end = next((i for i in starts[1:] if lines[i][1]), end)
    return [line for line, _ in lines[first:end]]


def load_markdown(data: bytes, name: str, settings: Settings) -> LoadedDocument:
    text, encoding = decode_text(data, override=settings.encoding)
    metadata: dict[str, str] = {}
    tables: list[RenderedTable] = []
    body = markdown_to_text(text.replace("\r\n", "\n").replace("\r", "\n"), metadata, tables)
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
                          warnings=warnings, tables=place_tables(body, tables))
