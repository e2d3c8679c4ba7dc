"""The structure stage's literal gates (docextract/structure/gates.py) never pass over a line that
a rule would match: checked on every line of the seed and development notices for every rule
the stage gates, and on generated text built from the rules' own characters."""
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docextract.structure.gates import any_match, first_match, gate
from docextract.rules.labels import numbering_pattern
from docextract.structure.rules import rules
from docextract.text.dates import DATE

ROOT = Path(__file__).resolve().parent.parent


def _gated_patterns():
    r = rules()
    return {**r.patterns, "date": DATE, "toc_line": numbering_pattern("toc_line"), "item_field_line": r.item_field_line, **{f"style:{s.name}": s.pattern for s in r.styles},
            **{f"closing[{k}]": p for k, p in enumerate(r.closing)}}


def _corpus_lines():
    lines = set()
    dev = ROOT / "corpora" / "dev" / "raw"
    for path in sorted((ROOT / "corpora" / "notices").glob("*.txt")) + sorted(dev.glob("*.md")) + sorted(dev.glob("*.htm*")):
        lines.update(path.read_text(encoding="utf-8", errors="replace").splitlines())
    return sorted(lines)


LINES = _corpus_lines()


@pytest.mark.parametrize("name", sorted(_gated_patterns()))
def test_gate_passes_every_corpus_line_the_pattern_matches(name):
    pattern = _gated_patterns()[name]
    may_match = gate(pattern)
    matched = [line for line in LINES if pattern.search(line)]
    assert all(may_match(line) for line in matched)


def test_gates_hold_back_lines():
    """The gates do cut work: most lines hold no date and open with no label."""
    r = rules()
    assert sum(map(r.may_hold_date, LINES)) < len(LINES) / 2
    assert sum(r.first_style(line) is not None for line in LINES) < len(LINES) / 2


ALPHABET = "".join(sorted(set("年月日民国中华〇一二三十0123456789第章节条（）()、.．:：特此通知附件表抄送 ，内部号〔〕2")))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30))
def test_gate_is_sound_on_generated_text(text):
    for pattern in _gated_patterns().values():
        if pattern.search(text):
            assert gate(pattern)(text), (pattern.pattern, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=20))
def test_any_match_agrees_with_trying_each_pattern(text):
    r = rules()
    styles = [s.pattern for s in r.styles]
    assert bool(any_match(styles)(text)) == any(p.match(text) for p in styles)
    assert first_match(styles)(text) == next((k for k, p in enumerate(styles) if p.match(text)), None)
    assert r.first_style(text) == first_match(styles)(text)
    assert bool(r.is_closing_line(text)) == any(p.match(text) for p in r.closing)
