"""PDF loader: text layer, fake bold, page furniture, wrapped lines, task tables, statuses."""
import pytest
from corpus_files import FIXTURES

from docextract import extract_file
from docextract.config import Settings
from docextract.errors import EncryptedDocument, LoadError, NeedsOCR
from docextract.load import load_bytes, load_file


@pytest.fixture(scope="module")
def multipage():
    return load_file(FIXTURES / "notice_multipage.pdf")


def test_multipage_fixture_is_current():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_multipage_pdf", FIXTURES / "make_multipage_pdf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == (FIXTURES / "notice_multipage.pdf").read_bytes()


def test_page_furniture_is_dropped(multipage):
    text = multipage.text
    assert "— 1 —" not in text and "— 3 —" not in text
    assert "行政规范性文件" not in text              # running header on every page
    assert "抄送" not in text and "印发" not in text.split("\n")[-1]
    assert text.rstrip().endswith("某市人民政府办公室\n2024年3月1日")
    assert multipage.status == "ok" and multipage.warnings == ()


def test_wrapped_lines_rejoin_across_lines_and_pages(multipage):
    lines = multipage.text.split("\n")
    assert ("经市政府同意，现将《某市2024年稳就业重点任务分工方案》印发给你们，请结合实际认真贯彻落实。"
            "各牵头单位要切实履行主体责任，会同责任单位细化工作措施，确保各项任务按时保质完成。") in lines
    # paragraph (三) runs from page 1 onto page 2
    assert any(ln.startswith("（三）强化困难群体就业援助。") and ln.endswith("不少于3000人。") for ln in lines)
    assert "一、总体要求" in lines and "二、主要措施" in lines  # headings stay on their own lines
    assert "某府办〔2024〕8号" in lines


def test_task_table_row_split_across_pages_is_merged(multipage):
    text = multipage.text
    assert ("3 落实创业担保贷款贴息政策，扶持返乡入乡人员创业，全年新增贷款不少于2亿元\n"
            "牵头单位：市财政局\n责任单位：中国人民银行某市分行、市人社局\n完成时限：2024年12月底前") in text
    assert "1 返还失业保险费，稳定企业就业岗位\n牵头单位：市人社局\n责任单位：市财政局、各区人民政府\n" in text
    table, = multipage.tables   # one table across the page break, its broken row whole
    last = table.rows[-1]
    assert [(table.role(c), text[c.start:c.end]) for c in last.cells][1:] == [
        ("task", "落实创业担保贷款贴息政策，扶持返乡入乡人员创业，全年新增贷款不少于2亿元"), ("lead", "市财政局"),
        ("responsible", "中国人民银行某市分行、市人社局"), ("deadline", "2024年12月底前")]


def test_multipage_values_through_the_pipeline():
    notice = extract_file(FIXTURES / "notice_multipage.pdf")
    assert notice.doc_number == "某府办〔2024〕8号"
    last = notice.items[-1]
    assert [u.name for u in last.lead_units] == ["市财政局"]
    assert [u.name for u in last.responsible_units] == ["中国人民银行某市分行", "市人社局"]
    assert [(d.text, d.date) for d in last.deadlines] == [("2024年12月底前", "2024-12-31")]


def test_stray_spaces_between_cjk_are_removed():
    text = load_file(FIXTURES / "notice.pdf").text
    assert "某市2024年就业帮扶" in text and "2024 年" not in text


def test_fake_bold_title_is_deduplicated():
    notice = extract_file(FIXTURES / "notice_fakebold.pdf")
    assert "关关关" not in notice.body and notice.title.startswith("关于印发")


def test_junk_document_title_is_not_metadata():
    assert "title" not in load_file(FIXTURES / "notice_cidfont.pdf").metadata   # "untitled"


def test_centred_title_is_not_joined_to_the_next_line():
    lines = load_file(FIXTURES / "notice_cidfont.pdf").text.split("\n")
    assert lines[:2] == ["关于印发《某市2024年就业帮扶重点任务分工方案》的通知", "各区人民政府，市政府各部门、各直属机构："]


def test_encrypted_pdf():
    with pytest.raises(EncryptedDocument) as caught:
        load_file(FIXTURES / "notice_encrypted.pdf")
    assert caught.value.status == "encrypted" and "needs a password" in str(caught.value)
    assert "--password" in str(caught.value)
    with pytest.raises(EncryptedDocument) as caught:
        load_file(FIXTURES / "notice_encrypted.pdf", Settings(password="wrong"))
    assert "wrong password" in str(caught.value) and "needs a password" not in str(caught.value)
    opened = load_file(FIXTURES / "notice_encrypted.pdf", Settings(password="secret"))
    assert "就业帮扶" in opened.text and opened.status == "ok"


