"""The parsed page: what is furniture, where the notice is, and its text line by line.

- ``measure``: per element, its non-link CJK characters minus twice its link text (script and
  style text does not count) and its characters of text, in one bottom-up pass;
- ``drop_furniture``: elements that are never text (scripts, styles) go; navigation, headers,
  footers, forms and elements whose class/id names furniture (``rules/html.toml``) go unless
  they hold most of the page's text (an ASP.NET page wraps everything in one ``<form>``);
- ``content_root``: the element the rules name, else the block with the most non-link text;
- ``render_lines``: the text with block boundaries as line breaks, data tables
  (``data_table_grid``: no layout) rendered by ``tables.render_table`` (iteratively: a page may
  nest elements thousands deep).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..rules import load_rules, require
from .tables import Continued, RenderedTable, render_table

RULES = "html"
CJK = re.compile(r"[\u4e00-\u9fff]")
BLOCK_TAGS = frozenset(["p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
                        "table", "caption", "section", "article", "blockquote", "pre", "dd", "dt", "dl", "center",
                        "form", "header", "footer", "nav", "aside", "address", "hr", "main", "figure",
                        "figcaption", "details", "summary"])
# Furniture holding at least this share of the page's text is a wrapper of the notice, not furniture.
WRAPPER_SHARE = 0.5
INNER_CONTAINER_SHARE = 0.8   # an inner content container keeping this share of the text is the body
LAYOUT_CELL_CHARS = 300       # a cell this long holds running text: the table only lays out the page
PARAGRAPH_CELL_CHARS = 80     # a cell with paragraphs and this much text: layout, unless a header row says data
HEADER_CELL_CHARS = 20        # a header cell names a column in a few words
HEADER_WIDTH_SHARE = 0.7      # rows as wide as the header row: the table's columns are real
SENTENCE_END = re.compile(r"[。；！？]")
TOKEN = re.compile(r"[a-z0-9]+")
TOKEN_CACHE = 4096           # class/id strings remembered (a worker reads many pages)
SPAN_CAP = 200                # colspan/rowspan beyond this are broken markup, not tables


@dataclass(frozen=True)
class TreeRules:
    never_text: frozenset[str]
    furniture_tags: frozenset[str]
    junk_words: frozenset[str]
    hidden_styles: tuple[str, ...]
    content_exact: frozenset[str]
    content_prefixes: tuple[str, ...]


@cache
def tree_rules() -> TreeRules:
    rules = load_rules(RULES)
    content = require(rules, RULES, "content_class_words", list)
    return TreeRules(
        never_text=frozenset(require(rules, RULES, "never_text_tags", list)),
        furniture_tags=frozenset(require(rules, RULES, "furniture_tags", list)),
        junk_words=frozenset(require(rules, RULES, "junk_class_words", list)),
        hidden_styles=tuple(require(rules, RULES, "hidden_styles", list)),
        content_exact=frozenset(w for w in content if not w.endswith("*")),
        content_prefixes=tuple(w[:-1] for w in content if w.endswith("*")),
    )


_TOKENS: dict[str, tuple[str, ...]] = {}   # class/id strings repeat across a page and across pages


def class_tokens(element) -> tuple[str, ...]:
    """The words of an element's class and id (split on - _ and spaces)."""
    key = f"{element.get('class', '')} {element.get('id', '')}"
    if key == " ":
        return ()
    tokens = _TOKENS.get(key)
    if tokens is None:
        tokens = tuple(TOKEN.findall(key.lower()))
        if len(_TOKENS) < TOKEN_CACHE:
            _TOKENS[key] = tokens
    return tokens


def _cjk_count(text: str | None) -> int:
    return len(CJK.findall(text)) if text and not text.isascii() else 0


@dataclass
class Measures:
    """Per element: ``weight`` (non-link CJK characters minus twice the link text) and ``size``
    (characters of text), both of everything under it."""

    weight: dict
    size: dict


def measure(tree) -> Measures:
    """Weights and sizes of every element in one bottom-up pass (text_content() per element
    would be quadratic on deeply nested pages); script and style text weighs nothing."""
    never = tree_rules().never_text
    total: dict = {}
    links: dict = {}
    size: dict = {}
    for element in reversed(list(tree.iter())):
        if not isinstance(element.tag, str):
            total[element] = links[element] = size[element] = 0
            continue
        own = element.text or ""
        text, link, chars = _cjk_count(own), 0, len(own)
        for child in element:
            tail = child.tail or ""
            text += total[child] + _cjk_count(tail)
            link += links[child]
            chars += size[child] + len(tail)
        if element.tag in never:
            text = link = 0
        elif element.tag == "a":
            link = text
        total[element], links[element], size[element] = text, link, chars
    return Measures({element: total[element] - 2 * links[element] for element in total}, size)


def _hidden(element, r: TreeRules) -> bool:
    style = element.get("style")
    if style is None:
        return element.get("hidden") is not None
    style = style.replace(" ", "").lower()
    return any(h in style for h in r.hidden_styles) or element.get("hidden") is not None


def _is_junk(element, r: TreeRules) -> bool:
    return element.tag in r.furniture_tags or any(w in r.junk_words for w in class_tokens(element)) \
        or _hidden(element, r)


