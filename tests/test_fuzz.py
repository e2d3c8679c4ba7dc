"""Fuzzing: arbitrary bytes never escape the error model; mutated PDFs and DOCX files either
load or raise a LoadError subclass."""
import random

import pytest
from corpus_files import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docextract.errors import LoadError
from docextract.load import decode_text, load_bytes
from docextract.models import Notice
from docextract.pipeline import run

STATUSES = set(Notice.model_fields["status"].annotation.__args__)


def _pipeline_runs() -> bool:
    """The stages after load are written separately: use them when they run."""
    try:
        run(load_bytes("关于做好工作的通知\n一、加强领导。".encode(), "probe.txt"))
    except (ImportError, NotImplementedError):
        return False
    return True


PIPELINE = _pipeline_runs()

MUTATION_SEED = 20261122
MUTANTS_PER_FILE = 100


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_decode_never_raises(data):
    text, encoding = decode_text(data)
    assert isinstance(text, str) and encoding
    text, encoding = decode_text(data, "gb2312")
    assert isinstance(text, str) and encoding


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600), st.sampled_from(["x.txt", "x.html", "x.htm", "x", "x.shtml"]))
def test_arbitrary_bytes_load_or_raise_a_load_error(data, name):
    try:
        loaded = load_bytes(data, name)
    except LoadError:
        return
    assert isinstance(loaded.text, str) and loaded.format in ("txt", "html", "pdf", "docx")


HTML_PIECES = ["<html>", "<head>", "<meta charset=gb2312>", "<meta charset=big5>", "<title>通知_某县</title>",
               "<body>", "<div class=nav>", "<div class=content>", "</div>", "<p>", "</p>", "<table>", "<tr>",
               "<td>序号</td>", "<td>重点任务</td>", "<td>牵头单位</td>", "<td>1</td>", "<td>县财政局</td>", "</tr>",
               "</table>", "<script>x</script>", "<!--c-->", "一、加强领导。", "索引号：", "发文字号：", "<br>",
               "\x00", "&nbsp;", "&#x4e00;", "<", ">", "\ufffd"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(HTML_PIECES), max_size=60).map("".join),
       st.sampled_from(["utf-8", "gb18030", "big5", "utf-16"]))
def test_page_like_html_loads_or_raises_a_load_error(page, codec):
    data = page.encode(codec, errors="replace")
    try:
        loaded = load_bytes(data, "x.html")
    except LoadError:
        return
    assert "<script" not in loaded.text


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


@pytest.mark.parametrize("name", ["notice.pdf", "notice.docx", "notice_cidfont.pdf", "notice_multipage.pdf"])
def test_mutated_files_stay_in_the_status_model(name):
    """Every byte-flipped, truncated or duplicated variant loads or raises a LoadError subclass;
    what loads also goes through the rest of the pipeline without an exception."""
    rng = random.Random(f"{MUTATION_SEED}:{name}")
    data = (FIXTURES / name).read_bytes()
    outcomes = {"ok": 0, "load error": 0}
    for _kind, mutant in mutants(data, rng):
        try:
            loaded = load_bytes(mutant, name)
        except LoadError as exc:
            assert exc.status in STATUSES and str(exc).startswith(name)
            outcomes["load error"] += 1
            continue
        assert loaded.status in ("ok", "partial")
        outcomes["ok"] += 1
        if PIPELINE:
            run(loaded)
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


NAME_BYTES = st.binary(min_size=1, max_size=255).filter(lambda b: b"/" not in b and b"\0" not in b
                                                         and b not in (b".", b".."))


@settings(max_examples=300, deadline=None)
@given(st.lists(NAME_BYTES, min_size=1, max_size=4))
def test_any_file_name_gives_a_record_name_and_an_output_name_that_fit(parts):
    """Whatever bytes a file system hands over as names: the record can be serialised, the
    output name fits, and a message about it stays on one line."""
    import os
    from pathlib import Path

    from docextract.batch.inputs import display_name
    from docextract.batch.outputs import MAX_NAME_BYTES, output_path
    from docextract.commands.common import printable

    shown = [display_name(os.fsdecode(part))[0] for part in parts]
    source = "/".join(shown)
    source.encode("utf-8")  # no lone surrogates left
    Notice.model_validate_json(Notice(file=shown[-1], source=source).model_dump_json())
    target = output_path(Path("out"), source, ".json")
    assert all(len(part.encode("utf-8")) <= MAX_NAME_BYTES for part in target.parts)
    assert target.name.endswith(".json") and target.parts[0] == "out"
    assert "\n" not in printable(source) and "\r" not in printable(source) and "\x1b" not in printable(source)
