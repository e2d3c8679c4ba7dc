"""The library face: typed names, only docextract's typed errors, empty input as a status, a
time limit on extract_file, extract_many over the batch runner."""
import datetime
import json
from pathlib import Path

import pytest
from corpus_files import CORPUS, FIXTURES, long_notice_bytes

import docextract
from docextract import errors
from docextract.cli import main

NOTICE = CORPUS / "004_ba4d4d4b2a22ff08.txt"
TEXT = "关于做好春耕工作的通知\n一、抓好种子供应。9月底前完成。（县农业农村局负责）"


def test_every_exported_name_resolves_and_the_package_is_typed():
    for name in docextract.__all__:
        assert getattr(docextract, name) is not None, name
    assert docextract.Settings().timeout > 0
    assert (Path(docextract.__file__).parent / "py.typed").is_file()


@pytest.mark.parametrize("call", [
    lambda: docextract.extract_text(None),
    lambda: docextract.extract_text(b"\xe9\x80\x9a\xe7\x9f\xa5"),
    lambda: docextract.extract_text(TEXT, reference_date="next spring"),
    lambda: docextract.extract_text(TEXT, reference_date=20200302),
    lambda: docextract.extract_text(TEXT, settings={"timeout": 5}),
    lambda: docextract.extract_bytes("通知"),
    lambda: docextract.extract_file(None),
    lambda: docextract.extract_file(NOTICE, timeout=0),
    lambda: docextract.extract_file(NOTICE, timeout=float("nan")),
    lambda: docextract.extract_file(CORPUS, timeout=5),
    lambda: list(docextract.extract_many([NOTICE], jobs=0)),
    lambda: list(docextract.extract_many([None])),
], ids=["none", "bytes", "bad-date-string", "date-int", "settings-dict", "bytes-as-str", "path-none", "timeout-0",
        "timeout-nan", "folder-with-timeout", "jobs-0", "path-none-many"])
def test_bad_arguments_raise_a_typed_error_that_is_also_a_type_or_value_error(call):
    with pytest.raises(errors.InvalidInput) as caught:
        call()
    assert isinstance(caught.value, errors.DocextractError)
    assert isinstance(caught.value, TypeError) and isinstance(caught.value, ValueError)


def test_a_string_reference_date_is_read_as_iso():
    by_string = docextract.extract_text(TEXT, reference_date="2020-03-02")
    by_date = docextract.extract_text(TEXT, reference_date=datetime.date(2020, 3, 2))
    assert by_string == by_date
    assert [d.date for item in by_date.items for d in item.deadlines] == ["2020-09-30"]


def test_lone_surrogates_become_replacement_characters_with_a_warning():
    notice = docextract.extract_text(TEXT + "\udcff\ud800", name="bad\udcffname")
    assert "\ufffd" in notice.body and any("surrogate" in w for w in notice.warnings)
    json.loads(notice.model_dump_json())  # serialisable


def test_empty_input_is_a_status_everywhere(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    from_text = docextract.extract_text("")
    from_file = docextract.extract_file(empty)
    from_bytes = docextract.extract_bytes(b"  \n", "x.txt")
    assert from_text.status == from_file.status == from_bytes.status == "empty"
    assert from_file.error == "load: the file is empty" and from_file.file == "empty.txt"
    assert from_file.sha256 and docextract.extract_file(empty, timeout=30).status == "empty"


def test_an_unreadable_file_raises_its_typed_error_with_and_without_a_time_limit():
    for timeout in (None, 30):
        with pytest.raises(errors.NeedsOCR) as caught:
            docextract.extract_file(FIXTURES / "notice_scanned.pdf", timeout=timeout)
        assert caught.value.status == "needs_ocr" and "no text layer" in caught.value.reason


def test_a_bug_in_a_stage_is_an_extraction_error_naming_the_stage(monkeypatch):
    from docextract import pipeline

    def broken(skeleton, loaded, settings):
        raise IndexError("list index out of range")

    monkeypatch.setattr("docextract.extract.assemble.extract", broken)
    with pytest.raises(errors.ExtractionError) as caught:
        pipeline.extract_text(TEXT)
    assert caught.value.stage == "extract" and isinstance(caught.value.__cause__, IndexError)


def test_extract_file_with_a_time_limit(tmp_path):
    notice = docextract.extract_file(NOTICE, timeout=60)
    assert notice.status == "ok" and notice == docextract.extract_file(NOTICE).model_copy(update={"source": "004_ba4d4d4b2a22ff08.txt"})
    slow = tmp_path / "long.txt"
    slow.write_bytes(long_notice_bytes())
    with pytest.raises(errors.ExtractionTimeout) as caught:
        docextract.extract_file(slow, timeout=0.2)
    assert caught.value.status == "timeout" and "no result within 0.2 s" in str(caught.value)


def test_extract_many_gives_the_records_the_cli_writes(tmp_path, capsys):
    records = {n.source: n for n in docextract.extract_many([CORPUS], jobs=2, timeout=60)}
    assert main(["extract", str(CORPUS), "-o", str(tmp_path), "--jobs", "1"]) == 0
    written = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in tmp_path.glob("*.json")}
    assert sorted(records) == sorted(p.name for p in CORPUS.glob("*.txt"))
    assert sorted(written) == sorted(p.stem for p in CORPUS.glob("*.txt"))
    for source, notice in records.items():
        assert json.loads(notice.model_dump_json()) == written[source.rsplit(".", 1)[0]]


