"""Stage 4, structure: title, issuer, 发文字号, dates, recipients, parts and the item tree.

Works on the cleaned body, one paragraph per line.  Rules live in ``rules/numbering.toml``
(label styles and their levels) and ``rules/structure.toml`` (titles, 版头, 文号, closings).

Items follow GB/T 9704 levels (一、 / （一） / 1. / （1）) and regulation levels (第X章 / 第X节 /
第X条).  Nesting is decided with a stack of label styles: a style already on the stack starts
a sibling, a new style starts a child.  A label is accepted only when its number continues the
sequence (1, or one more than the previous sibling, or one more than the last label of that
style anywhere — notices often number 1. 2. 3. straight across 一、/二、 sections); otherwise it
is ordinary text (a line that happens to start with 2020. or 3、).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache
from datetime import date

from .clean import Cleaned
from .errors import RuleError
from .models import Evidence, Unit
from .rules import compile_pattern, load_rules, require

NUMBERING = "numbering"
STRUCTURE = "structure"

CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
PAREN_CN = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"


def label_number(num: str) -> int | None:
    """The value of a label's number: 12, 十二, ⑶, ㈣, ②.

    >>> [label_number(x) for x in ("3", "十二", "二十一", "⑶", "㈣", "②", "百")]
    [3, 12, 21, 3, 4, 2, 100]
    """
    if num.isdigit() and num.isascii():
        return int(num)
    for table in (CIRCLED, PAREN_DIGITS, PAREN_CN):
        if num in table:
            return table.index(num) + 1
    return chinese_int(num)


def chinese_int(text: str) -> int | None:
    """A small Chinese integer (below 10000) as used in labels and dates.

    >>> chinese_int("二〇二一"), chinese_int("三十一"), chinese_int("十"), chinese_int("一百零五")
    (2021, 31, 10, 105)
    """
    if not text:
        return None
    if all(ch in CN_DIGITS for ch in text):  # digit by digit: 二〇二一
        value = 0
        for ch in text:
            value = value * 10 + CN_DIGITS[ch]
        return value
    total, current = 0, 0
    for ch in text:
        if ch in CN_DIGITS:
            current = CN_DIGITS[ch]
        elif ch in "十百千":
            unit = {"十": 10, "百": 100, "千": 1000}[ch]
            total += (current or 1) * unit
            current = 0
        elif ch.isdigit():
            current = current * 10 + int(ch)
        else:
            return None
    return total + current


@dataclass(frozen=True)
class Style:
    name: str
    rank: int
    pattern: re.Pattern


@dataclass(frozen=True)
class _Rules:
    styles: tuple[Style, ...]
    label_followed_by: re.Pattern
    doc_type_end: re.Pattern
    issuing: re.Pattern
    masthead: re.Pattern
    doc_number: re.Pattern
    citation_open: str
    closing: tuple[re.Pattern, ...]
    heading_terminators: str
    heading_max_chars: int
    recipients_max_chars: int
    issuer_suffix: re.Pattern
    item_field_line: re.Pattern
    item_closing_assignment: re.Pattern


def _load() -> _Rules:
    numbering = load_rules(NUMBERING)
    styles = []
    for i, raw in enumerate(numbering.get("style") or []):
        if not {"name", "rank", "pattern"} <= raw.keys():
            raise RuleError(f"{NUMBERING}.toml: style[{i}] needs name, rank and pattern")
        pattern = compile_pattern(NUMBERING, f"style[{i}].pattern", raw["pattern"])
        if "num" not in pattern.groupindex:
            raise RuleError(f"{NUMBERING}.toml: style {raw['name']!r} has no (?P<num>…) group")
        styles.append(Style(raw["name"], int(raw["rank"]), pattern))
    s = load_rules(STRUCTURE)
    doc_types = sorted(require(s, STRUCTURE, "doc_types", list), key=len, reverse=True)
    suffixes = sorted(require(s, STRUCTURE, "issuer_suffixes", list), key=len, reverse=True)
    return _Rules(
        styles=tuple(styles),
        label_followed_by=compile_pattern(NUMBERING, "label_followed_by",
                                          require(numbering, NUMBERING, "label_followed_by", str)),
        doc_type_end=re.compile("(?:" + "|".join(map(re.escape, doc_types)) + r")[》”」）)]?$"),
        issuing=re.compile("(?:" + "|".join(require(s, STRUCTURE, "issuing_verbs", list)) + ")"),
        masthead=compile_pattern(STRUCTURE, "masthead", require(s, STRUCTURE, "masthead", str)),
        doc_number=compile_pattern(STRUCTURE, "doc_number", require(s, STRUCTURE, "doc_number", str)),
        citation_open=require(s, STRUCTURE, "citation_open", str),
        closing=tuple(compile_pattern(STRUCTURE, "closing_lines", p)
                      for p in require(s, STRUCTURE, "closing_lines", list)),
        heading_terminators=require(s, STRUCTURE, "heading_terminators", str),
        heading_max_chars=require(s, STRUCTURE, "heading_max_chars", int),
        recipients_max_chars=require(s, STRUCTURE, "recipients_max_chars", int),
        issuer_suffix=re.compile("(?:" + "|".join(map(re.escape, suffixes)) + ")$"),
        item_field_line=compile_pattern(STRUCTURE, "item_field_line", require(s, STRUCTURE, "item_field_line", str)),
        item_closing_assignment=compile_pattern(STRUCTURE, "item_closing_assignment",
                                                require(s, STRUCTURE, "item_closing_assignment", str)),
    )


@cache
def rules() -> _Rules:
    """The stage's rules, read and checked once."""
    return _load()


# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class ItemNode:
    part: int
    path: tuple[int, ...]
    label: str
    style: str
    heading: str | None
    start: int        # offset of the label
    text_start: int   # offset after the label
    end: int          # offset after the item's own text (children excluded)

    @property
    def depth(self) -> int:
        return len(self.path)


@dataclass(frozen=True)
class PartNode:
    title: Evidence | None
    start: int
    end: int


@dataclass(frozen=True)
class Skeleton:
    """What the structure stage found; offsets refer to ``cleaned.body``."""

    cleaned: Cleaned
    title_text: str | None = None
    title: Evidence | None = None
    issuer: Evidence | None = None
    doc_number: Evidence | None = None
    date: tuple[str, Evidence] | None = None
    published: str | None = None
    recipients: tuple[Unit, ...] = ()
    parts: tuple[PartNode, ...] = ()
    items: tuple[ItemNode, ...] = ()
    outside: tuple[tuple[int, int], ...] = ()   # body spans that belong to no item
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def body(self) -> str:
        return self.cleaned.body


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str


def lines_of(body: str) -> list[Line]:
    out, pos = [], 0
    for raw in body.split("\n"):
        out.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def _evidence(body: str, start: int, end: int) -> Evidence:
    return Evidence(text=body[start:end], start=start, end=end)


# ---------------------------------------------------------------------------------------------
# Labels


@dataclass(frozen=True)
class Label:
    style: Style
    number: int
    text: str   # the label as written, trailing space excluded
    end: int    # offset in the line after the label (and its spaces)


def match_label(line: str) -> Label | None:
    """The numbering label at the start of a line, if any.

    >>> match_label("（三）及时抓好春耕生产").text, match_label("1﹒切实抓好产业发展").number
    ('（三）', 1)
    >>> match_label("2020年是决胜之年") is None, match_label("1.5万元以下") is None
    (True, True)
    """
    r = rules()
    for style in r.styles:
        m = style.pattern.match(line)
        if not m:
            continue
        rest = line[m.end():]
        if not rest or not r.label_followed_by.match(rest):
            continue
        number = label_number(m.group("num"))
        if number is None or number == 0:
            continue
        return Label(style, number, line[:m.end()].rstrip(), m.end())
    return None


# A sibling may skip this many numbers (a typo, an item cut from a copy) and still count, when
# it is written in exactly the same style as the previous one.
MAX_SKIPPED = 2


