"""Deadlines: when something must be done, in the kinds of corpora/gold/SPEC.md.

- ``by``: a date or period end (6月底前, 2021年5月底前, 年底前, 一季度, 到2025年, 在2月全面复工,
  于5月18日向社会公告, 报名时间为4月26日至4月28日, 2023年达到80%); ``date`` is the last day still
  on time, the year taken from ``reference`` when not written.
- ``relative``: a limit counted from an event (下达后30日内, 自受理之日起三十日内, 48小时内,
  在招生工作开始前, 提前48小时, 利用3-5年时间); ``event``, ``count``, ``unit`` say which.
- ``recurring``: a repeating due point or imposed cadence (每月底, 次月10日前, 每季度通报,
  实行月通报制度); ``period`` says how often.  A by-date in the sentence of a yearly one
  inherits its cadence (每年2月底前甲…，3月底前乙…).
- ``open``: a limit without a date (限期办结, 在规定时限内, 在承诺期限内, 按时上报).
- ``ongoing``: 持续推进 / 长期坚持 as the value of a 完成时限 field (flag ``ongoing_limit``).

Not deadlines: adverbs (及时, 立即), penalty clauses (责令限期改正, 未在规定时限内…的), rights
(可以在六十日内申请), past facts (截至2020年底, 已完成, a date before the signing), policy
validity windows (自2019年1月1日起施行), transitions (6月底前仍按原标准), durations that are
conditions (6个月以上劳动合同, 近3年内).  Lexicons in ``rules/deadlines.toml``; the grammar in
``patterns.py``; the context checks in ``families.py``.

Decisions a reader of the output needs:
- ``text`` is the time phrase with its 于/在/到 when written ("于9月底前", "在一季度"), not the
  sentence; a relative limit includes its event ("资金下达后30日内", at most a few characters of
  it, since no segmenter runs here).
- "6月前" is the day before June begins (05-31); the gold accepts 05-31 or 06-30.
- "月底前" with no month and "本月底前" without a reference: kind ``by``, ``date`` None — the
  month is not written, and guessing it is worse than leaving the reviewer the evidence.
- Without a ``reference``, every year-less ``by`` date is None rather than a guess.
- Flags: ``year_guessed`` (the year was neither written nor the signing date's),
  ``before_signing`` (a by-date already past when the notice was signed), ``ongoing_limit``.
"""
from __future__ import annotations

import re
from datetime import date
from functools import cache

from ...models import Deadline, validated
from .context import Candidate, TitleMarks, clause_before, same_sentence, sentence_before
from .context import Context
from .families import HANDLERS
from .anchors import AnchorIndex, Rule
from .patterns import patterns

KIND_RANK = {"recurring": 0, "relative": 1, "by": 2, "open": 3, "ongoing": 4}  # tie-break: 每年6月底前 is recurring
RELIABLE_SOURCES = ("signing_date", "published")
# Families whose span bridges a gap of free text (每月 … 分析): a tight span overlapping one wins
# whatever its length (每月底 in 每月底进行系统数据分析).
LOOSE_FAMILIES = ("recurring_cadence",)
# Characters read per stretch: every rule runs over its windows in one stretch before the next
# (a stretch stays in the CPU's cache while the rules pass over it).
STRETCH = 1 << 15
# Set False to scan the whole text with every plain pattern (tests compare the two).
ANCHORED = True


def _windows_by_anchor(text: str, index: AnchorIndex) -> dict[int, list[int]]:
    """The windows of every anchor that has any (flat, as ``anchor_windows`` gives them, by the
    anchor's place in ``index.anchors``) where a word meets the anchor's ``near`` and its screen
    finds that one of its rules may match.  Anchors left without a window are left out."""
    found, near = _anchor_scan(text, index)
    screens = index.screens
    out = {}
    for k, windows in found.items():
        kept = near.get(k, windows)
        if kept is not windows:   # only the windows a word met the anchor's near in
            if not kept:
                continue
            windows = [edge for end in kept for edge in windows[end - 2:end]]
        if windows := _screened(text, windows, *screens[k]):
            out[k] = windows
    return out


