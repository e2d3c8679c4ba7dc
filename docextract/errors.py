"""Typed errors.  Only unreadable input raises; each error names the file, the reason and,
where there is one, the remedy.  ``status`` is the Notice status a batch records for it."""
from __future__ import annotations


class DocextractError(Exception):
    """Base class for every error docextract raises on purpose."""

    status = "error"


class LoadError(DocextractError):
    """The file could not be turned into text."""

    def __init__(self, path: str, reason: str, remedy: str | None = None):
        self.path = str(path)
        self.reason = reason
        self.remedy = remedy
        message = f"{self.path}: {reason}"
        if remedy:
            message += f" ({remedy})"
        super().__init__(message)


class UnsupportedFormat(LoadError):
    status = "unsupported"


class EncryptedDocument(LoadError):
    status = "encrypted"


class NeedsOCR(LoadError):
    status = "needs_ocr"


class TooLarge(LoadError):
    status = "too_large"


class EmptyDocument(LoadError):
    status = "empty"


class RuleError(DocextractError):
    """A rules file under docextract/rules/ is malformed."""
