"""The README's "Extending" recipes hold: one entry or one registration, no other code."""
from datetime import date

import docextract.extract.deadlines.patterns as deadline_patterns
import docextract.load.sniff as sniff
from docextract.config import Settings
from docextract.export import writers
from docextract.extract.deadlines import extract_deadlines
from docextract.load.document import LoadedDocument
from docextract.rules import load_rules

NEW_OPEN_LIMIT = "请各单位在商定期限内完成整改。"


def test_a_deadline_word_added_to_the_rules_is_found(monkeypatch):
    assert extract_deadlines(NEW_OPEN_LIMIT, date(2024, 1, 1)) == []
    rules = dict(load_rules("deadlines"))
    rules["open_qualifiers"] = [*rules["open_qualifiers"], "商定"]
    monkeypatch.setattr(deadline_patterns, "load_rules", lambda name: rules)
    deadline_patterns.patterns.cache_clear()
    try:
        found = extract_deadlines(NEW_OPEN_LIMIT, date(2024, 1, 1))
        assert [(d.text, d.kind) for d in found] == [("在商定期限内", "open")]
    finally:
        deadline_patterns.patterns.cache_clear()


def test_an_output_format_is_one_writer(monkeypatch, tmp_path):
    from docextract.cli import build_parser

    class Titles:
        def __init__(self, stream):
            self.stream = stream

        def write(self, notice):
            self.stream.write((notice.title or "").encode() + b"\n")

        def close(self):
            self.stream.flush()

    monkeypatch.setitem(writers.WRITERS, "titles", writers.Writer("titles", ".txt", "one title per line", Titles))
    args = build_parser().parse_args(["extract", "x.txt", "--format", "titles"])
    assert args.format == "titles"


def test_an_input_format_is_one_loader_and_one_registration(monkeypatch):
    def load_rtf(data, name, settings):
        return LoadedDocument(name=name, text=data.decode("ascii").strip("{}"), format="rtf")

    rtf = sniff.Format("rtf", load_rtf, (".rtf",), lambda data, suffix: data.startswith(b"{\\rtf"))
    monkeypatch.setattr(sniff, "FORMATS", (rtf, *sniff.FORMATS))
    monkeypatch.setitem(sniff.LOADERS, ".rtf", load_rtf)
    loaded = sniff.load_bytes(b"{\\rtf notice}", "a.bin", Settings())
    assert loaded.format == "rtf" and loaded.text == "\\rtf notice"
