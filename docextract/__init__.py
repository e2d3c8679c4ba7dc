"""docextract: Chinese government policy notices → structured task data.

``extract_file`` / ``extract_text`` return a pydantic ``Notice``.  Names are resolved on first
use (PEP 562), so ``docextract --help`` does not pay for pydantic and the pipeline.
"""
from ._version import __version__

_EXPORTS = {
    "extract_file": "pipeline", "extract_text": "pipeline",
    "Amount": "models", "Deadline": "models", "Evidence": "models", "Item": "models",
    "Notice": "models", "Part": "models", "Unit": "models",
}
__all__ = [*_EXPORTS, "__version__"]


def __getattr__(name: str):
    if name in _EXPORTS:
        from importlib import import_module

        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'docextract' has no attribute {name!r}")
