"""TrackedText.replace_spans keeps a map that agrees, segment for segment, with one built a
character at a time (each character's source, and whether it was copied or replaced)."""
from hypothesis import given, settings
from hypothesis import strategies as st

from docextract.text.textmap import TrackedText


def _edit_chars(chars, size, source_length, edits):
    """The (source, copied) of each character after ``edits``: the reference replace_spans follows."""
    out, pos = [], 0
    for start, end, replacement in sorted(edits):
        out += chars[pos:start]
        if replacement:
            if len(replacement) == end - start:
                out += chars[start:end]
            else:
                source = chars[start][0] if start < size else source_length
                out += [(source, False)] * len(replacement)
        pos = end
    return out + chars[pos:]


def _segments(chars, size_after_last):
    """Segments merged as ``replace_spans`` merges them, built one character at a time."""
    starts, sources, linear = [], [], []
    for i, (source, copied) in enumerate(chars):
        if starts and copied and linear[-1] and sources[-1] + i - starts[-1] == source:
            continue
        if starts and not copied and not linear[-1] and sources[-1] == source:
            continue
        starts.append(i)
        sources.append(source)
        linear.append(copied)
    return (starts, sources, linear) if starts else ([0], [size_after_last], [True])


@st.composite
def edit_chains(draw):
    text = draw(st.text(alphabet="ab 中\n", max_size=30))
    chains = []
    for _ in range(draw(st.integers(1, 5))):
        cuts = sorted(draw(st.lists(st.integers(0, 40), max_size=10)))
        chains.append([(a, b, draw(st.sampled_from(["", "", "x", "xy", "xyz"]))) for a, b in zip(cuts[::2], cuts[1::2])])
    return text, chains


@settings(max_examples=500, deadline=None)
@given(edit_chains())
def test_replace_spans_map_is_the_one_built_per_character(case):
    text, chains = case
    tracked = TrackedText.from_source(text)
    chars = [(i, True) for i in range(len(text))]
    for edits in chains:
        size = len(tracked.text)
        edits = [(min(a, size), min(b, size), r) for a, b, r in edits]
        end_source = tracked.to_source(size, size)[0]
        if not edits:
            assert tracked.replace_spans(edits) is tracked
            continue
        tracked = tracked.replace_spans(edits)
        chars = _edit_chars(chars, size, tracked.source_length, edits)
        expected = _segments(chars, end_source if not chars else None)
        assert (list(tracked.starts), list(tracked.sources), list(tracked.linear)) == expected
        assert len(tracked.text) == len(chars)