def anchor_windows(text: str, index: AnchorIndex) -> list[list[int]]:
    """The windows of every distinct anchor (its rules' widest reach: a wider window finds what
    a narrower one does, since every match holds its anchor), from one scan for every anchor
    word.  Each anchor's windows are one flat list ``[low, high, low, high, …]`` (no pair
    objects), merged as the scan finds them, and not clipped to the text: a search clamps its
    ``pos``/``endpos`` to the text itself."""
    found = _anchor_scan(text, index, index.words)[0]
    return [found.get(k, []) for k in range(len(index.anchors))]


def _anchor_scan(text: str, index: AnchorIndex, words: re.Pattern | None = None) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """``anchor_windows`` of the anchors a word was found for (by their place), and for each of
    those with a ``near`` the windows where one of its words meets it (as the ends of the window
    in the flat list).  A window's near is tried at its words only until one meets it.  Only
    the anchors hit get a list: most of a notice's words feed a few anchors.  ``words``: the scan
    (``index.scan`` by default: the words no near of theirs can meet are not found)."""
    found: dict[int, list[int]] = {}
    kept: dict[int, list[int]] = {}
    feeds = index.scan_feeds
    decimal = index.decimal
    for m in (index.scan if words is None else words).finditer(text):
        at = m.start()
        for offset, k, before, after, block, near, gate in feeds[m[0]]:
            start = at + offset                      # scan hits do not overlap: starts ascend
            if block and start >= block and decimal[text[start - 1]] and text[start - block:start].isdecimal():
                continue                             # no rule of the anchor can use this word (Rule.digits_block)
            if k not in found:                       # (``in`` and a subscript: no call a word)
                windows = found[k] = [start - before, start + after]
                if near is None:
                    continue
                kept[k] = ends = []
            elif start - before <= (windows := found[k])[-1]:
                windows[-1] = start + after          # overlaps the last window: the furthest end yet
                if near is None or ((ends := kept[k]) and ends[-1] == len(windows)):
                    continue                         # (this window's near is met already)
            else:
                windows += (start - before, start + after)
                if near is None:
                    continue
                ends = kept[k]
            # the gate: Gate.admits memoised per character, a lookup a word ("" at the start of
            # the text: admitted)
            if gate is not None and not gate[text[start - 1:start]]:
                continue
            if near.match(text, start):
                ends.append(len(windows))
    return found, kept


def window_pairs(windows: list[int], size: int) -> list[tuple[int, int]]:
    """Flat windows as ``(start, end)`` pairs clipped to a text of ``size`` characters (for
    readers and tests; the search loops read the flat list).

    >>> window_pairs([-3, 5, 9, 15], 12)
    [(0, 5), (9, 12)]
    """
    return [(max(0, low), min(size, high)) for low, high in zip(windows[::2], windows[1::2])]


def _screened(text: str, windows: list[int], screen: re.Pattern | None, lead: int) -> list[int]:
    """The windows where one of an anchor's rules may match, by one search of its screen
    (``anchors._screen``), each from where the screen found that one may start: no rule
    matches before.  A screen that starts ``lead`` characters before a match is searched from
    as far before the window, and a window at the very start is kept whole (^)."""
    if screen is None:
        return windows
    search = screen.search
    out: list[int] = []
    pairs = iter(windows)
    for start, end in zip(pairs, pairs):
        if lead and start < lead:
            out += (start, end)
        elif (hit := search(text, start - lead, end)) is not None:
            at = hit.start()
            out += (at if at > start else start, end)
    return out


def _window_matches(text: str, rule: Rule, locate: re.Pattern | None, start: int, end: int) -> list[re.Match]:
    """What ``rule.pattern.finditer(text, start, end)`` finds (``_rule_matches`` in one window)."""
    return _rule_matches(text, rule, locate, [start, end], 0, 2)


