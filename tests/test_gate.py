"""The corpus quality gate: every field's score stays at or above its pinned floor.

Three sets (corpora/README.md): the five seed notices, the development corpus that rules are
written from, and the held-out evaluation corpus that is never read while writing rules.
Floors live in corpora/floors.toml; ``[<set>.minimum]`` holds what the project accepts at all.
"""
import tomllib

import pytest

from corpus_files import ROOT
from docextract.evaluate import extract_for_gold, score, value_of

FLOORS = tomllib.loads((ROOT / "corpora" / "floors.toml").read_text(encoding="utf-8"))
SETS = {
    "seeds": (ROOT / "corpora" / "gold", ROOT / "corpora" / "notices"),
    "dev": (ROOT / "corpora" / "dev" / "gold", ROOT / "corpora" / "dev" / "raw"),
    "eval": (ROOT / "corpora" / "eval" / "gold", ROOT / "corpora" / "eval" / "raw"),
}


@pytest.fixture(scope="module")
def summaries(tmp_path_factory):
    out = {}
    for name, (gold, docs) in SETS.items():
        pred = tmp_path_factory.mktemp(f"pred-{name}")
        failures = extract_for_gold(gold, docs, pred)
        out[name] = (score(gold, pred)[0], failures)
    return out


def floor_cases():
    return [pytest.param(s, f, v, id=f"{s}-{f}") for s in SETS for f, v in sorted(FLOORS[s]["floors"].items())]


@pytest.mark.parametrize("corpus, field, floor", floor_cases())
def test_field_at_or_above_floor(summaries, corpus, field, floor):
    summary, failures = summaries[corpus]
    got = value_of(summary, field)
    assert got is not None, f"{corpus}: {field} has nothing to score (n/a): remove its floor"
    assert got >= floor, f"{corpus}: {field}: {got} < floor {floor}"


@pytest.mark.parametrize("corpus, field, minimum",
                         [pytest.param(s, f, v, id=f"{s}-{f}") for s in SETS
                          for f, v in sorted(FLOORS[s].get("minimum", {}).items())])
def test_floor_never_below_the_accepted_minimum(corpus, field, minimum):
    assert FLOORS[corpus]["floors"].get(field, 0) >= minimum