def test_owner_password_only_pdf_opens():
    assert "就业帮扶" in load_file(FIXTURES / "notice_owneronly.pdf").text


def test_scanned_pdf_needs_ocr():
    with pytest.raises(NeedsOCR) as caught:
        load_file(FIXTURES / "notice_scanned.pdf")
    assert caught.value.status == "needs_ocr" and "OCR" in str(caught.value)


def test_partly_scanned_pdf_is_partial_with_a_warning():
    loaded = load_file(FIXTURES / "notice_partly_scanned.pdf")
    assert loaded.status == "partial"
    assert loaded.warnings == ("1 page(s) without a text layer (scanned?): their text is missing",)
    assert "就业帮扶" in loaded.text


def test_page_cap_reads_the_first_pages_and_says_so():
    loaded = load_file(FIXTURES / "notice_multipage.pdf", Settings(max_pages=1))
    assert loaded.status == "partial"
    assert loaded.warnings == ("read the first 1 of 3 pages (--max-pages)",)
    assert "某府办〔2024〕8号" in loaded.text and "三、任务分工" not in loaded.text
    assert load_file(FIXTURES / "notice_multipage.pdf", Settings(max_pages=3)).status == "ok"


def test_pdf_page_furniture_and_task_table():
    notice = extract_file(FIXTURES / "notice.pdf")
    assert "某市人民政府办公室" == notice.issuer
    table_items = [it for it in notice.items if it.path[:1] == [2]]
    assert [it.path for it in table_items] == [[2], [2, 1], [2, 2], [2, 3]]
    assert [u.name for u in table_items[3].responsible_units] == ["中国人民银行某市分行", "市人社局"]


@pytest.mark.parametrize("data", [
    (FIXTURES / "notice.pdf").read_bytes()[:4000],
    b"%PDF-1.4\n" + bytes(range(256)) * 8,
    b"%PDF-1.7\n%%EOF\n",
])
def test_broken_pdf_is_a_load_error(data):
    with pytest.raises(LoadError) as caught:
        load_bytes(data, "broken.pdf")
    assert caught.value.status in ("error", "needs_ocr")
    assert "broken.pdf" in str(caught.value)


def test_unmapped_glyphs_and_replacement_characters_are_warned():
    loaded = load_file(FIXTURES / "layout_glyphs.pdf")
    assert loaded.warnings == ("4 glyphs without a Unicode mapping (dropped)", "1 U+FFFD replacement characters")
    assert loaded.status == "ok" and "(cid:" not in loaded.text


def test_radical_code_points_read_as_characters():
    text = load_file(FIXTURES / "layout_glyphs.pdf").text
    assert "市民服务中心" in text and "一律大免收" in text
    assert not any("\u2e80" <= ch <= "\u2fdf" for ch in text)


def test_rotated_pages_read_upright_with_their_tables():
    text = load_file(FIXTURES / "layout_rotated.pdf").text
    for turn in ("九十", "一百八十", "二百七十"):   # /Rotate 90, 180, 270
        assert (f"关于加快推进重点项目建设的通知（旋转{turn}度）\n各区人民政府，市政府各部门：为加快推进全市重点"
                f"项目建设，现将有关事项通知如下，请认真抓好落实。本页旋转{turn}度。\n序号  重点任务  牵头单位  责任单位  完成时限\n"
                "1 建立重点项目台账\n"
                "牵头单位：市发展改革委\n责任单位：各区人民政府\n完成时限：2024年5月底前\n") in text
    assert text.count("完成时限：2025年8月底前") == 3   # the table drawn by a form XObject


def test_rules_drawn_as_thin_rectangles_make_a_table():
    text = load_file(FIXTURES / "layout_rules.pdf").text
    assert "2 完善项目审批绿色通道\n牵头单位：市政务服务局\n责任单位：市自然资源局" in text
    assert "全市常住人口1768.16万人1，其中男性占55.0%。" in text   # the raised mark stays on its line
    assert "Annual Review of Key Projects (draft) 2024" in text
    assert text.startswith("关于做好年度考核工作的通知\n")   # letter-spaced title closed up


