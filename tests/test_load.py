"""Load stage: encodings, formats, statuses; the same notice in every format gives the same values."""
import codecs

import pytest

from conftest import FIXTURES
from docextract import extract_file
from docextract.config import Settings
from docextract.errors import (EmptyDocument, EncryptedDocument, LoadError, NeedsOCR, TooLarge,
                               UnsupportedFormat)
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


def test_fake_bold_title_is_deduplicated():
    notice = extract_file(FIXTURES / "notice_fakebold.pdf")
    assert "关关关" not in notice.body and notice.title.startswith("关于印发")


def test_encrypted_pdf():
    with pytest.raises(EncryptedDocument):
        load_file(FIXTURES / "notice_encrypted.pdf")
    opened = load_file(FIXTURES / "notice_encrypted.pdf", Settings(password="secret"))
    assert "就业帮扶" in opened.text


def test_scanned_pdf_needs_ocr():
    with pytest.raises(NeedsOCR):
        load_file(FIXTURES / "notice_scanned.pdf")


def test_pdf_page_furniture_and_task_table():
    notice = extract_file(FIXTURES / "notice.pdf")
    assert "某市人民政府办公室" == notice.issuer
    table_items = [it for it in notice.items if it.path[:1] == [2]]
    assert [it.path for it in table_items] == [[2], [2, 1], [2, 2], [2, 3]]
    assert [u.name for u in table_items[3].responsible_units] == ["中国人民银行某市分行", "市人社局"]


def test_truncated_pdf_is_a_load_error():
    data = (FIXTURES / "notice.pdf").read_bytes()[:4000]
    with pytest.raises(LoadError):
        load_bytes(data, "truncated.pdf")


def test_corrupt_docx_is_a_load_error():
    with pytest.raises(LoadError):
        load_bytes(b"PK\x03\x04 not really a zip", "broken.docx")


def test_zero_byte_docx_is_empty():
    with pytest.raises(EmptyDocument):
        load_bytes(b"", "empty.docx")


def test_pdf_glyph_and_replacement_warnings(monkeypatch):
    from docextract import load_pdf

    real = load_pdf._page_blocks

    def with_artifacts(page):
        blocks = real(page)
        return [("text", "关于(cid:12)(cid:7)的通知\ufffd")] + blocks

    monkeypatch.setattr(load_pdf, "_page_blocks", with_artifacts)
    loaded = load_file(FIXTURES / "notice_cidfont.pdf")
    assert any("(cid:…)" in w and w.startswith("2 ") for w in loaded.warnings)
    assert any("U+FFFD" in w for w in loaded.warnings)
    assert "(cid:" not in loaded.text


def test_big5_with_a_hkscs_character_is_still_big5():
    data = TRADITIONAL.encode("big5")
    data = data[:20] + b"\x87\x40" + data[20:]  # a character only Big5-HKSCS has
    text, used = decode_text(data)
    assert used == "big5hkscs" and "農業" in text
