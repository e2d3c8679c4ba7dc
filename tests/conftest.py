"""Shared fixtures: the extraction of every corpus notice (once)."""
from pathlib import Path

import pytest
from corpus_files import CORPUS, gold_files, load_gold


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
