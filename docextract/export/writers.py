"""Stage 6, export: every output format behind one small protocol.

A writer knows its file suffix and renders notices as text; ``WRITERS`` maps a format name to
its writer, and gives the CLI its ``--format`` choices.  Adding a format is adding one writer
here (or in a module of its own) and one entry in ``WRITERS``.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Callable

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the models need pydantic: `docextract --help` must not import it
    from ..models import Notice
from .ledger import to_csv
from .records import to_json, to_jsonl


@dataclass(frozen=True)
class Writer:
    """An output format: ``render(notices, header)`` gives the text for a run of notices;
    ``header`` is False for every chunk after the first of one output (a CSV header once)."""

    name: str
    suffix: str
    render: Callable[[Iterable[Notice], bool], str]
    description: str


def _json(notices: Iterable[Notice], header: bool = True) -> str:
    return "".join(to_json(n) for n in notices)


def _jsonl(notices: Iterable[Notice], header: bool = True) -> str:
    return to_jsonl(notices)


def _csv(notices: Iterable[Notice], header: bool = True) -> str:
    return to_csv(notices, header=header)


WRITERS: dict[str, Writer] = {w.name: w for w in (
    Writer("json", ".json", _json, "one pretty JSON record per input (JSONL on stdout for several)"),
    Writer("jsonl", ".jsonl", _jsonl, "one JSON record per line"),
    Writer("csv", ".csv", _csv, "a ledger: one row per item"),
)}
FORMATS = tuple(WRITERS)


def suffix(fmt: str) -> str:
    return WRITERS[fmt].suffix


def render_one(notice: Notice, fmt: str) -> str:
    """One notice in the format of a per-input output file."""
    return WRITERS[fmt].render([notice], True)
