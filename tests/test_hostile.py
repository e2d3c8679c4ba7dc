"""The batch contract under hostile inputs (README, "Every input gets a record"), checked on a
generated tree (tests/hostile.py) run through the real command line: no whole-run crash, one
record per input with the right status, the right exit code, no half-written or stale output."""
import hashlib
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from corpus_files import CORPUS, FIXTURES
from hostile import FORGED, GOOD, LONG_NAME, MAX_BYTES, build

from docextract.batch.outputs import MAX_NAME_BYTES, TEMP_PREFIX, output_path, shared_stems

SUCCESS = {"ok", "partial"}
CLI_TIMEOUT = 180


def cli(*args, stdin=subprocess.DEVNULL, cwd=None, env=None):
    """Run ``docextract`` as a user would; returns (exit status, stdout bytes, stderr text)."""
    done = subprocess.run([sys.executable, "-m", "docextract", *map(str, args)], stdin=stdin, capture_output=True,
                          timeout=CLI_TIMEOUT, cwd=cwd, env=env)
    return done.returncode, done.stdout, done.stderr.decode("utf-8", "replace")


def records_under(out: Path) -> dict[str, dict]:
    """{source: record} of every output file under ``out`` (each file must be one whole record)."""
    found = {}
    for folder, _, names in os.walk(out):
        for name in names:
            record = json.loads(Path(folder, name).read_text(encoding="utf-8"))
            assert record["source"] not in found, f"two records for {record['source']}"
            found[record["source"]] = record
    return found


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "in"
    folder.mkdir()
    expected = build(folder)
    hashes = {source: hashlib.sha256((folder / source).read_bytes()).hexdigest() for source in expected
              if (folder / source).is_file() and not stat.S_ISFIFO((folder / source).stat().st_mode)}
    out = folder / "out"  # the output folder inside the input folder: never read back
    expected["nope.txt"] = "error"  # a path that does not exist is an input too
    args = ("extract", folder, root / "nope.txt", "-o", out, "--max-bytes", MAX_BYTES, "--timeout", 60, "--jobs", 2)
    first = cli(*args)
    first_records = records_under(out)
    resumed = cli(*args, "--skip-existing")
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    (folder / "good.txt").write_bytes(GOOD.replace("切实".encode(), "认真".encode()))  # an edited input
    edited = cli(*args, "--skip-existing")
    edit_state = {p: (p.stat().st_mtime_ns, json.loads(p.read_text(encoding="utf-8"))) for p in mtimes}
    with_password = cli(*args, "--skip-existing", "--password", "secret")  # a failure retried with the remedy
    return {"folder": folder, "out": out, "expected": expected, "hashes": hashes, "first": first, "records": first_records,
            "mtimes": mtimes, "edit_state": edit_state, "resumed": resumed, "edited": edited, "after_edit": records_under(out),
            "with_password": with_password, "after_password": records_under(out)}


def test_the_run_ends_with_a_summary_not_a_traceback(hostile):
    code, _, err = hostile["first"]
    assert code == 1, err
    assert "Traceback" not in err
    ok = sum(s in SUCCESS for s in hostile["expected"].values())
    assert f"docextract: {ok} ok, {len(hostile['expected']) - ok} failed" in err


def test_every_input_gets_exactly_one_record(hostile):
    assert sorted(hostile["records"]) == sorted(hostile["expected"])


def test_every_record_has_the_right_status(hostile):
    got = {source: record["status"] for source, record in hostile["records"].items()}
    assert got == hostile["expected"]
    for source, record in hostile["records"].items():
        assert (record["error"] is None) == (record["status"] in SUCCESS), source


def test_records_name_their_input(hostile):
    not_utf8 = {"关于春耕生产的通知.txt", "latin\\xff\\xfe.txt"}  # their paths are other bytes: they hold GOOD
    hashes = hostile["hashes"] | {source: hashlib.sha256(GOOD).hexdigest() for source in not_utf8}
    for source, record in hostile["records"].items():
        assert record["file"] == source.rsplit("/", 1)[-1]
        if record["sha256"]:
            assert record["sha256"] == hashes[source], source
    assert sum(1 for r in hostile["records"].values() if r["sha256"]) >= len(hostile["hashes"]) - 2  # huge, pipe
    gbk = hostile["records"]["关于春耕生产的通知.txt"]
    assert gbk["status"] == "ok" and "not UTF-8: read as GB18030" in " ".join(gbk["warnings"])


