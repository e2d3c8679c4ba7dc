"""Character-level fixes of decoded text, each a named ``TrackedText -> TrackedText`` function
that keeps offsets valid: line ends and invisible characters, traditional → simplified
(OpenCC ``t2s``), pinyin glued after characters, width folding, stray spaces."""
from __future__ import annotations

import re
import unicodedata

from ..rules.boilerplate import REPEATED_PHRASE_MAX
from ..rules.labels import label_start
from ..text.textmap import TrackedText
from .t2s_gate import t2s_converter, t2s_triggers


# -- 1. line ends and invisible characters ----------------------------------------------------

INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")
TRAILING_SPACE_CHARS = " \t\u00a0\u3000"
TRAILING_SPACES = tuple(TRAILING_SPACE_CHARS)


# Line and page breaks other than LF: a form feed is the page break of a PDF-to-text copy.
BREAK_CHARS = "\r\f\v\x85\u2028\u2029"
OTHER_BREAKS = re.compile("\r\n?|[\f\v\x85\u2028\u2029]")


def fix_line_ends(t: TrackedText) -> TrackedText:
    """CRLF, CR, form feeds and Unicode line separators become LF; zero-width characters and soft
    hyphens go; trailing spaces go."""
    if any(ch in t.text for ch in BREAK_CHARS):  # substring tests: most texts have none
        t = t.replace_spans([(m.start(), m.end(), "\n") for m in OTHER_BREAKS.finditer(t.text)])
    if any(ch in t.text for ch in INVISIBLE_CHARS):
        t = t.replace_spans([(m.start(), m.end(), "") for m in INVISIBLE.finditer(t.text)])
    return t.replace_spans(_trailing_spaces(t.text))


# A line break after a trailing space: found by a scan for the line break (a literal the regex
# engine skips to) and a look back; a search for each space followed by a line break ("\u3000\n"
# in text) scans the text once per space character, a class-first pattern tries every character.
SPACE_BEFORE_BREAK = re.compile(f"\n(?<=[{TRAILING_SPACE_CHARS}]\n)")


def _trailing_spaces(text: str) -> list[tuple[int, int, str]]:
    """Deletions of the spaces that end a line, only the lines that end so visited (most texts:
    none)."""
    edits = []
    for found in SPACE_BEFORE_BREAK.finditer(text):
        end = found.start()
        start = end - 1
        while start and text[start - 1] in TRAILING_SPACE_CHARS:   # (a line break stops it)
            start -= 1
        edits.append((start, end, ""))
    if text.endswith(TRAILING_SPACES):   # the last line
        edits.append((len(text.rstrip(TRAILING_SPACE_CHARS)), len(text), ""))
    return edits


# -- 2. traditional → simplified ---------------------------------------------------------------

CJK = "\u4e00-\u9fff\u3400-\u4dbf"
HAS_CJK = re.compile(f"[{CJK}]")


FEW_LINES = 16   # past this many lines to convert, the text is converted whole (one call)


def to_simplified(t: TrackedText) -> TrackedText:
    """OpenCC ``t2s`` (never ``tw2sp``, which rewrites words).  t2s maps one character to one;
    a line whose length would change is converted character by character instead."""
    if not HAS_CJK.search(t.text):
        return t
    triggers = t2s_triggers()
    spans = None if triggers is None else triggers.changing_lines(t.text, FEW_LINES)
    if spans == []:
        return t  # most notices: no character t2s would change (t2s_gate)
    converter = t2s_converter()
    if spans:  # a simplified text with a few traditional characters: only their lines are converted
        text = t.text
        outs = [converter.convert(text[start:end]) for start, end in spans]
        if all(len(out) == end - start for out, (start, end) in zip(outs, spans)):
            pieces, pos = [], 0
            for (start, end), out in zip(spans, outs):
                pieces += (text[pos:start], out)
                pos = end
            pieces.append(text[pos:])
            return t.with_text("".join(pieces))
    converted = converter.convert(t.text)
    if len(converted) == len(t.text):
        return t.with_text(converted)
    lines = []
    for line in t.text.split("\n"):
        out = converter.convert(line)
        if len(out) != len(line):
            out = "".join(c if len(c := converter.convert(ch)) == 1 else ch for ch in line)
        lines.append(out)
    return t.with_text("\n".join(lines))


