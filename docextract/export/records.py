"""Whole records: one Notice as pretty JSON (the scorer's input format) or as a JSONL line."""
from __future__ import annotations

from typing import Iterable

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the models need pydantic: `docextract --help` must not import it
    from ..models import Notice


def to_json(notice: Notice) -> str:
    return notice.model_dump_json(indent=1) + "\n"


def to_jsonl(notices: Iterable[Notice]) -> str:
    return "".join(n.model_dump_json() + "\n" for n in notices)
