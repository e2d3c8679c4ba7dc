"""Unbracketed assignment sentences (SPEC: "the sentence forms"):

- ``由X负责/落实/承担/组织实施…``: 由 marks the assignee (``以上工作由各乡镇负责``), with
  ``由A会同B…`` (A leads, B cooperates) and ``由A牵头[B、C]…`` (A leads, B and C cooperate);
- ``A牵头…`` / ``A负责牵头…`` where A opens the clause and is a unit (``区规划资源局牵头成立…``);
- after a lead, the clauses of the same sentence that name a partner: ``B配合``, ``B参加``,
  ``与B联动配合``, ``B为成员单位``;
- a sentence that is nothing but ``<units><verb>`` (``市财政局、市税务局负责。``).

Not assignments: the subject of an ordinary sentence (``区财政局负责做好资金保障``), ``本办法由X
负责解释``, 牵头 as a noun (``各牵头部门要…``, ``发挥牵头作用``), a proposal (``建议由X牵头``), a
report of what was done (``人民银行牵头…开展了…``).
"""
from __future__ import annotations

import re
from functools import cache

from ...rules.orgs import org_lexicon
from .clauses import found_units, innermost, together_clause
from .lexicon import lexicon, without_adverbs
from .recognizer import KNOWN, UnitRecognizer
from .shapes import DROPPED_AT_END, Endings, split_top_level, trimmed
from .slots import ASSIGNEE, NAMED, PARTNER, SUBJECT, Found, slot_units

FLAGS = ("unbracketed_assignment",)
SENTENCE_MARKS = "。！？!?；;\n"   # a sentence ends at these, and at a full stop between no digits
# One class opens the pattern, the full stop's conditions follow as look-arounds (true for every
# other mark), so sre skips to the marks by the class: ``[marks]|\.(…)`` opened with a branch,
# and sre tried a match at every character.
SENTENCE_END = re.compile(rf"[{re.escape(SENTENCE_MARKS)}.](?<!\d\.)(?:(?<!\.)|(?!\d))")
# the last break of a range: the greedy run backs off from the range's end to its nearest break
LAST_BREAK = re.compile(rf"(?s:.*)(?:{SENTENCE_END.pattern})")
CLAUSE_DELIMITERS = frozenset("，,：:")
# 了 that reports nothing done: 为了 (in order to), 除了, 了解.
NOT_REPORT = ("为了", "除了", "了解", "不了")
# Words that may open a clause before its subject: 具体由…, 同时区城管局牵头….
SUBJECT_OPENERS = ("具体", "同时", "并且", "并", "另外")
# An assignee is short: the longest object list tried after 牵头 / 会同.
OBJECT_MAX_CHARS = 80


@cache
def _object_words() -> tuple[Endings, tuple[str, ...]]:
    """What a list of units ends with (a suffix, a bare kind after 等, a note's bracket), and what
    an object of 牵头 starts with."""
    orgs = org_lexicon()
    return (Endings([*orgs.unit_suffixes, *orgs.words["etc_dropped"], "）", ")"]),
            tuple(orgs.words["prefixes"]) + tuple(orgs.words["qualifiers"]))


@cache
def _form_marks() -> re.Pattern:
    """Where a form may match: an assignee clause (由X<verb>, the pattern ``Sentence.assignee``
    matches, so 由于, 理由 and a 由 no verb follows mark nothing), 牵头, or a clause verb that only
    dropped punctuation separates from a sentence end (a superset of the sentences that end
    with one).  A sentence holding none of these can assign nobody."""
    dropped = re.escape("".join(sorted(DROPPED_AT_END)))
    at_end = rf"(?=[{dropped}]*(?:[。！？!?；;\n.]|\Z))"
    # every branch opens with a literal, so sre skips to the words' first characters (a branch
    # opening with a group, ``(?:verbs)(?=…)``, made it try every position); the verbs sharing a
    # first character share a branch, so a hit tries one branch per character, not one per verb
    # (only where a mark starts matters, never which alternative matched there).  A verb opening
    # with 牵头 is a mark wherever 牵头 is.
    by_first: dict[str, list[str]] = {}
    for verb in sorted(lexicon().verbs, key=len, reverse=True):
        if not verb.startswith("牵头"):
            by_first.setdefault(verb[0], []).append(re.escape(verb[1:]))
    verbs = "|".join(f"{re.escape(first)}(?:{'|'.join(rests)}){at_end}" for first, rests in by_first.items())
    return re.compile(rf"{lexicon().assignee_re.pattern}|牵头|{verbs}")


