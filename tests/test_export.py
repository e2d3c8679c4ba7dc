"""Export: JSON, JSONL, the CSV and XLSX ledgers, the iCalendar of deadlines."""
import csv
import datetime
import io
import json

import pytest
from corpus_files import CORPUS
from tracker_samples import failed_input, sample_notice

from docextract import extract_file
from docextract.export import LEDGER_COLUMNS, WRITERS, ledger_rows, render_one, to_csv, to_jsonl
from docextract.models import Notice

NOTICE = extract_file(CORPUS / "000_116c44838a062c78.txt")
SAMPLE = sample_notice()
FAILED = failed_input()


def read_csv(text: str) -> list[dict]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def batch(fmt: str, notices) -> bytes:
    stream = io.BytesIO()
    sink = WRITERS[fmt].open(stream)
    for notice in notices:
        sink.write(notice)
    sink.close()
    return stream.getvalue()


def test_json_round_trips_through_the_model():
    assert Notice.model_validate_json(render_one(NOTICE, "json")) == NOTICE


def test_jsonl_is_one_record_per_line():
    lines = to_jsonl([NOTICE, NOTICE]).splitlines()
    assert len(lines) == 2 and json.loads(lines[1])["file"] == NOTICE.file


def test_csv_opens_in_excel_bom_and_crlf():
    data = batch("csv", [SAMPLE, FAILED])
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\xef\xbb\xbf") == 1
    assert data.count(b"\r\n") == len(SAMPLE.items) + 2 and b"\n" not in data.replace(b"\r\n", b"")
    assert "县财政局" in data.decode("utf-8")


def test_csv_ledger_has_one_row_per_item():
    rows = read_csv(to_csv([NOTICE]))
    assert len(rows) == len(NOTICE.items)
    assert tuple(rows[0]) == LEDGER_COLUMNS
    first_task = next(r for r in rows if r["path"] == "§1.1")
    assert first_task["lead_units"] == "市扶贫开发中心；市人力资源和社会保障局；市交通运输局"  # canonical names
    assert first_task["responsible_units"] == "各乡（镇）"


def test_a_failed_input_has_its_row_with_status_and_error():
    rows = read_csv(to_csv([SAMPLE, FAILED]))
    failed = [r for r in rows if r["status"] != "ok"]
    assert len(failed) == 1
    assert failed[0]["source"] == "spring/scan.pdf" and failed[0]["status"] == "needs_ocr"
    assert failed[0]["error"].startswith("load:") and failed[0]["item_id"] == ""


def test_the_source_path_is_relative_and_falls_back_to_the_file_name():
    assert {r["source"] for r in ledger_rows(SAMPLE)} == {"spring/notice.txt"}
    bare = SAMPLE.model_copy(update={"source": None})
    assert {r["source"] for r in ledger_rows(bare)} == {bare.file}


def test_paths_and_number_labels_stay_text():
    rows = read_csv(to_csv([SAMPLE]))
    tenth = next(r for r in rows if r["text"].startswith("第10项"))
    assert tenth["path"] == "§1.10" and tenth["label"] == "§10."
    assert next(r for r in rows if r["path"] == "§2")["label"] == "二、"


def test_amounts_are_numbers_with_their_bounds():
    funding = next(r for r in read_csv(to_csv([SAMPLE])) if r["path"] == "§2")
    assert funding["amount_max"] == "50000" and funding["amount_max_inclusive"] == "true"
    assert funding["amount_min"] == "" and funding["amount_min_inclusive"] == ""
    assert funding["amounts"] == "不超过5万元（≤50000元）"
    assert funding["due_date"] == "2021-09-30"


def test_units_are_canonical_where_known():
    unit = SAMPLE.items[11].lead_units[0]
    named = SAMPLE.model_copy(update={"items": [
        SAMPLE.items[11].model_copy(update={"lead_units": [unit.model_copy(update={"canonical": "某县财政局"})]})]})
    assert ledger_rows(named)[0]["lead_units"] == "某县财政局"
    assert ledger_rows(SAMPLE)[11]["lead_units"] == unit.name  # no canonical name: as written


def test_text_that_would_run_as_a_formula_is_defused():
    item = SAMPLE.items[0].model_copy(update={"heading": "=HYPERLINK(\"http://x\")"})
    rows = read_csv(to_csv([SAMPLE.model_copy(update={"items": [item]})]))
    assert rows[0]["heading"] == "'=HYPERLINK(\"http://x\")"


