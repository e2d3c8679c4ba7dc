"""numbering.toml: a style reads the label at the start of its example lines; the shapes around a
label decide whether it stands on its own, needs the numbering, spans two lines, or is no item."""
from docextract.structure.labels import line_candidates, read_label
from docextract.structure.nodes import lines_of
from docextract.structure.rules import rules


def style_reads(name, text):
    label = read_label(text)
    return label is not None and label.style.name == name


def stands_alone(_key, text):
    label = read_label(text)
    return label is not None and label.strong


def needs_numbering(_key, text):
    label = read_label(text)
    return label is not None and not label.strong


def one_label_over_two_lines(_key, text):
    lines = lines_of(text)
    found = line_candidates(lines, 0, len(lines))
    return bool(found) and found[0].start < lines[0].end < found[0].text_start


def never_an_item(key, text):
    pattern = rules().toc_line if key == "toc_line" else rules().table_row
    lines = lines_of(text)
    return bool(pattern.search(text)) and not line_candidates(lines, 0, len(lines))


CHECKS = {
    "style": style_reads,
    "label_followed_by": stands_alone,
    "weak_followed_by": needs_numbering,
    "split_label_head": one_label_over_two_lines,
    "split_label_tail": one_label_over_two_lines,
    "toc_line": never_an_item,
    "table_row": never_an_item,
}
