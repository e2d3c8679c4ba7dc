"""Load stage: encodings, formats, statuses; the same notice in every format gives the same values."""
import codecs

import pytest
from corpus_files import FIXTURES

from docextract import extract_file
from docextract.config import Settings
from docextract.errors import (
    EmptyDocument,
    LoadError,
    TooLarge,
    UnsupportedFormat,
)
from docextract.load import decode_text, load_bytes, load_file, normalize_label

SAMPLE = "关于做好春季农业生产工作的通知\n各乡镇人民政府：\n一、抓好种子供应。各乡镇要在3月底前完成种子调运。"
TRADITIONAL = "關於做好春季農業生產工作的通知\n各鄉鎮人民政府：\n一、抓好種子供應。各鄉鎮要在3月底前完成種子調運。"


@pytest.mark.parametrize("codec, data", [
    ("utf-8", SAMPLE.encode("utf-8")),
    ("utf-8", codecs.BOM_UTF8 + SAMPLE.encode("utf-8")),
    ("gb18030", SAMPLE.encode("gb18030")),
    ("gb18030", SAMPLE.encode("gbk")),
    ("big5", TRADITIONAL.encode("big5")),
    ("utf-16", SAMPLE.encode("utf-16")),
    ("utf-16-le", SAMPLE.encode("utf-16-le")),
    ("utf-16-be", SAMPLE.encode("utf-16-be")),
])
def test_decode(codec, data):
    text, used = decode_text(data)
    assert text.lstrip("\ufeff") in (SAMPLE, TRADITIONAL)
    assert codecs.lookup(used).name == codecs.lookup(codec).name


def test_big5_is_not_mistaken_for_gb18030():
    # Big5 bytes also decode as GB18030 without error: plausibility must decide
    text, used = decode_text(TRADITIONAL.encode("big5"))
    assert used == "big5" and text == TRADITIONAL


def test_a_few_bad_bytes_decode_leniently():
    data = SAMPLE.encode("gb18030") + b"\xff" + SAMPLE.encode("gb18030")
    text, used = decode_text(data)
    assert used == "gb18030" and SAMPLE in text


@pytest.mark.parametrize("label, codec", [("GB2312", "gb18030"), ("gbk", "gb18030"), ("cp936", "gb18030"),
                                          ("UTF8", "utf-8"), ("nonsense", None)])
def test_charset_labels(label, codec):
    assert normalize_label(label) == codec


def test_encoding_override():
    data = "通知".encode("gb18030")
    text, used = decode_text(data, "gb18030")
    assert (text, used) == ("通知", "gb18030")


@pytest.mark.parametrize("name", ["notice_gb18030.txt", "notice_big5.txt", "notice_utf16.txt",
                                  "notice_utf16le_nobom.txt"])
def test_encoded_fixtures_load(name):
    loaded = load_file(FIXTURES / name)
    assert "某市2024年就业帮扶重点任务分工方案" in loaded.text or "某市2024年就業幫扶重點任務分工方案" in loaded.text


def test_misdeclared_gbk_page_keeps_every_character():
    loaded = load_file(FIXTURES / "notice_gbk.html")
    assert loaded.encoding == "gb18030"
    assert "2024年6月30日前" in loaded.text  # the end of the page survives the GBK-only 王喆


@pytest.mark.parametrize("data, error", [
    (b"", EmptyDocument), (b"   \n\n", EmptyDocument),
    (bytes(range(256)) * 20, UnsupportedFormat),
])
def test_unreadable_text(data, error):
    with pytest.raises(error):
        load_bytes(data, "x.txt")


def test_unknown_suffix_is_unsupported():
    with pytest.raises(UnsupportedFormat, match="no loader"):
        load_bytes(b"data", "x.xyz")


@pytest.mark.parametrize("name", ["notice.doc", "notice.wps"])
def test_legacy_word_is_unsupported_with_remedy(name):
    with pytest.raises(UnsupportedFormat, match="docx"):
        load_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, name)


def test_too_large():
    with pytest.raises(TooLarge):
        load_bytes(b"x" * 100, "x.txt", Settings(max_bytes=10))


def test_sniffing_beats_the_suffix():
    data = (FIXTURES / "notice.pdf").read_bytes()
    assert load_bytes(data, "mislabelled.txt").format == "pdf"


def test_missing_file_names_it(tmp_path):
    with pytest.raises(LoadError, match="nope.txt"):
        load_file(tmp_path / "nope.txt")


FORMATS = ["notice.pdf", "notice.docx", "notice_gbk.html", "notice_gb18030.txt", "notice_big5.txt",
           "notice_cidfont.pdf", "notice_fakebold.pdf", "notice_owneronly.pdf"]


def _values(notice):
    return [(it.part, it.path, [u.name for u in it.lead_units], [u.name for u in it.responsible_units],
             [(d.text, d.date) for d in it.deadlines], [(a.min, a.max) for a in it.amounts]) for it in notice.items]


