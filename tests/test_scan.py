"""text/scan: the character scan finds the windows the class pattern finds."""
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from docextract.extract.money_pattern import money_rules
from docextract.text.scan import char_places, char_windows, windows

ALPHABET = list("元币$￥¥钱镑ab 1万\n")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=60), st.integers(0, 6), st.integers(0, 6))
def test_char_windows_are_the_class_windows(text, before, after):
    chars = "元币$￥"
    anchor = re.compile(f"[{re.escape(chars)}]")
    assert char_places(text, chars) == [m.start() for m in anchor.finditer(text)]
    assert char_windows(text, chars, before, after) == windows(text, anchor, before, after)


def test_money_anchor_chars_are_the_anchor_class():
    m = money_rules()
    assert m.anchor.pattern == f"[{re.escape(m.anchor_chars)}]"
    assert len(set(m.anchor_chars)) == len(m.anchor_chars) > 1


def test_every_currency_word_ends_in_an_anchor_character():
    """``extract_amounts`` returns at once for a text with no anchor character: no amount, and no
    column header (its currency word ends in one), can stand in it."""
    m = money_rules()
    assert all(word[-1] in m.anchor_chars for word in m.currencies)
