"""The document head: the lines above the first paragraph of the body — page furniture, the 版头
(某某文件), the 发文字号, a decree or promulgation heading, the title (maybe wrapped, maybe printed
twice, maybe with a 文号 or a remark in brackets after it), cover lines naming the issuers, a
date, a byline or an enactment note under the title, and the recipients (主送机关)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import date_line, find_date
from .labels import match_label, read_label
from .nodes import Line
from .rules import rules

HEAD_MAX_LINES = 40   # the head never runs longer; what follows is body
TITLE_MIN_CHARS = 6   # 通知公告, 政策文件 are column names, not titles
TITLE_MAX_CHARS = 200
WRAPPED_TITLE_MIN_CHARS = 8   # the first line of a wrapped title is a good part of it
ABOUT_TITLE_MAX_CHARS = 80   # a title without a document type (关于…) is short
HEADLINE_MAX_CHARS = 80
PROSE_MIN_CHARS = 60  # an unpunctuated line this long is a paragraph that lost its 。
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Found:
    """A value read from the body: the value, and the body span it was read from."""
    value: str
    start: int
    end: int


@dataclass
class Head:
    title: Found | None = None
    title_lines: tuple[int, ...] = ()
    issuer: Found | None = None      # 版头, decree, promulgation or enactment note
    cover_issuer: Found | None = None   # issuer lines on a cover, under or above the title
    doc_number: Found | None = None
    date: Found | None = None        # value is the ISO date
    byline_event: str | None = None  # the meeting of a report's byline
    recipients: Found | None = None
    decree_title: Found | None = None   # the document a decree heading names
    headline: Found | None = None    # the first line of the page (a news headline)
    field_title: Found | None = None  # 法规名称：… on a law page
    promulgated: Found | None = None  # 《某某条例》已经…通过 under a decree heading
    decree_issuer: Found | None = None  # the body whose decree (某某令) this is
    decree: bool = False             # a decree or promulgation heading opens the page
    end_line: int = 0                # first line after the head
    spans: tuple[tuple[int, int], ...] = ()   # head lines that belong to no item


def is_title_shape(text: str) -> bool:
    """One unpunctuated line of title length that ends with a document type or says 关于."""
    r = rules()
    t = text.strip()
    if not TITLE_MIN_CHARS <= len(t) <= TITLE_MAX_CHARS or t.endswith(("：", ":", "。")) or "。" in t:
        return False
    if not (r.doc_type_end.search(t) or ("关于" in t[:40] and len(t) <= ABOUT_TITLE_MAX_CHARS)):
        return False   # (asked first: most lines end with no document type)
    return not r.self_reference.search(t) and match_label(t) is None


def is_label_line(text: str) -> bool:
    return match_label(text) is not None


def is_recipients(text: str) -> bool:
    r = rules()
    t = text.strip()
    if not t.endswith(("：", ":")) or len(t) > r.recipients_max_chars:
        return False
    if any(ch in t for ch in "。；？！"):
        return False
    return not is_label_line(t) and not r.not_recipients.match(t)


def _is_prose(text: str) -> bool:
    return "。" in text or (len(text) >= PROSE_MIN_CHARS and not rules().doc_type_end.search(text))


def title_value(text: str) -> tuple[str, int, int]:
    """The title as a value: without a trailing remark or 文号 in brackets, without page suffixes;
    with its offsets within ``text``."""
    r = rules()
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    m = r.title_remark.search(text, start, end)
    if m and m.start() > start:
        end = m.start()
    for sep in (" - ", " _ ", " | "):
        cut = text.find(sep, start, end)
        if cut > start:
            end = cut
    value = text[start:end]
    return value.replace("\n", ""), start, end


def _org_line(text: str) -> bool:
    """A line of one or more names that can sign a notice, separated by spaces."""
    r = rules()
    parts = text.split()
    return bool(parts) and len(text) <= 120 and all(
        r.issuer_suffix.search(r.seal_by.sub("", p)) and not any(ch in p for ch in "，。；：:") for p in parts)


def _title_at(lines: list[Line], i: int, limit: int) -> tuple[int, ...] | None:
    """The lines of a title starting at line i: one line, or a title wrapped over two or three."""
    r = rules()
    text = lines[i].text.strip()
    if is_title_shape(text) and not _wraps_on(text, lines, i, limit):
        return (i,)
    if len(text) < WRAPPED_TITLE_MIN_CHARS:
        return None   # a column name above the title (通知公告), not its first half
    joined, indexes = text, [i]
    for j in range(i + 1, min(i + 3, limit)):
        nxt = lines[j].text.strip()
        if not nxt or len(nxt) > 60 or "。" in nxt or is_label_line(nxt) or is_recipients(nxt):
            break
        if is_title_shape(nxt) and not _continues(joined, nxt):
            break   # a title of its own under a site or column name
        joined += nxt
        indexes.append(j)
        if r.doc_type_end.search(joined) and is_title_shape(joined):
            return tuple(indexes)
    return (i,) if is_title_shape(text) else None


def _continues(text: str, nxt: str) -> bool:
    """The next line goes on with this one's title rather than starting its own."""
    return ("关于" in text or nxt.startswith(("的", "》", "之")) or text.count("《") > text.count("》")
            or text.count("（") > text.count("）"))


