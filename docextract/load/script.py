"""Simplified and traditional characters for matching: the loaders compare labels and title
words on a simplified copy (發布日期 reads as 发布日期); the text itself is converted later, by
the normalize stage, with the offsets it keeps."""
from __future__ import annotations

from functools import cache


@cache
def _t2s():
    import opencc  # the C++ binding; imported only when a label needs it

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """``text`` in simplified characters (OpenCC t2s, one character for one), to match labels
    and title words written in traditional characters (發布日期, 條例); the text itself is
    converted later, by the normalize stage.

    >>> simplified("發布日期：民國110年")
    '发布日期：民国110年'
    """
    return text if text.isascii() else _t2s().convert(text)


@cache
def simplified_char(char: str) -> str:
    """One character in simplified form, remembered (a cheap test before ``simplified``).

    >>> simplified_char("發"), simplified_char("发")
    ('发', '发')
    """
    return simplified(char)
