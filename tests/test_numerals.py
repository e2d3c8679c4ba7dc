"""Chinese and Arabic numerals."""
import pytest

from docextract.numerals import parse_number


@pytest.mark.parametrize("text, value", [
    ("3,000", 3000), ("1.5万", 15000), ("3千", 3000), ("两万", 20000), ("二百万", 2_000_000),
    ("三千五百万", 35_000_000), ("一百零五", 105), ("十二", 12), ("十", 10), ("二〇二一", 2021),
    ("壹仟", 1000), ("0.5", 0.5), ("2000万", 20_000_000), ("1亿", 100_000_000), ("三十", 30),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "3.5.6", "十万火急"])
def test_not_a_number(text):
    assert parse_number(text) is None
