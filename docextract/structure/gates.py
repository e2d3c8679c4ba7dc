"""Literal gates: the characters one of which every match of a pattern holds, read from the
pattern itself, so that a line without any of them is passed over without running the pattern.

The structure stage tries patterns on every line; most lines cannot match most patterns
(a date line needs 年, a closing line 特此/附/抄…).  The gate is derived from the compiled rule,
never written beside it, so a rule edited in its TOML file keeps a gate that is right for it:
a pattern whose matches need no particular character (``\\d+``, an optional prefix, a case-
insensitive flag) gets no gate and is always run.  Sound by construction: a gate says "cannot
match" only when the text lacks every character some element of the pattern must consume."""
from __future__ import annotations

import re
from collections.abc import Callable

from ..rules.prefilter import CharMemo
from ..text.pattern_needs import (MAX_GATE_CHARS, CATEGORY_CLASS, class_of, constants as c, first_chars_of, first_class,
                                  last_chars_of, required_sets)

IN_TESTS_MAX_CHARS = 8   # a set this small is tested with ``in`` once per character (faster than a class search)


def all_held(sets: tuple[frozenset[str], ...]) -> Callable[[str], bool]:
    """A test that ``text`` holds a character of each of ``sets``: the smallest sets first (a
    single character is one ``in``, what most lines fail), a wide set by one class search."""
    ordered = sorted(sets, key=len)
    singles = tuple(next(iter(s)) for s in ordered if len(s) == 1)   # one ``in`` each, no inner loop
    small = tuple(tuple(sorted(s)) for s in ordered if 1 < len(s) <= IN_TESTS_MAX_CHARS)
    searches = tuple(re.compile("[" + "".join(re.escape(ch) for ch in sorted(s)) + "]").search
                     for s in ordered if len(s) > IN_TESTS_MAX_CHARS)
    if len(singles) == 1 and not small and not searches:
        (char,) = singles
        return lambda text: char in text

    def held(text: str) -> bool:   # plain loops: this runs on every line, generators cost more
        for char in singles:
            if char not in text:
                return False
        for chars in small:
            for char in chars:
                if char in text:
                    break
            else:
                return False
        for search in searches:
            if search(text) is None:
                return False
        return True
    return held


def gate(*patterns: re.Pattern | str) -> Callable[[str], bool]:
    """A test ``may_match(text)``: False only when no pattern of ``patterns`` can match in ``text``
    (or in any part of it).  The sets every pattern requires are tested once, first.

    >>> may_match = gate(r"\\d{4}年\\d+月", r"民国\\d+年")
    >>> may_match("2020年3月"), may_match("民国时期"), may_match("各乡镇：")
    (True, False, False)
    """
    alternatives = [required_sets(pattern) for pattern in patterns]
    if not all(alternatives):
        return _always
    shared = tuple(s for s in alternatives[0] if all(s in other for other in alternatives[1:]))
    rests = [tuple(s for s in sets if s not in shared) for sets in alternatives]
    if not all(rests):   # a pattern that needs only the shared sets: they are the whole gate
        return all_held(shared)
    shared_held = all_held(shared) if shared else _always
    rest_held = tuple(all_held(rest) for rest in rests)

    def may_match(text: str) -> bool:
        if not shared_held(text):
            return False
        for held in rest_held:
            if held(text):
                return True
        return False
    return may_match


def _always(text: str) -> bool:
    return True


BACK_REFERENCE = re.compile(r"\(\?P=|\(\?\(|\\[1-9]")
NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def _joined(patterns: tuple[re.Pattern, ...], name: Callable[[int], str]) -> re.Pattern | None:
    """One alternation of ``patterns``, alternative k wrapped in ``(?:…)`` or a group named
    ``name(k)``; None when the patterns do not allow it (flags differ, verbose, back references)."""
    flags = {p.flags for p in patterns}
    if len(flags) != 1 or next(iter(flags)) & re.VERBOSE:   # a comment would swallow the join
        return None
    if any(BACK_REFERENCE.search(p.pattern) for p in patterns):
        return None
    wrapped = (f"(?{name(k) if name else ':'}{NAMED_GROUP.sub('(?:', p.pattern)})" for k, p in enumerate(patterns))
    try:
        return re.compile("|".join(wrapped), flags.pop())
    except re.error:
        return None


