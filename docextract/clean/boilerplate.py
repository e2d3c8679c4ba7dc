"""Stage 3, clean: web boilerplate out, every sentence of the body kept, page metadata aside.

Works line by line on the normalized text (rules in ``rules/boilerplate.toml``):
metadata lines (发布时间/来源/阅读次数) are parsed, then dropped; breadcrumbs, share/print
links, related lists, copyright/ICP blocks, image names and spam lines are dropped; a page
title that repeats the notice title with a site suffix is dropped; after the last real
sentence, short unpunctuated page furniture is dropped while the signature (issuer, date)
stays.  The body keeps one line per paragraph, without indentation or blank lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..errors import RuleError
from ..rules import compile_pattern, load_rules, require
from ..rules.disclosure import disclosure_labels
from ..rules.doctypes import title_end
from ..rules.labels import label_start
from ..rules.orgs import signer_end
from ..text.dates import SIGNATURE_DATE_LINE, iso_date
from ..text.textmap import TrackedText

RULES = "boilerplate"


@dataclass(frozen=True)
class Cleaned:
    """The body (offset-tracked) and what the page said about itself."""

    text: TrackedText
    metadata: dict[str, str] = field(default_factory=dict)
    removed: tuple[str, ...] = ()

    @property
    def body(self) -> str:
        return self.text.text


@dataclass(frozen=True)
class _Rules:
    metadata_lines: tuple[re.Pattern, ...]
    attachment_lines: tuple[re.Pattern, ...]
    drop_lines: tuple[re.Pattern, ...]
    drop_any: re.Pattern  # the drop_lines as one alternation: one search per line
    repeated_phrase: re.Pattern
    page_title_separators: tuple[str, ...]
    tail_furniture_max_chars: int
    sentence_final: str
    disclosure_labels: dict[str, str]
    disclosure_start: re.Pattern


def _load() -> _Rules:
    rules = load_rules(RULES)
    disclosure = disclosure_labels()

    def patterns(key: str) -> tuple[re.Pattern, ...]:
        return tuple(compile_pattern(RULES, key, p) for p in require(rules, RULES, key, list))

    return _Rules(
        metadata_lines=patterns("metadata_lines"),
        attachment_lines=patterns("attachment_lines"),
        drop_lines=patterns("drop_lines"),
        drop_any=re.compile("|".join(f"(?:{p})" for p in require(rules, RULES, "drop_lines", list))),
        repeated_phrase=compile_pattern(RULES, "repeated_phrase", require(rules, RULES, "repeated_phrase", str)),
        page_title_separators=tuple(require(rules, RULES, "page_title_separators", list)),
        tail_furniture_max_chars=require(rules, RULES, "tail_furniture_max_chars", int),
        sentence_final=require(rules, RULES, "sentence_final", str),
        disclosure_labels=dict(disclosure),
        disclosure_start=re.compile(r"^(?:" + "|".join(map(re.escape, disclosure)) + r")[:：]"),
    )


@cache
def rules() -> _Rules:
    """The stage's rules, read and checked once."""
    return _load()


# A line that is only a name (a signature's issuer): CJK, brackets, 、 and spaces.
NAME_LINE = re.compile(r"^[\u4e00-\u9fff（）()、\s]{2,40}$")


def _is_org_line(line: str) -> bool:
    return bool(NAME_LINE.match(line)) and bool(signer_end().search(line))


@dataclass(frozen=True)
class _Line:
    start: int  # offset of the first character of the line
    end: int    # offset of the newline (or the text end)
    text: str   # stripped


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append(_Line(pos, pos + len(raw), raw.strip()))
        pos += len(raw) + 1
    return out


def _metadata_of(line: str, r: _Rules) -> dict[str, str] | None:
    """Page metadata a line carries, or None when it is not a metadata line."""
    for pattern in r.metadata_lines:
        m = pattern.match(line)
        if m and any(m.groupdict().values()) or (m and re.search(r"(?:阅读|点击|浏览)(?:次数|量)", line)):
            found = {}
            published = m.group("published")
            if published and iso_date(published):
                found["published"] = iso_date(published)
            source = (m.groupdict().get("source") or m.groupdict().get("source2") or "").strip()
            if source:
                found["source"] = source
            return found
    return None


def _attachment_of(line: str, r: _Rules) -> dict[str, str] | None:
    for pattern in r.attachment_lines:
        m = pattern.match(line)
        if m:
            return {"doc_number": m.group("doc_number")} if m.group("doc_number") else {}
    return None


# Boilerplate shows itself early in a line (版权所有…, 当前位置…, 京ICP备…); searching only the head
# of long prose lines keeps cleaning linear in the number of lines, not characters.
DROP_SEARCH_CHARS = 60


def _disclosure_of(line: str, r: _Rules) -> dict[str, str] | None:
    """"索引号：… 发文机关：… 成文日期：…" (one label or several on a line) → metadata."""
    compact = re.sub(r"[ \t\u3000]+", "", line)
    if not r.disclosure_start.match(compact):
        return None
    labels = "|".join(map(re.escape, r.disclosure_labels))
    found = {}
    for m in re.finditer(rf"({labels})[:：](.*?)(?=(?:{labels})[:：]|$)", compact):
        key, value = r.disclosure_labels[m.group(1)], m.group(2).strip()
        if key in ("date", "published"):
            value = iso_date(value) or ""
        if value:
            found.setdefault(key, value)
    return found