@pytest.mark.parametrize("name", FORMATS[1:])
def test_same_notice_in_every_format_gives_the_same_values(name):
    reference = extract_file(FIXTURES / FORMATS[0])
    other = extract_file(FIXTURES / name)
    if name in ("notice_cidfont.pdf", "notice_fakebold.pdf"):  # one-page variants: page 1 only
        assert _values(other)[:3] == _values(reference)[:3]
    else:
        assert _values(other) == _values(reference)
    assert other.title.replace(" ", "") == reference.title.replace(" ", "")


@pytest.mark.parametrize("name, error", [("empty.txt", EmptyDocument), ("empty.docx", EmptyDocument),
                                         ("binary.txt", UnsupportedFormat)])
def test_unreadable_fixture_files(name, error):
    with pytest.raises(error) as caught:
        load_file(FIXTURES / name)
    assert caught.value.status == {"empty.txt": "empty", "empty.docx": "empty", "binary.txt": "unsupported"}[name]
    assert name in str(caught.value)


MISDECLARED = "关于做好春季农业生产工作的通知。各乡镇人民政府要在3月底前完成种子调运，县农业农村局负责。"
MISDECLARED_T = "關於做好春季農業生產工作的通知。各鄉鎮人民政府要在3月底前完成種子調運，縣農業農村局負責。"


@pytest.mark.parametrize("text, actual, declared", [
    (MISDECLARED, "utf-8", "gb2312"), (MISDECLARED_T, "big5", "utf-8"), (MISDECLARED, "gbk", "big5"),
    (MISDECLARED_T, "big5", "gbk"), (MISDECLARED, "gb18030", "iso-8859-1"),
])
def test_misdeclared_encoding_decodes_right(text, actual, declared):
    decoded, _ = decode_text(text.encode(actual), declared)
    assert decoded == text


def test_encoding_override_is_obeyed():
    data = MISDECLARED.encode("gb18030")
    assert decode_text(data, override="big5")[1] == "big5"   # --encoding wins, even when wrong
    assert decode_text(data, override="no-such-codec") == (MISDECLARED, "gb18030")
    loaded = load_bytes(MISDECLARED_T.encode("big5"), "x.txt", Settings(encoding="big5"))
    assert (loaded.text, loaded.encoding) == (MISDECLARED_T, "big5")


def test_encoding_is_recorded():
    notice = extract_file(FIXTURES / "notice_big5.txt")
    assert notice.encoding == "big5" and notice.format == "txt"


def test_utf32_bom():
    text, used = decode_text(codecs.BOM_UTF32_LE + MISDECLARED.encode("utf-32-le"))
    assert (text, used) == (MISDECLARED, "utf-32")


def test_big5_with_a_hkscs_character_is_still_big5():
    data = TRADITIONAL.encode("big5")
    data = data[:20] + b"\x87\x40" + data[20:]  # a character only Big5-HKSCS has
    text, used = decode_text(data)
    assert used == "big5hkscs" and "農業" in text


@pytest.mark.parametrize("name, data, declared", [
    ("big5", (TRADITIONAL * 3000).encode("big5"), None),
    ("big5 declared", (TRADITIONAL * 3000).encode("big5"), "big5"),
    ("big5 with a bad byte after the sample", (TRADITIONAL * 3000).encode("big5") + b"\x80\x7f" + "通知".encode("big5"), None),
    ("gb18030 declared gb2312", (SAMPLE * 3000).encode("gb18030"), "gb2312"),
    ("utf-8 then gb18030 after the sample", (SAMPLE * 3000).encode("utf-8") + "王喆".encode("gb18030"), None),
    ("utf-8 declared, bad byte late", (SAMPLE * 3000).encode("utf-8") + b"\xff", "utf-8"),
    ("misdeclared single-byte", (SAMPLE * 3000).encode("gb18030"), "iso-8859-1"),
])
def test_the_encoding_decided_on_a_sample_is_the_whole_files(name, data, declared):
    from docextract.load.text import SAMPLE_BYTES, _decode_whole, normalize_label

    assert len(data) > SAMPLE_BYTES
    assert decode_text(data, declared) == _decode_whole(data, normalize_label(declared))


def test_a_text_export_loses_its_notes_and_closing_block_but_keeps_the_signature():
    text = ("关于做好防汛工作的通知\n各乡镇人民政府：\n为做好今年防汛工作，现将有关事项通知如下。\n某县人民政府办公室\n2024年5月6日\n"
            "抄送：县委办公室，县人大常委会办公室。\n某县人民政府办公室 2024年5月7日印发\n【法宝引证码】CLI.12.345678\n"
            "原文链接：https://www.example.gov.cn/a.html")
    loaded = load_bytes(text.encode(), "export.txt")
    assert loaded.text.split("\n") == text.split("\n")[:5]
