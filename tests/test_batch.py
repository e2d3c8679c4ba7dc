"""Batches: one record per input, always; a hang or a memory bomb costs one file, not the run."""
import json
import os
import shutil
import time
import zipfile

import pytest
from corpus_files import CORPUS, FIXTURES

from docextract.batch import (
    extract_one,
    failed_notice,
    iter_inputs,
    run_batch,
    write_atomic,
)
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
    (folder / "huge.txt").write_bytes("通知。".encode() * 200_000)
    return folder


EXPECTED = {"good": "ok", "scanned": "needs_ocr", "encrypted": "encrypted", "truncated": "error",
            "binary": "unsupported", "empty": "empty", "zero": "empty", "old": "unsupported",
            "partly": "partial", "huge": "too_large"}


def test_mixed_folder_one_record_each(mixed_folder, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["extract", str(mixed_folder), "-o", str(out), "--max-bytes", "1000000"]) == 1
    records = {p.name.split(".")[0]: json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")}
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


def hang_on_dot_hang(path, settings):
    """A worker function (module level, so a spawned worker can import it) that hangs on .hang files."""
    if path.suffix == ".hang":
        time.sleep(600)
    return extract_one(path, settings)


def test_hang_costs_one_file(tmp_path):
    (tmp_path / "a.hang").write_text("x")
    shutil.copy(CORPUS / "001_459aa350c9be443e.txt", tmp_path / "b.txt")
    start = time.monotonic()
    results = list(run_batch([tmp_path / "a.hang", tmp_path / "b.txt"], Settings(timeout=3),
                             extract=hang_on_dot_hang))
    assert time.monotonic() - start < 20
    assert [r.status for r in results] == ["timeout", "ok"]
    assert results[0].error.startswith("extract: no result within 3 s")


def zip_bomb_docx(path, megabytes):
    """A .docx whose document.xml inflates to ``megabytes`` MiB (about 1000:1 compressed)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, part in FIXTURES_DOCX_PARTS.items():
            zf.writestr(name, part)
        with zf.open("word/document.xml", "w", force_zip64=True) as handle:
            handle.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                         b'wordprocessingml/2006/main"><w:body>')
            chunk = b" " * (1024 * 1024)
            for _ in range(megabytes):
                handle.write(chunk)
            handle.write(b"</w:body></w:document>")


with zipfile.ZipFile(FIXTURES / "notice.docx") as _zf:
    FIXTURES_DOCX_PARTS = {name: _zf.read(name) for name in _zf.namelist() if name != "word/document.xml"}


def test_decompression_bomb_is_refused_before_it_inflates(tmp_path):
    zip_bomb_docx(tmp_path / "a_bomb.docx", 600)
    assert (tmp_path / "a_bomb.docx").stat().st_size < 2_000_000
    shutil.copy(CORPUS / "004_ba4d4d4b2a22ff08.txt", tmp_path / "b.txt")
    results = list(run_batch([tmp_path / "a_bomb.docx", tmp_path / "b.txt"], Settings(memory_mb=400)))
    assert [r.status for r in results] == ["too_large", "ok"]
    assert "inflate to 629" in results[0].error and "raise --max-bytes" in results[0].error


def hog_on_dot_hog(path, settings):
    """A worker function that allocates without bound on .hog files (what a bomb in a format
    with no declared sizes does)."""
    if path.suffix == ".hog":
        hoard = []
        while True:
            hoard.append(bytearray(64 * 1024 * 1024))
    return extract_one(path, settings)


def test_memory_cap_costs_one_file(tmp_path):
    (tmp_path / "a.hog").write_text("x")
    shutil.copy(CORPUS / "004_ba4d4d4b2a22ff08.txt", tmp_path / "b.txt")
    results = list(run_batch([tmp_path / "a.hog", tmp_path / "b.txt"], Settings(memory_mb=400), extract=hog_on_dot_hog))
    assert [r.status for r in results] == ["crashed", "ok"]
    assert "out of memory under the 400 MiB cap" in results[0].error


def exit_on_dot_die(path, settings):
    """A worker function whose process dies outright on .die files (a segfault in a C library)."""
    if path.suffix == ".die":
        os._exit(139)
    return extract_one(path, settings)


def test_dead_worker_costs_one_file_and_is_replaced(tmp_path):
    for name in ("a.die", "c.die"):
        (tmp_path / name).write_text("x")
    shutil.copy(CORPUS / "004_ba4d4d4b2a22ff08.txt", tmp_path / "b.txt")
    paths = [tmp_path / "a.die", tmp_path / "b.txt", tmp_path / "c.die"]
    results = list(run_batch(paths, extract=exit_on_dot_die))
    assert [r.status for r in results] == ["crashed", "ok", "crashed"]
    assert results[0].error.startswith("extract: the worker died (exit code 139)")


def test_skip_drops_inputs_before_any_work(tmp_path):
    shutil.copy(CORPUS / "004_ba4d4d4b2a22ff08.txt", tmp_path / "a.txt")
    (tmp_path / "b.txt").write_bytes(b"")
    results = list(run_batch([tmp_path / "a.txt", tmp_path / "b.txt"], skip=lambda p: p.name == "a.txt"))
    assert [(r.file, r.status) for r in results] == [("b.txt", "empty")]


def test_extract_one_names_the_stage(tmp_path, monkeypatch):
    from docextract import pipeline

    good = tmp_path / "a.txt"
    shutil.copy(CORPUS / "004_ba4d4d4b2a22ff08.txt", good)

    def broken(loaded, settings=None):
        raise NotImplementedError("extract is being written")

    monkeypatch.setattr(pipeline, "run", broken)
    notice = extract_one(good, Settings())
    assert notice.status == "error" and notice.error.startswith("extract: not available (NotImplementedError")
    scanned = extract_one(FIXTURES / "notice_scanned.pdf", Settings())
    assert scanned.status == "needs_ocr" and scanned.error.startswith("load: no text layer")


def test_failed_notice():
    notice = failed_notice("/some/dir/x.pdf", "timeout", "extract: no result within 5 s")
    assert (notice.file, notice.status, notice.error) == ("x.pdf", "timeout", "extract: no result within 5 s")


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
    assert [i.source for i in iter_inputs([tmp_path])] == ["a/b/x.txt", "y.txt"]
    assert [i.source for i in iter_inputs([tmp_path / "y.txt", tmp_path / "a"])] == ["y.txt", "b/x.txt"]


def test_write_atomic_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "out" / "a.json"
    write_atomic(target, "{}")
    write_atomic(target, '{"a": 1}')
    assert target.read_text() == '{"a": 1}'
    assert [p.name for p in target.parent.iterdir()] == ["a.json"]
    assert target.stat().st_mode & 0o777 == 0o666 & ~current_umask()


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_records_validate_against_the_model(mixed_folder):
    for notice in run_batch(iter_inputs([mixed_folder])):
        assert Notice.model_validate_json(notice.model_dump_json()) == notice


def test_password_opens_an_encrypted_pdf(tmp_path, capsys):
    assert main(["extract", str(FIXTURES / "notice_encrypted.pdf"), "--password", "secret"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "ok"


def hang_or_note_start(path, settings):
    """Hangs on .hang files; notes when it started any other file (next to it, as .started)."""
    path.with_suffix(".started").write_text(str(time.time()))
    return hang_on_dot_hang(path, settings)


def test_in_order_records_wait_behind_a_slow_input_within_a_window(tmp_path, monkeypatch):
    from docextract.batch import runner

    monkeypatch.setattr(runner, "ORDER_WINDOW_PER_JOB", 1)  # with 2 jobs: 2 places
    (tmp_path / "a.hang").write_text("x")
    for k in range(3):
        shutil.copy(CORPUS / "001_459aa350c9be443e.txt", tmp_path / f"b{k}.txt")
    paths = [tmp_path / "a.hang", *sorted(tmp_path.glob("b*.txt"))]
    results = list(run_batch(paths, Settings(timeout=3), jobs=2, extract=hang_or_note_start))
    assert [r.status for r in results] == ["timeout", "ok", "ok", "ok"]
    started = {p.stem: float(p.read_text()) for p in tmp_path.glob("*.started")}
    after_hang = {name: when - started["a"] for name, when in started.items()}
    assert after_hang["b0"] < 3 <= min(after_hang["b1"], after_hang["b2"])  # none 2 places behind the hang


def signal_on_dot_sig(path, settings):
    """A worker function whose process is killed by the signal its file names (a.SIGSEGV)."""
    import signal

    if path.suffix.startswith(".SIG"):
        os.kill(os.getpid(), getattr(signal, path.suffix[1:]))
    return extract_one(path, settings)


def test_a_dead_worker_is_not_called_out_of_memory(tmp_path):
    for name in ("a.SIGSEGV", "b.SIGKILL"):
        (tmp_path / name).write_text("x")
    results = list(run_batch(sorted(tmp_path.iterdir()), extract=signal_on_dot_sig))
    assert [r.status for r in results] == ["crashed", "crashed"]
    assert "SIGSEGV: a crash in a parsing library" in results[0].error
    assert "SIGKILL: killed from outside" in results[1].error
    assert "memory" not in results[0].error


def test_a_worker_killed_while_writing_leaves_no_temporary_file(tmp_path):
    from docextract.batch.outputs import _temporary, output_path, remove_temporaries

    target = output_path(tmp_path, "a.txt", ".json")
    fd, _ = _temporary(tmp_path, target)  # what a killed writer leaves
    os.close(fd)
    other_fd, other = _temporary(tmp_path, output_path(tmp_path, "b.txt", ".json"))
    os.close(other_fd)
    remove_temporaries(target)
    assert [p.name for p in tmp_path.iterdir()] == [os.path.basename(other)]


def test_fork_server_preload_freezes_the_warm_heap():
    """Workers inherit the fork server's heap: frozen, their collections skip it (run apart, so
    this process's collector is left alone)."""
    import subprocess
    import sys

    probe = "import gc, docextract.batch.preload as p; print(gc.get_freeze_count())"
    frozen = int(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout)
    assert frozen > 10_000   # the stages' modules and compiled rules, not a handful of objects