def _wraps_on(text: str, lines: list[Line], i: int, limit: int) -> bool:
    """A title that ends with an inner document type and goes on (…关于印发《某某方案》的 / 通知,
    …转发某某意见的 / 通知; 《 or （ left open)."""
    if i + 1 >= limit:
        return False
    nxt = lines[i + 1].text.strip()
    if not nxt or len(nxt) > 40 or "。" in nxt or not rules().doc_type_end.search(nxt):
        return False
    return nxt.startswith(("的", "》", "之")) or text.count("《") > text.count("》") or text.count("（") > text.count("）")


def find_head(lines: list[Line], start: int = 0) -> Head:
    """Title, issuer, 文号, date and recipients at the top of the body (from line ``start``)."""
    r = rules()
    head = Head()
    limit = min(len(lines), start + HEAD_MAX_LINES)
    candidates: list[tuple[tuple[int, ...], bool]] = []   # (title lines, after a 版头 or 文号)
    marks_seen = False    # a 版头 or a 文号 line: a title after it is the notice's own
    spans: list[tuple[int, int]] = []
    consumed = start - 1
    cover_lines: list[int] = []
    i = start
    while i < limit:
        line = lines[i]
        text = line.text.strip()
        if not text or not CJK.search(text) or r.head_meta_line.match(text):
            i += 1
            continue
        off = line.start + line.text.find(text)
        if head.headline is None and len(text) <= HEADLINE_MAX_CHARS and "。" not in text \
                and read_label(text) is None:   # 第1条 alone on its line opens the body, it heads nothing
            head.headline = Found(text, off, off + len(text))
        if _read_marks(head, lines, i, text, off):
            marks_seen = True
            spans.append((line.start, line.end))
            consumed = i
            i += 2 if head.doc_number and head.doc_number.end > line.end else 1
            continue
        if text.endswith(("：", ":")) and _read_field_on_next_line(head, lines, i):
            spans.append((line.start, lines[i + 1].end))
            consumed = i + 1
            i += 2
            continue
        m = r.head_title_line.match(text)
        if m and head.field_title is None:
            head.field_title = Found(m.group("title").strip(), off + m.start("title"), off + m.start("title") + len(m.group("title").strip()))
            spans.append((line.start, line.end))
            consumed = i
            i += 1
            continue
        if _read_under_title(head, text, off):
            spans.append((line.start, line.end))
            consumed = i
            i += 1
            continue
        if is_recipients(text):
            _read_recipients(head, text, off)
            spans.append((line.start, line.end))
            consumed = i
            break
        title = _title_at(lines, i, limit)
        if title is not None:
            joined = "".join(lines[k].text.strip() for k in title)
            repeated = any(joined == "".join(lines[k].text.strip() for k in c) for c, _ in candidates)
            if candidates and not repeated and not (marks_seen and not candidates[-1][1]):
                break   # a second, different title-like line: the body has begun (a part, a heading)
            if not repeated:
                candidates.append((title, marks_seen))
            consumed = max(title)
            i = max(title) + 1
            continue
        if _org_line(text) and (head.cover_issuer is None or cover_lines[-1] == i - 1):
            names = " ".join(r.seal_by.sub("", p) for p in text.split())
            if head.cover_issuer is not None:
                names = head.cover_issuer.value + " " + names
                off = head.cover_issuer.start
            head.cover_issuer = Found(names, off, line.start + line.text.find(text) + len(text))
            cover_lines.append(i)
            spans.append((line.start, line.end))
            if candidates:
                consumed = i
            i += 1
            continue
        if read_label(text) is not None or _is_prose(text):
            if head.decree and head.promulgated is None:
                m = r.promulgated_document.match(text)
                if m:   # the decree's sentence names the document it makes law
                    head.promulgated = Found(m.group("title"), off + m.start("title"), off + m.end("title"))
            break
        i += 1
    _choose_title(head, lines, candidates)
    if cover_lines and not (head.title and r.doc_type_end.search(head.title.value) and (
            cover_lines[0] == max(head.title_lines) + 1 or cover_lines[-1] == min(head.title_lines) - 1)):
        head.cover_issuer = None   # names on a cover sit right under (or above) a document's title
    head.spans = tuple(spans)
    found = (head.title, head.field_title, head.issuer, head.decree_issuer, head.doc_number, head.recipients, head.date)
    head.end_line = consumed + 1 if any(f is not None for f in found) else start
    return head