# -- 3. glued pinyin ---------------------------------------------------------------------------

TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
SYLLABLE = (r"\((?=[a-zü]*[" + TONE_VOWELS + r"])"   # a parenthesis holding a tone-marked vowel
            r"[a-zü" + TONE_VOWELS + r"]{1,7}\)")     # one lower-case syllable
# Starts with the literal "(" (fast to scan for); the character before it (over one space) is
# checked to be Chinese.
GLUED_PINYIN = re.compile(rf"\((?=[a-zü]*[{TONE_VOWELS}])[a-zü{TONE_VOWELS}]{{1,7}}\)(?:[ \t\u3000]*{SYLLABLE})*")
IS_HAN = re.compile(f"[{CJK}]")


def strip_glued_pinyin(t: TrackedText) -> TrackedText:
    """產業(yè) → 產業 (and 產業 (yè), with the spaces): pinyin some sites print after
    characters.  Real parentheses stay."""
    text = t.text
    if "(" not in text:
        return t
    edits = []
    for m in GLUED_PINYIN.finditer(text):
        start = m.start()
        while start and text[start - 1] in " \t\u3000\u00a0":
            start -= 1
        if start and IS_HAN.match(text[start - 1]):
            edits.append((start, m.end(), ""))
    return t.replace_spans(edits) if edits else t


# -- 4. width folding --------------------------------------------------------------------------

# One character for one, so offsets survive.  Full-width ASCII letters, digits and a few
# symbols fold; Chinese punctuation and brackets stay as written (（ ） ， ： 、 。), and so do the
# numbering symbols ⑴ ㈠ ① (NFKC would turn them into (1) (一) 1).
WIDTH_TABLE = {code: code - 0xFEE0 for code in range(ord("０"), ord("９") + 1)}
WIDTH_TABLE.update({code: code - 0xFEE0 for code in range(ord("Ａ"), ord("Ｚ") + 1)})
WIDTH_TABLE.update({code: code - 0xFEE0 for code in range(ord("ａ"), ord("ｚ") + 1)})
WIDTH_TABLE.update({ord(a): ord(b) for a, b in zip("\u00a0\u2002\u2003\u2009\u3000＋－＝／％＆＠＃＿．﹒",
                                                        "     +-=/%&@#_..")})
# Kangxi and CJK radicals some PDFs print for ordinary characters (⼀、 for 一、, ⻑ for 长): the
# ideograph NFKC gives, one for one.
WIDTH_TABLE.update({code: ord(unicodedata.normalize("NFKC", chr(code)))
                    for code in (*range(0x2E80, 0x2EF4), *range(0x2F00, 0x2FD6))
                    if len(unicodedata.normalize("NFKC", chr(code))) == 1
                    and unicodedata.normalize("NFKC", chr(code)) != chr(code)})


FOLDABLE = re.compile("[" + "".join(map(chr, WIDTH_TABLE)) + "]")


def fold_width(t: TrackedText) -> TrackedText:
    """Full-width letters and digits, odd spaces and ．﹒ become their ASCII forms."""
    text = t.text
    found = set(FOLDABLE.findall(text))   # one scan; a text holds few distinct ones (\u3000, ０-９)
    if not found:
        return t
    # one character for one, so offsets hold; each distinct one replaced in C (no call per match),
    # and no replacement is itself in the table
    for char in found:
        text = text.replace(char, chr(WIDTH_TABLE[ord(char)]))
    return t.with_text(text)


# -- 5. stray spaces ---------------------------------------------------------------------------

# Chinese punctuation and brackets carry their own spacing: a space beside one is noise.
CJK_PUNCT = "，。、；：？！“”‘’《》〈〉（）〔〕【】「」『』…—"
LATIN = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
ARTICLE_LABEL_ENDS = "章节条"