@cache
def _mark_lead() -> int | None:
    """How far before its first trigger word (``lexicon().trigger_re``) a form mark may start:
    each mark opens with 由, 牵头 or a clause verb, and each of these holds a trigger word (None
    when one does not: the marks are then searched from the text's start)."""
    lex = lexicon()
    found = [lex.trigger_re.search(word) for word in (*lex.verbs, "由", "牵头")]
    return None if None in found else max(m.start() for m in found)


def _marked_sentences(text: str, trigger: int = 0) -> list[tuple[int, int]]:
    """The sentences of ``sentences(text)`` (in order) where a form mark (``_form_marks``)
    starts: each found around its first mark, the break after it by a search and the break
    before it by a look back no further than the previous sentence; the next mark is searched
    from that sentence's end, so neither the text nor its marks are visited whole.  ``trigger``:
    where the text's first trigger word starts (no mark starts more than ``_mark_lead()``
    characters before it, so the text before is not searched)."""
    marks = _form_marks()
    out: list[tuple[int, int]] = []
    floor = 0   # where the previous marked sentence ended
    lead = _mark_lead()
    m = marks.search(text, max(0, trigger - lead) if lead is not None else 0)
    while m is not None:
        pos = m.start()   # a mark never starts on a break (none opens with one)
        after = SENTENCE_END.search(text, pos)
        end = after.start() if after else len(text)
        out.append((_last_break(text, floor, pos) + 1, end))
        floor = end
        m = marks.search(text, end)
    return out


def _last_break(text: str, lo: int, pos: int) -> int:
    """Where the last sentence break of ``text[lo:pos]`` stands, ``lo - 1`` when there is none
    (one backward pass of sre over the range, not a search per break mark)."""
    m = LAST_BREAK.match(text, lo, pos)
    if m is None:
        return lo - 1
    at = m.end() - 1
    if at == pos - 1 and not SENTENCE_END.match(text, at):
        return _last_break(text, lo, at)   # 1.5 across ``pos``: a full stop before a digit is no break
    return at


def sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


@cache
def _report_marks() -> re.Pattern:
    """Where a report marker may start (one scan of the sentence rather than one per marker)."""
    return re.compile("|".join(map(re.escape, lexicon().report_markers)))


def _reports(text: str, start: int, end: int) -> bool:
    """Whether a report marker (not one of the words in ``NOT_REPORT``) stands in the sentence;
    every marker is checked at each place one starts."""
    markers, marks = lexicon().report_markers, _report_marks()
    m = marks.search(text, start, end)
    while m is not None:
        pos = m.start()
        for marker in markers:
            if text.startswith(marker, pos, end) and \
                    not any(text.startswith(w, pos - w.index(marker)) for w in NOT_REPORT if marker in w):
                return True
        m = marks.search(text, pos + 1, end)
    return False


def blocked_after(text: str, pos: int) -> bool:
    return text.startswith(lexicon().verb_not_followed_by, pos)


def _units_prefix(text: str, start: int, end: int, rec: UnitRecognizer, slot: str, named: bool = False):
    """The longest list of units that ``text[start:end]`` starts with, as (units, end); ``named``:
    each name must open with a place, a qualifier or be known (the object of 牵头, not 成立…)."""
    ending, openers = _object_words()
    start, end = trimmed(text, start, min(end, start + OBJECT_MAX_CHARS))
    for stop in range(end, start + 1, -1):
        if not ending.of(text, start, stop):
            continue
        units = slot_units(text, start, stop, 0, rec, slot)
        if units and (not named or all(u.name.startswith(openers) or rec.score(u.name) >= KNOWN for u in units)):
            return units, stop
    return [], start