def is_masthead(text: str) -> bool:
    """某某省人民政府办公厅文件: a body's name, then 文件 (not a title ending with 通报)."""
    r = rules()
    m = r.masthead.match(text)
    return bool(m) and not is_title_shape(text) and bool(r.issuer_suffix.search(m.group("issuer").strip()))


def _read_marks(head: Head, lines: list[Line], i: int, text: str, off: int) -> bool:
    """版头, 文号, decree and promulgation headings; True when the line is one of them."""
    r = rules()
    may = r.may_match   # (a head line is tried against every heading pattern: most cannot match)
    m = r.masthead.match(text) if may["masthead"](text) else None
    if m and is_masthead(text) and head.issuer is None:
        head.issuer = Found(m.group("issuer").strip(), off + m.start("issuer"), off + m.end("issuer"))
        return True
    inner = text[1:-1].strip() if text[:1] in "（(" and text[-1:] in "）)" else text
    for key in ("doc_number", "paper_number"):
        # 某政发〔2025〕3号, also in brackets under the title
        m = getattr(r, key).fullmatch(inner) if may[key](inner) else None
        if m and head.doc_number is None:
            start = off + text.find(inner)
            head.doc_number = Found(re.sub(r"\s+", "", m.group("doc_number")), start, start + len(inner))
            return True
    if head.doc_number is None and i + 1 < len(lines):
        nxt = lines[i + 1].text.strip()
        m = r.doc_number.fullmatch(text + nxt) if nxt and len(text) < 20 and may["doc_number"](text + nxt) else None
        if m:   # a 文号 broken over two lines (黔府发 〔 / 2022〕8号)
            end = lines[i + 1].start + lines[i + 1].text.find(nxt) + len(nxt)
            head.doc_number = Found(re.sub(r"\s+", "", m.group("doc_number")), off, end)
            return True
    m = r.decree_line.match(text) if may["decree_line"](text) else None
    if m and ("号" in m.group("number") or not is_title_shape(text)):   # 某某令 (第N号), not …的命令
        head.decree = True
        if r.issuer_suffix.search(m.group("issuer")):
            head.decree_issuer = head.decree_issuer or Found(m.group("issuer"), off + m.start("issuer"),
                                                             off + m.end("issuer"))
        _read_heading_number(head, lines, i, m.group("number"), off + m.start("number"), off + m.end("number"))
        if m.group("title"):
            head.decree_title = Found(m.group("title"), off + m.start("title"), off + m.end("title"))
        return True
    m = r.promulgation_line.match(text) if may["promulgation_line"](text) else None
    if m and r.issuer_suffix.search(m.group("issuer")) and (
            "号" in m.group("number") or _number_follows(lines, i)):
        head.decree = True
        head.issuer = head.issuer or Found(m.group("issuer"), off + m.start("issuer"), off + m.end("issuer"))
        _read_heading_number(head, lines, i, m.group("number"), off, off + len(text))
        return True
    return False


def _number_follows(lines: list[Line], i: int) -> bool:
    return i + 1 < len(lines) and bool(rules().decree_number_line.match(lines[i + 1].text.strip()))


