"""Character-level fixes of decoded text, each a named ``TrackedText -> TrackedText`` function
that keeps offsets valid: line ends and invisible characters, traditional → simplified
(OpenCC ``t2s``), pinyin glued after characters, width folding, stray spaces."""
from __future__ import annotations

import re
import unicodedata
from functools import cache

from ..text.textmap import TrackedText


@cache
def _t2s():
    import opencc  # the C++ binding; imported only when a text is normalized

    return opencc.OpenCC("t2s")


# -- 1. line ends and invisible characters ----------------------------------------------------

INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
TRAILING_SPACE = re.compile(r"[ \t\u00a0\u3000]+(?=\n|$)")


def fix_line_ends(t: TrackedText) -> TrackedText:
    """CRLF and CR become LF; zero-width characters and soft hyphens go; trailing spaces go."""
    edits = [(m.start(), m.end(), "\n" if m.group() == "\r\n" else "\n") for m in re.finditer(r"\r\n?", t.text)]
    t = t.replace_spans(edits)
    t = t.replace_spans([(m.start(), m.end(), "") for m in INVISIBLE.finditer(t.text)])
    return t.replace_spans([(m.start(), m.end(), "") for m in TRAILING_SPACE.finditer(t.text)])


# -- 2. traditional → simplified ---------------------------------------------------------------

CJK = "\u4e00-\u9fff\u3400-\u4dbf"
HAS_CJK = re.compile(f"[{CJK}]")


def to_simplified(t: TrackedText) -> TrackedText:
    """OpenCC ``t2s`` (never ``tw2sp``, which rewrites words).  t2s maps one character to one;
    a line whose length would change is converted character by character instead."""
    if not HAS_CJK.search(t.text):
        return t
    converter = _t2s()
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
# Starts with the literal "(" (fast to scan for), then checks the character before it.
GLUED_PINYIN = re.compile(rf"\((?<=[{CJK}]\()(?=[a-zü]*[{TONE_VOWELS}])[a-zü{TONE_VOWELS}]{{1,7}}\)(?:{SYLLABLE})*")


def strip_glued_pinyin(t: TrackedText) -> TrackedText:
    """產業(yè) → 產業: pinyin some sites print after characters.  Real parentheses stay."""
    return t.replace_spans([(m.start(), m.end(), "") for m in GLUED_PINYIN.finditer(t.text)])


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
    if not FOLDABLE.search(t.text):
        return t
    # one character for one, so offsets hold; re.sub visits only the characters that fold
    return t.with_text(FOLDABLE.sub(lambda m: chr(WIDTH_TABLE[ord(m.group())]), t.text))


# -- 5. stray spaces ---------------------------------------------------------------------------

LEADING_SPACE = re.compile(r"(?m)^[ \t]+")
# Both start with the literal space, so the engine scans for spaces instead of trying every
# position: 通 知, 2024 年.
SPACE_IN_WORD = re.compile(rf" (?:(?<=[{CJK}] )(?=[{CJK}\d])|(?<=\d )(?=[{CJK}]))")
NUMBER_SPLIT = re.compile(r"\n(?:(?<=\d\n)[ \t]*(?=[年月日号])|(?<=[年月]\n)[ \t]*(?=\d{1,2}[月日号]))")


SPACED_LIST_MIN_WORDS = 3   # 首页 机构概况 政务公开: words laid out with spaces, not a broken word
SPACED_LIST_MAX_WORD = 8


def _is_spaced_list(text: str, pos: int) -> bool:
    """Whether the space at ``pos`` separates the words of a menu or list line (kept)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    words = text[start:end if end != -1 else len(text)].split()
    if len(words) < SPACED_LIST_MIN_WORDS:
        return False
    # a menu: several short words (首页 机构概况 政务公开); a PDF title broken around a number
    # ("关于印发《某市 2024 年就业…》") has long pieces and bare numbers
    return all(2 <= len(w) <= SPACED_LIST_MAX_WORD and not w.isdigit() for w in words)


def _disjoint(edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Edits of several patterns in one pass: the first of any overlapping ones wins."""
    out: list[tuple[int, int, str]] = []
    for edit in sorted(edits):
        if not out or edit[0] >= out[-1][1]:
            out.append(edit)
    return out


def strip_stray_spaces(t: TrackedText) -> TrackedText:
    """Indentation goes; a single space between two characters (通 知, 2024 年) goes; a number split
    from its 年/月/日 across a line break is re-joined."""
    text = t.text
    edits = [(m.start(), m.end(), "") for m in LEADING_SPACE.finditer(text)]
    edits += [(m.start(), m.end(), "") for m in SPACE_IN_WORD.finditer(text) if not _is_spaced_list(text, m.start())]
    edits += [(m.start(), m.end(), "") for m in NUMBER_SPLIT.finditer(text)]
    return t.replace_spans(_disjoint(edits))