def test_a_page_with_text_pdfium_cannot_measure_is_read_by_pdfplumber(monkeypatch):
    """PDFium's text page leaves out a text object of no width: a lone glyph of a non-embedded
    font it has no outlines for (a lone Helvetica space here; a one-character table cell in
    STSong-Light on a machine without CJK fonts).  Such a page is read by pdfplumber."""
    import pypdfium2

    from docextract.load import pdf_plumber
    from docextract.load.pdfium import read_page

    document = pypdfium2.PdfDocument((FIXTURES / "layout_rules.pdf").read_bytes())
    counts = [read_page(document[i]).unmeasured_text for i in range(len(document))]
    assert counts[1] == 1
    read_by_pdfplumber = []
    real = pdf_plumber.PdfplumberPages.blocks
    monkeypatch.setattr(pdf_plumber.PdfplumberPages, "blocks",
                        lambda self, index: read_by_pdfplumber.append(index) or real(self, index))
    text = load_file(FIXTURES / "layout_rules.pdf").text
    assert read_by_pdfplumber == [i for i, n in enumerate(counts) if n]
    assert text.endswith("图1项目投资完成情况\n1注：本表数据截至2024年3月。\n附件重点项目清单")


NO_SYSTEM_FONTS = """
import json, sys, pypdfium2, pypdfium2.raw
pypdfium2.raw.FPDF_SetSystemFontInfo(None)   # as on a machine without CJK fonts
from docextract.config import Settings
from docextract.load.pdf import load_pdf
from docextract.load.pdf_plumber import load_pdf_pdfplumber
from docextract.load.pdfium import read_page
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    document = pypdfium2.PdfDocument(data)
    counts = [read_page(document[i]).unmeasured_text for i in range(len(document))]
    new, old = load_pdf(data, path, Settings()), load_pdf_pdfplumber(data, path, Settings())
    print(json.dumps([counts, new.text == old.text and new.warnings == old.warnings]))
"""


def test_without_system_fonts_unmeasurable_pages_still_read_alike():
    """Without CJK system fonts PDFium cannot measure lone STSong-Light glyphs (one-character
    table cells) nor text turned on a rotated page: those pages go to pdfplumber, and the text
    is the same."""
    import json
    import subprocess
    import sys

    paths = [str(FIXTURES / name) for name in ("notice_multipage.pdf", "layout_rotated.pdf", "notice.pdf")]
    result = subprocess.run([sys.executable, "-c", NO_SYSTEM_FONTS, *paths], capture_output=True, text=True,
                            check=True)
    (multipage, multipage_same), (rotated, rotated_same), (plain, plain_same) = map(json.loads, result.stdout.splitlines())
    assert multipage[0] == 0 and multipage[1] > 0 and multipage_same   # page 2 has a lone 位 in a cell
    assert rotated[0] > 0 and rotated[1] == 0 and rotated_same         # /Rotate 90 and 180
    assert plain == [0, 0] and plain_same                                # embedded fonts: all PDFium


def test_a_one_character_cell_line_is_kept():
    assert "1 返还失业保险费，稳定企业就业岗位\n" in load_file(FIXTURES / "notice_multipage.pdf").text


def test_a_page_pdfium_fails_on_is_read_by_pdfplumber(monkeypatch):
    from docextract.load import pdf_plumber, pdfium

    real_read, real_blocks = pdfium.read_page, pdf_plumber.PdfplumberPages.blocks
    calls, by_pdfplumber = [], []

    def failing_on_the_first_page(page):
        calls.append(page)
        if len(calls) == 1:
            raise RuntimeError("broken content stream")
        return real_read(page)

    monkeypatch.setattr(pdfium, "read_page", failing_on_the_first_page)
    monkeypatch.setattr(pdf_plumber.PdfplumberPages, "blocks",
                        lambda self, index: by_pdfplumber.append(index) or real_blocks(self, index))
    loaded = load_file(FIXTURES / "notice.pdf")
    assert (loaded.status, loaded.warnings, by_pdfplumber) == ("ok", (), [0])
    assert loaded.text == load_file(FIXTURES / "notice_owneronly.pdf").text   # the same notice


def test_a_file_pdfium_cannot_open_is_tried_with_pdfplumber(monkeypatch):
    from docextract.load import pdfium

    def refusing(data, name, password):
        raise LoadError(name, "not a readable PDF (PDFium: Data format error)")

    monkeypatch.setattr(pdfium, "open_pdf", refusing)
    assert "就业帮扶" in load_file(FIXTURES / "notice.pdf").text


def test_unmeasured_text_is_read_by_pdfium_when_pdfplumber_cannot_open_the_file(monkeypatch):
    from docextract.load import pdf_plumber

    attempts = []

    def refusing(data, name, settings):
        attempts.append(name)
        raise LoadError(name, "not a readable PDF (PDFSyntaxError)")

    monkeypatch.setattr(pdf_plumber, "_open", refusing)
    loaded = load_file(FIXTURES / "layout_rules.pdf")
    assert loaded.text.endswith("\n附件重点项目清单") and loaded.status == "ok"
    assert len(attempts) == 1
