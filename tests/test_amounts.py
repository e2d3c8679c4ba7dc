"""Money amounts: hand-made cases per rule, positives and negatives (corpora/cases/amounts.json).

A case is ``{"text", "expect": [{"text", "min", "max", "min_inclusive", "max_inclusive",
"currency"?, "per"?, "subject"?}], "xfail"?}``; optional keys are checked when given.
"""
import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from docextract.extract.amounts import compile_rules, extract_amounts, money_rules, parse_amount
from docextract.errors import RuleError
from docextract.rules import load_rules

CASES = json.loads((Path(__file__).parent.parent / "corpora/cases/amounts.json").read_text(encoding="utf-8"))


def _param(index, case):
    """An id that says what the case checks: kind (or "none" for a negative), index, text."""
    kind = case["expect"][0].get("kind", "amount") if case["expect"] else "none"
    marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
    return pytest.param(case, id=f"{kind}-{index:03d}-{case['text'][:12]}", marks=marks)


@pytest.mark.parametrize("case", [_param(i, c) for i, c in enumerate(CASES)])
def test_amount_case(case):
    found = extract_amounts(case["text"])
    got = [{key: getattr(a, key) for key in want} for a, want in zip(found, case["expect"])]
    assert len(found) == len(case["expect"]) and got == case["expect"]


def test_cases_have_enough_negatives():
    assert sum(1 for c in CASES if not c["expect"]) * 3 >= len(CASES)


def test_unit_price_keeps_its_unit():
    assert parse_amount("0.5元/千瓦时").per == "千瓦时"


def test_currency_codes():
    assert parse_amount("资助10万美元").currency == "USD"
    assert parse_amount("补助500元").currency == "CNY"


def test_subject_when_stated():
    assert parse_amount("给予500-3000元临时救助资金支持").subject == "临时救助资金"
    assert parse_amount("上网电价0.5元/千瓦时").subject is None


def test_offsets_are_shifted():
    (found,) = extract_amounts("前文。补助500元", offset=50)
    assert (found.start, found.end) == (55, 59)


def test_money_rules_validate():
    compile_rules(load_rules("money"))


@pytest.mark.parametrize("path, bad", [
    (("currencies",), None), (("currencies",), {"元": 1}), (("bounds_before",), [{"word": "以上", "bound": "up"}]),
    (("bounds_after",), [{"word": "以下", "bound": "max", "inclusive": "yes"}]), (("subject_heads",), ["资金", ""]),
    (("negations",), ["不", ""]), (("currency_names",), {"新台币": 1}), (("bare_scales",), {"亿": "1e8"}),
])
def test_malformed_money_rule_names_file_and_key(path, bad):
    rules = json.loads(json.dumps(load_rules("money")))  # a deep copy: the loaded rules are cached
    table = rules
    for part in path[:-1]:
        table = table[part]
    if bad is None:
        del table[path[-1]]
    else:
        table[path[-1]] = bad
    with pytest.raises(RuleError, match=rf"money\.toml: .*{path[-1]}"):
        compile_rules(rules)


MONEY_ALPHABET = st.sampled_from(list("0123456789.,-—至万亿千元以上下内不超过低于最高人民币/千瓦时三两二百。，￥美港"))
ANY_TEXT = st.text(alphabet=st.one_of(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
                                      st.characters(min_codepoint=0x20, max_codepoint=0x7E),
                                      MONEY_ALPHABET), max_size=80)


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT)
def test_evidence_spans_hold_and_nothing_raises(text):
    for a in extract_amounts(text, offset=3):
        assert text[a.start - 3:a.end - 3] == a.text
        assert a.min is not None or a.max is not None


GATE_TEXTS = [c["text"] for c in CASES] + ["上下不为大小人多少500元以上", "最高不超过 新台币 3,000.50万元（含）以下",
                                           "￥ 500", "1 2 3元", "十二点八四万亿元", "不得低于\n三千元"]


def _spans(pattern, text):
    return [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize("text", GATE_TEXTS)
def test_amount_gates_reject_no_match(text):
    """The look-aheads before the amount pattern (first characters, the run up to a currency
    word) find the same matches as the pattern alone."""
    m = money_rules()
    assert _spans(m.pattern, text) == _spans(m.ungated, text)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_amount_gates_reject_no_match_anywhere(text):
    m = money_rules()
    assert _spans(m.pattern, text) == _spans(m.ungated, text)


@pytest.mark.parametrize("header", ["金额（万元）", "金额(元)", "标准（元/人）", "补助（亿元 ）", "单价（元 /吨）",
                                    "金额（单位：美元）"])
def test_column_gate_keeps_every_header(header):
    """``may_hold_header`` lets through every body where a column header stands."""
    from docextract.extract.money_columns import may_hold_header
    from docextract.extract.money_pattern import money_rules
    from docextract.text.scan import char_places
    m = money_rules()
    text = f"项目  {header}  备注\n道路  120  新建"
    assert any(h.search(text) for h in m.column_headers)
    assert may_hold_header(text, char_places(text, m.anchor_chars))
    assert [a.text for a in extract_amounts(text)] == ["120"]
