"""Web boilerplate rules (``boilerplate.toml``), compiled and checked once.

Read by the clean stage, which drops the lines they name, and by the line joiner of the
normalize stage: a line the clean stage will drop is never half of a wrapped sentence.

Every rule is a named table with an explicit ``match`` mode, so no pattern relies on an
unwritten anchor, and its named groups are the page metadata it keeps: a group whose name is
not a known metadata key is a RuleError naming the file and the rule when the file is loaded.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from ..errors import RuleError
from ..text.scan import literal_alternation
from . import compile_pattern, load_rules, require, require_mapping, require_tables
from .labels import label_start
from .prefilter import may_match_at_start

RULES = "boilerplate"
MATCH_MODES = ("line", "start", "head")
# The page metadata a rule may keep (the names its groups may have).
METADATA_KEYS = ("published", "source", "attachment_doc_number", "url", "citation_code", "issuer", "doc_number",
                 "date", "validity", "disclosure")
# What the value of an info-bar field is (see [info_fields]).
INFO_KINDS = ("source", "published", "count", "font")
NAMED_GROUP = re.compile(r"\(\?P<(\w+)>")
SOURCE_MAX_CHARS = 30   # a site or office name; longer text after 来源： is a sentence
# Marks a Markdown clipper leaves at the start of a page's lines (an icon's "__", a heading's
# "####", a bullet): the rules read the line without them.
LEFTOVER_MARKS = "_*#·•>"


def bare(line: str) -> str:
    """The line without the leftover marks at its start (a line of marks only stays as it is)."""
    if line[:1] not in LEFTOVER_MARKS:
        return line
    return line.lstrip(LEFTOVER_MARKS).lstrip() or line



@dataclass(frozen=True)
class LineRule:
    """One [[line]] rule: ``fire(line)`` gives its match on a stripped line, or None."""

    index: int              # its place in the file: the first rule that fires wins
    name: str
    match: str
    pattern: re.Pattern
    head_chars: int
    needs: tuple[str, ...]  # the line must contain one of these for the pattern to be tried
    min_lines: int = 1      # the rule drops its lines only when it fires on this many lines of a text

    def admits(self, line: str) -> bool:
        for needle in self.needs:
            if needle in line:
                return True
        return not self.needs

    def fire(self, line: str) -> re.Match | None:
        line = bare(line)
        if not self.admits(line):
            return None
        if self.match == "head":
            return self.pattern.search(line, 0, self.head_chars)
        return self.pattern.match(line)

    def metadata(self, m: re.Match) -> dict[str, str]:
        return {key: value for key, value in m.groupdict().items() if value}


@dataclass(frozen=True)
class Boilerplate:
    lines: tuple[LineRule, ...]
    at_start: tuple[LineRule, ...]  # "line" and "start" rules without needs ...
    any_at_start: re.Pattern        # ... as one alternation, which rejects most lines in one call ...
    may_be_at_start: Callable[[str], bool]  # ... after this test, which rejects most without the regex engine
    others: tuple[LineRule, ...]    # the rest: gated by their needs, or searched one by one
    need_at: re.Pattern             # the longest string some rule of ``others`` needs, where one starts
    needing: dict[str, int]         # a need found → the rules of ``others`` (bits) it admits
    needless: int                   # the rules of ``others`` that need nothing (bits)
    head_chars: int
    info_field: re.Pattern          # one "label：value" field of the info bar (see _info_field)
    info_kinds: dict[str, str]      # label → kind
    tail_furniture_max_chars: int
    sentence_final: str
    page_title_separators: tuple[str, ...]
    # Cheap tests a line must pass before any rule here can read it: the info bar or an anchored
    # rule at its start (``any_start``, matched on the bare line), or inside it a string a gated
    # rule needs, a page title's separator or the white space of a repeated phrase (``any_inside``,
    # plain strings, none with a line break: the clean stage scans a whole text for them at once).
    any_start: re.Pattern
    any_inside: re.Pattern
    inside_strings: tuple[str, ...]   # what ``any_inside`` looks for (empty: it matches every line)

    def line_rule(self, line: str) -> LineRule | None:
        """The first rule (in file order) that drops ``line`` (stripped), or None.  The hot loop
        of the clean stage: it runs on every line, so the rules are tried inline, cheapest test
        first (one alternation for the anchored rules; for the gated ones, one scan for the
        strings they need, each found string admitting the rules that need it)."""
        if line[:1] in LEFTOVER_MARKS:
            line = bare(line)
        best = None
        if self.may_be_at_start(line) and self.any_at_start.match(line):
            best = next((rule for rule in self.at_start if rule.fire(line)), None)
        admitted = self.needless
        search, needing = self.need_at.search, self.needing
        found = search(line)
        while found:   # every position where a need starts (needs may overlap)
            admitted |= needing[found.group()]
            found = search(line, found.start() + 1)
        if not admitted:
            return best  # no gated rule can fire: none of their strings is in the line
        head_chars, others = self.head_chars, self.others
        while admitted:   # the admitted rules only, lowest bit (earliest in the file) first
            low = admitted & -admitted
            rule = others[low.bit_length() - 1]
            if best is not None and rule.index > best.index:
                break
            if rule.pattern.search(line, 0, head_chars) if rule.match == "head" else rule.pattern.match(line):
                return rule
            admitted ^= low
        return best

    def info_fields(self, line: str) -> list[tuple[str, str]] | None:
        """``(label, value)`` of every field of an info-bar line, or None when the line is not
        made only of info fields."""
        m = self.info_field.match(line)
        if not m:
            return None  # most lines: no info label at the start, and nothing allocated
        pos, fields = 0, []
        while pos < len(line):
            m = self.info_field.match(line, pos)
            if not m or m.end() == pos:
                return None
            fields.append((m["label"] or m["label2"] or m["label3"] or m["label4"],
                           (m["value"] or m["value2"] or "").strip()))
            pos = m.end()
        return fields

    def info_line(self, line: str) -> dict[str, str] | None:
        """The metadata of an info-bar line (``{}`` when it holds only counters), or None when it
        is not an info-bar line or has neither a value nor a counter (a bare "来源：")."""
        fields = self.info_fields(bare(line.strip()))
        if fields is None:
            return None
        found: dict[str, str] = {}
        counted = False
        for label, value in fields:
            kind = self.info_kinds[label]
            if kind in ("source", "published") and value:
                found.setdefault(kind, value)
            counted = counted or kind == "count"
        return found if found or counted else None


REPEATED_PHRASE_MAX = 41  # a column name or a link tile shown twice ("重点工作  重点工作")
REPEAT_SPACES = (" ", "\t", "\u3000")  # what stands between the two
WHITE = "".join(REPEAT_SPACES)


def repeats_a_phrase(line: str) -> bool:
    """A line that is one phrase twice, with white space between: a column name or a tile (a
    structural rule, so it is code, not a [[line]] pattern)."""
    if " " not in line and "\t" not in line and "\u3000" not in line:
        return False  # most lines of a notice: no space at all
    # The two halves are as long as each other: the white space between them is centred, so it
    # is the one run of white space holding the character at (len - 1) // 2 (no scan of the
    # other runs, and no slices for most lines).
    size = len(line)
    middle = (size - 1) // 2
    if size < 3 or line[middle] not in WHITE:
        return False
    start = len(line[:middle].rstrip(WHITE))
    end = size - len(line[middle:].lstrip(WHITE))
    if start == size - end and 2 <= start <= REPEATED_PHRASE_MAX and line[:start] == line[end:] \
            and not line[0].isspace():
        # a heading printed twice by a PDF copy (第四章 消费者组织 第四章 消费者组织) is a heading
        return not label_start().match(line)
    return False


WORD_SEPARATORS = r"[\s|｜·•/]*"  # between the words of a words rule: 首页 | 政务公开 · 办事服务


def _words_pattern(words: list[str]) -> str:
    """A line made only of these words (longest first), with separators between them."""
    alternation = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return rf"(?:{alternation})(?:{WORD_SEPARATORS}(?:{alternation}))*"


def _line_rules(rules: dict, head_chars: int) -> tuple[LineRule, ...]:
    out = []
    for i, table in enumerate(require_tables(rules, RULES, "line", {"name": str, "match": MATCH_MODES})):
        key = f"line[{i}] ({table['name']})"
        words = table.get("words")
        if ("pattern" in table) == (words is not None):
            raise RuleError(f"{RULES}.toml: {key}: give a pattern or a list of words, not both or neither")
        if words is not None:
            if table["match"] != "line" or not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
                raise RuleError(f"{RULES}.toml: {key}: words must be a list of non-empty strings with match = \"line\"")
            source = _words_pattern(words)
        else:
            source = table["pattern"]
            if not isinstance(source, str) or not source:
                raise RuleError(f"{RULES}.toml: {key}: pattern must be a non-empty string")
        if source.startswith("^") or source.endswith("$"):
            raise RuleError(f"{RULES}.toml: {key}: write the anchor as match = \"line\" or \"start\", "
                            f"not as ^ or $ in the pattern")
        unknown = sorted(set(NAMED_GROUP.findall(source)) - set(METADATA_KEYS))
        if unknown:
            raise RuleError(f"{RULES}.toml: {key}: groups {unknown} are not metadata keys {METADATA_KEYS}")
        needs = table.get("needs", [])
        if not isinstance(needs, list) or not all(isinstance(n, str) and n for n in needs):
            raise RuleError(f"{RULES}.toml: {key}: needs must be a list of non-empty strings, got {needs!r}")
        min_lines = table.get("min_lines", 1)
        if type(min_lines) is not int or min_lines < 1:
            raise RuleError(f"{RULES}.toml: {key}: min_lines must be a whole number of at least 1, got {min_lines!r}")
        full = f"(?:{source})$" if table["match"] == "line" else source
        out.append(LineRule(i, table["name"], table["match"], compile_pattern(RULES, key, full), head_chars,
                            tuple(needs), min_lines))
    return tuple(out)


def _alternation(rules: tuple[LineRule, ...]) -> re.Pattern:
    """The rules' patterns as one regex (group names dropped, since rules may share them)."""
    if not rules:
        return re.compile(r"(?!)")
    return re.compile("|".join(f"(?:{NAMED_GROUP.sub('(?:', r.pattern.pattern)})" for r in rules))