class _Numbering:
    """The stack of open label styles within one part."""

    def __init__(self) -> None:
        self.stack: list[tuple[Style, int, tuple[int, ...]]] = []   # (style, number, path)
        self.last_number: dict[int, int] = {}                       # rank → last number seen

    def accept(self, label: Label) -> tuple[int, ...] | None:
        """The path of the label if it continues the numbering, else None."""
        rank = label.style.rank
        for depth, (style, number, path) in enumerate(self.stack):
            if style.rank == rank:
                skipped = style.name == label.style.name and number < label.number <= number + 1 + MAX_SKIPPED
                if label.number == number + 1 or label.number == self.last_number.get(rank, 0) + 1 or skipped:
                    new_path = path[:-1] + (label.number,)
                    del self.stack[depth:]
                    return self._push(label, new_path)
                if label.number == 1 and depth == len(self.stack) - 1 and style.name != label.style.name:
                    break  # a variant style restarting at 1 under the same parent: treat as child
                return None
        # a new, deeper level: close levels that rank at or below it
        while self.stack and self.stack[-1][0].rank >= rank:
            self.stack.pop()
        if label.number not in (1, self.last_number.get(rank, 0) + 1):
            return None
        parent = self.stack[-1][2] if self.stack else ()
        return self._push(label, parent + (label.number,))

    def _push(self, label: Label, path: tuple[int, ...]) -> tuple[int, ...]:
        self.stack.append((label.style, label.number, path))
        self.last_number[label.style.rank] = label.number
        return path


def heading_of(text: str) -> str | None:
    """The item's lead phrase: its first line when that is short and unpunctuated, else the
    words before the first 。/；/：.

    >>> heading_of("要抓好就近就地就业。有序推进扶贫车间"), heading_of("总体要求")
    ('要抓好就近就地就业', '总体要求')
    """
    r = rules()
    first_line = text.split("\n", 1)[0].strip()
    if not first_line:
        return None
    cut = min((first_line.find(ch) for ch in r.heading_terminators if ch in first_line), default=-1)
    if cut == -1:
        return first_line if len(first_line) <= r.heading_max_chars else None
    head = first_line[:cut].strip()
    return head if 0 < len(head) <= r.heading_max_chars else None


# ---------------------------------------------------------------------------------------------
# Dates

DATE = re.compile(
    r"(?P<y>\d{4}|[〇○零一二三四五六七八九ＯO]{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,4})\s*日")
DATE_LINE = re.compile(r"^[（(]?\s*" + DATE.pattern + r"\s*[）)]?$")


def parse_date(text: str) -> date | None:
    """An ISO date from 2020年3月2日 or 二〇二一年五月六日.

    >>> parse_date("二〇二一年五月六日"), parse_date("2020年3月2日")
    (datetime.date(2021, 5, 6), datetime.date(2020, 3, 2))
    """
    m = DATE.search(text)
    if not m:
        return None
    y, mo, d = (label_number(m.group(k)) if not m.group(k).isdigit() else int(m.group(k)) for k in "ymd")
    if y is None or mo is None or d is None:
        return None
    try:
        return date(y, mo, d)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# The document head


@dataclass
class _Head:
    title: tuple[int, int] | None = None
    title_lines: tuple[int, ...] = ()
    masthead_issuer: tuple[int, int] | None = None
    doc_number: tuple[int, int] | None = None
    recipients_line: int | None = None
    date_line: int | None = None   # （2021年5月6日） printed under the title
    end_line: int = 0   # first line after the head


TITLE_MIN_CHARS = 6   # 通知公告, 政策文件 are column names, not titles


def _looks_like_title(text: str) -> bool:
    r = rules()
    t = text.strip()
    if len(t) < TITLE_MIN_CHARS or len(t) > 200 or t.endswith(("：", ":", "。")):
        return False
    if "。" in t:
        return False
    return bool(r.doc_type_end.search(t)) or t.startswith("关于") or "关于" in t[:40]


def _is_label_line(text: str) -> bool:
    return match_label(text) is not None


