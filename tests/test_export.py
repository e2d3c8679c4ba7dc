"""Export: the JSON, JSONL and CSV writers."""
import csv
import io
import json

from conftest import CORPUS
from docextract import extract_file
from docextract.export import LEDGER_COLUMNS, ledger_rows, render_one, to_csv, to_jsonl
from docextract.models import Notice

NOTICE = extract_file(CORPUS / "000_116c44838a062c78.txt")


def test_json_round_trips_through_the_model():
    assert Notice.model_validate_json(render_one(NOTICE, "json")) == NOTICE


def test_jsonl_is_one_record_per_line():
    lines = to_jsonl([NOTICE, NOTICE]).splitlines()
    assert len(lines) == 2 and json.loads(lines[1])["file"] == NOTICE.file


def test_csv_ledger_has_one_row_per_item():
    rows = list(csv.DictReader(io.StringIO(to_csv([NOTICE]))))
    assert len(rows) == len(NOTICE.items)
    assert tuple(rows[0]) == LEDGER_COLUMNS
    first_task = next(r for r in rows if r["path"] == "1.1")
    assert first_task["lead_units"] == "市扶贫开发中心；市人社局；市交通局"
    assert first_task["responsible_units"] == "各乡(镇)"


def test_document_level_values_get_their_own_row():
    notice = extract_file(CORPUS / "002_b562bc70cb04133b.txt")
    rows = ledger_rows(notice)
    assert rows[-1]["heading"] == "(document)" and "500-3000元" in rows[-1]["amounts"]
