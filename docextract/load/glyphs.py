"""Glyphs a PDF's text layer names by the wrong code point.

A font's character map often gives one glyph two code points, the radical and the ordinary
character (⼀ U+2F00 and 一 U+4E00 look the same), and the PDF writer's ToUnicode table then
names the radical: the text reads ``市⺠``, ``⼤幅``, ``⼀律``, which no lexicon or pattern
matches.  Radicals used as characters are mapped back one to one (offsets do not move):

- Kangxi radicals (U+2F00–U+2FD5): each has a compatibility decomposition to its ideograph,
  taken from ``unicodedata`` (NFKC of just those code points).
- CJK Radicals Supplement (U+2E80–U+2EFF): most of these are component shapes (亻 氵 艹) with no
  decomposition; the table below lists those drawn as whole characters (⺠ 民, ⻓ 长, ⻄ 西 …),
  after Unicode's EquivalentUnifiedIdeograph data.
"""
from __future__ import annotations

import unicodedata
from functools import cache

KANGXI_RADICALS = range(0x2F00, 0x2FD6)
# radical, ordinary character: the supplement's whole-character forms
SUPPLEMENT_CHARACTERS = ("⺁厂 ⺊卜 ⺒巳 ⺓幺 ⺝月 ⺟母 ⺠民 ⺩王 ⺬示 ⻁虎 ⻄西 ⻅见 ⻆角 ⻉贝 ⻋车 ⻑長 ⻒镸 ⻓长 "
                         "⻔门 ⻘青 ⻙韦 ⻚页 ⻛风 ⻜飞 ⻝食 ⻢马 ⻣骨 ⻤鬼 ⻥鱼 ⻦鸟 ⻧卤 ⻨麦 ⻩黄 ⻪黾 ⻫斉 "
                         "⻬齐 ⻭歯 ⻮齿 ⻯竜 ⻰龙 ⻱龜 ⻲亀 ⻳龟").split()


@cache
def _radical_table() -> dict[int, str]:
    table = {code: unicodedata.normalize("NFKC", chr(code)) for code in KANGXI_RADICALS}
    table.update({ord(pair[0]): pair[1] for pair in SUPPLEMENT_CHARACTERS})
    return table


def fold_radicals(text: str) -> str:
    """Radical code points used as characters → the ordinary characters (one to one).

    >>> fold_radicals("本港市⺠⼤幅下跌⼀半")
    '本港市民大幅下跌一半'
    """
    return text.translate(_radical_table())

