"""The CLI, tested in-process through main(argv) -> int."""
import io
import json
import subprocess
import sys

from corpus_files import CORPUS
from docextract import __version__
from docextract.cli import main

NOTICE = CORPUS / "004_ba4d4d4b2a22ff08.txt"


def test_version(capsys):
    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out


def test_help_imports_nothing_heavy():
    code = ("import sys; from docextract.cli import main; main(['--help']); "
            "print(sorted(m for m in ('jieba', 'spacy', 'opencc', 'pdfplumber', 'docx', 'lxml', 'pydantic', 'distributed', 'dask') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_no_command_is_a_usage_error(capsys):
    assert main([]) == 2


def test_unknown_option_is_a_usage_error(capsys):
    assert main(["extract", "--no-such-option", str(NOTICE)]) == 2


def test_extract_one_file_to_stdout(capsys):
    assert main(["extract", str(NOTICE)]) == 0
    notice = json.loads(capsys.readouterr().out)
    assert notice["doc_number"] == "泾扶组〔2020〕2号"
    assert notice["status"] == "ok"


def test_extract_folder_to_outdir(tmp_path, capsys):
    assert main(["extract", str(CORPUS), "-o", str(tmp_path)]) == 0
    written = sorted(p.name for p in tmp_path.glob("*.json"))
    assert written == sorted(p.stem + ".json" for p in CORPUS.glob("*.txt"))  # <stem>.json, as the scorer reads
    assert "5 ok, 0 failed" in capsys.readouterr().err


def test_several_inputs_give_jsonl_on_stdout(capsys):
    files = sorted(CORPUS.glob("*.txt"))[:2]
    assert main(["extract", *map(str, files)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["file"] for line in lines] == [f.name for f in files]


def test_bad_input_is_reported_and_the_batch_goes_on(tmp_path, capsys):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\nthis is not a pdf")
    out = tmp_path / "out"
    assert main(["extract", str(bad), str(NOTICE), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"docextract: error: {bad}:" in err
    assert json.loads((out / "broken.json").read_text(encoding="utf-8"))["status"] != "ok"
    assert json.loads((out / (NOTICE.stem + ".json")).read_text(encoding="utf-8"))["status"] == "ok"


def test_missing_path_fails_with_a_record(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope.txt")]) == 1
    captured = capsys.readouterr()
    assert "no such file" in captured.err
    record = json.loads(captured.out)
    assert (record["file"], record["status"]) == ("nope.txt", "error")


def test_skip_existing_skips_a_record_that_succeeded(tmp_path, capsys):
    record = tmp_path / (NOTICE.stem + ".json")
    assert main(["extract", str(NOTICE), "-o", str(tmp_path)]) == 0
    before = record.stat().st_mtime_ns
    assert main(["extract", str(NOTICE), "-o", str(tmp_path), "--skip-existing"]) == 0
    assert record.stat().st_mtime_ns == before
    assert "1 skipped (done before)" in capsys.readouterr().err


def test_skip_existing_reruns_a_record_it_cannot_read(tmp_path, capsys):
    record = tmp_path / (NOTICE.stem + ".json")
    record.write_text("{}", encoding="utf-8")
    assert main(["extract", str(NOTICE), "-o", str(tmp_path), "--skip-existing"]) == 0
    assert json.loads(record.read_text(encoding="utf-8"))["status"] == "ok"


def test_csv_ledger(capsys):
    assert main(["extract", str(NOTICE), "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].startswith("\ufeffsource,status,error")
    assert any("县财政局" in row for row in rows[1:])


def test_stdin(monkeypatch, capsys):
    data = NOTICE.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert main(["extract", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["doc_number"] == "泾扶组〔2020〕2号"


def test_evaluate_prints_per_field_scores(capsys):
    gold = CORPUS.parent / "gold"
    assert main(["evaluate", "--gold", str(gold), "--min", "items=0.5"]) == 0
    out = capsys.readouterr().out
    assert "lead_units" in out and "F1" in out


def test_records_written_with_o_can_be_scored_with_pred(tmp_path, capsys):
    gold = CORPUS.parent / "gold"
    assert main(["extract", str(CORPUS), "-o", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["evaluate", "--gold", str(gold), "--pred", str(tmp_path), "--quiet"]) == 0
    by_pred = capsys.readouterr().out
    assert main(["evaluate", "--gold", str(gold), "--quiet"]) == 0
    assert by_pred == capsys.readouterr().out and "documents: 5" in by_pred