class Sentence:
    """The assignments of one sentence, found once, form by form."""

    def __init__(self, text: str, start: int, end: int, offset: int, rec: UnitRecognizer,
                 used: list[tuple[int, int]]):
        self.text, self.start, self.end, self.offset, self.rec, self.used = text, start, end, offset, rec, used
        self.found: list[Found] = []
        self._clauses: list[tuple[int, int]] | None = None

    @property
    def clauses(self) -> list[tuple[int, int]]:
        """The sentence's top-level clauses (split on first use: most sentences never ask; kept
        by hand, as ``functools.cached_property`` takes a lock on every first use)."""
        if self._clauses is None:
            text, start = self.text, self.start
            self._clauses = [trimmed(text, start + a, start + b)
                             for a, b in split_top_level(text[start:self.end], CLAUSE_DELIMITERS)]
        return self._clauses

    def units(self, start: int, end: int, slot: str) -> list:
        return slot_units(self.text, start, end, self.offset, self.rec, slot)

    def shift(self, units: list) -> list:
        return [u.moved(self.offset) for u in units]

    def add(self, units, role: str, source: str) -> None:
        self.found += found_units(units, role, source, self.start, FLAGS)

    def clause_end(self, pos: int) -> int:
        return next((b for a, b in self.clauses if a <= pos <= b), self.end)

    def in_used_bracket(self, pos: int) -> bool:
        return innermost(self.used, pos) is not None

    # -- 由X… --------------------------------------------------------------------------------
    def assignee(self) -> int | None:
        """Every 由X<verb> of the sentence; returns where the first lead clause ends (its partner
        clauses follow), else None."""
        lex, text = lexicon(), self.text
        lead_end = None
        pos = text.find("由", self.start, self.end)
        while pos >= 0:
            m = lex.assignee_re.match(text, pos, self.end)
            if m and not self._not_assignee(pos) and not self.in_used_bracket(pos):
                done = self._assignee_match(m)
                if done is not None and lead_end is None:
                    lead_end = done
            pos = text.find("由", pos + 1, self.end)
        return lead_end

    def _not_assignee(self, pos: int) -> bool:
        lex, text = lexicon(), self.text
        if any(text.startswith(w, pos - w.index("由")) for w in lex.not_assignee if "由" in w):
            return True
        clause_start = max((a for a, b in self.clauses if a <= pos), default=self.start)
        return any(w in text[clause_start:pos] for w in lex.proposal_words)

    def _assignee_match(self, m: re.Match) -> int | None:
        lex, text, verb = lexicon(), self.text, m.group("verb")
        a, b = m.span("units")
        end = self.clause_end(m.end())
        if verb in lex.together:
            partners, stop = _units_prefix(text, m.end(), end, self.rec, PARTNER)
            hosts = self.units(a, b, ASSIGNEE)
            if not (hosts and partners) or self._blocked_later(stop, end):
                return None
            self.add(hosts, "lead", verb)
            self.add(self.shift(partners), "cooperating", verb)
            return end
        if blocked_after(text, m.end()):
            return None
        units = self.units(a, b, ASSIGNEE)
        if not units:
            return None
        role = lex.verbs[verb]
        self.add(units, role, verb)
        if role == "lead":
            self.objects(m.end(), end)
        return end  # partners may follow: 由市教育局负责，市财政局配合

    def _blocked_later(self, start: int, end: int) -> bool:
        """由A会同B负责解释: the verb after the partners is a blocked one."""
        verbs = [v for v in lexicon().verbs if self.text.startswith(v, start, end)]
        return bool(verbs) and blocked_after(self.text, start + max(map(len, verbs)))

    def objects(self, start: int, end: int) -> None:
        """牵头区建管委、区交通委…，每周开展: the units 牵头 takes as its object cooperate."""
        partners, _ = _units_prefix(self.text, start, end, self.rec, ASSIGNEE, named=True)
        self.add(self.shift(partners), "cooperating", "牵头")

    # -- A牵头… --------------------------------------------------------------------------------
    def subject_lead(self) -> int | None:
        text = self.text
        first = text.find("牵头", self.start, self.end)
        if first < 0:
            return None
        for a, b in self.clauses:
            if b < first + 2 or text.find("牵头", a + 1, b) < 0:
                continue  # no 牵头 after the clause's first character (nor after an opener)
            for opener in SUBJECT_OPENERS:
                if text.startswith(opener, a, b):
                    a += len(opener)
                    break
            pos = text.find("牵头", a + 1, b)
            while pos > a:
                if not blocked_after(text, pos + 2) and not self.in_used_bracket(pos):
                    units_end = pos - 2 if text.startswith("负责", pos - 2, pos) else pos
                    units = self.units(a, units_end, SUBJECT)
                    if units:
                        self.add(units, "lead", "牵头")
                        self.objects(pos + 2, b)
                        return pos + 2
                    if self._lead_with_partners(a, units_end, pos + 2):
                        return None  # the partners are found already
                pos = text.find("牵头", pos + 1, b)
        return None

    def _lead_with_partners(self, start: int, end: int, after: int) -> bool:
        """医联体牵头医院牵头、成员单位共同参与: a subject the lexicon only knows as a category (no
        place before it) still leads when partners follow, the SPEC's "A牵头，B配合"."""
        units = self.units(start, end, NAMED)
        if not units:
            return False
        before = len(self.found)
        self.partners(after)
        if len(self.found) == before:
            return False
        self.found[before:before] = found_units(units, "lead", "牵头", self.start, FLAGS)
        return True

    # -- partners after a lead --------------------------------------------------------------------
    def partners(self, after: int) -> None:
        """B配合 / B参加 / 与B联动配合 / B为成员单位 / B负责… in the clauses after the lead."""
        lex, text = lexicon(), self.text
        if text.startswith("、", after):
            after += 1  # 医联体牵头医院牵头、成员单位共同参与
        for a, b in split_top_level(text[after:self.end], frozenset("，,；;")):
            a, b = trimmed(text, after + a, after + b)
            if text.startswith(("与", "同"), a, b):
                a += 1
            m = lex.clause_re.match(text, a, b)
            if m and lex.verbs[m.group("verb")] != "lead" and not blocked_after(text, m.end()):
                units = self.units(m.start("units"), without_adverbs(text, m.start("units"), m.end("units")), ASSIGNEE)
                self.add(units, lex.verbs[m.group("verb")], m.group("verb"))

    # -- <units><verb>。 ------------------------------------------------------------------------
    def standalone(self) -> None:
        lex = lexicon()
        a, b = trimmed(self.text, self.start, self.end)
        if not lex.verb_end.of(self.text, a, b) or len(self.clauses) != 1:
            return  # "<units><verb>" ends with its verb, and is one clause (split before the lazy match)
        m = lex.clause_re.fullmatch(self.text, a, b)
        if not m:
            return
        found = together_clause(self.text, a, b, self.offset, self.rec, self.start, FLAGS)
        if found:
            self.found += found
            return
        units = self.units(m.start("units"), without_adverbs(self.text, m.start("units"), m.end("units")), SUBJECT)
        self.add(units, lex.verbs[m.group("verb")], m.group("verb"))