def _read_heading_number(head: Head, lines: list[Line], i: int, number: str, start: int, end: int) -> None:
    """The 文号 of a decree or promulgation heading, its 第N号 maybe on the next line."""
    if "号" not in number and _number_follows(lines, i):
        nxt = lines[i + 1].text.strip()
        number += nxt
        end = lines[i + 1].start + lines[i + 1].text.find(nxt) + len(nxt)
    if "号" in number and head.doc_number is None:
        head.doc_number = Found(re.sub(r"\s+", "", number), start, end)


def _read_under_title(head: Head, text: str, off: int) -> bool:
    """A date, a byline, an enactment note or a date field; True when the line is one of them."""
    r = rules()
    found = date_line(text)
    if found and head.date is None:
        _keep_date(head, found, off)
        return True
    m = r.byline.match(text) if r.may_match["byline"](text) else None
    if m:
        found = find_date(text, m.start("date"), m.end("date"))
        _keep_date(head, found, off)
        head.byline_event = m.group("event")
        return True
    m = r.enactment_note.match(text) if r.may_match["enactment_note"](text) else None
    if m:
        found = find_date(text, m.start("date"), m.end("date"))
        _keep_date(head, found, off)
        rest, base = m.group("rest"), off + m.start("rest")
        d = r.enactment_decree.search(rest)
        if d and r.issuer_suffix.search(d.group("issuer")):
            head.doc_number = head.doc_number or Found(re.sub(r"\s+", "", d.group("number")),
                                                       base + d.start("number"), base + d.end("number"))
            head.issuer = head.issuer or Found(d.group("issuer"), base + d.start("issuer"), base + d.end("issuer"))
        s = r.enactment_session.search(rest)
        if s and head.issuer is None:
            head.issuer = Found(s.group("place") + s.group("body"), base + s.start("place"), base + s.end("body"))
        return True
    m = r.head_date_line.match(text)
    if m:
        found = find_date(text, m.start("date"))
        _keep_date(head, found, off)
        return True
    return False


def _keep_date(head: Head, found: tuple[str, int, int] | None, offset: int) -> None:
    """The first date the head gives stays; ``found`` is (ISO date, start, end) within a line at ``offset``."""
    if found and head.date is None:
        head.date = Found(found[0], offset + found[1], offset + found[2])


def _read_field_on_next_line(head: Head, lines: list[Line], i: int) -> bool:
    """A law page's field label alone on its line (法规名称： / 修正日期：), its value on the next."""
    r = rules()
    if i + 1 >= len(lines):
        return False
    label, nxt_line = lines[i].text.strip(), lines[i + 1]
    value = nxt_line.text.strip()
    start = nxt_line.start + nxt_line.text.find(value)
    if value and r.head_title_line.match(label + value):
        head.field_title = head.field_title or Found(value, start, start + len(value))
        return True
    if value and r.head_date_line.match(label + value):
        found = find_date(value)
        _keep_date(head, found, start)
        return True
    return False


def _read_recipients(head: Head, text: str, off: int) -> None:
    r = rules()
    start, end = 0, len(text.rstrip("：: "))
    m = r.recipient_prefix.match(text)
    if m:
        start = m.end()
    m = r.recipient_honours.search(text)
    if m:
        end = min(end, m.start())
    head.recipients = Found(text[start:end], off + start, off + end)


def _choose_title(head: Head, lines: list[Line], candidates: list[tuple[tuple[int, ...], bool]]) -> None:
    """The notice's own title: the first candidate after a 版头 or 文号 when one comes before them
    (a page's heading above the masthead), else the first candidate."""
    if not candidates:
        return
    after_marks = [c for c, after in candidates if after]
    chosen = after_marks[0] if after_marks and any(not after for _, after in candidates) else candidates[0][0]
    first = lines[chosen[0]]
    value, a, b = title_value("\n".join(lines[k].text for k in chosen))
    head.title = Found(value, first.start + a, first.start + b)
    head.title_lines = chosen
    _read_title_number(head, lines, chosen)


def _read_title_number(head: Head, lines: list[Line], chosen: tuple[int, ...]) -> None:
    """A 文号 in brackets after the title (…的通知（银发〔2026〕42号）)."""
    r = rules()
    if head.doc_number is not None or head.title is None:
        return
    line = lines[chosen[-1]]
    m = r.doc_number.search(line.text, max(0, head.title.end - line.start))
    if m:
        head.doc_number = Found(re.sub(r"\s+", "", m.group("doc_number")), line.start + m.start(), line.start + m.end())