def _rule_matches(text: str, rule: Rule, locate: re.Pattern | None, windows: list[int], first: int,
                  stop: int) -> list[re.Match]:
    """What ``rule.pattern.finditer`` finds in each of the flat ``windows[first:stop]``, in order:
    the rule's locator says where each match starts (``anchors.locator``), ``rule.plain.match``
    reads it there.  One call for all of a rule's windows (most rules have few); a window
    without what every match holds (``Rule.required``) is passed over."""
    lead = rule.screen_lead
    search, match = (None, None) if locate is None else (locate.search, rule.plain.match)
    required = None if rule.required is None else rule.required.search
    found: list[re.Match] = []
    for k in range(first, stop, 2):
        start, end = windows[k], windows[k + 1]
        if required is not None and required(text, start, end) is None:
            continue
        if search is None or (lead and start < lead):   # no locator, or a match may open the text (^)
            found += rule.pattern.finditer(text, start, end)
            continue
        hit = search(text, start - lead, end)
        while hit is not None:
            at = hit.start() + lead
            m = match(text, at, end)
            if (stop_at := m.end()) == at:   # an empty match: finditer steps past it on its own terms
                while found and found[-1].start() >= start:
                    found.pop()              # (this window's: the windows do not overlap)
                found += rule.pattern.finditer(text, start, end)
                break
            found.append(m)
            hit = search(text, stop_at - lead, end)
    return found


def _is_fact(text: str, c: Candidate, facts: tuple[tuple[str, ...], ...]) -> bool:
    """已完成 / 截至2020年底: the sentence reports where things stand (the 至 of 截至 may have
    been read as the start of the deadline).  ``facts``: the fact words longer than 0, 1 and 2
    characters (``_longer_than``)."""
    before = clause_before(text, c.start, 6).rstrip()
    head = text[c.start:c.start + 2]
    # a word may end up to min(len(word), 3) - 1 characters into the candidate: one test per reach
    one, two, three = facts
    if before.endswith(one) or (before + head[:1]).endswith(two) or (before + head[:2]).endswith(three):
        return True
    return text[c.end:c.end + 4].lstrip().startswith(("已", "已经"))




@cache
def _longer_than(words: tuple[str, ...], length: int) -> tuple[str, ...]:
    return tuple(w for w in words if len(w) > length)


def _resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Tight spans before loose ones, then longest first, then earliest; recurring beats by on
    a tie (每年6月底前).

    Candidates are split into clusters of mutually reachable spans first (a sweep by start);
    the greedy choice inside each cluster is the one the whole list would make, since spans of
    different clusters never overlap — so the cost stays linear in the notice's length."""
    chosen: list[Candidate] = []
    cluster: list[Candidate] = []
    reach = -1
    for c in sorted(candidates, key=lambda c: (c.start, c.end, c.order)):
        if cluster and c.start >= reach:
            chosen += _greedy(cluster)
            cluster = []
        cluster.append(c)
        reach = max(reach, c.end) if len(cluster) > 1 else c.end
    chosen += _greedy(cluster)
    return sorted(chosen, key=lambda c: c.start)


def _greedy(cluster: list[Candidate]) -> list[Candidate]:
    kept: list[Candidate] = []
    for c in sorted(cluster, key=lambda c: (c.family in LOOSE_FAMILIES, -(c.end - c.start), c.start,
                                            KIND_RANK[c.kind], c.order)):
        if all(c.end <= o.start or c.start >= o.end for o in kept):
            kept.append(c)
    return kept


def _inherit_cadence(text: str, found: list[Candidate]) -> list[Candidate]:
    """每年2月底前甲…，3月底前乙…: a year-less by-date in the sentence of a recurring due
    point repeats with it."""
    out: list[Candidate] = []
    prev: Candidate | None = None   # the last recurring one
    for c in found:
        if (c.kind == "by" and not c.year_written and prev is not None and prev.period == "year"
                and text[prev.start:prev.start + 1] == "每" and same_sentence(text, prev.end, c.start)):
            c = Candidate(c.start, c.end, "recurring", period=prev.period, family=c.family)
        if c.kind == "recurring":
            prev = c
        out.append(c)
    return out