def _find_head(lines: list[Line]) -> _Head:
    """Title, 版头, 文号 and recipients at the top of the body (before the first prose line)."""
    r = rules()
    head = _Head()
    limit = min(len(lines), 15)
    for i in range(limit):
        text = lines[i].text.strip()
        if not text:
            continue
        line = lines[i]
        if head.title is None:
            m = r.masthead.match(text)
            if m and not _looks_like_title(text):
                head.masthead_issuer = (line.start + m.start("issuer"), line.start + m.end("issuer"))
                continue
            m = r.doc_number.fullmatch(text)
            if m:
                head.doc_number = (line.start, line.end)
                continue
            if _looks_like_title(text) and not _is_label_line(text):
                head.title = (line.start, line.end)
                head.title_lines = (i,)
                # a title wrapped over two lines that the normalizer left apart
                if i + 1 < len(lines) and not r.doc_type_end.search(text) and r.doc_type_end.search(
                        lines[i + 1].text) and "。" not in lines[i + 1].text and len(lines[i + 1].text) < 60:
                    head.title = (line.start, lines[i + 1].end)
                    head.title_lines = (i, i + 1)
                head.end_line = max(head.title_lines) + 1
                continue
            if len(text) <= 80 and "。" not in text and not _is_label_line(text) and any(
                    _looks_like_title(ln.text) and not _is_label_line(ln.text) for ln in lines[i + 1:i + 4]):
                continue  # a site or column name above the real title ("政策文件")
            if i == 0 and len(text) <= 80 and "。" not in text and not _is_label_line(text):
                head.title = (line.start, line.end)  # a headline without a document type (news)
                head.title_lines = (i,)
                head.end_line = i + 1
                continue
            break
        if i in head.title_lines:
            continue
        if head.title and text == body_text(lines, head.title_lines):
            head.title_lines += (i,)  # the title printed twice (page heading and document title)
            head.end_line = i + 1
            continue
        m = r.doc_number.fullmatch(text)
        if m and head.doc_number is None:
            head.doc_number = (line.start, line.end)
            head.end_line = i + 1
            continue
        if DATE_LINE.match(text) and head.date_line is None:
            head.date_line = i
            head.end_line = i + 1
            continue
        if _is_recipients(text):
            head.recipients_line = i
            head.end_line = i + 1
        break
    if head.title is None:
        head.end_line = 0
    return head


def body_text(lines: list[Line], indexes: tuple[int, ...]) -> str:
    return "".join(lines[i].text.strip() for i in indexes[:1])


def _is_recipients(text: str) -> bool:
    r = rules()
    t = text.strip()
    if not t.endswith(("：", ":")) or len(t) > r.recipients_max_chars:
        return False
    if any(ch in t for ch in "。；？！"):
        return False
    return not _is_label_line(t) and not re.match(r"^(?:附件|主题词|抄送|联系人|电话)", t)


def _title_text(body: str, span: tuple[int, int]) -> str:
    """The title without site suffixes and line breaks."""
    text = body[span[0]:span[1]].replace("\n", "")
    for sep in (" - ", " _ ", "_", " | ", "|"):
        if sep in text:
            text = text.split(sep)[0]
    return text.strip()


def _issuer_from_title(title: str) -> str | None:
    """"凤城市扶贫开发领导小组关于…" → 凤城市扶贫开发领导小组; "…领导小组印发《…》" → …领导小组."""
    r = rules()
    m = re.match(r"^(?P<issuer>[\u4e00-\u9fff（）()、\s]{3,60}?)(?:关于|印发|转发|发布|颁布)", title)
    if m and r.issuer_suffix.search(m.group("issuer").strip()):
        return m.group("issuer").strip()
    return None


def _own_doc_number(lines: list[Line], head: _Head) -> tuple[int, int] | None:
    """The notice's own 文号: a line of its own near the head or signature, never a citation."""
    if head.doc_number:
        return head.doc_number
    r = rules()
    for line in lines[: head.end_line + 3]:
        m = r.doc_number.match(line.text.strip())
        if m and line.text.strip() == m.group(0):
            return line.start, line.end
    return None


def _signature(lines: list[Line], start_line: int, end_line: int) -> tuple[int | None, int | None]:
    """Indexes of the (issuer line, date line) closing a part, searching up from its end."""
    r = rules()
    for i in range(end_line - 1, max(start_line, end_line - 8) - 1, -1):
        text = lines[i].text.strip()
        if DATE_LINE.match(text):
            issuer = None
            if i > start_line:
                prev = lines[i - 1].text.strip()
                if len(prev) <= 60 and r.issuer_suffix.search(prev) and "。" not in prev:
                    issuer = i - 1
            return issuer, i
    return None, None


# ---------------------------------------------------------------------------------------------
# Parts


ATTACHMENT_LINE = re.compile(r"^附\s*件\s*[\d一二三四五六七八九十]{0,2}\s*[:：]?\s*$")


def _issued_titles(title: str) -> list[str]:
    """Titles of the documents a notice issues: the 《》 names in "印发《A》《B》的通知"."""
    r = rules()
    if not r.issuing.search(title):
        return []
    return [t for t in re.findall(r"《([^《》]{4,120})》", title)]


