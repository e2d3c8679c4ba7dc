"""structure.sourcespans reads the map's segments; it must give what TrackedText.from_source_span
gives, after any chain of edits (deletions, insertions, same-length and shorter or longer
replacements)."""
from hypothesis import given, settings
from hypothesis import strategies as st

from docextract.structure.sourcespans import SourceSpans
from docextract.text.textmap import TrackedText


@st.composite
def edited(draw):
    tracked = TrackedText.from_source(draw(st.text(alphabet="ab 中文\n", max_size=40)))
    for _ in range(draw(st.integers(0, 4))):
        n = len(tracked.text)
        cuts = sorted(draw(st.lists(st.integers(0, n), max_size=6)))
        edits = [(a, b, draw(st.text(alphabet="xy", max_size=3))) for a, b in zip(cuts[::2], cuts[1::2])]
        tracked = tracked.replace_spans(edits)
    return tracked


@settings(max_examples=400, deadline=None)
@given(edited(), st.data())
def test_body_span_is_from_source_span(tracked, data):
    spans = SourceSpans(tracked)
    for _ in range(8):
        start = data.draw(st.integers(0, tracked.source_length + 1))
        end = data.draw(st.integers(start, tracked.source_length + 2))
        assert spans.body_span(start, end) == tracked.from_source_span(start, end)