def _candidates(text: str, ctx: Context) -> list[Candidate]:
    """Every rule's candidates.  The text is walked a stretch at a time, every rule over its
    windows in that stretch, so a long notice is read from memory once, not once per rule.
    Only the rules whose anchor kept a window are visited."""
    rules = ctx.p.rules
    if not ANCHORED:
        return [c for k, rule in enumerate(rules) for m in rule.plain.finditer(text)
                if (c := _candidate(m, rule, k, ctx)) is not None]
    index = ctx.p.anchors
    spans = _windows_by_anchor(text, index)
    if not spans:
        return []
    locators = index.locators
    busy = [(k, rule, spans[a], locators[k]) for k, (rule, a) in enumerate(zip(rules, index.rule_anchors)) if a in spans]
    out = []
    if len(text) <= STRETCH:   # one stretch: each rule over all its windows
        for k, rule, mine, locate in busy:
            for m in _rule_matches(text, rule, locate, mine, 0, len(mine)):
                if (c := _candidate(m, rule, k, ctx)) is not None:
                    out.append(c)
        return out
    cursors = [0] * len(busy)
    for stretch_end in range(STRETCH, len(text) + STRETCH, STRETCH):
        for j, (k, rule, mine, locate) in enumerate(busy):
            at = stop = cursors[j]
            while stop < len(mine) and mine[stop] < stretch_end:
                stop += 2
            for m in _rule_matches(text, rule, locate, mine, at, stop):
                if (c := _candidate(m, rule, k, ctx)) is not None:
                    out.append(c)
            cursors[j] = stop
    return out


def _candidate(m, rule: Rule, order: int, ctx: Context) -> Candidate | None:
    c = HANDLERS[rule.family](m, ctx)
    if c is None or c.end <= c.start:
        return None
    c.family, c.order = rule.family, order
    return c


def extract_deadlines(text: str, reference: date | None = None, offset: int = 0, *,
                      reference_source: str = "signing_date") -> list[Deadline]:
    """Deadlines in ``text`` (a span of the body), in order; finding none is ``[]``.

    ``reference`` (the notice's date) gives year-less dates their year and anchors 今年/明年;
    without it those dates are None.  ``reference_source`` says where it came from
    (signing_date, doc_number, published, reference_date): a year it supplies is the
    deadline's ``year_source``.  Offsets are ``offset`` + positions in ``text``, so
    ``body[d.start:d.end] == d.text`` when ``text == body[offset:…]``.

    >>> [(d.text, d.kind, d.date) for d in extract_deadlines("原则上于2月底前开工建设，3月底前完成资金预拨付", date(2020, 3, 2))]
    [('于2月底前', 'by', '2020-02-29'), ('3月底前', 'by', '2020-03-31')]
    >>> [(d.text, d.kind, d.event, d.count, d.unit) for d in extract_deadlines("确保各级扶贫资金下达后30日内落实到具体项目")]
    [('资金下达后30日内', 'relative', '资金下达', 30.0, 'day')]
    >>> extract_deadlines("对不符合规定的，责令限期改正；可以在六十日内申请行政复议")
    []
    """
    p = patterns()
    marks = TitleMarks(text)
    ctx = Context(text, reference, reference is not None and reference_source in RELIABLE_SOURCES, p, marks)
    facts = tuple(_longer_than(p.words["fact_words"], k) for k in range(3))
    in_definition = p.definition.search
    kept = [c for c in _candidates(text, ctx) if not marks.inside(c.start) and not _is_fact(text, c, facts)
            and not in_definition(sentence_before(text, c.start))]
    found = _inherit_cadence(text, _resolve_overlaps(kept))
    return [_deadline(text, c, reference, reference_source, offset) for c in found]


def _deadline(text: str, c: Candidate, reference: date | None, source: str, offset: int) -> Deadline:
    flags = list(c.flags)
    year_source = None
    if c.kind == "by" and c.date is not None:
        year_source = "written" if c.year_written else source
        if year_source not in ("written", "signing_date"):
            flags.append("year_guessed")
        if source == "signing_date" and reference is not None and c.date < reference:
            flags.append("before_signing")
    return validated(Deadline, {
        "text": text[c.start:c.end], "kind": c.kind, "date": c.date.isoformat() if c.date else None,
        "year_source": year_source, "event": c.event, "count": c.count, "unit": c.unit,
        "working_days": None if c.unit is None else c.unit == "working_day", "period": c.period,
        "flags": flags, "start": offset + c.start, "end": offset + c.end,
    })


def parse_deadline(text: str, reference: date | None = None) -> Deadline | None:
    """The single deadline an expression states, or None (none, or more than one).

    >>> parse_deadline("2月底前", date(2020, 1, 1)).date
    '2020-02-29'
    >>> parse_deadline("6月前", date(2020, 1, 1)).date   # the day before June begins
    '2020-05-31'
    """
    found = extract_deadlines(text, reference)
    return found[0] if len(found) == 1 else None
