"""The pipeline, in order:

1. load       bytes → text (encodings, HTML, PDF, DOCX)        load.py (+ load_html, load_pdf, load_docx, tables)
2. normalize  OpenCC t2s, width folding, pinyin/PDF artifacts,  normalize.py (offsets kept by textmap.py)
              wrapped lines
3. clean      web boilerplate out, page metadata kept aside     clean.py
4. structure  title, issuer, 文号, dates, recipients, parts,     structure.py
              item tree
5. extract    units, deadlines, amounts per item, with evidence  extract.py (+ units, deadlines, amounts)
6. export     JSON / JSONL / CSV                                 export.py (called by the CLI)

Each stage is a pure function of the previous stage's result; batch.py runs the pipeline per
file in worker processes.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from .config import Settings
from .load import LoadedDocument, load_file
from .models import Notice


def run(loaded: LoadedDocument, settings: Settings | None = None) -> Notice:
    """Run stages 2–5 on a loaded document."""
    from . import clean, extract, normalize, structure

    settings = settings or Settings()
    normalized = normalize.normalize(loaded.text)
    cleaned = clean.clean(normalized, loaded.metadata)
    skeleton = structure.structure(cleaned)
    return extract.extract(skeleton, loaded, settings)


def extract_file(path: str | Path, settings: Settings | None = None) -> Notice:
    """Extract one notice file.  Raises a LoadError (with a ``status``) when it cannot be read."""
    settings = settings or Settings()
    return run(load_file(path, settings), settings)


def extract_text(text: str, reference_date: date | None = None, name: str = "<text>",
                 settings: Settings | None = None) -> Notice:
    """Extract a notice already in memory.  ``reference_date`` resolves year-less deadlines."""
    settings = settings or Settings()
    if reference_date is not None:
        settings = settings.model_copy(update={"reference_date": reference_date})
    return run(LoadedDocument(name=name, text=text, format="txt"), settings)