def drop_furniture(tree, weights: dict) -> None:
    """Remove what is never the notice (see the module docstring); the tail text after a
    removed element stays.  ``weights`` are updated: the ancestors of a removed element lose
    its weight."""
    r = tree_rules()
    page = max(weights.get(tree, 0), 1)
    doomed = [element for element in tree.iter()
              if not isinstance(element.tag, str) or element.tag in r.never_text
              or _is_junk(element, r) and weights.get(element, 0) < WRAPPER_SHARE * page]
    # in document order: an element inside a removed one is already out of the page, and its
    # weight is taken only from the removed subtree's own (detached) elements
    for element in doomed:
        parent = element.getparent()
        if parent is None:
            continue
        lost = weights.get(element, 0)
        if lost:
            for ancestor in element.iterancestors():
                weights[ancestor] = weights.get(ancestor, 0) - lost
        tail = element.tail
        previous = element.getprevious()
        parent.remove(element)
        if tail and tail.strip():
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail


def _named_content(element, r: TreeRules) -> bool:
    return any(t in r.content_exact or t.startswith(r.content_prefixes) for t in class_tokens(element))


def content_root(tree, weights: dict):
    """The element that holds the notice (see the module docstring)."""
    r = tree_rules()
    named = [e for e in tree.iter("div", "td", "article", "section", "span", "main") if _named_content(e, r)]
    candidates = named or list(tree.iter("div", "td", "article", "section", "main", "body"))
    best = max(candidates, key=lambda e: weights.get(e, 0), default=None)
    if best is None or weights.get(best, 0) <= 0:
        return tree
    # a named wrapper (article-wrap) often holds the title and info bars around the named text
    # container (article-content): go down to the innermost one that keeps nearly all the text
    inner = [e for e in named if e is not best and weights.get(e, 0) >= INNER_CONTAINER_SHARE * weights[best]
             and best in e.iterancestors()]
    return max(inner, key=lambda e: sum(1 for _ in e.iterancestors())) if inner else best


def _span(cell, name: str) -> int:
    try:
        return min(max(int(cell.get(name, "1")), 1), SPAN_CAP)
    except ValueError:
        return 1


def table_grid(table) -> list[list[str]]:
    """The table's cells row by row, a cell spanning columns or rows filling each slot it
    covers (its text in every row it spans, once across the columns)."""
    grid: list[list[str]] = []
    pending: dict[int, tuple[int, str]] = {}   # column → (rows still covered, text)
    for tr in table.iter("tr"):
        row: list[str] = []

        def fill() -> None:
            while len(row) in pending:
                left, text = pending.pop(len(row))
                row.append(Continued(text) if text else text)
                if left > 1:
                    pending[len(row) - 1] = (left - 1, text)

        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            fill()
            text = _cell_text(cell)
            col, rows = len(row), _span(cell, "rowspan")
            row.extend([text] + [""] * (_span(cell, "colspan") - 1))
            if rows > 1:
                for k in range(col, len(row)):
                    pending[k] = (rows - 1, row[k])
        fill()
        grid.append(row)
    return grid


def _cell_text(cell) -> str:
    """A cell's paragraphs, one per line (a cell of plain text needs no rendering)."""
    if len(cell) == 0:
        return (cell.text or "").strip(" \t\r\n\f\v\u00a0\u3000")
    return "\n".join(render_lines(cell))


def _header_row(row: list[str]) -> bool:
    cells = [c for c in row if c.strip()]
    return (len(cells) >= 2 and len(cells) >= 0.6 * len(row)
            and all(len(c) <= HEADER_CELL_CHARS and "\n" not in c and not SENTENCE_END.search(c) for c in cells))


def data_table_grid(table) -> list[list[str]] | None:
    """The grid of a table of data (task division, contacts), None for old-style page layout.
    A data table has no nested table, and either no cell of running text or paragraphs, or a
    header row naming columns whose width most rows share (a Word table whose cells hold
    paragraphs)."""
    if any(True for _ in table.iter("table") if _ is not table):
        return None
    plain = True
    for cell in table.iter("td", "th"):
        size = len(cell.text_content())
        if size > LAYOUT_CELL_CHARS or (size > PARAGRAPH_CELL_CHARS and any(True for _ in cell.iter("p", "div", "br"))):
            plain = False
            break
    grid = table_grid(table)
    if plain:
        return grid
    for index, row in enumerate(grid[:2]):
        if _header_row(row):
            body = grid[index + 1:]
            same = sum(1 for r in body if len(r) == len(row))
            return grid if body and same >= HEADER_WIDTH_SHARE * len(body) else None
    return None


def render_lines(root, *, links: bool = True, tables: list[RenderedTable] | None = None) -> list[str]:
    """The text under ``root``, one block per line, stripped, empty lines dropped (without the
    text of links unless ``links``); the data tables rendered are added to ``tables``."""
    out: list[str] = []
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        if closing:
            if element.tag in BLOCK_TAGS:
                out.append("\n")
            if element is not root and element.tail:
                out.append(element.tail)
            continue
        if not isinstance(element.tag, str):
            if element.tail:
                out.append(element.tail)
            continue
        if element.tag == "a" and not links and element is not root:
            if element.tail:
                out.append(element.tail)
            continue
        grid = data_table_grid(element) if element.tag == "table" and element is not root else None
        if grid is not None:
            captions = ["\n".join(render_lines(c)) for c in element.iter("caption")]
            rendered = render_table(grid, paragraphs=True)
            if tables is not None:
                tables.append(rendered)
            out.append("\n" + "\n".join(captions + rendered.lines) + "\n")
            if element.tail:
                out.append(element.tail)
            continue
        if element.tag in BLOCK_TAGS:
            out.append("\n")
        if element.text:
            out.append(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    text = "".join(out)
    return [line for line in (ln.strip(" \t\r\f\v\u00a0\u3000") for ln in text.split("\n")) if line]
