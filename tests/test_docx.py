"""DOCX loader: paragraphs and tables in document order; legacy Word is unsupported."""
import io

import pytest
from corpus_files import FIXTURES

from docextract import extract_bytes, extract_file
from docextract.errors import EmptyDocument, LoadError, UnsupportedFormat
from docextract.load import load_bytes, load_file


def _docx(build) -> bytes:
    import docx

    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_paragraphs_and_tables_in_document_order():
    def build(d):
        d.core_properties.title = "关于做好防汛工作的通知"
        d.add_paragraph("关于做好防汛工作的通知")
        d.add_paragraph("一、任务分工")
        table = d.add_table(rows=3, cols=4)
        for row, cells in zip(table.rows, [["序号", "工作任务", "牵头单位", "完成时间"],
                                           ["1", "排查险工险段", "县水利局", "5月底前"],
                                           ["2", "储备防汛物资", "县应急局", "6月10日前"]]):
            for cell, value in zip(row.cells, cells):
                cell.text = value
        d.add_paragraph("二、工作要求")
        contacts = d.add_table(rows=1, cols=2)
        contacts.rows[0].cells[0].text, contacts.rows[0].cells[1].text = "联系人：张三", "电话：1234567"

    loaded = load_bytes(_docx(build), "x.docx")
    assert loaded.format == "docx" and loaded.metadata == {"title": "关于做好防汛工作的通知"}
    assert loaded.text.split("\n") == [
        "关于做好防汛工作的通知", "一、任务分工", "序号  工作任务  牵头单位  完成时间",
        "1 排查险工险段", "牵头单位：县水利局", "完成时间：5月底前",
        "2 储备防汛物资", "牵头单位：县应急局", "完成时间：6月10日前",
        "二、工作要求", "联系人：张三  电话：1234567"]
    task, contacts = loaded.tables
    assert task.is_task and not contacts.is_task
    assert [[(task.role(c), loaded.text[c.start:c.end]) for c in row.cells] for row in task.rows] == [
        [("number", "1"), ("task", "排查险工险段"), ("lead", "县水利局"), ("deadline", "5月底前")],
        [("number", "2"), ("task", "储备防汛物资"), ("lead", "县应急局"), ("deadline", "6月10日前")]]


def test_notice_docx_values():
    notice = extract_file(FIXTURES / "notice.docx")
    assert notice.format == "docx" and notice.status == "ok"
    assert notice.title.startswith("关于印发") and notice.issuer == "某市人民政府办公室"
    last = notice.items[-1]
    assert [u.name for u in last.responsible_units] == ["中国人民银行某市分行", "市人社局"]


def test_zero_byte_docx_is_empty():
    with pytest.raises(EmptyDocument):
        load_file(FIXTURES / "empty.docx")


@pytest.mark.parametrize("data", [b"PK\x03\x04 not really a zip", (FIXTURES / "notice.docx").read_bytes()[:5000],
                                  b"just some text in a .docx"])
def test_broken_docx_is_a_load_error(data):
    with pytest.raises(LoadError) as caught:
        load_bytes(data, "broken.docx")
    assert caught.value.status == "error" and "broken.docx" in str(caught.value)


def test_zip_that_is_not_a_word_file():
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(LoadError, match="not a readable .docx"):
        load_bytes(out.getvalue(), "other.docx")


@pytest.mark.parametrize("name", ["notice.doc", "notice.wps", "NOTICE.DOC"])
def test_legacy_word_is_unsupported_with_remedy(name):
    with pytest.raises(UnsupportedFormat, match="save it as .docx") as caught:
        load_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, name)
    assert caught.value.status == "unsupported"


def test_ole_file_under_a_docx_name_is_unsupported():
    with pytest.raises(UnsupportedFormat):
        load_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "renamed.docx")


LONG = "进一步健全工作机制，明确责任分工，加强督促检查，确保各项任务按期完成并取得实效。"


def test_table_cells_keep_their_paragraphs_and_a_guiding_column_assigns():
    def build(d):
        d.add_paragraph("关于做好春耕工作的通知")
        table = d.add_table(rows=4, cols=4)
        for row, cells in zip(table.rows, [["序号", "重点任务", "指导部门", "完成时限"],
                                           ["1", "完善工作机制", "县农业农村局", "2024年6月底前"],
                                           ["", "", "县财政局", ""],
                                           ["2", "加强督促检查", "县教育局", "2024年9月底前"]]):
            for cell, value in zip(row.cells, cells):
                cell.text = value
        table.cell(1, 1).add_paragraph(LONG)
        table.cell(3, 2).add_paragraph("县人社局")
        table.cell(1, 0).merge(table.cell(2, 0))
        table.cell(1, 1).merge(table.cell(2, 1))

    data = _docx(build)
    lines = load_bytes(data, "x.docx").text.split("\n")
    assert lines == ["关于做好春耕工作的通知", "序号  重点任务  指导部门  完成时限", "1 完善工作机制", LONG,
                     "指导部门：县农业农村局", "完成时限：2024年6月底前", "指导部门：县财政局",
                     "2 加强督促检查", "指导部门：县教育局", "县人社局", "完成时限：2024年9月底前"]
    notice = extract_bytes(data, "x.docx")
    assert [(it.label, it.heading, [u.name for u in it.responsible_units], [d.text for d in it.deadlines])
            for it in notice.items] == [("1", "完善工作机制", ["县农业农村局", "县财政局"], ["2024年6月底前"]),
                                        ("2", "加强督促检查", ["县教育局", "县人社局"], ["2024年9月底前"])]


def test_a_list_table_prints_a_cell_merged_down_once():
    def build(d):
        table = d.add_table(rows=3, cols=3)
        for row, cells in zip(table.rows, [["序号", "类别", "学校"], ["1", "本科", "某某师范大学"], ["2", "", "某某学院"]]):
            for cell, value in zip(row.cells, cells):
                cell.text = value
        table.cell(1, 1).merge(table.cell(2, 1))

    assert load_bytes(_docx(build), "x.docx").text.split("\n") == ["序号  类别  学校", "本科  某某师范大学", "某某学院"]


def test_an_exported_word_file_loses_its_notes_and_keeps_the_signature():
    def build(d):
        for line in ("关于做好防汛工作的通知", "各乡镇人民政府：", "为做好今年防汛工作，现将有关事项通知如下。", "某县人民政府办公室",
                     "2024年5月6日", "【法宝引证码】CLI.12.345678"):
            d.add_paragraph(line)

    assert load_bytes(_docx(build), "x.docx").text.split("\n")[-2:] == ["某县人民政府办公室", "2024年5月6日"]
