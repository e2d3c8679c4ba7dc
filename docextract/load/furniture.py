"""Page furniture at the edges of a web page's text, for saved pages and pages clipped to
Markdown alike, and the page markers of documents exported to text (``rules/boilerplate_html.toml``).

The first and last lines of a page's text often still hold its info bar (来源：… 发布时间：…
浏览次数：…), its toolbar (【字体：大 中 小】, 打印本页, 扫一扫在手机打开当前页), links to the
neighbouring articles and the site's footer, even inside the content container.  Those lines,
near the top (``head_lines``) or the bottom (``tail_lines``), are cut; a line matching the same
patterns in the middle of a notice is left alone (主办单位：… can be a real field).  来源 and
发布时间 of the info bar go to metadata.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..rules import compile_pattern, load_rules, require, require_tables
from ..rules.disclosure import disclosure_labels
from ..rules.doctypes import title_end
from ..rules.orgs import signer_end
from ..text.dates import iso_date
from .script import simplified

RULES = "boilerplate_html"
CJK = re.compile(r"[\u4e00-\u9fff]")
TEXT_CHAR = re.compile(r"[^\W_]")   # a letter or digit of any script
SOURCE_LABELS = ("来源", "信息来源", "文章来源")
PUBLISHED_LABELS = ("发布时间", "发布日期")
# The printing date of a 公文's closing block (2022年4月24日印发).
PRINTED_ON = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?=\s*印\s*发)")
# A publication time alone near the top of a page (its info bar split into lines).
DATE_ONLY = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")


@dataclass(frozen=True)
class FurnitureRules:
    head: int
    tail: int
    junk: tuple[tuple[re.Pattern, str], ...]   # (pattern, where: head | tail | edges)
    info_pair: re.Pattern
    page_marker: re.Pattern
    closing: re.Pattern


@cache
def furniture_rules() -> FurnitureRules:
    rules = load_rules(RULES)
    labels = sorted(require(rules, RULES, "info_labels", list), key=len, reverse=True)
    alternation = "|".join(map(re.escape, labels))
    junk = require_tables(rules, RULES, "junk_lines", {"pattern": str})
    markers = require_tables(rules, RULES, "page_markers", {"pattern": str})
    closing = require_tables(rules, RULES, "closing_lines", {"pattern": str})
    for key, entries in (("page_markers", markers), ("closing_lines", closing)):
        for i, entry in enumerate(entries):
            compile_pattern(RULES, f"{key}[{i}]", entry["pattern"])
    return FurnitureRules(
        head=require(rules, RULES, "head_lines", int),
        tail=require(rules, RULES, "tail_lines", int),
        junk=tuple((compile_pattern(RULES, f"junk_lines[{i}]", entry["pattern"]), _where(entry, i))
                   for i, entry in enumerate(junk)),
        info_pair=re.compile(rf"({alternation})\s*[:：]\s*(.*?)\s*(?=(?:{alternation})\s*[:：]|$)"),
        page_marker=re.compile("|".join(f"(?:{entry['pattern']})" for entry in markers)),
        closing=re.compile("|".join(f"(?:{entry['pattern']})" for entry in closing)),
    )


def is_page_marker(line: str) -> bool:
    """Whether the line is a page number or page heading a converter put between pages."""
    return furniture_rules().page_marker.match(line.strip()) is not None


def drop_page_markers(lines: list[str]) -> list[str]:
    """The lines without the page numbers and page headings a converter put between pages."""
    return [line for line in lines if not is_page_marker(line)]


WHERE = ("head", "tail", "edges")


def _where(entry: dict, i: int) -> str:
    from ..errors import RuleError

    where = entry.get("where", "edges")
    if where not in WHERE:
        raise RuleError(f"{RULES}.toml: junk_lines[{i}].where must be one of {WHERE}, got {where!r}")
    return where


def strip_furniture(lines: list[str], metadata: dict[str, str]) -> list[str]:
    """The lines without the furniture at their edges; the info bar's source and publication
    date and a disclosure block's fields go to ``metadata`` (when the page did not say so
    already)."""
    f = furniture_rules()
    closing = next((i for i in range(max(len(lines) - f.tail, 0), len(lines)) if f.closing.match(lines[i].strip())), None)
    if closing is not None:
        printed = next((m for line in lines[closing:] if (m := PRINTED_ON.search(line))), None)
        if printed and iso_date(printed.group(0)):
            metadata.setdefault("date", iso_date(printed.group(0)))   # stands in when no signature dates it
        lines = lines[:closing]
    lines = _without_menus(read_split_fields(lines, metadata), f)
    out = []
    for i, line in enumerate(lines):
        near_head, near_tail = i < f.head, i >= len(lines) - f.tail
        if near_head and DATE_ONLY.match(line.strip()) and iso_date(line):
            metadata.setdefault("published", iso_date(line))
        if near_head or near_tail:
            for pattern, where in f.junk:
                if where == "edges" or (where == "head") == near_head:
                    line = pattern.sub("", line)
            line = line.strip()
            if not TEXT_CHAR.search(line):
                continue
            if near_head and info_bar(line, metadata):
                continue
        out.append(line)
    return out


# A field of a disclosure block whose label and value stand on lines of their own.
FIELD_LABEL = re.compile(r"^\s*(?P<label>[^:：\s]{2,8})\s*[:：]?\s*$")
SPLIT_FIELDS_MAX_LINES = 24   # a disclosure block at the top of a page is shorter than this
VALUE_MAX_CHARS = 120


def read_split_fields(lines: list[str], metadata: dict[str, str]) -> list[str]:
    """The lines without a disclosure block at the top whose values stand on the line after
    their labels (``索引号：`` / ``000014349/2022-00018``); the values go to ``metadata``."""
    labels = disclosure_labels()
    out: list[str] = []
    i = 0
    while i < len(lines):
        m = FIELD_LABEL.match(lines[i]) if i < SPLIT_FIELDS_MAX_LINES else None
        label = simplified(m.group("label")) if m else None
        value = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if label in labels and value and len(value) <= VALUE_MAX_CHARS and not FIELD_LABEL.match(value):
            key = labels[label]
            if key in ("date", "published"):
                value = iso_date(value) or ""
            if value:
                metadata.setdefault(key, value)
            i += 2
            continue
        out.append(lines[i])
        i += 1
    return out


# Navigation words one per line at the edge of a page's text (首页 / 政务公开 / 办事服务): a run
# of at least MENU_MIN_LINES short lines of CJK only, none of them a signer's name (a joint
# signature) or a piece of a title split over lines.
MENU_WORD = re.compile(r"^[\u4e00-\u9fff]{2,6}$")
MENU_MIN_LINES = 3


def _without_menus(lines: list[str], f: FurnitureRules) -> list[str]:
    def menu_word(line: str) -> bool:
        line = line.strip()
        return MENU_WORD.match(line) is not None and not signer_end().search(line) \
            and not title_end().search(line) and not line.startswith("关于")

    start = 0
    while start < len(lines) and menu_word(lines[start]):
        start += 1
    start = start if start >= MENU_MIN_LINES else 0
    end = len(lines)
    while end > start and menu_word(lines[end - 1]):
        end -= 1
    end = end if len(lines) - end >= MENU_MIN_LINES else len(lines)
    return lines[start:end]


def info_bar(line: str, metadata: dict[str, str]) -> bool:
    """Whether the line is only ``label：value`` pairs of a page info bar (recorded if so)."""
    pairs = list(furniture_rules().info_pair.finditer(line))
    if not pairs or pairs[0].start() != 0 or sum(len(m.group(0)) for m in pairs) < len(line.strip()) - 2:
        return False
    for m in pairs:
        label, value = m.group(1), m.group(2).strip()
        if label in SOURCE_LABELS and value:
            metadata.setdefault("source", value)
        elif label in PUBLISHED_LABELS and iso_date(value):
            metadata.setdefault("published", iso_date(value))
    return True


# Spaces a converter puts between CJK characters (letter-spaced titles, justified lines) and
# between CJK and digits (word processors' CJK/Latin auto-spacing: 2023 年), as the PDF loader
# removes them from a PDF's text layer.
CJK_SPACE = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])[ \u00a0]+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef0-9])"
                       r"|(?<=[0-9])[ \u00a0]+(?=[\u4e00-\u9fff])")


def close_cjk_spaces(line: str) -> str:
    """A line of a PDF or Word export without the spaces between its CJK characters.

    >>> close_cjk_spaces("现 将 «贵 州 省 方 案» 印发 2023 年6 月底前")
    '现将 «贵州省方案» 印发2023年6月底前'
    """
    return CJK_SPACE.sub("", line)
