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