def _info_field(kinds: dict[str, str]) -> re.Pattern:
    """One info-bar field: a label, then a value of the label's kind, then spaces.  Each kind has
    its own label/value groups (label, label2 …): a source runs up to the next label or space, a
    publication time is a date, a counter a number, the font switcher the rest of the line."""
    def labels(kind: str) -> str:
        return "|".join(map(re.escape, sorted((k for k, v in kinds.items() if v == kind), key=len, reverse=True)))

    any_label = "|".join(map(re.escape, sorted(kinds, key=len, reverse=True)))
    date = r"\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}日?"
    return re.compile(
        rf"(?:(?P<label>{labels('source')})\s*[:：]\s*(?P<value>(?:(?!{any_label})[^\s:：。，；！？]){{0,{SOURCE_MAX_CHARS}}})"
        rf"|(?P<label2>{labels('published')})\s*[:：]\s*(?P<value2>{date})[\d:\s]*"
        rf"|(?P<label3>{labels('count')})\s*[:：]?\s*\d*\s*次?"
        rf"|【?(?P<label4>{labels('font')})\s*[:：]?.*)\s*")


@cache
def boilerplate() -> Boilerplate:
    """``boilerplate.toml``, validated and compiled once."""
    rules = load_rules(RULES)
    head_chars = require(rules, RULES, "head_chars", int)
    lines = _line_rules(rules, head_chars)
    kinds = require_mapping(rules, RULES, "info_fields", str)
    bad = {label: kind for label, kind in kinds.items() if kind not in INFO_KINDS}
    if bad:
        raise RuleError(f"{RULES}.toml: [info_fields] kinds must be one of {INFO_KINDS}: {bad}")
    at_start = tuple(r for r in lines if r.match != "head" and not r.needs)
    others = tuple(r for r in lines if r not in at_start)
    any_at_start = _alternation(at_start)
    gated = all(r.needs for r in others)  # else a head rule without needs: every line may fire it
    needs = sorted({n for r in others for n in r.needs}, key=len, reverse=True)
    info_field = _info_field(kinds)
    separators = tuple(require(rules, RULES, "page_title_separators", list))
    # one flat alternation of strings, which the regex engine scans for by their first characters
    inside_strings = tuple(sorted({*separators, *REPEAT_SPACES, *(n for r in others for n in r.needs)}, key=len, reverse=True)
                           if gated else ())
    return Boilerplate(
        lines=lines,
        at_start=at_start,
        any_at_start=any_at_start,
        may_be_at_start=may_match_at_start([r.pattern for r in at_start]),
        others=others,
        # longest first: the strings found at one position are the longest and its prefixes
        need_at=re.compile(literal_alternation(needs) or "(?!)"),
        needing={need: sum(1 << k for k, r in enumerate(others) if any(need.startswith(n) for n in r.needs))
                 for need in needs},
        needless=sum(1 << k for k, r in enumerate(others) if not r.needs),
        head_chars=head_chars,
        info_field=info_field,
        info_kinds=kinds,
        tail_furniture_max_chars=require(rules, RULES, "tail_furniture_max_chars", int),
        sentence_final=require(rules, RULES, "sentence_final", str),
        page_title_separators=separators,
        any_start=re.compile(f"(?:{info_field.pattern})|(?:{any_at_start.pattern})"),
        any_inside=re.compile(literal_alternation(inside_strings)),
        inside_strings=inside_strings,
    )
