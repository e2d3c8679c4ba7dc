"""Hard-wrapped lines (PDF and e-mail copies) re-joined into paragraphs, keeping offsets."""
from __future__ import annotations

import re
from functools import cache

from ..rules import compile_pattern, load_rules, require
from ..rules.doctypes import title_end
from ..rules.labels import label_start
from ..rules.orgs import org_lexicon
from ..text.textmap import TrackedText
from .chars import SYLLABLE

RULES = "normalize"


@cache
def _rules() -> dict:
    rules = load_rules(RULES)
    return {
        "title_end": title_end(),
        "label": label_start(),
        "field": compile_pattern(RULES, "field_line", require(rules, RULES, "field_line", str)),
        "nav": compile_pattern(RULES, "navigation", require(rules, RULES, "navigation", str)),
        "complete": compile_pattern(RULES, "complete_line", require(rules, RULES, "complete_line", str)),
        "org_end": org_lexicon().signer_suffixes,
        "org_max": require(rules, RULES, "org_line_max_chars", int),
        "file_name": compile_pattern(RULES, "file_name_end", require(rules, RULES, "file_name_end", str)),
        "min_wrapped": require(rules, RULES, "min_wrapped_line_chars", int),
        "sentence_end": require(rules, RULES, "sentence_end", str),
        "continuation_end": require(rules, RULES, "continuation_end", str),
    }


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
