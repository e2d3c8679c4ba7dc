"""Stage 2, normalize: named, offset-keeping fixes of the decoded text.

Each normalizer takes and returns a ``TrackedText``; ``NORMALIZERS`` lists them in order.
Length-changing fixes go through ``TrackedText.replace_spans``, so every offset maps back
to the decoded source.  ``normalize(text, trace=[])`` records the steps that changed
something (ftfy-style).
"""
from __future__ import annotations

import re
from functools import cache

from .rules import compile_pattern, load_rules, require
from .textmap import TrackedText

RULES = "normalize"


@cache
def _rules() -> dict:
    rules = load_rules(RULES)
    doc_types = require(rules, RULES, "title_endings", list)
    return {
        "title_end": re.compile("(?:" + "|".join(map(re.escape, sorted(doc_types, key=len, reverse=True)))
                                + r")[》”」）)]?$"),
        "label": compile_pattern(RULES, "label_start", require(rules, RULES, "label_start", str)),
        "field": compile_pattern(RULES, "field_line", require(rules, RULES, "field_line", str)),
        "nav": compile_pattern(RULES, "navigation", require(rules, RULES, "navigation", str)),
        "complete": compile_pattern(RULES, "complete_line", require(rules, RULES, "complete_line", str)),
        "org_end": tuple(require(rules, RULES, "org_endings", list)),
        "org_max": require(rules, RULES, "org_line_max_chars", int),
        "file_name": compile_pattern(RULES, "file_name_end", require(rules, RULES, "file_name_end", str)),
        "min_wrapped": require(rules, RULES, "min_wrapped_line_chars", int),
        "sentence_end": require(rules, RULES, "sentence_end", str),
        "continuation_end": require(rules, RULES, "continuation_end", str),
    }


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


# -- 6. hard-wrapped lines ---------------------------------------------------------------------


def _is_heading(line: str, r: dict) -> bool:
    return bool(r["label"].match(line)) and not any(ch in line for ch in "。；！？")


def _can_continue(line: str, r: dict, width: int | None = None, physical: str | None = None) -> bool:
    """Whether a line may be the first half of a wrapped sentence.  ``width`` is the line width
    of a hard-wrapped (PDF) text: a line that fills it and has no final punctuation continues,
    even a numbered heading that was too long for one line."""
    if not line or line.endswith(tuple(r["sentence_end"])):
        return False
    physical = line if physical is None else physical  # the last line as printed, before joining
    if width and len(physical) >= width - 1 and not r["nav"].search(physical) \
            and not r["title_end"].search(line) and not r["complete"].search(physical):
        return True
    if r["title_end"].search(line) or _is_heading(line, r) or r["field"].match(line) or r["nav"].search(line):
        return False
    if r["file_name"].search(line) or r["complete"].search(line):
        return False
    if len(line) <= r["org_max"] and line.endswith(r["org_end"]):
        return False
    if line.endswith(tuple(r["continuation_end"])):
        return True
    if line.count("《") > line.count("》"):
        return True  # an unclosed title mark always continues
    return len(line) >= r["min_wrapped"]


TITLE_TAIL = re.compile(r"^的[\u4e00-\u9fff]{1,8}$")  # "…方案》" + "的通知"


WRAP_MIN_FULL_LINES = 3   # lines at the longest length that make a text look hard-wrapped
WRAP_SLACK = 2            # a full line may be this much shorter (punctuation, a wider glyph)


def _wrap_width(lines: list[str]) -> int | None:
    """The width of a hard-wrapped text (PDF): the longest line length, when several lines
    reach it.  Web text has paragraphs of every length, so it has no such width."""
    lengths = sorted((len(ln.strip()) for ln in lines if len(ln.strip()) >= 15), reverse=True)
    if len(lengths) < WRAP_MIN_FULL_LINES:
        return None
    top = lengths[0]
    full = sum(1 for n in lengths if n >= top - WRAP_SLACK)
    return top - WRAP_SLACK + 1 if full >= WRAP_MIN_FULL_LINES else None


def _can_follow(line: str, r: dict) -> bool:
    """Whether a line may be the second half of a wrapped sentence."""
    if not line or r["label"].match(line) or r["field"].match(line) or r["nav"].search(line):
        return False
    if re.match(SYLLABLE, line):
        return False  # joining would glue pinyin to a character after the pinyin step ran
    return not re.match(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$", line)


def rejoin_wrapped_lines(t: TrackedText) -> TrackedText:
    """A line broken mid-sentence (PDF copies) is joined to its continuation, across blank lines."""
    r = _rules()
    text = t.text
    lines = text.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    edits = []
    i = 0
    width = _wrap_width(lines)
    current = lines[0].strip() if lines else ""  # the line as joined so far
    while i < len(lines):
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        following = lines[j].strip() if j < len(lines) else ""
        title_tail = current.startswith("关于") and current.endswith("》") and bool(TITLE_TAIL.match(following))
        if j < len(lines) and (title_tail or _can_continue(current, r, width, lines[i].strip())
                               and _can_follow(following, r)):
            gap_start = starts[i] + len(lines[i])
            edits.append((gap_start, starts[j], ""))
            current += lines[j].strip()
        elif j < len(lines):
            current = lines[j].strip()
        i = j
    return t.replace_spans(edits)


NORMALIZERS = (
    ("fix_line_ends", fix_line_ends),
    ("to_simplified", to_simplified),
    ("strip_glued_pinyin", strip_glued_pinyin),
    ("fold_width", fold_width),
    ("strip_stray_spaces", strip_stray_spaces),
    ("rejoin_wrapped_lines", rejoin_wrapped_lines),
)


def normalize(text: str, trace: list[str] | None = None) -> TrackedText:
    """Apply every normalizer in order; offsets of the result map back to ``text``."""
    tracked = TrackedText.from_source(text)
    for name, step in NORMALIZERS:
        before = tracked.text
        tracked = step(tracked)
        if trace is not None and tracked.text != before:
            trace.append(name)
    return tracked