def test_document_level_values_get_their_own_row():
    notice = extract_file(CORPUS / "002_b562bc70cb04133b.txt")
    rows = ledger_rows(notice)
    assert rows[-1]["heading"] == "(document)" and "500-3000元" in rows[-1]["amounts"]
    assert rows[-1]["amount_min"] == 500 and rows[-1]["amount_max"] == 3000


def test_a_notice_without_items_still_has_a_row():
    empty = SAMPLE.model_copy(update={"items": [], "deadlines": [], "amounts": []})
    assert len(ledger_rows(empty)) == 1 and ledger_rows(empty)[0]["notice_id"] == SAMPLE.id


def test_xlsx_has_a_tasks_and_an_inputs_sheet_with_typed_cells():
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(batch("xlsx", [SAMPLE, FAILED])))
    assert book.sheetnames == ["tasks", "inputs"]
    tasks = list(book["tasks"].iter_rows(values_only=True))
    assert tasks[0] == LEDGER_COLUMNS and len(tasks) == 1 + len(SAMPLE.items) + 1
    header = tasks[0]
    funding = dict(zip(header, next(r for r in tasks if r[header.index("path")] == "§2")))
    assert funding["amount_max"] == 50000 and funding["amount_max_inclusive"] is True
    assert funding["due_date"] == datetime.datetime(2021, 9, 30)
    assert funding["lead_units"] == "县财政局"
    inputs = list(book["inputs"].iter_rows(values_only=True))
    assert [r[2] for r in inputs[1:]] == ["ok", "needs_ocr"]
    assert inputs[2][0] == "spring/scan.pdf" and inputs[1][13] == len(SAMPLE.items)


def test_ics_has_one_event_per_dated_task_and_unit():
    icalendar = pytest.importorskip("icalendar")
    calendar = icalendar.Calendar.from_ical(batch("ics", [SAMPLE, FAILED]))
    events = list(calendar.walk("VEVENT"))
    # the funding item: 2021-09-30 for its lead and its cooperating unit; publicity: 4月底前, nobody named
    assert sorted((e.decoded("dtstart"), str(e["summary"]).split("：")[0]) for e in events) == [
        (datetime.date(2021, 4, 30), "做好宣传"),
        (datetime.date(2021, 9, 30), "县农业农村局（配合）"),
        (datetime.date(2021, 9, 30), "县财政局（牵头）"),
    ]
    assert len({str(e["uid"]) for e in events}) == len(events)
    assert all(e.decoded("dtend") - e.decoded("dtstart") == datetime.timedelta(days=1) for e in events)


def test_ics_event_ids_are_stable_across_runs():
    icalendar = pytest.importorskip("icalendar")

    def uids():
        return sorted(str(e["uid"]) for e in icalendar.Calendar.from_ical(batch("ics", [sample_notice()])).walk("VEVENT"))

    assert uids() == uids()


def test_an_empty_calendar_is_still_a_calendar():
    icalendar = pytest.importorskip("icalendar")
    calendar = icalendar.Calendar.from_ical(batch("ics", [FAILED]))
    assert calendar.name == "VCALENDAR" and not list(calendar.walk("VEVENT"))


def test_help_imports_no_writer_library():
    import subprocess
    import sys

    code = ("import sys; from docextract.cli import main; main(['extract', '--help']); "
            "print(sorted(m for m in ('xlsxwriter', 'icalendar', 'sqlalchemy', 'psycopg', 'selenium') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_the_cli_writes_a_workbook_and_a_calendar(capsysbinary):
    openpyxl = pytest.importorskip("openpyxl")
    icalendar = pytest.importorskip("icalendar")
    from docextract.cli import main

    assert main(["extract", str(CORPUS), "--format", "xlsx"]) == 0
    book = openpyxl.load_workbook(io.BytesIO(capsysbinary.readouterr().out))
    inputs = list(book["inputs"].iter_rows(values_only=True))[1:]
    assert len(inputs) == len(list(CORPUS.glob("*.txt"))) and {r[2] for r in inputs} == {"ok"}
    assert main(["extract", str(CORPUS), "--format", "ics"]) == 0
    events = list(icalendar.Calendar.from_ical(capsysbinary.readouterr().out).walk("VEVENT"))
    assert events and all(isinstance(e.decoded("dtstart"), datetime.date) for e in events)
