"""Fuzzing: arbitrary bytes never escape the error model; mutated PDFs and DOCX files either
load or raise a LoadError subclass."""
import random

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import FIXTURES
from docextract.errors import DocextractError
from docextract.load import decode_text, load_bytes
from docextract.pipeline import run

MUTATION_SEED = 20261122
MUTANTS_PER_FILE = 120


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_decode_never_raises(data):
    text, encoding = decode_text(data)
    assert isinstance(text, str) and encoding


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400), st.sampled_from(["x.txt", "x.html", "x.htm", "x"]))
def test_arbitrary_bytes_load_or_raise_a_load_error(data, name):
    try:
        loaded = load_bytes(data, name)
    except DocextractError:
        return
    notice = run(loaded)
    for item in notice.items:
        assert notice.body[item.start:item.end].endswith(item.text)


def mutants(data: bytes, rng: random.Random):
    for _ in range(MUTANTS_PER_FILE):
        kind = rng.choice(("flip", "truncate", "duplicate"))
        buf = bytearray(data)
        if kind == "flip":
            for _ in range(rng.randint(1, 20)):
                buf[rng.randrange(len(buf))] = rng.randrange(256)
        elif kind == "truncate":
            del buf[rng.randrange(1, len(buf)):]
        else:
            start = rng.randrange(len(buf))
            end = min(len(buf), start + rng.randint(1, 4096))
            buf[end:end] = buf[start:end]
        yield kind, bytes(buf)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["notice.pdf", "notice.docx", "notice_cidfont.pdf"])
def test_mutated_files_stay_in_the_status_model(name):
    rng = random.Random(MUTATION_SEED)
    data = (FIXTURES / name).read_bytes()
    outcomes = {"ok": 0, "error": 0}
    for _kind, mutant in mutants(data, rng):
        try:
            run(load_bytes(mutant, name))
            outcomes["ok"] += 1
        except DocextractError:
            outcomes["error"] += 1
    assert sum(outcomes.values()) == MUTANTS_PER_FILE


PIECES = ["关于做好工作的通知", "\n", "各乡镇、县直各单位：", "一、", "（一）", "1.", "（1）", "⑴", "第一条 ",
          "加强领导。", "9月底前完成", "下达后30日内", "每月底", "限期办结", "5万元以下", "500-3000元",
          "（责任单位：县财政局、各乡镇）", "牵头单位：市人社局市扶贫开发中心", "（省民政厅牵头，省残联参与）",
          "某县人民政府", "2020年3月2日", "發展(fā)", "　", " ", "。", "，", "《某方案》", "附件"]


def all_spans(notice):
    spans = [(e.text, e.start, e.end) for e in notice.evidence.values()]
    spans += [(u.name, u.start, u.end) for u in notice.recipients]
    values = list(notice.deadlines) + list(notice.amounts)
    for item in notice.items:
        values += item.deadlines + item.amounts
        spans += [(u.name, u.start, u.end) for u in item.lead_units + item.responsible_units + item.cooperating_units]
        spans.append((item.text, item.end - len(item.text), item.end))
    return spans + [(v.text, v.start, v.end) for v in values]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_every_evidence_span_holds_on_notice_like_text(text):
    from docextract import extract_text

    notice = extract_text(text)
    for value, start, end in all_spans(notice):
        assert notice.body[start:end] == value
