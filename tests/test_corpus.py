"""Gold-driven tests on the real notices in corpora/: one test per gold expectation.

Aggregate quality is pinned by tests/test_gate.py; these name the exact string, item or unit
that went wrong.
"""
import unicodedata

import pytest

from corpus_files import gold_files, load_gold


def fold(s):
    return "".join(ch for ch in unicodedata.normalize("NFKC", s or "") if not ch.isspace())


def cases(key):
    out = []
    for path in gold_files():
        gold = load_gold(path)
        for i, value in enumerate(gold.get(key, [])):
            out.append(pytest.param(path.stem, value, id=f"{path.stem[:3]}-{i}"))
    return out


@pytest.mark.parametrize("stem, text", cases("body_includes"))
def test_body_keeps(corpus_notices, stem, text):
    assert fold(text) in fold(corpus_notices[stem].body)


@pytest.mark.parametrize("stem, text", cases("body_excludes"))
def test_body_drops(corpus_notices, stem, text):
    assert fold(text) not in fold(corpus_notices[stem].body)


def item_cases():
    out = []
    for path in gold_files():
        for item in load_gold(path).get("items", []):
            key = f"{path.stem[:3]}-p{item['part']}-{'.'.join(map(str, item['path']))}"
            out.append(pytest.param(path.stem, item, id=key))
    return out


@pytest.mark.parametrize("stem, gold_item", item_cases())
def test_item_found_with_its_units(corpus_notices, stem, gold_item):
    items = {(it.part, tuple(it.path)): it for it in corpus_notices[stem].items}
    item = items.get((gold_item["part"], tuple(gold_item["path"])))
    assert item is not None, "item missing"
    assert fold(item.text).startswith(fold(gold_item["starts_with"]))
    for role in ("lead_units", "responsible_units", "cooperating_units"):
        assert [fold(u.name) for u in getattr(item, role)] == [fold(u) for u in gold_item[role]], role


@pytest.mark.parametrize("path", gold_files(), ids=lambda p: p.stem[:3])
def test_metadata(corpus_notices, path):
    gold = load_gold(path)
    notice = corpus_notices[path.stem]
    for key in ("title", "issuer", "doc_number"):
        assert fold(notice.__getattribute__(key)) == fold(gold[key]), key
    assert (notice.published in gold["published"]) or (not gold["published"] and notice.published is None)
    assert [fold(u.name) for u in notice.recipients] == [fold(u) for u in gold["recipients"]]
    assert len(notice.parts) == len(gold["parts"])


@pytest.mark.parametrize("path", gold_files(), ids=lambda p: p.stem[:3])
def test_every_evidence_span_holds(corpus_notices, path):
    notice = corpus_notices[path.stem]
    body = notice.body
    spans = [(e.text, e.start, e.end) for e in notice.evidence.values()]
    spans += [(u.name, u.start, u.end) for u in notice.recipients]
    values = list(notice.deadlines) + list(notice.amounts)
    for item in notice.items:
        assert body[item.start:item.end].endswith(item.text)
        values += item.deadlines + item.amounts
        spans += [(u.name, u.start, u.end) for u in item.lead_units + item.responsible_units + item.cooperating_units]
    spans += [(v.text, v.start, v.end) for v in values]
    for text, start, end in spans:
        assert body[start:end] == text
