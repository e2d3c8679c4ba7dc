"""docextract: Chinese government policy notices → structured task data.

    extract_file(path, settings=None, *, timeout=None) -> Notice
    extract_text(text, reference_date=None, name="<text>", settings=None) -> Notice
    extract_bytes(data, name="input.txt", settings=None) -> Notice
    extract_many(paths, settings=None, *, jobs=None, timeout=None) -> Iterator[Notice]

They raise only ``DocextractError`` subclasses (``docextract.errors``); ``Settings`` holds the
options.  Names are resolved on first use (PEP 562), so ``docextract --help`` does not pay for
pydantic and the pipeline.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import compiled
from ._version import __version__

compiled.install()   # a compiled stage module runs only while its source is the one compiled

if TYPE_CHECKING:  # what type checkers see; at run time the names load on first use
    from .batch.library import extract_file, extract_many
    from .config import Settings
    from .errors import DocextractError, InvalidInput, LoadError
    from .models import Amount, Deadline, Evidence, Item, Notice, Part, Unit
    from .pipeline import extract_bytes, extract_text

_EXPORTS = {
    "extract_file": "batch.library", "extract_many": "batch.library",
    "extract_text": "pipeline", "extract_bytes": "pipeline",
    "Settings": "config", "DocextractError": "errors", "LoadError": "errors", "InvalidInput": "errors",
    "Amount": "models", "Deadline": "models", "Evidence": "models", "Item": "models",
    "Notice": "models", "Part": "models", "Unit": "models",
}
__all__ = [*_EXPORTS, "__version__"]


def __getattr__(name: str):
    if name in _EXPORTS:
        from importlib import import_module

        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'docextract' has no attribute {name!r}")