def any_match(patterns: tuple[re.Pattern, ...] | list[re.Pattern]) -> Callable[[str], object]:
    """A test ``matches(text)``: true when one of ``patterns`` matches at the start of ``text``,
    as ``any(p.match(text) for p in patterns)`` would say, in one regex call (one alternation)
    when the patterns allow it (same flags, not verbose, no back references).

    >>> matches = any_match([re.compile("特此通知"), re.compile(r"(?P<n>\\d+)、")])
    >>> bool(matches("特此通知。")), bool(matches("12、加强")), bool(matches("通知"))
    (True, True, False)
    """
    patterns = tuple(patterns)
    joined = _joined(patterns, None)
    if joined is not None:
        return joined.match
    return lambda text: any(p.match(text) for p in patterns)


def first_match(patterns: tuple[re.Pattern, ...] | list[re.Pattern]) -> Callable[[str], int | None]:
    """``first(text)``: the index of the first of ``patterns`` that matches at the start of
    ``text`` (None when none does), in one regex call when the patterns allow it: an
    alternation tries its alternatives in order, and the group that closes last is the
    alternative's own.

    >>> first = first_match([re.compile("第一"), re.compile(r"(?P<n>\\d+)(、)"), re.compile(r"\\d")])
    >>> first("12、加强"), first("3个"), first("第一条"), first("通知")
    (1, 2, 0, None)
    """
    patterns = tuple(patterns)
    joined = _joined(patterns, lambda k: f"P<alternative{k}>")
    if joined is None:
        return lambda text: next((k for k, p in enumerate(patterns) if p.match(text)), None)
    match = joined.match
    index = {joined.groupindex[f"alternative{k}"]: k for k in range(len(patterns))}

    def first(text: str) -> int | None:
        m = match(text)
        return None if m is None else index[m.lastindex]
    return first


# -- first characters: what a match can start with ------------------------------------------

def first_chars(patterns: tuple[re.Pattern, ...] | list[re.Pattern]) -> frozenset[str]:
    """The characters ``first_class(patterns)`` names one by one (literals, narrow ranges; not
    what a category such as ``\\d`` holds); empty when the first characters cannot be told.

    >>> sorted(first_chars([re.compile(r"[（(]\\d"), re.compile(r"[a-c]|第|\\d")]))
    ['(', 'a', 'b', 'c', '第', '（']
    """
    found = first_chars_of(patterns)
    chars: set[str] = set()
    for kind, value in found.items if found is not None else ():
        if kind == c.LITERAL:
            chars.add(chr(value))
        elif kind == c.RANGE and value[1] - value[0] < MAX_GATE_CHARS:
            chars.update(chr(k) for k in range(value[0], value[1] + 1))
        elif kind == c.CATEGORY and value not in CATEGORY_CLASS:
            return frozenset()
    return frozenset(chars)


def start_chars(patterns: tuple[re.Pattern, ...] | list[re.Pattern]) -> CharMemo:
    """``first[char]``: whether a match of one of ``patterns`` can start with ``char`` (the class
    ``first_class`` reads from them; True for every character when it cannot be told), each
    character tested once: a test before a pattern tried on many lines, most of which start
    with a character no match can start with.

    >>> first = start_chars([re.compile(r"\\d+、")])
    >>> first["1"], first["一"]
    (True, False)
    """
    first = first_class(patterns)
    if first is None:
        return CharMemo(lambda char: True)
    can_start = re.compile(first).match
    return CharMemo(lambda char: can_start(char) is not None)


# -- last characters: what a match anchored at the text's end can end with ---------------------

def end_chars(pattern: re.Pattern) -> CharMemo:
    """``last[char]``: whether a match of ``pattern`` can be found in a text ending with ``char``
    (one character).  Read from the pattern when every match ends at the text's end (``$`` or
    ``\\Z`` last, not multi-line): the text's last character is then the match's own (or the
    line break ``$`` matches before); True for every character when that cannot be told.  A test
    of the last character before a search that would scan the whole line.

    >>> last = end_chars(re.compile(r"[.…]{2,}\\s*\\d{1,4}\\s*[-—]?\\s*$"))
    >>> last["3"], last["—"], last[" "], last["。"], end_chars(re.compile(r"\\d+"))["。"]
    (True, True, True, False, True)
    """
    found = last_chars_of(pattern)
    ends = None if found is None else class_of(found.items)
    if ends is None:
        return CharMemo(lambda char: True)
    can_end = re.compile(ends).match
    return CharMemo(lambda char: can_end(char) is not None)

