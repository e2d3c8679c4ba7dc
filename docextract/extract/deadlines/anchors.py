"""Where the deadline rules can match: each ``Rule``'s anchor words, found in one scan of
the text, and each anchor's screen.

Most windows hold no deadline.  One ``screen`` per anchor says, with one search per window,
whether any of the anchor's rules may match there; only the windows it passes are searched
rule by rule.  A screen opens with a character class, so the regex engine skips the
characters no match can start with in a tight loop, instead of entering the matcher at every
character as it must for a pattern that opens with a look-ahead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...rules.prefilter import CharMemo
from ...text.scan import literal_alternation, screen


@dataclass(frozen=True)
class Gate:
    """The characters that may stand right before an anchor word where a rule's ``near`` can
    match: ``chars``, any decimal digit (``\\d``) when ``digits``, any white space (``\\s``) when
    ``spaces``.  Tested in Python before ``near`` is (a regex call costs more than the test)."""

    chars: str
    digits: bool = False
    spaces: bool = False

    def admits(self, before: str) -> bool:
        """``before``: the character before the word, "" at the start of the text (admitted)."""
        return before in self.chars or (self.digits and before.isdecimal()) or (self.spaces and before.isspace())

    def __or__(self, other: Gate) -> Gate:
        return Gate("".join(sorted(set(self.chars + other.chars))), self.digits or other.digits, self.spaces or other.spaces)


@dataclass(frozen=True)
class Rule:
    """One pattern: what it finds (``family``), and where it can be (near one of the literal
    ``anchor`` words, reaching ``before``/``after`` characters).  ``pattern`` opens with a
    look-ahead for the characters a match can start with; ``plain`` is the same pattern without
    it (tests check that the two find the same)."""

    family: str
    pattern: re.Pattern
    plain: re.Pattern
    anchor: tuple[str, ...]
    before: int
    after: int
    screen: str         # what the anchor's screen tries for this rule (see ``_screen``)
    screen_first: str   # the characters a screen match starts with (a class body)
    screen_lead: int    # how far before the rule's match the screen's starts (0 or 1)
    # An anchor word right after this many decimal digits (\d) anchors no match of the rule
    # (0: any may).  The count of a relative limit has at most 3 digits and no digit before it,
    # so the 年 of 2024年 — most of the 年 in a notice — opens no window for it.
    digits_block: int = 0
    # A pattern the start of every match of the rule matches (a relaxation of ``screen``, which
    # the anchor's screen tries instead; rules sharing one have it tried once): "" = ``screen``.
    opening: str = ""
    # A necessary condition on each anchor word a match of the rule holds, matched where the word
    # starts (its lookbehinds read the text before): a window where no anchor word meets the
    # ``near`` of any of the anchor's rules holds no match, and is dropped before its screen is
    # searched.  None: no condition.  (tests/test_deadlines.py checks that no match is lost.)
    near: re.Pattern | None = None
    near_gate: Gate | None = None   # what stands before a word ``near`` can match at (None: anything)
    # A pattern found inside every match of the rule (the 至 of 4月26日至28日): a window where a
    # search for it fails holds no match, and its locator is not searched there (a search for a
    # class costs a class test a character; the locator's enters the whole rule at every digit).
    # None: no such pattern.  (tests/test_deadlines.py checks that every match holds one.)
    required: re.Pattern | None = None


# A group name, to drop from a screen: the screen only says whether a rule matches, and the
# rules of one anchor share names (year, month).  No rule refers back to a group.
GROUP_NAME = re.compile(r"\(\?P<\w+>")


def _screen(rules: tuple[Rule, ...], relaxed: bool = True) -> re.Pattern | None:
    """One pattern that matches wherever one of ``rules`` may (an over-estimate is harmless:
    the window is then searched rule by rule from where it matched); None when a rule has no
    class of first characters.  ``relaxed``: a rule's ``opening`` stands for it."""
    if not all(r.screen_first for r in rules):
        return None
    tried = dict.fromkeys((r.opening if relaxed else "") or r.screen for r in rules)   # distinct, in order
    alternatives = "|".join(f"(?:{GROUP_NAME.sub('(?:', pattern)}\n)" for pattern in tried)
    return screen(alternatives, "".join(r.screen_first for r in rules), re.VERBOSE)


@dataclass(frozen=True)
class AnchorIndex:
    """Every anchor word in one pattern, so one scan finds them all.  ``anchors`` are the
    distinct anchors; ``feeds`` gives, for each word the scan can report, every anchor word it
    holds as (where in it, which anchor, the anchor's reach before and after), in order of place
    (the 月 of 次月 feeds the anchor 月); ``reach`` is each anchor's widest reach over its rules,
    before and after the start of one of its words (the longest word's length included);
    ``screens`` each anchor's screen and how far before a match the screen starts.
    ``rule_anchors`` gives each rule's anchor (its place in ``anchors``) and ``locators`` each
    rule's own screen (see ``locator``), in the order of the rules.  A feed's last field is its
    anchor's ``digits_block``: the fewest digits before a word that let none of its rules match.
    ``nears``: where a word of an anchor may be one a match of its rules holds (``Rule.near``)."""

    words: re.Pattern
    anchors: tuple[tuple[str, ...], ...]
    feeds: dict[str, tuple[tuple[int, int, int, int, int], ...]]
    reach: tuple[tuple[int, int], ...]
    screens: tuple[tuple[re.Pattern | None, int], ...]
    rule_anchors: tuple[int, ...]
    locators: tuple[re.Pattern | None, ...]
    nears: tuple[re.Pattern | None, ...]   # each anchor's rules' ``near`` in one (None: one has none)
    gates: tuple[tuple[str, bool, bool] | None, ...]   # each anchor's rules' ``near_gate`` in one, as its
    # (chars, digits, spaces) (None: one has none)
    # ``feeds`` with each feed's anchor's near and gate appended, for the scan loop (fewer lookups a
    # word); the gate as a memo of ``Gate.admits`` per character (a lookup, not three tests a word)
    scan_feeds: dict[str, tuple[tuple, ...]]
    decimal: CharMemo   # str.isdecimal per character: the digits_block test reads the last one first
    # ``words`` less the words no near of theirs can meet (``_gated_scan``): what the scan reads
    scan: re.Pattern