def test_output_names_mirror_the_input_tree_and_fit(hostile):
    out = hostile["out"]
    keep = shared_stems(list(hostile["records"]))
    for source in hostile["records"]:
        assert output_path(out, source, ".json", source in keep).is_file(), source
    assert (out / "a" / "deep" / "er" / "still" / "x.json").is_file()  # <stem>.json, the tree mirrored
    assert {p.name for p in out.glob("same.*")} == {"same.txt.json", "same.html.json", "same.pdf.json"}
    for path in out.rglob("*"):
        assert len(path.name.encode()) <= MAX_NAME_BYTES
    long_output = output_path(out, LONG_NAME, ".json")
    assert long_output.name != LONG_NAME + ".json" and long_output.name.startswith(LONG_NAME[:20])


def test_no_temporary_files_and_readable_outputs(hostile):
    out = hostile["out"]
    assert not [p for p in out.rglob(f"{TEMP_PREFIX}*")]
    mask = os.umask(0o022)
    os.umask(mask)
    for path in out.rglob("*.json"):
        assert path.stat().st_mode & 0o777 == 0o666 & ~mask, path


def test_a_file_name_cannot_forge_stderr_lines(hostile):
    _, _, err = hostile["first"]
    assert all(line.startswith("docextract: ") for line in err.splitlines())
    assert not any(line.startswith("docextract: 99 ok") for line in err.splitlines())
    assert "evil\\ndocextract: 99 ok, 0 failed\\x1b[31m.txt" in err
    assert FORGED not in err


def test_resume_skips_what_succeeded_and_retries_what_failed(hostile):
    code, _, err = hostile["resumed"]
    expected = hostile["expected"]
    ok = sum(s in SUCCESS for s in expected.values())
    failed = len(expected) - ok
    assert code == 1 and "Traceback" not in err
    assert f"resumed: {ok} skipped (done before), {failed} retried (failed before)" in err
    assert f"; {failed} run again and still failing" in err



def test_resume_reruns_an_edited_input_and_only_rewrites_what_it_runs(hostile):
    code, _, err = hostile["edited"]
    assert code == 1 and "2 changed since their record" in err  # good.txt and the link to it
    for path, mtime in hostile["mtimes"].items():
        now, record = hostile["edit_state"][path]
        rewritten = now != mtime
        assert rewritten == (record["status"] not in SUCCESS or record["source"] in ("good.txt", "good-link.txt")), path
    before, after = hostile["records"]["good.txt"], hostile["after_edit"]["good.txt"]
    assert after["sha256"] != before["sha256"] and "认真" in after["title"]
    assert sorted(hostile["after_edit"]) == sorted(hostile["expected"])


def test_resume_with_the_remedy_fixes_what_it_fixes(hostile):
    code, _, err = hostile["with_password"]
    assert code == 1 and "Traceback" not in err
    after = {source: record["status"] for source, record in hostile["after_password"].items()}
    assert after == hostile["expected"] | {"encrypted.pdf": "ok"}


@pytest.mark.parametrize("args, says", [
    (["--timeout", "0"], "--timeout"), (["--timeout", "-5"], "--timeout"), (["--timeout", "nan"], "--timeout"),
    (["--timeout", "inf"], "--timeout"), (["--timeout", "soon"], "--timeout"), (["--max-bytes", "0"], "--max-bytes"),
    (["--max-pages", "0"], "--max-pages"), (["--memory-mb", "64"], "--memory-mb"), (["--jobs", "0"], "--jobs"),
    (["--jobs", "100000"], "--jobs"), (["--encoding", "bogus-codec"], "--encoding"), (["--encoding", "hex"], "--encoding"),
    (["--skip-existing"], "--skip-existing"), (["--skip-existing", "-o", "{tmp}/all.jsonl"], "--skip-existing"),
    (["--skip-existing", "-o", "{tmp}/out", "--format", "csv"], "--skip-existing"),
    (["-o", "{tmp}/plain-file"], "a file exists there"), (["-o", "{tmp}/plain-file/sub/"], "cannot write"),
    (["-o", "/proc/docextract-out/"], "cannot write"), (["--format", "xml"], "--format"),
    (["--reference-date", "2020-13-01"], "--reference-date"), (["-", "-"], "stdin"),
    (["{tmp}", "-o", "{tmp}"], "is an input folder"),
])
def test_usage_errors_are_one_line_exit_2_before_any_input(tmp_path, capsys, args, says):
    from docextract.cli import main

    (tmp_path / "plain-file").write_text("x")
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    assert main(["extract", str(CORPUS / "004_ba4d4d4b2a22ff08.txt"), *args]) == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("docextract: error: ") and says in lines[0], captured.err
    assert captured.out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plain-file"]


