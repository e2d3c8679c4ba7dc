"""Stage 2, normalize: the named, offset-keeping fixes in the order they run.

``NORMALIZERS`` lists them; length-changing fixes go through ``TrackedText.replace_spans``, so
every offset maps back to the decoded source.  ``normalize(text, trace=[])`` records the steps
that changed something (ftfy-style).
"""
from __future__ import annotations

from ..text.textmap import TrackedText
from .chars import fix_line_ends, fold_width, strip_glued_pinyin, strip_stray_spaces, to_simplified
from .pages import drop_page_furniture, drop_print_footers, restore_lost_label_marks
from .punctuation import fold_punctuation
from .wrapped import rejoin_wrapped_lines

NORMALIZERS = (
    ("fix_line_ends", fix_line_ends),
    ("to_simplified", to_simplified),
    ("strip_glued_pinyin", strip_glued_pinyin),
    ("fold_width", fold_width),
    ("restore_lost_label_marks", restore_lost_label_marks),
    ("drop_page_furniture", drop_page_furniture),
    ("drop_print_footers", drop_print_footers),
    ("fold_punctuation", fold_punctuation),
    ("strip_stray_spaces", strip_stray_spaces),
    ("rejoin_wrapped_lines", rejoin_wrapped_lines),
)


def normalize(text: str, trace: list[str] | None = None) -> TrackedText:
    """Apply every normalizer in order; offsets of the result map back to ``text``."""
    tracked = TrackedText.from_source(text)
    for name, step in NORMALIZERS:
        before = tracked.text
        tracked = step(tracked)
        if trace is not None and tracked.text != before:
            trace.append(name)
    return tracked
