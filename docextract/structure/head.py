"""The document head and signature: title, 版头 issuer, 发文字号, a date under the title,
recipients (主送机关), and the issuer/date lines that close a part."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.dates import DATE_LINE
from .labels import match_label
from .nodes import Line
from .rules import rules



@dataclass
class Head:
    title: tuple[int, int] | None = None
    title_lines: tuple[int, ...] = ()
    masthead_issuer: tuple[int, int] | None = None
    doc_number: tuple[int, int] | None = None
    recipients_line: int | None = None
    date_line: int | None = None   # （2021年5月6日） printed under the title
    end_line: int = 0   # first line after the head


TITLE_MIN_CHARS = 6   # 通知公告, 政策文件 are column names, not titles


def looks_like_title(text: str) -> bool:
    r = rules()
    t = text.strip()
    if len(t) < TITLE_MIN_CHARS or len(t) > 200 or t.endswith(("：", ":", "。")):
        return False
    if "。" in t:
        return False
    return bool(r.doc_type_end.search(t)) or t.startswith("关于") or "关于" in t[:40]


def is_label_line(text: str) -> bool:
    return match_label(text) is not None


def find_head(lines: list[Line]) -> Head:
    """Title, 版头, 文号 and recipients at the top of the body (before the first prose line)."""
    r = rules()
    head = Head()
    limit = min(len(lines), 15)
    for i in range(limit):
        text = lines[i].text.strip()
        if not text:
            continue
        line = lines[i]
        if head.title is None:
            m = r.masthead.match(text)
            if m and not looks_like_title(text):
                head.masthead_issuer = (line.start + m.start("issuer"), line.start + m.end("issuer"))
                continue
            m = r.doc_number.fullmatch(text)
            if m:
                head.doc_number = (line.start, line.end)
                continue
            if looks_like_title(text) and not is_label_line(text):
                head.title = (line.start, line.end)
                head.title_lines = (i,)
                # a title wrapped over two lines that the normalizer left apart
                if i + 1 < len(lines) and not r.doc_type_end.search(text) and r.doc_type_end.search(
                        lines[i + 1].text) and "。" not in lines[i + 1].text and len(lines[i + 1].text) < 60:
                    head.title = (line.start, lines[i + 1].end)
                    head.title_lines = (i, i + 1)
                head.end_line = max(head.title_lines) + 1
                continue
            if len(text) <= 80 and "。" not in text and not is_label_line(text) and any(
                    looks_like_title(ln.text) and not is_label_line(ln.text) for ln in lines[i + 1:i + 4]):
                continue  # a site or column name above the real title ("政策文件")
            if i == 0 and len(text) <= 80 and "。" not in text and not is_label_line(text):
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
    return not is_label_line(t) and not re.match(r"^(?:附件|主题词|抄送|联系人|电话)", t)


def clean_title(body: str, span: tuple[int, int]) -> str:
    """The title without site suffixes and line breaks."""
    text = body[span[0]:span[1]].replace("\n", "")
    for sep in (" - ", " _ ", "_", " | ", "|"):
        if sep in text:
            text = text.split(sep)[0]
    return text.strip()


def issuer_from_title(title: str) -> str | None:
    """"凤城市扶贫开发领导小组关于…" → 凤城市扶贫开发领导小组; "…领导小组印发《…》" → …领导小组."""
    r = rules()
    m = re.match(r"^(?P<issuer>[\u4e00-\u9fff（）()、\s]{3,60}?)(?:关于|印发|转发|发布|颁布)", title)
    if m and r.issuer_suffix.search(m.group("issuer").strip()):
        return m.group("issuer").strip()
    return None


def own_doc_number(lines: list[Line], head: Head) -> tuple[int, int] | None:
    """The notice's own 文号: a line of its own near the head or signature, never a citation."""
    if head.doc_number:
        return head.doc_number
    r = rules()
    for line in lines[: head.end_line + 3]:
        m = r.doc_number.match(line.text.strip())
        if m and line.text.strip() == m.group(0):
            return line.start, line.end
    return None


def find_signature(lines: list[Line], start_line: int, end_line: int) -> tuple[int | None, int | None]:
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
