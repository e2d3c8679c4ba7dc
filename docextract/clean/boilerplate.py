"""Stage 3, clean: web boilerplate out, every sentence of the body kept, page metadata aside.

Works line by line on the normalized text (rules in ``rules/boilerplate.toml``, read through
``rules.boilerplate``):

- page metadata is read, then the line dropped: the gov.cn disclosure block (索引号：…, also with
  each value on the line after its label), the info bar (发布时间/来源/阅读次数), and what a
  [[line]] rule keeps through its named groups (export headers, a link to the original, a date
  stamp, the 版记's printing date);
- every other [[line]] rule drops its line: navigation, site words, page tools, footers, clipping
  and OCR notes, transcript time marks, the 版记's distribution list (over its lines) …;
- a page title that repeats a line of the body with a site suffix is dropped;
- after the last real sentence, short unpunctuated page furniture is dropped while the signature
  (issuer, date) stays, and the start of the next notice on a page ends the body.

The body keeps one line per paragraph, without indentation or blank lines.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from functools import cache
from itertools import accumulate, compress, repeat
from operator import add, contains, getitem, ne, not_, or_
from dataclasses import dataclass, field

from ..rules.boilerplate import LEFTOVER_MARKS, Boilerplate, bare, boilerplate
from ..rules.prefilter import CharMemo, may_match_at_start, may_start_with
from ..rules.doctypes import title_end
from ..rules.labels import label_start
from ..text.dates import SIGNATURE_DATE_LINE
from ..text.textmap import TrackedText
from ..rules.disclosure import disclosure_labels
from .doubled import collapse_doubled_lines
from .lines import (LABEL_LINE_MAX, disclosure_label, disclosure_of, disclosure_start, glued_to_prose, disclosure_value,
                    dropped_by, info_of, is_content, is_org_line, is_prose, is_signature, page_title)


@dataclass(frozen=True)
class Cleaned:
    """The body (offset-tracked) and what the page said about itself."""

    text: TrackedText
    metadata: dict[str, str] = field(default_factory=dict)
    removed: tuple[str, ...] = ()

    @property
    def body(self) -> str:
        return self.text.text


class _Page:
    """The lines of the normalized text as parallel lists (no object per line: a 10 MB page has
    hundreds of thousands of lines, and per-line objects would make the garbage collector's
    work grow faster than the text)."""

    def __init__(self, text: str):
        self.text = text
        raws = text.split("\n")
        widths = list(map(len, raws))
        # (built with map over builtins: no Python frame per line)
        # (operator.add, not (1).__add__: a method-wrapper builds an argument tuple per call)
        self.starts: list[int] = list(accumulate(map(add, widths, repeat(1)), initial=0))  # each line's first character
        self.starts.pop()   # (the start of a line after the last)
        self.ends: list[int] = list(map(add, self.starts, widths))  # its newline, or the text's end
        self.lines: list[str] = list(map(str.strip, raws))   # each line, stripped
        self.padded: list[bool] = list(map(ne, map(len, self.lines), widths))   # strip took white space off
        self.keep = list(map(bool, self.lines))
        self.removed: list[str] = []

    def readable(self, r: Boilerplate) -> list[int]:
        """The lines a reader of page metadata or a boilerplate rule may fire on, in order: those
        holding a string one needs inside the line (a gated rule's string, a separator, white
        space: found in one scan of the text, since none spans a line break), a start the info
        bar, an anchored rule or a disclosure field (label and colon) may match, or a disclosure
        label alone.  Most lines of a notice are none of these, and no reader is asked about them;
        the starts are first told apart by their first character (``may_match_at_start``)."""
        text, starts, ends = self.text, self.starts, self.ends
        inside = set()
        search = r.any_inside.search
        found = search(text)
        while found:
            k = bisect_right(starts, found.start()) - 1
            inside.add(k)
            found = search(text, ends[k] + 1)
        labels = disclosure_labels()
        may_start, start = _start_tests()
        disclosure = disclosure_start().match
        lines = self.lines
        readable = [i for i in inside if lines[i]]
        # most lines are decided by their first character alone: in maps, no Python loop over them
        opening = compress(range(len(lines)), map(_line_openings().__getitem__, map(getitem, lines, repeat(FIRST))))
        for i in opening:
            if i in inside:
                continue
            line = lines[i]
            head = line if line[0] not in LEFTOVER_MARKS else bare(line)
            if may_start(head) and start(head) or head is not line and disclosure(line) \
                    or len(line) <= LABEL_LINE_MAX and line in labels:
                readable.append(i)
        readable.sort()
        return readable

    def drop(self, i: int) -> None:
        self.keep[i] = False
        self.removed.append(self.lines[i])

    def kept(self) -> list[int]:
        return list(compress(range(len(self.keep)), self.keep))

    def body_edits(self) -> list[tuple[int, int, str]]:
        """Deletions that leave the kept lines, stripped, one per line: dropped and blank lines
        with their newline, the space around kept lines, everything after the last kept line.
        Adjacent deletions are merged: the offset map gains one piece per run of removed lines."""
        text, starts, ends, keep = self.text, self.starts, self.ends, self.keep
        last = next((i for i in range(len(keep) - 1, -1, -1) if keep[i]), -1)
        if last < 0:
            return [(0, len(text), "")] if text else []
        cut_starts: list[int] = []  # runs of deleted characters, as two lists of offsets
        cut_ends: list[int] = []

        def delete(start: int, end: int) -> None:
            if cut_ends and cut_ends[-1] == start:
                cut_ends[-1] = end
            else:
                cut_starts.append(start)
                cut_ends.append(end)

        # the lines with something to delete: dropped, or kept with white space around them (most
        # lines have none: normalize took the indentation), picked in maps
        for i in compress(range(last + 1), map(or_, map(not_, keep), self.padded)):
            if not keep[i]:
                delete(starts[i], ends[i] + 1)
                continue
            raw = text[starts[i]:ends[i]]
            lead = len(raw) - len(raw.lstrip())
            trail = len(raw) - len(raw.rstrip())
            if lead:
                delete(starts[i], starts[i] + lead)
            if trail:
                delete(ends[i] - trail, ends[i])
        if ends[last] < len(text):
            delete(ends[last], len(text))
        return [(start, end, "") for start, end in zip(cut_starts, cut_ends)]


def clean(normalized: TrackedText, container_metadata: dict[str, str] | None = None) -> Cleaned:
    """Remove boilerplate lines; return the body and the page metadata found."""
    r = boilerplate()
    metadata: dict[str, str] = {}
    page = _Page(normalized.text)
    lines, keep = page.lines, page.keep
    texts = _TitleHeads(page.text, lines, r)
    distribution: list[int] = []  # lines of the 版记's distribution list (抄送：…)
    counted: dict[str, tuple[int, list[int]]] = {}  # rule → (its min_lines, the lines it fired on)
    for i in page.readable(r):
        if not keep[i]:
            continue
        line = lines[i]
        found = disclosure_of(line)
        if found is not None and glued_to_prose(line):
            for key, value in found.items():  # a copy glued the block to a sentence: read it, keep the line
                metadata.setdefault(key, value)
            continue
        if not found and (key := disclosure_label(line)):
            found = _value_below(page, i, key)
        if found is None:
            found = info_of(line, r)
        if found is None:
            title = page_title(line, texts, r)
            found = {"page_title": line, "site": title[1]} if title else None
        if found is None:
            rule = dropped_by(line, r)
            found = rule[1] if rule else None
            if rule and rule[0] == DISTRIBUTION_RULE:
                distribution.append(i)
            if rule and rule[2] > 1:  # dropped only if the rule fires often enough: decided below
                counted.setdefault(rule[0], (rule[2], []))[1].append(i)
                continue
        if found is not None:
            for key, value in found.items():
                metadata.setdefault(key, value)
            page.drop(i)

    for least, fired in counted.values():
        if len(fired) >= least:
            for i in fired:
                page.drop(i)
    _drop_distribution_lists(page, distribution)
    _drop_head_menus(page)
    _drop_tail_furniture(page)
    _drop_next_document(page)
    for key, value in (container_metadata or {}).items():
        metadata[key] = value  # what the container says (HTML meta, disclosure table) wins
    # the body is the kept lines, stripped, one per line (body_edits): the doubled lines are
    # looked for in them without splitting the body again
    body = normalized.replace_spans(page.body_edits())
    return Cleaned(collapse_doubled_lines(body, list(compress(page.lines, page.keep)), stripped=True), metadata,
                   tuple(page.removed))


class _TitleHeads:
    """``_title_heads_present``, found when a line holding a separator first asks (most pages
    never do)."""

    def __init__(self, text: str, lines: list[str], r: Boilerplate) -> None:
        self._args = (text, lines, r)
        self._heads: set[str] | None = None

    def __contains__(self, line: str) -> bool:
        if self._heads is None:
            self._heads = _title_heads_present(*self._args)
        return line in self._heads


def _title_heads_present(text: str, lines: list[str], r) -> set[str]:
    """The lines of the page that a page title ("<title> - 栏目 - 站点") could repeat: only the
    heads of lines holding a separator are looked for, so the set stays small on long texts."""
    separators = [sep for sep in r.page_title_separators if sep in text]  # most pages: none
    heads = {line.partition(sep)[0].strip() for sep in separators for line in lines if sep in line}
    heads.discard("")
    return {line for line in lines if line in heads} if heads else set()


def _value_below(page: _Page, i: int, key: str) -> dict[str, str] | None:
    """A disclosure label alone on line i and its value on the next line: both leave the body."""
    j = next((k for k in range(i + 1, len(page.lines)) if page.lines[k]), None)
    value = disclosure_value(page.lines[j], key) if j is not None and page.keep[j] else None
    if value is None:
        return {} if disclosure_of(page.lines[i]) is not None else None  # "索引号：" alone still goes
    if key != "title":  # a title stays in the body too: it may be the only place the notice names itself
        page.drop(j)
    return {key: value}


@cache
def _start_tests() -> tuple[Callable[[str], bool], Callable[[str], re.Match | None]]:
    """What may start a line a reader fires on (the info bar, an anchored rule, a disclosure
    field): a test of its first characters, and the patterns as one alternation."""
    r = boilerplate()
    patterns = (r.info_field, *(rule.pattern for rule in r.at_start), disclosure_start())
    # a line holding a character of ``any_inside`` is read anyway: the starts are asked only
    # about the others, so a pattern that needs such a character (a space) is no start
    inside_chars = "".join(s for s in r.inside_strings if len(s) == 1)
    start = re.compile(f"(?:{r.any_start.pattern})|(?:{disclosure_start().pattern})").match
    return may_match_at_start(patterns, absent=inside_chars), start


@cache
def _line_openings() -> CharMemo:
    """Whether a stripped line starting with a character may be readable without holding an
    ``any_inside`` string: it starts with a leftover mark (its bare form is read), with a
    disclosure label's first character (a label alone on its line), or with a character a
    start pattern's match may open with.  Any other line fails every start test ``readable``
    makes, so it is set aside by its first character."""
    r = boilerplate()
    patterns = (r.info_field, *(rule.pattern for rule in r.at_start), disclosure_start())
    inside_chars = "".join(s for s in r.inside_strings if len(s) == 1)
    may_open = may_start_with(patterns, absent=inside_chars)
    marks = set(LEFTOVER_MARKS) | {label[0] for label in disclosure_labels()}
    openings = CharMemo(lambda ch: ch in marks or may_open[ch])
    openings[""] = False   # an empty line (its FIRST is "") is never read
    return openings


FIRST = slice(0, 1)   # a line's first character ("" for an empty line)


DISTRIBUTION_RULE = "distribution list"   # the [[line]] rule of 抄送：… in boilerplate.toml
LIST_SEPARATORS = re.compile(r"[，、,；;。.\s]+")
LIST_ITEM_MAX = 20   # a body's name (省人大常委会办公厅); longer pieces are sentences


def _is_name_list(line: str) -> bool:
    """A line of names only: the continuation of a 抄送 list ("省法院，省检察院。")."""
    pieces = [p for p in LIST_SEPARATORS.split(line) if p]
    if not pieces or any(ch.isdigit() or ch in "：:" for ch in line):
        return False
    return all(2 <= len(p) <= LIST_ITEM_MAX for p in pieces) and (len(pieces) >= 2 or is_org_line(pieces[0]))


def _drop_distribution_lists(page: _Page, starts: list[int]) -> None:
    """A 抄送 list runs over the lines after its label while they hold names only."""
    for start in starts:
        for i in range(start + 1, len(page.lines)):
            if not page.lines[i]:
                continue
            if not page.keep[i] or not _is_name_list(page.lines[i]):
                break
            page.drop(i)


HEAD_MENU_MIN_LINES = 4     # navigation words one per line: a run of this many short lines ...
HEAD_MENU_MAX_CHARS = 12    # ... each this short, before the notice's first sentence or label
DOC_NUMBER_MARKS = re.compile(r"[〔〕\[\]［］]|\d+\s*号$")


def _is_menu_word(line: str) -> bool:
    """A short line that is none of what heads a notice: a signer's name, a date, a masthead, a
    文号, a title (…的通知, 关于…) or an addressee (各乡镇：)."""
    return len(line) <= HEAD_MENU_MAX_CHARS and not (
        is_org_line(line) or SIGNATURE_DATE_LINE.match(line) or line.endswith(("文件", "：", ":"))
        or line.startswith("关于") or title_end().search(line) or DOC_NUMBER_MARKS.search(line))


def _drop_head_menus(page: _Page) -> None:
    """Before the notice's first sentence or numbered line, runs of short lines are a site's
    navigation (首页 / 政务公开 / 办事服务 …, a clipped link list); a masthead, a 文号, a date and
    the names of the issuers are not part of a run."""
    r = boilerplate()
    lines, keep = page.lines, page.keep
    run: list[int] = []

    def flush() -> None:
        if len(run) >= HEAD_MENU_MIN_LINES:
            for k in run:
                page.drop(k)
        run.clear()

    for i, line in enumerate(lines):
        if not keep[i]:
            continue
        if is_prose(line, r) or label_start().match(line):
            break
        if _is_menu_word(line):
            run.append(i)
        else:
            flush()
    flush()


# A clause mark between words: a sentence that lost its end mark (…通报批评的分别扣5分、3分), not
# a footer's name or a menu word.
CLAUSE_INSIDE = re.compile(r"[\u4e00-\u9fff][，、；][\u4e00-\u9fff\d]")


def _drop_tail_furniture(page: _Page) -> None:
    """After the last real sentence, short unpunctuated lines are furniture (unless a clause mark
    inside says they are a sentence); the signature stays."""
    r = boilerplate()
    lines, keep = page.lines, page.keep
    last_prose = next((i for i in range(len(lines) - 1, -1, -1) if keep[i] and is_content(lines[i], r)), None)
    if last_prose is None:
        return
    for i in range(last_prose + 1, len(lines)):
        text = lines[i]
        if not keep[i] or is_signature(text) or text.startswith(("附件", "抄送", "（此件", "(此件")):
            continue
        if len(text) <= r.tail_furniture_max_chars and not is_prose(text, r) and not CLAUSE_INSIDE.search(text):
            page.drop(i)


TITLE_SHAPE = re.compile(r"^[^。；，]{4,80}$")   # a title: one short unpunctuated line
ISSUES_DOCUMENTS = re.compile(r"印发|转发|发布|颁布|附件")


def _issues_documents(page: _Page, last: int) -> bool:
    """A kept line up to line ``last`` says the notice issues or attaches documents.  One search
    of the text up to there (the words hold no white space, so a match lies inside a line's
    stripped text), not one per line; a match in a dropped line does not count."""
    search, starts, keep = ISSUES_DOCUMENTS.search, page.starts, page.keep
    found = search(page.text, 0, page.ends[last])
    while found:
        i = bisect_right(starts, found.start()) - 1
        if keep[i]:
            return True
        found = search(page.text, page.ends[i] + 1, page.ends[last])
    return False


def _drop_next_document(page: _Page) -> None:
    """A page sometimes ends with the start of the next notice (a preview, a "next article"
    block): after the signature, a new title that this notice neither issues nor attaches ends
    the body."""
    lines = page.lines
    kept = page.kept()
    # the last kept date line after an issuer's line.  Only the kept lines holding "日" are
    # looked at (the date line holds it, and most lines do not; picked in maps), from the last
    kept_lines = list(map(lines.__getitem__, kept))
    dated = compress(range(1, len(kept)), map(contains, kept_lines[1:], repeat("日")))
    signature = next((kept[k] for k in reversed(list(dated))
                      if SIGNATURE_DATE_LINE.match(kept_lines[k]) and is_org_line(kept_lines[k - 1])), None)
    if signature is None:
        return
    if _issues_documents(page, signature):
        return  # the notice issues or attaches documents: what follows is theirs
    after = [i for i in kept if i > signature]
    for k, i in enumerate(after):
        if TITLE_SHAPE.match(lines[i]) and title_end().search(lines[i]) and not lines[i].startswith(("附件", "抄送")):
            for j in after[k:]:
                page.drop(j)
            return
