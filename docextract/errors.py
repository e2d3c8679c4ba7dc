"""Typed errors: the only exceptions docextract raises on purpose.

Each names the input, the reason and, where there is one, the remedy; ``status`` is the
Notice status a batch records for it.  Every class derives from ``DocextractError``, so
``except DocextractError`` catches whatever the library raises:

- ``LoadError`` and its subclasses: the input cannot be turned into text
  (``UnsupportedFormat``, ``EncryptedDocument``, ``NeedsOCR``, ``TooLarge``, ``EmptyDocument``);
- ``ExtractionError``: a later stage failed on this input (a bug: the cause is chained);
- ``ExtractionTimeout`` / ``WorkerCrashed``: ``extract_file(..., timeout=)`` ran out of time,
  or the worker process running it died;
- ``InvalidInput``: an argument of the wrong type or value (also a ``TypeError`` and a
  ``ValueError``, so code that catches those keeps working);
- ``RuleError``: a rules file under ``docextract/rules/`` is malformed.
"""
from __future__ import annotations


class DocextractError(Exception):
    """Base class for every error docextract raises on purpose."""

    status = "error"
    stage = "load"
    reason: str | None = None
    remedy: str | None = None

    def describe(self) -> str:
        """``reason (remedy)``, without the input's name (a record names its input itself)."""
        reason = self.reason or str(self)
        return f"{reason} ({self.remedy})" if self.remedy else reason


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


class ExtractionError(LoadError):
    """A stage after load failed on this input; ``stage`` names it, the cause is chained."""

    def __init__(self, path: str, reason: str, stage: str = "extract"):
        super().__init__(path, reason)
        self.stage = stage


class ExtractionTimeout(LoadError):
    """No result within the time limit."""

    status = "timeout"
    stage = "extract"


class WorkerCrashed(LoadError):
    """The worker process extracting the input died."""

    status = "crashed"
    stage = "extract"


class InvalidInput(DocextractError, TypeError, ValueError):
    """An argument of the wrong type or value, e.g. ``extract_text(None)``."""

    status = "error"

    def __init__(self, reason: str, remedy: str | None = None):
        self.reason = reason
        self.remedy = remedy
        super().__init__(f"{reason} ({remedy})" if remedy else reason)


class RuleError(DocextractError):
    """A rules file under docextract/rules/ is malformed."""


STATUS_ERRORS: dict[str, type[LoadError]] = {
    cls.status: cls for cls in (UnsupportedFormat, EncryptedDocument, NeedsOCR, TooLarge, EmptyDocument,
                                ExtractionTimeout, WorkerCrashed)}


def error_for(path: str, status: str, error: str | None) -> LoadError:
    """The typed error of a failed record (``error`` reads ``'<stage>: <reason>'``)."""
    stage, _, reason = (error or status).partition(": ")
    if not reason:
        stage, reason = "load", error or status
    cls = STATUS_ERRORS.get(status)
    if cls is None:
        return ExtractionError(path, reason, stage) if stage != "load" else LoadError(path, reason)
    exc = cls(path, reason)
    exc.stage = stage
    return exc