def _part_starts(lines: list[Line], head: _Head, title: str | None) -> list[int]:
    """Indexes of lines that start a further part (a document the notice issues or attaches)."""
    r = rules()
    names = {n.strip() for n in _issued_titles(title or "")}
    starts = []
    seen_signature = False
    for i in range(head.end_line, len(lines)):
        text = lines[i].text.strip()
        if not text:
            continue
        bare = text.strip("《》")
        if bare in names:
            starts.append(i)
            names.discard(bare)
            continue
        if DATE_LINE.match(text) or ATTACHMENT_LINE.match(text):
            seen_signature = True  # after the signature or an 附件 line a title starts a new document
            continue
        if seen_signature and _looks_like_title(text) and len(text) <= 80 and not _is_label_line(text) \
                and r.doc_type_end.search(text) and not text.startswith(("附件", "抄送")):
            starts.append(i)
            seen_signature = False
    return starts


# ---------------------------------------------------------------------------------------------
# The stage


def structure(cleaned: Cleaned) -> Skeleton:
    """Find the notice's metadata, parts and item tree in the cleaned body."""
    from .units import split_units

    r = rules()
    body = cleaned.body
    lines = lines_of(body)
    head = _find_head(lines)
    metadata = dict(cleaned.metadata)

    title_text = _title_text(body, head.title) if head.title else (metadata.get("title") or None)
    title_ev = None
    if head.title:
        # the evidence is the text as it stands in the body; the value drops line breaks and
        # site suffixes ("…的通知 - 通知公告")
        a, b = head.title
        found = body.find(title_text or "", a, b) if title_text else -1
        if found >= 0:
            a, b = found, found + len(title_text)
        title_ev = _evidence(body, a, b)

    part_starts = _part_starts(lines, head, title_text)
    part_bounds = []
    for k, line_index in enumerate([0] + part_starts):
        end_line = part_starts[k] if k < len(part_starts) else len(lines)
        part_bounds.append((line_index, end_line))
    parts: list[PartNode] = []
    for k, (a, b) in enumerate(part_bounds):
        start = lines[a].start if a < len(lines) else len(body)
        end = lines[b - 1].end if b - 1 < len(lines) and b > a else start
        ptitle = title_ev if k == 0 else _evidence(body, lines[a].start, lines[a].end)
        parts.append(PartNode(ptitle, start, end))

    # signature of part 0: issuer and signing date
    sig_issuer, sig_date = _signature(lines, head.end_line, part_bounds[0][1])

    items: list[ItemNode] = []
    closing_starts: list[int] = []
    for k, (a, b) in enumerate(part_bounds):
        first_line = head.end_line if k == 0 else a + 1
        if k == 0 and sig_date is not None:
            b_items = sig_issuer if sig_issuer is not None else sig_date
        else:
            s_issuer, s_date = _signature(lines, first_line, b)
            b_items = b if s_date is None else (s_issuer if s_issuer is not None else s_date)
        items.extend(_items_of_part(k, lines, first_line, b_items, body))
        if b_items < b:
            closing_starts.append(lines[b_items].start)

    items = _close_items(items, parts, closing_starts, lines, body)

    issuer_ev = None
    if head.masthead_issuer:
        issuer_ev = _evidence(body, *head.masthead_issuer)
    elif title_ev and title_text and _issuer_from_title(title_text):
        name = _issuer_from_title(title_text)
        pos = body.find(name, title_ev.start)
        issuer_ev = Evidence(text=name, start=pos, end=pos + len(name))
    elif sig_issuer is not None:
        ln = lines[sig_issuer]
        text = ln.text.strip()
        issuer_ev = Evidence(text=text, start=ln.start + ln.text.find(text), end=ln.start + ln.text.find(text) + len(text))

    number_span = _own_doc_number(lines, head)
    doc_number_ev = None
    if number_span:
        m = r.doc_number.search(body, number_span[0], number_span[1])
        if m:
            doc_number_ev = _evidence(body, m.start(), m.end())

    signing = None
    if sig_date is None:
        sig_date = head.date_line
    if sig_date is not None:
        ln = lines[sig_date]
        parsed = parse_date(ln.text)
        if parsed:
            m = DATE.search(body, ln.start, ln.end)
            signing = (parsed.isoformat(), _evidence(body, m.start(), m.end()))

    recipients: tuple[Unit, ...] = ()
    if head.recipients_line is not None:
        ln = lines[head.recipients_line]
        text = ln.text.rstrip().rstrip("：:")
        recipients = tuple(split_units(text, ln.start))

    header_spans = [s for s in (head.title, head.doc_number, head.masthead_issuer) if s]
    if head.recipients_line is not None:
        header_spans.append((lines[head.recipients_line].start, lines[head.recipients_line].end))
    outside = _outside(body, items, parts, header_spans)

    return Skeleton(
        cleaned=cleaned, title_text=title_text, title=title_ev, issuer=issuer_ev, doc_number=doc_number_ev, date=signing,
        published=metadata.get("published"), recipients=recipients, parts=tuple(parts),
        items=tuple(items), outside=outside, metadata=metadata,
    )