def _maybe_stray(space: str) -> re.Pattern:
    """The runs of ``space`` (a character or a class) that may be stray, the neighbours then read
    in Python: a single one, or a longer run before or after Chinese punctuation or after 第一条's
    条.  A longer run between two words is a layout gap, which stays: in a page laid out with
    spaces, most runs are passed over without a Python step.  A run is matched whole, from its
    first space (``(?<!..)``: never from inside one)."""
    punct = re.escape(CJK_PUNCT)
    return re.compile(f"{space}(?<!{space}{space})(?:{space}*(?=[{punct}])"
                      f"|(?<=[{punct}{ARTICLE_LABEL_ENDS}]{space}){space}*|(?!{space}))")


# Written to start with a class, not a repeat, and in a text without tabs with a literal: the
# engine scans for a literal first character fast, but tries a pattern starting with a repeat
# (" +") or a class at every character, many times slower.
SPACES = _maybe_stray("[ \t]")
ONLY_SPACES = _maybe_stray(" ")
# After a line break: a number split from its 年/月/日 (the break and the spaces go), else the
# indentation (the spaces go; the text's first line: see below).  One scan of the line breaks for both;
# the look-ahead for what each branch can start with turns most line breaks away in one test (the
# branches' look-behinds, tried at each line break, cost several times more).
NUMBER_SPLIT_OR_INDENT = re.compile(r"\n(?=[ \t\d年月日号])(?:(?<=\d\n)[ \t]*(?=[年月日号])|(?<=[年月]\n)[ \t]*(?=\d{1,2}[ \t]*(?:\n[ \t]*)?[月日号])"
                                    r"|(?P<indent>[ \t]+))")
# The spaces after 第一条 / 第一章 (regulations print 第一条　　为了…) go, as one space would: a run of
# two or more, after this label, before a character that is not white space.
ARTICLE_LABEL = re.compile(r"第[一二三四五六七八九十百零〇\d]{1,4}[章节条]")
ARTICLE_LABEL_SIZES = range(3, 7)   # 第, one to four numerals, 章节条


FIRST_WIDE = "\u2000"   # every Chinese character and mark of CJK and CJK_PUNCT is at or above it


ARTICLE_GAP = re.compile(r"^(第[一二三四五六七八九十百零〇\d]{1,4}[章节条])[ \t]{2,}")
SPACED_LIST_MIN_WORDS = 3   # 首页 机构概况 政务公开: words laid out with spaces, not a broken word
SPACED_LIST_MAX_WORD = 8


def _words(tokens: list[str]) -> list[str]:
    """The words of a line split at its spaces, a word and the punctuation spaced beside it as one."""
    words: list[str] = []
    for token in tokens:
        if words and (words[-1][-1] in CJK_PUNCT or token[0] in CJK_PUNCT):
            words[-1] += token
        else:
            words.append(token)
    return words


def is_spaced_list(line: str) -> bool:
    """Whether the spaces of a line separate the words of a menu or a list (kept): several short
    words (首页 机构概况 政务公开).  A PDF title broken around a number ("关于印发《某市 2024 年
    就业…》") has long pieces and bare numbers."""
    line = line.lstrip(" \t")
    gap = ARTICLE_GAP.match(line) if line[:1] == "第" else None
    if gap:  # 第一条  为了: the label's spaces go anyway
        line = gap.group(1) + line[gap.end():]
    tokens = line.split()
    # a word holds whole tokens: too few tokens, or one too long, rule the line out before they are
    # joined into words (most lines a space is found in are prose, with long runs between spaces)
    if len(tokens) < SPACED_LIST_MIN_WORDS or max(map(len, tokens)) > SPACED_LIST_MAX_WORD:
        return False
    words = _words(tokens)
    return len(words) >= SPACED_LIST_MIN_WORDS and \
        all(2 <= len(w) <= SPACED_LIST_MAX_WORD and not w.isdigit() for w in words)


def _is_word(c: str) -> bool:
    """A Chinese character or mark, a digit, a bracket or %: text a space beside Chinese punctuation
    is noise next to."""
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or c in CJK_PUNCT or c in "()%" or c.isdecimal()


