"""Shared fixtures: the corpus, its gold, and the extraction of every corpus notice (once)."""
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "notices"
GOLD = ROOT / "corpora" / "gold"
FIXTURES = ROOT / "tests" / "fixtures"


def long_notice_bytes() -> bytes:
    """A real notice repeated to just under the default 50 MB size cap: seconds of work for a worker.

    For tests that need a file still being extracted when a time limit or a signal strikes. The
    margin is several times any limit they set, so a faster machine (or a faster docextract)
    cannot finish it first; a file a few times over the limit did, on a fast CI host.
    """
    text = (CORPUS / "004_ba4d4d4b2a22ff08.txt").read_bytes()
    return text * (45_000_000 // len(text))


def gold_files():
    return sorted(GOLD.glob("*.json"))


def load_gold(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def corpus_notices():
    """{gold stem: Notice} for every gold file, extracted in-process once per session."""
    from docextract import extract_file

    out = {}
    for path in gold_files():
        gold = load_gold(path)
        out[path.stem] = extract_file(CORPUS / gold["file"])
    return out


@pytest.fixture(scope="session")
def corpus_notices_for(tmp_path_factory):
    """A function: gold folder → a folder of predictions for it (extracted once per session)."""
    from docextract.evaluate import extract_for_gold

    done = {}

    def predictions(gold: Path) -> Path:
        if gold not in done:
            pred = tmp_path_factory.mktemp("pred")
            docs = gold.parent / ("notices" if gold.parent.name == "corpora" else "raw")
            extract_for_gold(gold, docs, pred)
            done[gold] = pred
        return done[gold]

    return predictions