def _items_of_part(part: int, lines: list[Line], first: int, last: int, body: str) -> list[ItemNode]:
    numbering = _Numbering()
    found: list[ItemNode] = []
    for i in range(first, last):
        ln = lines[i]
        stripped = ln.text.lstrip()
        indent = len(ln.text) - len(stripped)
        label = match_label(stripped)
        if label is None:
            continue
        path = numbering.accept(label)
        if path is None:
            continue
        start = ln.start + indent
        found.append(ItemNode(part=part, path=path, label=label.text, style=label.style.name, heading=None,
                              start=start, text_start=start + label.end, end=-1))
    return found


def _close_items(items: list[ItemNode], parts: list[PartNode], closing_starts: list[int],
                 lines: list[Line], body: str) -> list[ItemNode]:
    """Give each item its end (the next item's label, its part's closing, or its part's end) and heading."""
    r = rules()
    closings = [ln.start for ln in lines if any(p.match(ln.text.strip()) for p in r.closing)]
    closed = []
    for k, item in enumerate(items):
        part_end = parts[item.part].end
        limits = [part_end] + [c for c in closing_starts if item.start < c <= part_end]
        if k + 1 < len(items) and items[k + 1].part == item.part:
            limits.append(items[k + 1].start)
        end = min(limits)
        # closing lines (特此通知, 附件：) inside the span end it too
        k_close = bisect.bisect_right(closings, item.text_start)
        if k_close < len(closings) and closings[k_close] < end:
            end = closings[k_close]
        end = _end_after_field_lines(body, item.text_start, end)
        end = _rstrip_offset(body, item.text_start, end)
        text = body[item.text_start:end]
        closed.append(ItemNode(item.part, item.path, item.label, item.style, heading_of(text),
                               item.start, item.text_start, end))
    return [_trim_closing_text(closed, k, body) for k in range(len(closed))]


def _trim_closing_text(items: list[ItemNode], k: int, body: str) -> ItemNode:
    """The last item of a part keeps only its first paragraph when every sibling is a single
    paragraph: the unnumbered paragraphs after it are the notice's closing text."""
    item = items[k]
    if k + 1 < len(items) and items[k + 1].part == item.part:
        return item
    siblings = [it for it in items[:k] if it.part == item.part and it.path[:-1] == item.path[:-1]]
    if len(siblings) < 2 or any("\n" in body[it.text_start:it.end] for it in siblings):
        return item
    first_line_end = body.find("\n", item.text_start, item.end)
    if first_line_end == -1:
        return item
    return ItemNode(item.part, item.path, item.label, item.style, item.heading, item.start, item.text_start,
                    first_line_end)


def _end_after_field_lines(body: str, start: int, end: int) -> int:
    """Where an item's field lines (牵头单位：…) or a closing assignment (…（XX负责）) are followed
    by more prose, the item ends after them."""
    r = rules()
    pos, seen_fields = start, False
    for raw in body[start:end].split("\n"):
        line_end = pos + len(raw)
        if r.item_field_line.match(raw.strip()) or r.item_closing_assignment.search(raw.strip()):
            seen_fields = True
        elif seen_fields and raw.strip():
            return pos
        pos = line_end + 1
    return end


def _rstrip_offset(body: str, start: int, end: int) -> int:
    while end > start and body[end - 1] in " \n\t":
        end -= 1
    return end


def _outside(body: str, items: list[ItemNode], parts: list[PartNode],
             header_spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Body spans covered by no item and no header line."""
    covered = sorted([(it.start, it.end) for it in items] + list(header_spans)
                     + [(p.title.start, p.title.end) for p in parts[1:] if p.title])
    spans, pos = [], 0
    for a, b in covered:
        if a > pos:
            spans.append((pos, a))
        pos = max(pos, b)
    if pos < len(body):
        spans.append((pos, len(body)))
    return tuple((a, b) for a, b in spans if body[a:b].strip())
