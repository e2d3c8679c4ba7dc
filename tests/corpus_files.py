"""Where the corpus, its gold and the fixtures are, for the tests and their worker processes.

(Not in conftest.py: a worker process imports a test module by name, and the name ``conftest``
is the repository root's too.)"""
import json
from pathlib import Path

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
