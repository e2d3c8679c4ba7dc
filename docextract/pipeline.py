"""The pipeline, in order (the only module that knows it):

1. load       bytes → text and page metadata          load/       (sniff, text, html, pdf, docx, layout, tables)
2. normalize  OpenCC t2s, width folding, pinyin/PDF    normalize/  (chars, wrapped; offsets kept by text/textmap)
              artifacts, wrapped lines
3. clean      web boilerplate out, metadata aside      clean/
4. structure  title, issuer, 文号, dates, recipients,   structure/  (head, signature, metadata, dates, labels,
              parts, item tree                                     numbering, outline, parts, skeleton)
5. extract    units, deadlines, amounts per item,      extract/    (units/, deadlines/, amounts, assemble)
              with evidence
6. export     JSON / JSONL / CSV                       export/     (called by the CLI)

Each stage is a pure function of the previous stage's result; ``batch`` runs the pipeline per
file in worker processes.  Shared leaves: ``text/`` (numerals, dates, scans, offset maps),
``rules/`` (lexicons as data), ``models``, ``config``, ``errors``.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from .config import Settings
from .load.document import LoadedDocument
from .load.sniff import load_file
from .models import Notice


def run(loaded: LoadedDocument, settings: Settings | None = None) -> Notice:
    """Run stages 2–5 on a loaded document."""
    from .clean.boilerplate import clean
    from .extract.assemble import extract
    from .normalize.steps import normalize
    from .structure.skeleton import structure

    settings = settings or Settings()
    normalized = normalize(loaded.text)
    cleaned = clean(normalized, loaded.metadata)
    skeleton = structure(cleaned)
    return extract(skeleton, loaded, settings)


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