def test_two_inputs_for_one_output_name_are_a_usage_error(tmp_path, capsys):
    from docextract.cli import main

    for side in ("a", "b"):
        (tmp_path / side).mkdir()
        (tmp_path / side / "x.txt").write_bytes(GOOD)
    assert main(["extract", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "would both write" in err and len(err.splitlines()) == 1
    assert not list((tmp_path / "out").iterdir())


def test_a_malformed_rule_is_one_start_up_error(tmp_path):
    import docextract.rules as rules

    broken = tmp_path / "rules"
    broken.mkdir()
    for path in Path(rules.__file__).parent.glob("*.toml"):
        (broken / path.name).write_bytes(path.read_bytes())
    units = (broken / "units.toml").read_text(encoding="utf-8")
    (broken / "units.toml").write_text(units + "\n[[broken\n", encoding="utf-8")
    script = ("import sys; from pathlib import Path; import docextract.rules as r; r.RULES_DIR = Path(sys.argv[1]); "
              "from docextract.cli import main; sys.exit(main(sys.argv[2:]))")
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(3):
        (folder / f"{k}.txt").write_bytes(GOOD)
    done = subprocess.run([sys.executable, "-c", script, str(broken), "extract", str(folder), "-o", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=CLI_TIMEOUT)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "units.toml" in done.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_stdin_of_zeros_is_too_large_not_out_of_memory():
    with open("/dev/zero", "rb") as zeros:
        code, out, err = cli("extract", "-", "--max-bytes", 100_000, stdin=zeros)
    assert code == 1 and "Traceback" not in err
    record = json.loads(out)
    assert (record["file"], record["source"], record["status"]) == ("stdin", "-", "too_large")


def test_a_slow_stdin_gets_the_time_limit():
    writer = subprocess.Popen([sys.executable, "-c", "import sys, time; sys.stdout.write('关于'); sys.stdout.flush(); "
                               "time.sleep(60)"], stdout=subprocess.PIPE)
    try:
        code, out, err = cli("extract", "-", "--timeout", 2, stdin=writer.stdout)
    finally:
        writer.kill()
        writer.wait()
    assert code == 1 and json.loads(out)["status"] == "timeout" and "within 2 s" in err


def test_stdin_goes_through_a_worker(tmp_path):
    with open(CORPUS / "004_ba4d4d4b2a22ff08.txt", "rb") as notice:
        code, out, err = cli("extract", "-", "-o", tmp_path / "out", stdin=notice)
    assert code == 0, err
    record = json.loads((tmp_path / "out" / "stdin.json").read_text(encoding="utf-8"))
    assert record["status"] == "ok" and record["sha256"] == hashlib.sha256(GOOD).hexdigest()


def test_stdout_full_is_a_clear_error_with_a_summary():
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "docextract", "extract", str(CORPUS)], stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=CLI_TIMEOUT, stdin=subprocess.DEVNULL)
    assert done.returncode == 1 and "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert "cannot write to stdout: No space left on device" in done.stderr and " not run" in done.stderr


def test_a_closed_pipe_stops_the_run_quietly():
    process = subprocess.Popen([sys.executable, "-m", "docextract", "extract", str(CORPUS), "--jobs", "1"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    process.stdout.read(10)
    process.stdout.close()  # `| head -c 10`
    err = process.stderr.read().decode()
    assert process.wait(timeout=CLI_TIMEOUT) == 141 and err == ""


def run_main(capsysbinary, *args):
    """The command line in this process (its fork server is reused: faster than a new process)."""
    from docextract.cli import main

    code = main([str(a) for a in args])
    captured = capsysbinary.readouterr()
    return code, captured.out, captured.err.decode("utf-8", "replace")


def test_an_output_that_cannot_be_written_stops_the_run_with_a_summary(tmp_path, capsysbinary):
    out = tmp_path / "out"
    first = sorted(CORPUS.glob("*.txt"))[0]
    (out / (first.stem + ".json")).mkdir(parents=True)  # a folder where a record goes
    code, _, err = run_main(capsysbinary, "extract", CORPUS, "-o", out, "--jobs", 1)
    assert code == 1
    assert "docextract: error: cannot write" in err and "not run" in err


@pytest.mark.parametrize("target, fmt", [("all.csv", "csv"), ("all.jsonl", "jsonl"), ("all.json", "jsonl")])
def test_one_output_file_for_the_batch_with_failed_inputs(tmp_path, capsysbinary, target, fmt):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes(GOOD)
    (folder / "bad.pdf").write_bytes(b"%PDF-1.7\nbroken")
    code, out, err = run_main(capsysbinary, "extract", folder, "-o", tmp_path / target)
    assert code == 1 and out == b""
    text = (tmp_path / target).read_text(encoding="utf-8")
    if fmt == "csv":
        assert text.startswith("\ufeffsource,") and "good.txt" in text and "bad.pdf" in text
    else:
        assert [json.loads(line)["status"] for line in text.splitlines()] == ["error", "ok"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["in", target])


def test_dev_null_as_output(capsysbinary):
    code, out, err = run_main(capsysbinary, "extract", CORPUS, "-o", "/dev/null")
    assert code == 0 and out == b"" and "5 ok, 0 failed" in err


def test_a_wrong_encoding_is_an_error_not_ok_garbage(capsysbinary):
    code, out, err = run_main(capsysbinary, "extract", CORPUS / "004_ba4d4d4b2a22ff08.txt", "--encoding", "utf-32")
    record = json.loads(out)
    assert code == 1 and record["status"] == "error" and "does not decode as utf-32" in record["error"]


def test_a_wrong_password_says_so(capsysbinary):
    code, out, _ = run_main(capsysbinary, "extract", FIXTURES / "notice_encrypted.pdf", "--password", "wrong")
    record = json.loads(out)
    assert code == 1 and record["status"] == "encrypted"
    assert "password given does not open" in record["error"] and "pass --password" not in record["error"]


def test_a_pdf_cut_at_the_page_cap_is_partial(capsysbinary):
    code, out, _ = run_main(capsysbinary, "extract", FIXTURES / "notice_multipage.pdf", "--max-pages", 1)
    record = json.loads(out)
    assert record["status"] == "partial" and any("--max-pages" in w for w in record["warnings"])


def test_a_csv_ledger_has_a_row_for_a_failed_input(tmp_path, capsysbinary):
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.7\nbroken")
    run_main(capsysbinary, "extract", tmp_path / "bad.pdf", "-o", tmp_path / "all.csv")
    assert "bad.pdf" in (tmp_path / "all.csv").read_text(encoding="utf-8")


def test_a_pipe_named_as_a_path_is_read_like_stdin():
    writer = subprocess.Popen(["cat", str(CORPUS / "004_ba4d4d4b2a22ff08.txt")], stdout=subprocess.PIPE)
    try:
        code, out, err = cli("extract", "/dev/stdin", "--timeout", 30, stdin=writer.stdout)
    finally:
        writer.wait()
    record = json.loads(out)
    assert code == 0 and record["status"] == "ok" and record["sha256"] == hashlib.sha256(GOOD).hexdigest()


def test_a_tree_deeper_than_the_path_limit_of_the_output_still_gets_records(tmp_path, capsysbinary):
    deep = tmp_path / "in"
    for k in range(26):
        deep = deep / (f"{k:02}" + "层" * 40)  # 122 bytes a level: about 3,200 bytes of folders
    deep.mkdir(parents=True)
    (deep / "通知.txt").write_bytes(GOOD)
    out = tmp_path.joinpath(*["出" * 60] * 8)  # an output folder deeper than the input's
    code, _, err = run_main(capsysbinary, "extract", tmp_path / "in", "-o", out)
    assert code == 0, err
    (record,) = records_under(out).values()
    assert record["status"] == "ok" and record["source"].endswith("/通知.txt")
