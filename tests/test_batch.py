"""Batches: one record per input, always; a hang or a memory bomb costs one file, not the run."""
import json
import shutil
import time

import pytest

from conftest import CORPUS, FIXTURES
from docextract import load as load_module
from docextract.batch import iter_inputs, run_batch, write_atomic
from docextract.cli import main
from docextract.config import Settings
from docextract.models import Notice


@pytest.fixture
def mixed_folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / "004_ba4d4d4b2a22ff08.txt", folder / "good.txt")
    shutil.copy(FIXTURES / "notice_scanned.pdf", folder / "scanned.pdf")
    shutil.copy(FIXTURES / "notice_encrypted.pdf", folder / "encrypted.pdf")
    (folder / "truncated.pdf").write_bytes((FIXTURES / "notice.pdf").read_bytes()[:3000])
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "zero.docx").write_bytes(b"")
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    shutil.copy(FIXTURES / "notice_partly_scanned.pdf", folder / "partly.pdf")
    (folder / "huge.txt").write_bytes("通知。".encode("utf-8") * 200_000)
    return folder


EXPECTED = {"good": "ok", "scanned": "needs_ocr", "encrypted": "encrypted", "truncated": "error",
            "binary": "unsupported", "empty": "empty", "zero": "empty", "old": "unsupported",
            "partly": "partial", "huge": "too_large"}


def test_mixed_folder_one_record_each(mixed_folder, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["extract", str(mixed_folder), "-o", str(out), "--max-bytes", "1000000"]) == 1
    records = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")}
    assert {k: v["status"] for k, v in records.items()} == EXPECTED
    good = records["good"]
    assert good["doc_number"] == "泾扶组〔2020〕2号" and len(good["items"]) == 16
    for name, record in records.items():
        if name not in ("good", "partly"):
            assert record["error"], name
    assert records["partly"]["warnings"] and records["partly"]["items"]
    err = capsys.readouterr().err
    assert "2 ok, 8 failed" in err
    assert f"docextract: error: {mixed_folder / 'scanned.pdf'}:" in err


def test_hang_costs_one_file(tmp_path, monkeypatch):
    def hang(data, name, settings):
        time.sleep(60)

    monkeypatch.setitem(load_module.LOADERS, ".hang", hang)  # the fork-started workers inherit it
    (tmp_path / "a.hang").write_text("x")
    shutil.copy(CORPUS / "004_ba4d4d4b2a22ff08.txt", tmp_path / "b.txt")
    start = time.monotonic()
    results = list(run_batch([tmp_path / "a.hang", tmp_path / "b.txt"], Settings(timeout=8)))
    assert time.monotonic() - start < 30
    assert [r.status for r in results] == ["timeout", "ok"]


def test_memory_bomb_costs_one_file(tmp_path, monkeypatch):
    def bomb(data, name, settings):
        blocks = []
        while True:
            blocks.append(bytearray(50 * 1024 * 1024))

    monkeypatch.setitem(load_module.LOADERS, ".bomb", bomb)
    (tmp_path / "a.bomb").write_text("x")
    shutil.copy(CORPUS / "004_ba4d4d4b2a22ff08.txt", tmp_path / "b.txt")
    results = list(run_batch([tmp_path / "a.bomb", tmp_path / "b.txt"], Settings(memory_mb=600)))
    assert results[0].status == "crashed" and results[1].status == "ok"


def test_parallel_jobs_keep_input_order(tmp_path):
    files = sorted(CORPUS.glob("*.txt"))
    results = list(run_batch(files, jobs=2))
    assert [r.file for r in results] == [f.name for f in files]
    assert all(r.status == "ok" for r in results)


def test_iter_inputs_recurses_and_skips_hidden(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text("x")
    (tmp_path / "a" / ".hidden.txt").write_text("x")
    (tmp_path / "y.txt").write_text("y")
    assert [p.name for p in iter_inputs([tmp_path])] == ["x.txt", "y.txt"]


def test_write_atomic_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "out" / "a.json"
    write_atomic(target, "{}")
    write_atomic(target, '{"a": 1}')
    assert target.read_text() == '{"a": 1}'
    assert [p.name for p in target.parent.iterdir()] == ["a.json"]


def test_records_validate_against_the_model(mixed_folder):
    for notice in run_batch(iter_inputs([mixed_folder])):
        assert Notice.model_validate_json(notice.model_dump_json()) == notice


def test_password_opens_an_encrypted_pdf(tmp_path, capsys):
    assert main(["extract", str(FIXTURES / "notice_encrypted.pdf"), "--password", "secret"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "ok"