def _is_dropped(line: str, r: _Rules) -> bool:
    return bool(r.drop_any.search(line, 0, DROP_SEARCH_CHARS)) or bool(r.repeated_phrase.match(line))


def _page_title(line: str, others: set[str], r: _Rules) -> tuple[str, str] | None:
    """``(title, suffix)`` when the line is "<a line of the body> - 栏目 - 站点"."""
    for sep in r.page_title_separators:
        if sep in line:
            head, _, tail = line.partition(sep)
            head = head.strip()
            if head != line and head in others and tail.strip():
                return head, tail.strip()
    return None


CJK = re.compile(r"[\u4e00-\u9fff]")


def _is_prose(line: str, r: _Rules) -> bool:
    return line.endswith(tuple(r.sentence_final)) and bool(CJK.search(line))


FIELD_LINE = re.compile(r"^[\u4e00-\u9fff]{2,6}[:：]\S")


def _is_content(line: str, r: _Rules) -> bool:
    """Prose, a numbered heading or a field line (牵头单位：…): the notice is still going on."""
    return _is_prose(line, r) or bool(label_start().match(line) or FIELD_LINE.match(line))


def _is_signature(line: str) -> bool:
    return bool(SIGNATURE_DATE_LINE.match(line) or _is_org_line(line))


def clean(normalized: TrackedText, container_metadata: dict[str, str] | None = None) -> Cleaned:
    """Remove boilerplate lines; return the body and the page metadata found."""
    r = rules()
    metadata: dict[str, str] = {}
    lines = _lines(normalized.text)
    texts = {ln.text for ln in lines if ln.text}
    keep = [bool(ln.text) for ln in lines]
    removed: list[str] = []

    def drop(i: int) -> None:
        keep[i] = False
        removed.append(lines[i].text)

    for i, ln in enumerate(lines):
        if not keep[i]:
            continue
        found = _disclosure_of(ln.text, r)
        if found is None:
            found = _metadata_of(ln.text, r)
        if found is None:
            found = _attachment_of(ln.text, r)
            if found is not None:
                found = {f"attachment_{k}": v for k, v in found.items()}
        if found is not None:
            for key, value in found.items():
                metadata.setdefault(key, value)
            drop(i)
        elif _is_dropped(ln.text, r):
            drop(i)
        else:
            page = _page_title(ln.text, texts, r)
            if page:
                metadata.setdefault("page_title", ln.text)
                metadata.setdefault("site", page[1])
                drop(i)

    _drop_tail_furniture(lines, keep, drop, r)
    _drop_next_document(lines, keep, drop)
    for key, value in (container_metadata or {}).items():
        metadata[key] = value  # what the container says (HTML meta, disclosure table) wins

    edits = []
    for i, ln in enumerate(lines):
        line_end = min(ln.end + 1, len(normalized.text))
        if not keep[i]:
            edits.append((ln.start, line_end, ""))
            continue
        raw = normalized.text[ln.start:ln.end]
        lead = len(raw) - len(raw.lstrip())
        trail = len(raw) - len(raw.rstrip())
        if lead:
            edits.append((ln.start, ln.start + lead, ""))
        if trail:
            edits.append((ln.end - trail, ln.end, ""))
    body = normalized.replace_spans(edits)
    body = _strip_final_newline(body)
    return Cleaned(body, metadata, tuple(removed))


def _drop_tail_furniture(lines, keep, drop, r: _Rules) -> None:
    """After the last real sentence, short unpunctuated lines are furniture; the signature stays."""
    last_prose = max((i for i, ln in enumerate(lines) if keep[i] and _is_content(ln.text, r)), default=None)
    if last_prose is None:
        return
    for i in range(last_prose + 1, len(lines)):
        text = lines[i].text
        if not keep[i] or _is_signature(text) or text.startswith(("附件", "抄送", "（此件", "(此件")):
            continue
        if len(text) <= r.tail_furniture_max_chars and not _is_prose(text, r):
            drop(i)


TITLE_SHAPE = re.compile(r"^[^。；，]{4,80}$")   # a title: one short unpunctuated line
ISSUES_DOCUMENTS = re.compile(r"印发|转发|发布|颁布|附件")


def _drop_next_document(lines, keep, drop) -> None:
    """A page sometimes ends with the start of the next notice (a preview, a "next article"
    block): after the signature, a new title that this notice neither issues nor attaches ends
    the body."""
    kept = [i for i, ln in enumerate(lines) if keep[i]]
    signature = None
    for a, b in zip(kept, kept[1:]):
        if _is_org_line(lines[a].text) and SIGNATURE_DATE_LINE.match(lines[b].text):
            signature = b
    if signature is None:
        return
    before = "\n".join(lines[i].text for i in kept if i <= signature)
    if ISSUES_DOCUMENTS.search(before):
        return  # the notice issues or attaches documents: what follows is theirs
    after = [i for i in kept if i > signature]
    for k, i in enumerate(after):
        if TITLE_SHAPE.match(lines[i].text) and title_end().search(lines[i].text) and not lines[i].text.startswith(("附件", "抄送")):
            for j in after[k:]:
                drop(j)
            return


def _strip_final_newline(body: TrackedText) -> TrackedText:
    text = body.text
    stripped = text.rstrip("\n")
    if len(stripped) == len(text):
        return body
    return body.replace_spans([(len(stripped), len(text), "")])