def test_error_for_maps_a_record_back_to_its_typed_error():
    exc = errors.error_for("a.pdf", "encrypted", "load: the PDF is encrypted (pass --password)")
    assert isinstance(exc, errors.EncryptedDocument) and exc.stage == "load"
    exc = errors.error_for("a.pdf", "error", "structure: IndexError: boom")
    assert isinstance(exc, errors.ExtractionError) and exc.stage == "structure" and exc.reason == "IndexError: boom"


def test_a_bug_in_a_loader_is_an_extraction_error_and_a_batch_error_record(monkeypatch, tmp_path):
    from docextract import pipeline
    from docextract.batch import extract_one
    from docextract.config import Settings

    def broken(data, name, settings):
        raise ValueError("lxml said no")

    monkeypatch.setattr(__import__("docextract.load.html", fromlist=["load_html"]), "load_html", broken)
    page = tmp_path / "a.html"
    page.write_bytes(b"<p>x</p>")
    with pytest.raises(errors.ExtractionError) as caught:
        pipeline.extract_file(page)
    assert caught.value.stage == "load"
    record = extract_one(page, Settings())
    assert (record.status, record.error) == ("error", "load: ValueError: lxml said no")


def test_a_path_that_is_not_utf8_can_be_given_as_bytes(tmp_path):
    import os

    name = os.path.join(os.fsencode(tmp_path), "春耕通知.txt".encode("gbk"))
    with open(name, "wb") as handle:
        handle.write(NOTICE.read_bytes())
    for notice in (docextract.extract_file(name), docextract.extract_file(name, timeout=30)):
        assert (notice.status, notice.file, notice.source) == ("ok", "春耕通知.txt", "春耕通知.txt")
        json.loads(notice.model_dump_json())
    from docextract.pipeline import extract_file as in_process

    assert json.loads(in_process(os.fsdecode(name)).model_dump_json())["file"].endswith(".txt")  # serialisable
    (record,) = docextract.extract_many([name], jobs=1)
    assert (record.status, record.source) == ("ok", "春耕通知.txt")
    assert any("GB18030" in w for w in record.warnings)


def _corpus_documents():
    """Every corpus and fixture file that loads, loaded (stage 1)."""
    from corpus_files import ROOT

    from docextract.config import Settings
    from docextract.load import load_file

    paths = sorted(CORPUS.glob("*.txt")) + sorted((ROOT / "corpora" / "dev" / "raw").glob("*")) \
        + sorted(p for p in FIXTURES.iterdir() if p.is_file())
    loaded = []
    for path in paths:
        try:
            loaded.append(load_file(path, Settings()))
        except errors.DocextractError:
            continue
    return loaded


def test_stages_2_to_5_make_no_reference_cycles():
    """``run`` pauses the cycle collector (pipeline.py): nothing a run allocates may need it."""
    import gc

    from docextract.pipeline import run

    documents = _corpus_documents()
    assert len(documents) > 40
    for document in documents:   # the first runs compile rules and import modules
        run(document)
    gc.collect()
    for document in documents:
        run(document)
        assert gc.collect() == 0, f"{document.name}: a run left reference cycles for the collector"


def test_the_cycle_collector_is_paused_only_while_a_run_is_in_progress(monkeypatch):
    import gc
    import threading

    from docextract.extract import assemble
    from docextract.load.document import LoadedDocument
    from docextract.pipeline import run

    document = LoadedDocument(name="t.txt", text=TEXT, format="txt")
    real = assemble.extract
    inside: list[bool] = []
    monkeypatch.setattr("docextract.extract.assemble.extract",
                        lambda *args: inside.append(gc.isenabled()) or real(*args))
    assert gc.isenabled()
    run(document)
    assert inside == [False] and gc.isenabled()

    gc.disable()   # a caller that turned it off keeps it off
    try:
        run(document)
        assert not gc.isenabled()
    finally:
        gc.enable()

    def broken(*args):
        raise IndexError("list index out of range")

    monkeypatch.setattr("docextract.extract.assemble.extract", broken)
    with pytest.raises(IndexError):
        run(document)
    assert gc.isenabled()

    # two threads: a run started while another holds the collector paused leaves it alone, and
    # collection resumes when the run that paused it ends, the other still in progress
    entered = {name: threading.Event() for name in ("first", "second")}
    release = {name: threading.Event() for name in ("first", "second")}
    enabled_at_entry: dict[str, bool] = {}

    def held(*args):
        name = threading.current_thread().name
        enabled_at_entry[name] = gc.isenabled()
        entered[name].set()
        release[name].wait(30)
        return real(*args)

    monkeypatch.setattr("docextract.extract.assemble.extract", held)
    first = threading.Thread(target=run, args=(document,), name="first")
    second = threading.Thread(target=run, args=(document,), name="second")
    first.start()
    assert entered["first"].wait(30)
    second.start()
    assert entered["second"].wait(30)
    assert enabled_at_entry == {"first": False, "second": False}
    release["first"].set()
    first.join(30)
    assert gc.isenabled()   # resumed by the run that paused it, the second still in progress
    release["second"].set()
    second.join(30)
    assert gc.isenabled() and not first.is_alive() and not second.is_alive()
