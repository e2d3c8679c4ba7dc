"""Parts: the documents a notice issues (《…》 in 印发《A》的通知) or attaches after its signature."""
from __future__ import annotations

import re

from ..text.dates import DATE_LINE
from .head import Head, is_label_line, looks_like_title
from .nodes import Line
from .rules import rules



ATTACHMENT_LINE = re.compile(r"^附\s*件\s*[\d一二三四五六七八九十]{0,2}\s*[:：]?\s*$")


def _issued_titles(title: str) -> list[str]:
    """Titles of the documents a notice issues: the 《》 names in "印发《A》《B》的通知"."""
    r = rules()
    if not r.issuing.search(title):
        return []
    return [t for t in re.findall(r"《([^《》]{4,120})》", title)]


def part_starts(lines: list[Line], head: Head, title: str | None) -> list[int]:
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
        if seen_signature and looks_like_title(text) and len(text) <= 80 and not is_label_line(text) \
                and r.doc_type_end.search(text) and not text.startswith(("附件", "抄送")):
            starts.append(i)
            seen_signature = False
    return starts
