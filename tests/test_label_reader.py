"""The joined label pattern (docextract/structure/label_reader.py) reads what the styles tried in
turn read: the same style, number, text, end, strength and "alone", or nothing, on every line of
the seed and development notices and on generated text built from the labels' own characters;
and the first-character class put before it turns away no line a style matches."""
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docextract.structure.gates import first_class
from docextract.structure.labels import _label_from, read_label
from docextract.structure.rules import rules

ROOT = Path(__file__).resolve().parent.parent


def _corpus_lines():
    lines = set()
    dev = ROOT / "corpora" / "dev" / "raw"
    for path in sorted((ROOT / "corpora" / "notices").glob("*.txt")) + sorted(dev.glob("*.md")) + sorted(dev.glob("*.htm*")):
        lines.update(line.lstrip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines())
    return sorted(lines)


LINES = _corpus_lines()


def _tried_in_turn(text):
    return _label_from(text, rules().first_style(text))


def test_the_styles_are_joined():
    assert rules().label_readers is not None


def test_joined_reader_agrees_with_the_styles_tried_in_turn_on_the_corpus():
    differ = [line for line in LINES if read_label(line) != _tried_in_turn(line)]
    assert not differ, differ[:5]
    assert sum(read_label(line) is not None for line in LINES) > 100   # the corpus does hold labels


@pytest.mark.parametrize("text, style, number, strong, alone", [
    ("（一）加强组织领导", "paren_cn", 1, True, False),
    ("1.5万元以下", "arabic", 1, False, False),
    ("第 12 条", "article", 12, True, True),
    ("参、执行策略", "formal_cn", 3, True, False),
    ("4 强化保障", "arabic_spaced", 4, False, False),
    ("1.1新思维", "decimal", 1, True, False),
    ("12.345热线", "arabic", 12, False, False),
])
def test_joined_reader_reads_each_kind(text, style, number, strong, alone):
    label = read_label(text)
    assert (label.style.name, label.number, label.strong, label.alone) == (style, number, strong, alone)
    assert label == _tried_in_turn(text)


@pytest.mark.parametrize("text", ["2020年是决胜之年", "一是加强领导", "1……3", "（2020）12号", "十分重要，各地要", ""])
def test_joined_reader_reads_no_label(text):
    assert read_label(text) is None and _tried_in_turn(text) is None


LABEL_ALPHABET = "第章节条一二三十百零壹参叁（）()、.．﹒)）⑴①㈠0123456789 　a万元年，：加强A\t"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=LABEL_ALPHABET, max_size=16))
def test_joined_reader_agrees_on_generated_text(text):
    assert read_label(text) == _tried_in_turn(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=LABEL_ALPHABET, min_size=1, max_size=12))
def test_first_class_holds_every_first_character(text):
    patterns = [s.pattern for s in rules().styles]
    first = re.compile(first_class(patterns))
    if any(p.match(text) for p in patterns):
        assert first.match(text)


# -- closing lines: found by one scan of the body, as the line-by-line test finds them ----------

def _closing_lines_one_by_one(lines):
    r = rules()
    return [ln.start for ln in lines if (text := ln.text.strip()) and r.is_closing_line(text)]


def test_closing_lines_scan_agrees_with_the_lines_one_by_one_on_the_corpus():
    from docextract.structure.nodes import lines_of
    from docextract.structure.outline import closing_line_starts
    assert rules().line_after_break_starting_closing is not None
    body = "\n".join(LINES)
    lines = lines_of(body)
    found = closing_line_starts(body, lines)
    assert found == _closing_lines_one_by_one(lines)
    assert found   # the corpus does hold closing lines (特此通知, 附件：)


CLOSING_ALPHABET = "特此通知告附件表录抄送报印发主：: \u3000\t\n12一。"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=CLOSING_ALPHABET, max_size=40))
def test_closing_lines_scan_agrees_on_generated_text(body):
    from docextract.structure.nodes import lines_of
    from docextract.structure.outline import closing_line_starts
    lines = lines_of(body)
    assert closing_line_starts(body, lines) == _closing_lines_one_by_one(lines)
