"""The notice's metadata from every source, in order of trust: what the body says (the head, the
signature), what it implies (the issuer in a title, in a decree's 文号, in a report's byline), and
what the page said about itself (``Cleaned.metadata``: <meta>, disclosure tables, front matter)
where the body says nothing.  A value read from the body keeps its span; one from the page
metadata has none (``Found`` with an empty span)."""
from __future__ import annotations


from .head import Found, Head
from .nodes import Line
from .rules import rules
from .signature import Signature

PAGE_TITLE_SEPARATORS = (" - ", " _ ", " | ", "_", "|", "-")
TITLE_ISSUER_MAX_OFFSET = 12   # 中国人民银行 before 人民银行: a short prefix only
PAGE_TITLE_MIN_CHARS = 4
SOURCE_ISSUER_MIN_CHARS = 4   # a body's name carries its place or parent (某市民政局)
NO_SPAN = -1   # the span of a value that the page's metadata gave, not the body


def _meta(value: str) -> Found:
    return Found(value, NO_SPAN, NO_SPAN)


def page_title(metadata: dict[str, str]) -> str | None:
    """The page's own title, without the site's name after it."""
    title = (metadata.get("title") or "").strip()
    if title:
        return title
    raw = (metadata.get("page_title") or "").strip()
    for sep in PAGE_TITLE_SEPARATORS:
        if sep in raw:
            raw = raw.split(sep)[0].strip()
            break
    return raw or None


def page_title_line(lines: list[Line], metadata: dict[str, str]) -> int | None:
    """The first line that starts with the page's own title."""
    meta = page_title(metadata)
    if not meta or len(meta) < PAGE_TITLE_MIN_CHARS:
        return None
    for k, line in enumerate(lines):
        if line.text.lstrip().startswith(meta):
            return k
    return None

def choose_title(head: Head, lines: list[Line], metadata: dict[str, str]) -> Found | None:
    """The head's title (or a law page's title field, a decree's document); else the page's title
    where a body line starts with it; else the page's first line (a headline) or the page's title
    as metadata."""
    for found in (head.title, head.field_title, head.decree_title, head.promulgated):
        if found is not None:
            return found
    meta = page_title(metadata)
    k = page_title_line(lines, metadata)
    if k is not None:
        start = lines[k].start + len(lines[k].text) - len(lines[k].text.lstrip())
        return Found(meta, start, start + len(meta))
    if head.headline is not None and not head.headline.value.endswith(("：", ":")):
        return head.headline
    return _meta(meta) if meta else None


def _issuer_in(title: Found, name: str, at: int) -> Found:
    if title.start < 0:
        return _meta(name)
    return Found(name, title.start + at, title.start + at + len(name))


def issuer_from_title(title: Found | None) -> Found | None:
    """某某市人民政府关于… → 某某市人民政府; 某市卫生健康委等4部门关于… → 某市卫生健康委."""
    if title is None:
        return None
    r = rules()
    m = r.joint_issuer_title.match(title.value) or r.title_issuer.match(title.value)
    if m and r.issuer_suffix.search(m.group("issuer").strip()):
        name = m.group("issuer").strip()
        return _issuer_in(title, name, title.value.find(name))
    m = r.submission_title.match(title.value)
    if m:   # the submitter, named by the grammar (X就…提交之意见书), not by its suffix
        return _issuer_in(title, m.group("issuer"), m.start("issuer"))
    return None


def issuer_from_number(number: Found | None, title: Found | None) -> Found | None:
    """A decree's 文号 names its issuer (人民银行〔2020〕5号令); a title that starts with a longer
    form of the name (中国人民银行…) gives that form."""
    if number is None:
        return None
    m = rules().number_issuer.match(number.value)
    if not m:
        return None
    name = m.group("issuer")
    if title is not None:
        at = title.value.find(name)
        if 0 <= at <= TITLE_ISSUER_MAX_OFFSET and rules().issuer_suffix.search(title.value[:at + len(name)]):
            return _issuer_in(title, title.value[:at + len(name)], 0)
    return _meta(name) if rules().issuer_suffix.search(name) else None


def issuer_from_byline(head: Head, title: Found | None) -> Found | None:
    """A government work report given to a people's congress: that place's government."""
    r = rules()
    if title is None or head.byline_event is None or not any(t in title.value for t in r.report_titles):
        return None
    m = r.enactment_session.search(head.byline_event)
    return _meta(m.group("place") + "人民政府") if m else None


def is_headline(title: Found | None, head: Head) -> bool:
    """A news report: a title with no document type and no 关于, and no 文号 or recipients."""
    r = rules()
    return (title is not None and not r.doc_type_end.search(title.value) and "关于" not in title.value
            and head.doc_number is None and head.recipients is None)


def choose_issuer(head: Head, signature: Signature | None, title: Found | None,
                  metadata: dict[str, str]) -> Found | None:
    """The issuer, by trust; none for a news report (SPEC) unless a 版头 or decree names one."""
    if is_headline(title, head):
        return _usual_name(head.issuer) if head.issuer else None
    for found in (head.issuer, issuer_from_title(title), issuer_from_number(head.doc_number, title),
                  issuer_from_byline(head, title), signature.issuer if signature else None, head.cover_issuer,
                  head.decree_issuer):
        if found is not None and found.value:
            return _usual_name(found)
    meta = (metadata.get("issuer") or "").strip()
    if meta:
        return _meta(meta)
    return source_issuer(metadata)


def source_issuer(metadata: dict[str, str]) -> Found | None:
    """A page's 来源 when it names one issuing body (a department publishing its own notice
    on a portal), not a newspaper or a site."""
    source = (metadata.get("source") or "").strip()
    r = rules()
    if len(source) < SOURCE_ISSUER_MIN_CHARS or source.startswith("本") or any(ch in source for ch in " ，、,;；/") \
            or not r.issuer_suffix.search(source):   # 本站, 本网: the site itself
        return None
    return _meta(source)


def _usual_name(found: Found) -> Found:
    """A national body without the state's name before it (中华人民共和国国务院 → 国务院)."""
    r = rules()
    m = r.state_prefix.match(found.value)
    if not m or not r.issuer_suffix.search(found.value[m.end():]):
        return found
    start = found.start + m.end() if found.start >= 0 else found.start
    return Found(found.value[m.end():], start, found.end)


def choose_doc_number(head: Head, metadata: dict[str, str]) -> Found | None:
    if head.doc_number is not None:
        return head.doc_number
    r = rules()
    meta = (metadata.get("doc_number") or "").strip()
    m = r.doc_number.search(meta) or r.paper_number.search(meta)
    return _meta(m.group("doc_number")) if m else None


def choose_date(head: Head, signature: Signature | None) -> Found | None:
    """The signing date: the signature's, else a date under the title (or in a byline or an
    enactment note)."""
    if signature is not None and signature.date is not None:
        return signature.date
    return head.date
