"""Deadlines: hand-made cases per rule, positives and negatives (corpora/cases/deadlines.json)."""
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from docextract.deadlines import add_working_days, extract_deadlines, parse_deadline

DATA = json.loads((Path(__file__).parent.parent / "corpora/cases/deadlines.json").read_text(encoding="utf-8"))
REFERENCE = date.fromisoformat(DATA["reference"])


@pytest.mark.parametrize("case", DATA["cases"], ids=[c["text"][:16] for c in DATA["cases"]])
def test_deadline_case(case):
    found = extract_deadlines(case["text"], REFERENCE)
    assert [[d.text, d.kind, d.date] for d in found] == case["expect"]


def test_year_less_date_without_reference_is_not_guessed():
    (found,) = extract_deadlines("9月底前完成", None)
    assert found.kind == "by" and found.date is None


def test_leap_year_february():
    assert parse_deadline("2月底前", date(2021, 1, 1)).date == "2021-02-28"
    assert parse_deadline("2月底前", date(2020, 1, 1)).date == "2020-02-29"


def test_offsets_are_shifted():
    text = "前文。9月底前完成"
    (found,) = extract_deadlines(text, REFERENCE, offset=100)
    assert (found.start, found.end) == (103, 107)


def test_working_days_skip_holidays():
    # 2021-09-30 + 3 working days: the National Day holiday (Oct 1-7) is skipped
    assert add_working_days(date(2021, 9, 30), 3) == date(2021, 10, 11)


TEXT = st.text(alphabet=st.sampled_from(list("年月日前底内每限个工作至到于在9312〇一二十季度上半月份后起的。，限期办结次按报送")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_evidence_spans_hold_and_nothing_raises(text):
    for d in extract_deadlines(text, REFERENCE, offset=7):
        assert text[d.start - 7:d.end - 7] == d.text
