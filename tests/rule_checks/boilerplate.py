"""boilerplate.toml: a [[line]] rule fires on its examples (tests/test_clean.py checks that the
clean stage drops them and keeps the counterexamples); an info-bar label is read as a field; a
sentence-final character keeps a short last line as prose; a separator splits a page title."""
from docextract.clean import clean
from docextract.rules.boilerplate import boilerplate
from docextract.text.textmap import TrackedText

TITLE = "关于做好某项工作的通知"
BODY = f"{TITLE}\n各乡镇：\n为做好工作，现通知如下。\n某县人民政府\n2021年5月6日"


def line_rule_fires(name, text):
    rule = next(r for r in boilerplate().lines if r.name == name)
    return rule.fire(text.strip()) is not None


def info_label_read(label, text):
    fields = boilerplate().info_fields(text.strip())
    return fields is not None and label in [found for found, _ in fields]


def kept_as_last_line(_, text):
    return clean(TrackedText.from_source(f"{BODY}\n{text}")).body.endswith(text)


def splits_page_title(separator, text):
    cleaned = clean(TrackedText.from_source(f"{text}\n{BODY}"))
    title, _, site = text.partition(separator)
    return cleaned.metadata.get("page_title") == text and title.strip() == TITLE and bool(site)


CHECKS = {
    "line": line_rule_fires,
    "info_fields": info_label_read,
    "sentence_final": kept_as_last_line,
    "page_title_separators": splits_page_title,
}
