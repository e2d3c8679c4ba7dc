"""Chinese and Arabic numerals (docextract/numerals.py)."""
import pytest
from hypothesis import given, settings, strategies as st

from docextract.text.numerals import CN_NUMERAL_CHARS, parse_number


@pytest.mark.parametrize("text, value", [
    ("3,000", 3000), ("1,000,000", 1_000_000), ("3,000.50", 3000.5), ("0.5", 0.5), ("2000万", 20_000_000),
    ("1.5万", 15000), ("1.5亿", 150_000_000), ("3千", 3000), ("3万", 30000), ("1.2万亿", 1.2e12), ("3 万", 30000),
    ("两万", 20000), ("二百万", 2_000_000), ("三千", 3000), ("三千五百万", 35_000_000), ("三十", 30), ("十", 10),
    ("十二", 12), ("一百零五", 105), ("一千零五十", 1050), ("十一万", 110000), ("一万零五百", 10500),
    ("十二万三千四百五十六", 123456), ("两千五", 2500), ("三万五", 35000), ("二〇二一", 2021), ("二零二〇", 2020),
    ("〇", 0), ("壹仟", 1000), ("壹佰贰拾", 120), ("拾万", 100000), ("1亿", 100_000_000),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "  ", "abc", "3.5.6", "1,00", ".5", "十万火急", "万", "百万", "千元", "一二三x"])
def test_not_a_number(text):
    assert parse_number(text) is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(CN_NUMERAL_CHARS + "0123456789.,")), max_size=12))
def test_never_raises_and_never_negative(text):
    value = parse_number(text)
    assert value is None or value >= 0
