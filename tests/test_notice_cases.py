"""Whole notices written from the patterns of real ones (corpora/cases/notices/): a State
Council 意见 with inline assignments, a provincial 办法 with hard negatives, a county notice
copied from a PDF (hard wraps, page numbers, the 抄送 block), a district notice in Markdown whose
task table was pasted one cell per paragraph (section rows, merged rows, a repeated header, a
cell broken over two lines) beside a name list laid out the same way (no task table), and an
association's submission under a paper code (decimal and lettered numbering)."""
import json

import pytest

from corpus_files import ROOT
from docextract import extract_file

CASES_DIR = ROOT / "corpora" / "cases"
EXPECTED = json.loads((CASES_DIR / "notices.json").read_text(encoding="utf-8"))
ROLES = {"lead": "lead_units", "responsible": "responsible_units", "cooperating": "cooperating_units"}


@pytest.fixture(scope="module")
def notices():
    return {name: extract_file(CASES_DIR / "notices" / name) for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata(notices, name):
    notice, want = notices[name], EXPECTED[name]
    for key in ("title", "issuer", "doc_number", "date"):
        if key in want:
            assert getattr(notice, key) == want[key], key
    if "recipients" in want:
        assert [u.name for u in notice.recipients] == want["recipients"]
    for text in want.get("body_excludes", []):
        assert text not in notice.body


def item_cases():
    return [pytest.param(name, path, want, id=f"{name[:12]}-{path}")
            for name, doc in sorted(EXPECTED.items()) for path, want in doc["items"].items()]


@pytest.mark.parametrize("name, path, want", item_cases())
def test_item_values(notices, name, path, want):
    items = {".".join(map(str, it.path)): it for it in notices[name].items}
    item = items[path]
    for role, field in ROLES.items():
        if role in want:
            assert [u.name for u in getattr(item, field)] == want[role], role
    if "deadlines" in want:
        assert [[d.text, d.kind, d.date] for d in item.deadlines] == want["deadlines"]
    if "amounts" in want:
        assert [[a.min, a.max] for a in item.amounts] == want["amounts"]


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if "doc_deadlines" in EXPECTED[n]))
def test_document_level_deadlines(notices, name):
    assert [[d.text, d.kind, d.date] for d in notices[name].deadlines] == EXPECTED[name]["doc_deadlines"]
