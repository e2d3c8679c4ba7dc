"""Page layout shared by paginated formats: fake-bold copies, visual lines, cropping, and the
radical code points PDFs write for ordinary characters."""
import importlib.util
import unicodedata

import pytest
from corpus_files import FIXTURES

from docextract.load.glyphs import SUPPLEMENT_CHARACTERS, fold_radicals
from docextract.load.layout import Char, crop_chars, dedupe_chars, visual_lines


def chars(text: str, x: float = 100.0, top: float = 50.0, size: float = 12.0, step: float | None = None) -> list[Char]:
    step = size if step is None else step
    return [Char(ch, x + k * step, x + k * step + size, top, top + size, size) for k, ch in enumerate(text)]


def test_fake_bold_copies_are_kept_once():
    title = chars("关于") + chars("关于", x=100.4, top=50.3) + chars("关于", x=100.8, top=50.6)
    assert "".join(c.text for c in dedupe_chars(title)) == "关于"


def test_copies_chain_within_the_tolerance():
    # 0, 0.9 and 1.8 pt: each within 1 pt of the next, so one glyph (as pdfplumber)
    assert len(dedupe_chars(chars("关") + chars("关", x=100.9) + chars("关", x=101.8))) == 1


@pytest.mark.parametrize("other", [
    chars("关", x=101.5),            # 1.5 pt away: a different glyph
    chars("关", size=16.0),          # another size
    chars("于", x=100.2),            # another character
], ids=["far", "size", "text"])
def test_different_glyphs_are_not_duplicates(other):
    assert len(dedupe_chars(chars("关") + other)) == 2


def test_lines_are_read_left_to_right_with_gaps_as_spaces():
    line = chars("通知", x=200) + chars("关于", x=100) + chars("ab", x=300, step=6, size=6)
    assert [ln.text for ln in visual_lines(line)] == ["关于 通知 ab"]
    assert (visual_lines(line)[0].x0, visual_lines(line)[0].x1) == (100, 312)


def test_lines_split_by_top_and_blanks():
    text = chars("第一行", top=50) + chars("第二行", top=70) + chars("a b", top=70, x=200, step=6, size=6)
    assert [ln.text for ln in visual_lines(text)] == ["第一行", "第二行 a b"]


def test_a_raised_footnote_mark_stays_on_its_line():
    body = chars("人口", top=50) + [Char("1", 124, 128, 51.5, 57.5, 6)] + chars("万人", x=128, top=50)
    assert [ln.text for ln in visual_lines(body)] == ["人口1万人"]


def test_crop_keeps_overlapping_characters_clipped():
    kept = crop_chars(chars("一二", top=95), (0, 0, 600, 100))
    assert [(c.text, c.top, c.bottom) for c in kept] == [("一", 95, 100), ("二", 95, 100)]
    assert crop_chars(chars("一", top=120), (0, 0, 600, 100)) == []


@pytest.mark.parametrize(("written", "read"), [
    ("本港市⺠北上", "本港市民北上"), ("⼤幅驟降", "大幅驟降"), ("⼀律視作", "一律視作"),
    ("⻓期", "长期"), ("⻄部", "西部"), ("⺟婴", "母婴"), ("⻔户", "门户"), ("⻅效", "见效"),
])
def test_radicals_written_for_characters_are_read_as_them(written, read):
    assert fold_radicals(written) == read


@pytest.mark.parametrize("text", ["民大一", "⑴㈠①（一）", "⺅⺡⺘艹", "ABC１２３"])
def test_ordinary_text_and_component_radicals_are_unchanged(text):
    assert fold_radicals(text) == text


def test_every_radical_maps_to_one_unified_ideograph():
    mapped = {chr(c): fold_radicals(chr(c)) for c in range(0x2F00, 0x2FD6)}
    mapped.update((pair[0], fold_radicals(pair[0])) for pair in SUPPLEMENT_CHARACTERS)
    for radical, char in mapped.items():
        assert len(char) == 1 and unicodedata.name(char).startswith("CJK UNIFIED IDEOGRAPH"), radical
    assert all(len(pair) == 2 and "\u2e80" <= pair[0] <= "\u2eff" for pair in SUPPLEMENT_CHARACTERS)


def test_layout_fixtures_are_current():
    spec = importlib.util.spec_from_file_location("make_layout_pdfs", FIXTURES / "make_layout_pdfs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, data in module.build_all().items():
        assert data == (FIXTURES / name).read_bytes(), name