def locator(rule: Rule) -> re.Pattern | None:
    """A one-character match exactly where ``rule`` matches (``screen_lead`` characters before),
    None when the rule has no class of first characters.  Searched in a window, it finds where
    the rule's next match starts with the regex engine passing over the other characters in its
    fast loop (``rule.pattern`` opens with a look-ahead, so a search with it enters the matcher
    at every character); ``rule.plain.match`` there then reads the match itself."""
    return _screen((rule,), relaxed=False)


def _digits_block(rules: list[Rule]) -> int:
    """The digits before a word that block every one of ``rules`` (0: some rule is never blocked)."""
    return 0 if not all(r.digits_block for r in rules) else max(r.digits_block for r in rules)


def _near(rules: list[Rule]) -> re.Pattern | None:
    """What one of ``rules``' anchor words must meet for one of them to match (None: anything)."""
    if not all(r.near for r in rules):
        return None
    return re.compile("|".join(dict.fromkeys(f"(?:{r.near.pattern}\n)" for r in rules)), re.VERBOSE)


def _gate(rules: list[Rule]) -> Gate | None:
    """What may stand before a word where one of ``rules``' ``near`` can match (None: anything)."""
    if not all(r.near and r.near_gate for r in rules):
        return None
    gate = rules[0].near_gate
    for r in rules[1:]:
        gate = gate | r.near_gate
    return gate


def _gated_scan(vocabulary: list[str], feeds: dict, nears: tuple[re.Pattern | None, ...]) -> re.Pattern:
    """``literal_alternation(vocabulary)`` where a word all of whose anchors have a ``near`` is
    found only where one of them meets it (tried in the regex engine, after the word: the scan
    itself still skips the other characters in its fast loop).  Most anchor words of a notice
    (年, ：, 前, 日, 报告) meet none; each would cost the scan loop a Python step to find that
    out, and every window it opened would be dropped (a match of a rule with a near holds a
    word that meets it, within the word's reach: the windows of the words that do hold them)."""
    tails: dict[str, list[str]] = {}
    for word in vocabulary:   # longest first
        tails.setdefault(word[0], []).append(word)
    branches = []
    for first, words in sorted(tails.items(), key=lambda item: len(item[1][-1]) > 1):   # as literal_alternation
        alternatives = []
        for word in words:
            fed = feeds[word]
            if all(nears[a] is not None for _, a, *_ in fed):
                meets = "|".join(dict.fromkeys(f"(?:[\\s\\S]{{{k}}}(?x:{nears[a].pattern}\n))" for k, a, *_ in fed))
                alternatives.append(f"{re.escape(word[1:])}(?<=(?={meets})[\\s\\S]{{{len(word)}}})")
            else:
                alternatives.append(re.escape(word[1:]))
        branches.append(re.escape(first) + "(?:" + "|".join(alternatives) + ")")
    return re.compile("|".join(branches))


def anchor_index(rules: tuple[Rule, ...]) -> AnchorIndex:
    reach: dict[tuple[str, ...], tuple[int, int]] = {}
    for r in rules:
        before, after = reach.get(r.anchor, (0, 0))
        reach[r.anchor] = (max(before, r.before), max(after, r.after))
    anchors = tuple(reach)
    reaches = tuple((reach[a][0], reach[a][1] + max(map(len, a))) for a in anchors)
    blocks = tuple(_digits_block([r for r in rules if r.anchor == anchor]) for anchor in anchors)
    vocabulary = sorted({w for anchor in anchors for w in anchor}, key=len, reverse=True)
    feeds = {w: tuple((k, a, *reaches[a], blocks[a]) for k, a in sorted((k, a) for a, anchor in enumerate(anchors) for v in anchor
                                                             for k in range(len(w)) if w.startswith(v, k)))
             for w in vocabulary}
    screens = []
    for anchor in anchors:
        mine = tuple(r for r in rules if r.anchor == anchor)
        # an anchor of one rule that the screen does not relax has none: its screen would be
        # the rule's locator, which then searches each window the screen passed once more
        screen = None if len(mine) == 1 and not mine[0].opening else _screen(mine)
        screens.append((screen, max(r.screen_lead for r in mine)))
    nears = tuple(_near([r for r in rules if r.anchor == anchor]) for anchor in anchors)
    gates = tuple(None if (gate := _gate([r for r in rules if r.anchor == anchor])) is None
                  else (gate.chars, gate.digits, gate.spaces) for anchor in anchors)
    admits = tuple(None if gate is None else CharMemo(Gate(*gate).admits) for gate in gates)
    scan_feeds = {w: tuple((*feed, nears[feed[1]], admits[feed[1]]) for feed in fed) for w, fed in feeds.items()}
    return AnchorIndex(re.compile(literal_alternation(vocabulary)), anchors, feeds, reaches, tuple(screens),
                       tuple(anchors.index(r.anchor) for r in rules), tuple(map(locator, rules)),
                       nears, gates, scan_feeds, CharMemo(str.isdecimal), _gated_scan(vocabulary, feeds, nears))
