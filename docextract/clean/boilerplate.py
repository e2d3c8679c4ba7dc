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

from ..rules.boilerplate import boilerplate
from ..rules.doctypes import title_end
from ..text.dates import SIGNATURE_DATE_LINE
from ..text.textmap import TrackedText
from .lines import disclosure_of, dropped_by, info_of, is_content, is_org_line, is_prose, is_signature, page_title


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


def clean(normalized: TrackedText, container_metadata: dict[str, str] | None = None) -> Cleaned:
    """Remove boilerplate lines; return the body and the page metadata found."""
    r = boilerplate()
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
        found = disclosure_of(ln.text)
        if found is None:
            found = info_of(ln.text, r)
        if found is None:
            page = page_title(ln.text, texts, r)
            found = {"page_title": ln.text, "site": page[1]} if page else None
        if found is None:
            rule = dropped_by(ln.text, r)
            found = rule[1] if rule else None
        if found is not None:
            for key, value in found.items():
                metadata.setdefault(key, value)
            drop(i)

    _drop_tail_furniture(lines, keep, drop)
    _drop_next_document(lines, keep, drop)
    for key, value in (container_metadata or {}).items():
        metadata[key] = value  # what the container says (HTML meta, disclosure table) wins
    return Cleaned(normalized.replace_spans(_body_edits(normalized.text, lines, keep)), metadata, tuple(removed))


def _body_edits(text: str, lines: list[_Line], keep: list[bool]) -> list[tuple[int, int, str]]:
    """Deletions that leave the kept lines, stripped, one per line: dropped and blank lines with
    their newline, the space around kept lines, everything after the last kept line.  Adjacent
    deletions are merged, so the offset map gains one piece per run of removed lines."""
    last = max((i for i, k in enumerate(keep) if k), default=-1)
    if last < 0:
        return [(0, len(text), "")] if text else []
    spans = []
    for i, ln in enumerate(lines[:last + 1]):
        if not keep[i]:
            spans.append((ln.start, ln.end + 1))
            continue
        raw = text[ln.start:ln.end]
        lead = len(raw) - len(raw.lstrip())
        trail = len(raw) - len(raw.rstrip())
        if lead:
            spans.append((ln.start, ln.start + lead))
        if trail:
            spans.append((ln.end - trail, ln.end))
    if lines[last].end < len(text):
        spans.append((lines[last].end, len(text)))
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and merged[-1][1] == start:
            merged[-1][1] = end
        else:
            merged.append([start, end])
    return [(start, end, "") for start, end in merged]


def _drop_tail_furniture(lines, keep, drop) -> None:
    """After the last real sentence, short unpunctuated lines are furniture; the signature stays."""
    r = boilerplate()
    last_prose = next((i for i in range(len(lines) - 1, -1, -1) if keep[i] and is_content(lines[i].text, r)), None)
    if last_prose is None:
        return
    for i in range(last_prose + 1, len(lines)):
        text = lines[i].text
        if not keep[i] or is_signature(text) or text.startswith(("附件", "抄送", "（此件", "(此件")):
            continue
        if len(text) <= r.tail_furniture_max_chars and not is_prose(text, r):
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
        if is_org_line(lines[a].text) and SIGNATURE_DATE_LINE.match(lines[b].text):
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
