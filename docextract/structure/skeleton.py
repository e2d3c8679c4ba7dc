"""Stage 4, structure: title, issuer, 发文字号, dates, recipients, parts and the item tree.

Works on the cleaned body, one paragraph per line.  Items follow GB/T 9704 levels (一、 / （一） /
1. / （1）) and regulation levels (第X章 / 第X节 / 第X条); see ``labels`` for how nesting is
decided, ``head`` for the metadata, ``parts`` for issued and attached documents."""
from __future__ import annotations

from ..clean import Cleaned
from ..models import Evidence
from ..text.dates import DATE, parse_date
from .head import find_head, issuer_from_title, own_doc_number, find_signature, clean_title
from .nodes import ItemNode, PartNode, Skeleton, evidence_at, lines_of
from .outline import close_items, items_of_part, outside_spans
from .parts import part_starts
from .rules import rules



def structure(cleaned: Cleaned) -> Skeleton:
    """Find the notice's metadata, parts and item tree in the cleaned body."""
    r = rules()
    body = cleaned.body
    lines = lines_of(body)
    head = find_head(lines)
    metadata = dict(cleaned.metadata)

    title_text = clean_title(body, head.title) if head.title else (metadata.get("title") or None)
    title_ev = None
    if head.title:
        # the evidence is the text as it stands in the body; the value drops line breaks and
        # site suffixes ("…的通知 - 通知公告")
        a, b = head.title
        found = body.find(title_text or "", a, b) if title_text else -1
        if found >= 0:
            a, b = found, found + len(title_text)
        title_ev = evidence_at(body, a, b)

    starts = part_starts(lines, head, title_text)
    part_bounds = []
    for k, line_index in enumerate([0] + starts):
        end_line = starts[k] if k < len(starts) else len(lines)
        part_bounds.append((line_index, end_line))
    parts: list[PartNode] = []
    for k, (a, b) in enumerate(part_bounds):
        start = lines[a].start if a < len(lines) else len(body)
        end = lines[b - 1].end if b - 1 < len(lines) and b > a else start
        ptitle = title_ev if k == 0 else evidence_at(body, lines[a].start, lines[a].end)
        parts.append(PartNode(ptitle, start, end))

    # signature of part 0: issuer and signing date
    sig_issuer, sig_date = find_signature(lines, head.end_line, part_bounds[0][1])

    items: list[ItemNode] = []
    closing_starts: list[int] = []
    for k, (a, b) in enumerate(part_bounds):
        first_line = head.end_line if k == 0 else a + 1
        if k == 0 and sig_date is not None:
            b_items = sig_issuer if sig_issuer is not None else sig_date
        else:
            s_issuer, s_date = find_signature(lines, first_line, b)
            b_items = b if s_date is None else (s_issuer if s_issuer is not None else s_date)
        items.extend(items_of_part(k, lines, first_line, b_items, body))
        if b_items < b:
            closing_starts.append(lines[b_items].start)

    items = close_items(items, parts, closing_starts, lines, body)

    issuer_ev = None
    if head.masthead_issuer:
        issuer_ev = evidence_at(body, *head.masthead_issuer)
    elif title_ev and title_text and issuer_from_title(title_text):
        name = issuer_from_title(title_text)
        pos = body.find(name, title_ev.start)
        issuer_ev = Evidence(text=name, start=pos, end=pos + len(name))
    elif sig_issuer is not None:
        ln = lines[sig_issuer]
        text = ln.text.strip()
        issuer_ev = Evidence(text=text, start=ln.start + ln.text.find(text), end=ln.start + ln.text.find(text) + len(text))

    number_span = own_doc_number(lines, head)
    doc_number_ev = None
    if number_span:
        m = r.doc_number.search(body, number_span[0], number_span[1])
        if m:
            doc_number_ev = evidence_at(body, m.start(), m.end())

    signing = None
    if sig_date is None:
        sig_date = head.date_line
    if sig_date is not None:
        ln = lines[sig_date]
        parsed = parse_date(ln.text)
        if parsed:
            m = DATE.search(body, ln.start, ln.end)
            signing = (parsed.isoformat(), evidence_at(body, m.start(), m.end()))

    recipients = None
    if head.recipients_line is not None:
        ln = lines[head.recipients_line]
        text = ln.text.rstrip().rstrip("：:")
        recipients = evidence_at(body, ln.start, ln.start + len(text))

    header_spans = [s for s in (head.title, head.doc_number, head.masthead_issuer) if s]
    if head.recipients_line is not None:
        header_spans.append((lines[head.recipients_line].start, lines[head.recipients_line].end))
    outside = outside_spans(body, items, parts, header_spans)

    return Skeleton(
        cleaned=cleaned, title_text=title_text, title=title_ev, issuer=issuer_ev, doc_number=doc_number_ev, date=signing,
        published=metadata.get("published"), recipients=recipients, parts=tuple(parts),
        items=tuple(items), outside=outside, metadata=metadata,
    )
