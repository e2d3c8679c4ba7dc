"""boilerplate_html.toml: an info label makes a line the page's info bar, a junk pattern removes
a line at the edge of a page's text, a page marker removes a line anywhere."""
from docextract.load.furniture import drop_page_markers, strip_furniture
from docextract.rules import load_rules

NOTICE = ["各乡镇人民政府：", "为做好今年防汛工作，现就有关事项通知如下。"] + [
    f"{n}.做好第{n}项工作。" for n in range(1, 21)] + ["某县人民政府办公室", "2024年5月6日"]
MIDDLE = 11


def info_label_makes_an_info_bar(label, line):
    metadata = {}
    return strip_furniture([line] + NOTICE, metadata) == NOTICE


def _entry(key, name):
    return next(e for e in load_rules("boilerplate_html")[key] if e["name"] == name)


def junk_line_goes_at_the_edges(name, line):
    import re

    entry = _entry("junk_lines", name)
    fires = re.search(entry["pattern"], line) is not None
    where = entry.get("where", "edges")
    at_top = line not in strip_furniture([line] + NOTICE, {})
    at_bottom = line not in strip_furniture(NOTICE + [line], {})
    in_middle = line in strip_furniture(NOTICE[:MIDDLE] + [line] + NOTICE[MIDDLE:], {})
    edges = {"head": at_top and not at_bottom, "tail": at_bottom and not at_top, "edges": at_top and at_bottom}
    return fires and edges[where] and in_middle


def page_marker_goes_anywhere(name, line):
    import re

    fires = re.match(_entry("page_markers", name)["pattern"], line.strip()) is not None
    return fires and drop_page_markers(NOTICE[:5] + [line] + NOTICE[5:]) == NOTICE


def closing_line_ends_the_text(name, line):
    import re

    fires = re.match(_entry("closing_lines", name)["pattern"], line.strip()) is not None
    ended = strip_furniture(NOTICE + [line, "省人大常委会办公厅，省政协办公厅。"], {}) == NOTICE
    in_middle = line in strip_furniture(NOTICE[:MIDDLE] + [line] + NOTICE[MIDDLE:], {})
    return fires and ended and in_middle


CHECKS = {
    "closing_lines": closing_line_ends_the_text,
    "info_labels": info_label_makes_an_info_bar,
    "junk_lines": junk_line_goes_at_the_edges,
    "page_markers": page_marker_goes_anywhere,
}
