"""The project's scorer agrees with the reference scorer (../shared/eval/score.py) field for field,
on the real corpora and on hand-made predictions with misses and extras."""
import importlib.util
import json

import pytest

from corpus_files import ROOT
from docextract.evaluate import format_summary, score, value_of

REFERENCE = ROOT.parent / "shared" / "eval" / "score.py"


@pytest.fixture(scope="module")
def reference():
    if not REFERENCE.exists():
        pytest.skip(f"no reference scorer at {REFERENCE}")
    spec = importlib.util.spec_from_file_location("reference_score", REFERENCE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write(folder, name, data):
    (folder / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="module")
def handmade(tmp_path_factory):
    gold, pred = tmp_path_factory.mktemp("gold"), tmp_path_factory.mktemp("pred")
    _write(gold, "a.json", {
        "file": "a.txt", "title": ["短", "长标题"], "issuer": "甲局", "doc_number": None, "date": ["2020-03-02"],
        "published": [], "recipients": ["各乡镇", "县直各单位"], "parts": [{"title": "长标题"}],
        "items": [{"part": 0, "path": [1], "label": "一、", "heading": None, "starts_with": "抓好",
                   "lead_units": ["县财政局"], "responsible_units": ["各乡镇"], "cooperating_units": [],
                   "deadlines": [{"text": "9月底前", "date": ["2020-09-30"], "kind": "by"}],
                   "amounts": [{"text": "5万元以下", "min": None, "max": 50000}]},
                  {"part": 0, "path": [2], "label": "二、", "heading": None, "starts_with": "做好",
                   "lead_units": [], "responsible_units": [], "cooperating_units": ["县民政局"],
                   "deadlines": [], "amounts": []}],
        "doc_deadlines": [{"text": "每月10日前", "date": [], "kind": "recurring"}], "doc_amounts": [],
        "body_includes": ["抓好"], "body_excludes": ["版权所有"]})
    _write(pred, "a.json", {
        "title": "长标题", "issuer": "乙局", "doc_number": "甲〔2020〕1号", "date": "2020-03-02", "published": None,
        "recipients": [{"name": "各乡镇"}], "body": "抓好工作 版权所有",
        "items": [{"part": 0, "path": [1], "text": "抓好工作", "heading": None,
                   "lead_units": [{"name": "县财政局"}, {"name": "县人社局"}], "responsible_units": [],
                   "cooperating_units": [], "deadlines": [{"text": "9月底前", "date": "2020-09-30", "kind": "by"}],
                   "amounts": [{"text": "5万元以下", "min": None, "max": 50000}]},
                  {"part": 0, "path": [3], "text": "多余", "lead_units": [], "responsible_units": [],
                   "cooperating_units": [], "deadlines": [], "amounts": []}],
        "deadlines": [], "amounts": [{"text": "3元", "min": 3, "max": 3}]})
    return gold, pred


def corpus_sets():
    return [ROOT / "corpora" / "gold", ROOT / "corpora" / "dev" / "gold"]


def test_same_summary_on_handmade_predictions(reference, handmade):
    gold, pred = handmade
    ours, _ = score(gold, pred)
    theirs, _ = reference.score(gold, pred)
    assert ours == theirs
    assert value_of(ours, "title") == 1.0 and value_of(ours, "issuer") == 0.0
    assert ours["fields"]["lead_units"]["fp"] == 1 and ours["fields"]["items"]["fn"] == 1


@pytest.mark.parametrize("gold", corpus_sets(), ids=["seeds", "dev"])
def test_same_summary_on_the_corpus(reference, corpus_notices_for, gold):
    pred = corpus_notices_for(gold)
    assert score(gold, pred)[0] == reference.score(gold, pred)[0]


def test_nothing_to_score_reads_na(handmade):
    gold, pred = handmade
    summary, _ = score(gold, pred)
    summary["fields"]["empty_field"] = {"p": 1.0, "r": 1.0, "f1": 1.0, "tp": 0, "fp": 0, "fn": 0}
    assert value_of(summary, "empty_field") is None
    assert "empty_field             n/a" in format_summary(summary)