def _unused_at(text: str, word: str, start: int, end: int, used: list[tuple[int, int]]) -> bool:
    """Whether ``word`` stands in ``text[start:end]`` outside every bracket in ``used``: a 由 or a
    牵头 inside an assigned bracket opens no form (``Sentence.assignee`` and ``subject_lead`` pass
    over it), so a sentence whose only ones are there (its 牵头单位：… field) is not read."""
    pos = text.find(word, start, end)
    while pos >= 0:
        if innermost(used, pos) is None:
            return True
        pos = text.find(word, pos + 1, end)
    return False


def sentence_assignments(text: str, offset: int, rec: UnitRecognizer, used: list[tuple[int, int]],
                         brackets: list[tuple[int, int]] = (), trigger: int = 0) -> list[Found]:
    """The assignments of ``text``'s sentences (brackets in ``used`` already assigned); a unit
    read from a sentence outside every bracket in ``brackets`` is flagged as unbracketed.
    ``trigger``: where the first match of ``lexicon().trigger_re`` starts, when the caller knows."""
    lex = lexicon()
    found: list[Found] = []
    marked = "由" in text or "牵头" in text
    for start, end in _marked_sentences(text, trigger):
        a, b = trimmed(text, start, end)
        if not lex.verb_end.of(text, a, b) and not (marked and (_unused_at(text, "由", a, b, used)
                                                                or _unused_at(text, "牵头", a, b, used))):
            continue  # no form can match: no 由 or 牵头 outside an assigned bracket, no verb closing the sentence
        if innermost(used, start) is not None or _reports(text, start, end):
            continue
        sentence = Sentence(text, start, end, offset, rec, used)
        lead_end = sentence.assignee()
        if lead_end is None:
            lead_end = sentence.subject_lead()
        if lead_end is not None:
            sentence.partners(lead_end)
        elif not sentence.found:
            sentence.standalone()
        found += sentence.found
    if not brackets:
        return found   # no bracket to flag a unit in
    return [f if innermost(brackets, f.unit.start - offset) is None else Found(f.role, f.unit, f.group)
            for f in found]
