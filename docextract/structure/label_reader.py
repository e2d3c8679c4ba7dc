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
``label_reader`` None and the styles are tried in turn."""
from __future__ import annotations

import re
from typing import NamedTuple

from ..rules.labels import Style
from .gates import first_class

NAMED_GROUP = re.compile(r"\(\?P<(\w+)>")
BACK_REFERENCE = re.compile(r"\(\?P=|\(\?\(|\\[1-9]")
# In a follower these would see the label before it (or the line's start) once joined.
CONTEXT_SENSITIVE = re.compile(r"\^|\(\?<|\\[AbB]")
DEFAULT_FLAGS = re.compile("").flags


class Read(NamedTuple):
    """What the joined pattern says of one alternative's group: which style, whether the label is
    strong, whether it stands alone on its line, and the group holding its number."""
    style: Style
    index: int
    strong: bool
    alone: bool
    num_group: int


class LabelReader(NamedTuple):
    match: object                 # the joined pattern's ``match``
    by_group: dict[int, Read]     # lastindex → what it says


def label_reader(styles: tuple[Style, ...], followed_by: re.Pattern, weak_followed_by: re.Pattern) -> LabelReader | None:
    """The joined reader of ``styles``, or None when the patterns do not allow joining."""
    patterns = [s.pattern for s in styles] + [followed_by, weak_followed_by]
    if any(p.flags != DEFAULT_FLAGS or BACK_REFERENCE.search(p.pattern) or p.groups != len(p.groupindex)
           for p in patterns):
        return None
    if any(p.groups or CONTEXT_SENSITIVE.search(p.pattern) for p in (followed_by, weak_followed_by)):
        return None
    alternatives = []
    for k, style in enumerate(styles):
        body = NAMED_GROUP.sub(lambda m, k=k: f"(?P<{m.group(1)}{k}>", style.pattern.pattern)
        # \s*\Z is "not rest.strip()": re's \s and str.strip agree on what white space is
        follow = rf"(?=(?P<alone{k}>\s*\Z)|(?P<plain{k}>{followed_by.pattern})|(?:{weak_followed_by.pattern}))"
        alternatives.append(f"(?P<label{k}>(?>{body})){follow}")
    # most lines start with no character any style can start with: one class test turns them away
    first = first_class([s.pattern for s in styles])
    try:
        joined = re.compile(("" if first is None else f"(?={first})") + "(?:" + "|".join(alternatives) + ")")
    except re.error:
        return None
    index = joined.groupindex
    by_group: dict[int, Read] = {}
    for k, style in enumerate(styles):
        strong = not style.weak
        num = index[f"num{k}"]
        by_group[index[f"alone{k}"]] = Read(style, k, strong, True, num)
        by_group[index[f"plain{k}"]] = Read(style, k, strong, False, num)
        by_group[index[f"label{k}"]] = Read(style, k, style.plain_after and strong, False, num)
    return LabelReader(joined.match, by_group)
