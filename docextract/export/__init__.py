"""Stage 6, export: writers behind one protocol (``writers.WRITERS``)."""
from .ledger import LEDGER_COLUMNS, ledger_rows, to_csv
from .records import to_json, to_jsonl
from .writers import FORMATS, WRITERS, Sink, TextSink, Writer, render_one, suffix

__all__ = ["FORMATS", "LEDGER_COLUMNS", "WRITERS", "Sink", "TextSink", "Writer", "ledger_rows", "render_one", "suffix", "to_csv",
           "to_json", "to_jsonl"]
