"""One regex call reads the label at the start of a line: every style's pattern, each followed by
what may follow a label, joined into one alternation.

Trying the styles in turn (match a style, then look at what follows it, then the next style) is
what ``read_label`` means; the joined pattern says the same in one call: alternative k is style
k's pattern in an atomic group (``(?>…)``: the match ``style.pattern.match`` would find, never
another one backtracked into), then a lookahead for what may follow (nothing but spaces: the
label stands alone; ``label_followed_by``: plain; ``weak_followed_by``: weak).  When the
lookahead fails the alternation goes on with the next style, as the loop did.  The group that
closed last tells the style and which follower matched; a lookahead for the characters some
style can start with (``gates.first_class``) comes first.  Patterns that cannot be joined this way
(flags other than the default, unnamed groups, anchors or lookbehinds in the followers) leave
``label_readers`` None and the styles are tried in turn."""
from __future__ import annotations

import re
from typing import NamedTuple

from ..rules.labels import Style
from .gates import first_chars, first_class

NAMED_GROUP = re.compile(r"\(\?P<(\w+)>")
BACK_REFERENCE = re.compile(r"\(\?P=|\(\?\(|\\[1-9]")
# In a follower these would see the label before it (or the line's start) once joined.
CONTEXT_SENSITIVE = re.compile(r"\^|\(\?<|\\[AbB]")
DEFAULT_FLAGS = re.compile("").flags
CANNOT_START_MAX = 4096   # characters remembered as no label's first (a bound for hostile input)


class Read(NamedTuple):
    """What the joined pattern says of one alternative's group: which style, whether the label is
    strong, whether it stands alone on its line, and the group holding its number (unpacked in
    this order by ``labels.label_reading``)."""
    style: Style
    index: int
    strong: bool
    alone: bool
    num_group: int


class LabelReader(NamedTuple):
    match: object                 # the joined pattern's ``match``
    by_group: dict[int, Read]     # lastindex → what it says


class LabelReaders(NamedTuple):
    """The reader of every style, and for the characters the styles name as their first one
    (一, （, 第 …), the reader of only the styles that can start with it: a line is read with
    ``by_first.get(line[:1], every)``, trying two or three styles instead of all of them.
    ``cannot_start``: characters seen at a line's start that no style can start with (most
    lines), so that their lines are turned away without a regex call."""
    every: LabelReader
    by_first: dict[str, LabelReader]
    can_start: object                 # ``match`` of the class of every style's first characters
    cannot_start: set[str]

    def reader_for(self, first: str) -> LabelReader | None:
        """The reader of a line starting with ``first`` (one character), None when no style can
        start with it."""
        reader = self.by_first.get(first)
        if reader is not None:
            return reader
        if first in self.cannot_start:
            return None
        if self.can_start is not None and not self.can_start(first):
            if len(self.cannot_start) < CANNOT_START_MAX:
                self.cannot_start.add(first)
            return None
        return self.every


def label_readers(styles: tuple[Style, ...], followed_by: re.Pattern,
                  weak_followed_by: re.Pattern) -> LabelReaders | None:
    """The joined readers of ``styles``, or None when the patterns do not allow joining."""
    patterns = [s.pattern for s in styles] + [followed_by, weak_followed_by]
    if any(p.flags != DEFAULT_FLAGS or BACK_REFERENCE.search(p.pattern) or p.groups != len(p.groupindex)
           for p in patterns):
        return None
    if any(p.groups or CONTEXT_SENSITIVE.search(p.pattern) for p in (followed_by, weak_followed_by)):
        return None
    follows = (followed_by.pattern, weak_followed_by.pattern)
    # most lines start with no character any style can start with: one class test turns them away
    first = first_class([s.pattern for s in styles])
    every = _joined(styles, range(len(styles)), follows, first)
    if every is None:
        return None
    firsts = [first_class([s.pattern]) for s in styles]
    starts = [None if f is None else re.compile(f) for f in firsts]
    by_subset: dict[tuple[int, ...], LabelReader | None] = {}
    by_first: dict[str, LabelReader] = {}
    for char in sorted(first_chars([s.pattern for s in styles])):
        subset = tuple(k for k, start in enumerate(starts) if start is None or start.match(char))
        if subset not in by_subset:
            by_subset[subset] = _joined(styles, subset, follows, None)
        if by_subset[subset] is not None:
            by_first[char] = by_subset[subset]
    return LabelReaders(every, by_first, None if first is None else re.compile(first).match, set())


def _joined(styles: tuple[Style, ...], subset, follows: tuple[str, str], first: str | None) -> LabelReader | None:
    """One pattern for the styles of ``subset`` (indices into ``styles``, in order), each followed
    by what may follow a label; ``first``: a class every match starts with."""
    followed_by, weak_followed_by = follows
    alternatives = []
    for k in subset:
        body = NAMED_GROUP.sub(lambda m, k=k: f"(?P<{m.group(1)}{k}>", styles[k].pattern.pattern)
        # \s*\Z is "not rest.strip()": re's \s and str.strip agree on what white space is
        follow = rf"(?=(?P<alone{k}>\s*\Z)|(?P<plain{k}>{followed_by})|(?:{weak_followed_by}))"
        alternatives.append(f"(?P<label{k}>(?>{body})){follow}")
    try:
        joined = re.compile(("" if first is None else f"(?={first})") + "(?:" + "|".join(alternatives) + ")")
    except re.error:
        return None
    index = joined.groupindex
    by_group: dict[int, Read] = {}
    for k in subset:
        style = styles[k]
        strong = not style.weak
        num = index[f"num{k}"]
        by_group[index[f"alone{k}"]] = Read(style, k, strong, True, num)
        by_group[index[f"plain{k}"]] = Read(style, k, strong, False, num)
        by_group[index[f"label{k}"]] = Read(style, k, style.plain_after and strong, False, num)
    return LabelReader(joined.match, by_group)