def _is_stray(text: str, start: int, end: int, line: tuple[int, int], spaced_list) -> bool:
    """Whether the spaces text[start:end] (on the line text[line[0]:line[1]]) are noise inside
    Chinese text (the neighbours read by comparisons: a regex call per character costs more)."""
    before, after = text[start - 1], text[end]
    if before in CJK_PUNCT and _is_word(after) or after in CJK_PUNCT and _is_word(before):
        # beside Chinese punctuation, however many; but not between one phrase shown twice
        # ("战“疫” 战“疫”", a page's tile the clean stage drops by its space)
        # (a heading printed twice is a heading, as repeats_a_phrase says: "一、 一、")
        # (the lengths first: the rest of a long line is not copied for each of its spaces)
        rest = line[1] - end
        if not (2 <= rest <= REPEATED_PHRASE_MAX and start - line[0] >= rest):
            return True
        half = text[end:line[1]]
        return not (text[line[0]:start].lstrip(" \t") == half and not label_start().match(half))
    if end - start > 1:
        return False  # a layout gap between two words (a signature's two issuers) stays
    # a Chinese character beside the space (its ranges written out: a call per neighbour costs more)
    cjk_before = "\u4e00" <= before <= "\u9fff" or "\u3400" <= before <= "\u4dbf"
    cjk_after = "\u4e00" <= after <= "\u9fff" or "\u3400" <= after <= "\u4dbf"
    if cjk_before and (cjk_after or after in LATIN or after in "()") \
            or (before in LATIN or before in "()%") and cjk_after:
        return not spaced_list(start)
    return False


def _disjoint(edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Edits of several patterns in one pass: the first of any overlapping ones wins."""
    out: list[tuple[int, int, str]] = []
    for edit in sorted(edits):
        if not out or edit[0] >= out[-1][1]:
            out.append(edit)
    return out


def strip_stray_spaces(t: TrackedText) -> TrackedText:
    """Indentation goes; spaces inside Chinese text go (通 知, 2024 年, 简化 A 类, 活力， 夯实, 《 方案 》)
    unless they lay out a menu; a number split from its 年/月/日 across a line break is re-joined;
    the spaces after 第一条 go."""
    text = t.text
    # (where a number's break matches, its spaces go with it: the indentation is not read there)
    edits = [(m.start() if m.group("indent") is None else m.start() + 1, m.end(), "")
             for m in NUMBER_SPLIT_OR_INDENT.finditer(text)]
    first = len(text) - len(text.lstrip(" \t")) if text[:1] in (" ", "\t") else 0   # no copy of the text
    if first:
        edits.append((0, first, ""))
    line = (0, -1)             # the line of the current run of spaces: (start, end)
    spaced: dict[int, bool] = {}  # a line's start → a spaced list?

    def spaced_list(_: int) -> bool:
        if line[0] not in spaced:
            spaced[line[0]] = is_spaced_list(text[line[0]:line[1]])
        return spaced[line[0]]

    size = len(text)
    for m in (SPACES if "\t" in text else ONLY_SPACES).finditer(text):
        start, end = m.span()
        if not start or end == size or text[start - 1] == "\n" or text[end] == "\n":
            continue  # indentation or a line's end: not between two characters
        if text[start - 1] < FIRST_WIDE and text[end] < FIRST_WIDE:
            continue  # between two Latin characters (14:30 PM): _is_stray needs a Chinese one beside it
        if end - start > 1 and text[start - 1] in ARTICLE_LABEL_ENDS and not text[end].isspace() \
                and _after_article_label(text, start):
            edits.append((start, end, ""))   # (found from the runs of spaces: no scan of the text for labels)
            continue
        if start > line[1]:  # a new line: found from the end of the last one, so each once
            line_end = text.find("\n", start)
            line = (text.rfind("\n", max(line[1], 0), start) + 1, size if line_end == -1 else line_end)
        if _is_stray(text, start, end, line, spaced_list):
            edits.append((start, end, ""))
    return t.replace_spans(_disjoint(edits))


def _after_article_label(text: str, start: int) -> bool:
    """Whether ``text[:start]`` ends with an article label (第一条) that starts its line."""
    for size in ARTICLE_LABEL_SIZES:
        if size <= start and ARTICLE_LABEL.fullmatch(text, start - size, start):
            label = start - size
            return not text[text.rfind("\n", 0, label) + 1:label].strip()
    return False
