"""The corpus quality gate: every field's score stays at or above its pinned floor."""
import tomllib

import pytest

from conftest import CORPUS, GOLD, ROOT
from docextract.evaluate import extract_for_gold, score, value_of

FLOORS = tomllib.loads((ROOT / "corpora" / "floors.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    pred = tmp_path_factory.mktemp("pred")
    failures = extract_for_gold(GOLD, CORPUS, pred)
    assert failures == []
    result, _ = score(GOLD, pred)
    return result


@pytest.mark.parametrize("field", sorted(FLOORS["floors"]))
def test_field_at_or_above_floor(summary, field):
    got = value_of(summary, field)
    assert got is not None, f"{field} is not scored"
    assert got >= FLOORS["floors"][field], f"{field}: {got} < floor {FLOORS['floors'][field]}"


@pytest.mark.parametrize("field", sorted(FLOORS["minimum"]))
def test_floor_never_below_the_accepted_minimum(field):
    assert FLOORS["floors"].get(field, 0) >= FLOORS["minimum"][field]
