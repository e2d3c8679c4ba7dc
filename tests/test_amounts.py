"""Money amounts: hand-made cases per rule, positives and negatives (corpora/cases/amounts.json)."""
import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from docextract.amounts import extract_amounts, parse_amount

CASES = json.loads((Path(__file__).parent.parent / "corpora/cases/amounts.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:16] for c in CASES])
def test_amount_case(case):
    found = extract_amounts(case["text"])
    assert [[a.text, a.min, a.max, a.min_inclusive, a.max_inclusive] for a in found] == case["expect"]


def test_unit_price_keeps_its_unit():
    assert parse_amount("0.5元/千瓦时").per == "千瓦时"


def test_currency_codes():
    assert parse_amount("资助10万美元").currency == "USD"
    assert parse_amount("补助500元").currency == "CNY"


def test_subject_when_stated():
    assert parse_amount("给予500-3000元临时救助资金支持").subject == "临时救助资金"


TEXT = st.text(alphabet=st.sampled_from(list("0123456789.,-—至万亿千元以上下内不超过低于最高人民币/千瓦时三两二百。，")), max_size=50)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_evidence_spans_hold_and_nothing_raises(text):
    for a in extract_amounts(text, offset=3):
        assert text[a.start - 3:a.end - 3] == a.text
        assert a.min is None or a.max is None or a.min <= a.max or a.text
