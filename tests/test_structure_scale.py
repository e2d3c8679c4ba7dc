"""The structure stage on a generated 100,000-line notice: every item found, nested and numbered
as generated (labels into the hundreds, numbering running on across subsections), the issued
plan a part of its own.  Correctness only; the time curve is benchmarks/bench_structure.py."""
import importlib.util

from corpus_files import ROOT
from docextract.clean import Cleaned
from docextract.structure import structure
from docextract.text.textmap import TrackedText

LINES = 100_000


def _generator():
    spec = importlib.util.spec_from_file_location("bench_structure", ROOT / "benchmarks" / "bench_structure.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generated_notice


def test_a_100k_line_notice_is_structured_completely():
    text, expected = _generator()(LINES)
    assert text.count("\n") + 1 >= LINES * 0.98
    skeleton = structure(Cleaned(TrackedText.from_source(text)))
    assert [p.title.text for p in skeleton.parts] == ["某市人民政府关于印发某某行动方案的通知", "某某行动方案"]
    assert skeleton.doc_number.text == "某政发〔2025〕1号" and skeleton.date[0] == "2025-03-01"
    got = [(item.path, item.label) for item in skeleton.items]
    assert all(item.part == 1 for item in skeleton.items)
    assert got == [(tuple(path), label) for path, label in expected]
    assert max(len(path) for path, _ in expected) == 4 and max(p[2] for p, _ in expected if len(p) > 2) >= 100
