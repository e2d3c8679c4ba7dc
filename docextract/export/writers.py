"""Stage 6, export: every output format behind one small protocol.

A ``Writer`` names a format, its file suffix, and opens a ``Sink`` on a binary stream; a sink
takes notices one at a time (``write``) and finishes the output (``close``: a CSV needs its
header once, an XLSX is written whole at the end).  ``WRITERS`` maps a format name to its
writer and gives the CLI its ``--format`` choices.  Adding a format is adding one writer.

    with open("tasks.csv", "wb") as stream:
        sink = WRITERS["csv"].open(stream)
        for notice in notices:
            sink.write(notice)
        sink.close()
"""
from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO, Protocol

from .ledger import to_csv
from .records import to_json, to_jsonl

if TYPE_CHECKING:  # the models need pydantic: `docextract --help` must not import it
    from ..models import Notice


class Sink(Protocol):
    """Where notices go, one at a time."""

    def write(self, notice: Notice) -> None: ...

    def close(self) -> None: ...


class TextSink:
    """A text format rendered notice by notice; ``render(notices, first)`` gives the text of a
    chunk, ``first`` being True for the first chunk of the output (a CSV header once)."""

    def __init__(self, stream: BinaryIO, render: Callable[[Iterable[Notice], bool], str]) -> None:
        self.stream, self.render, self.first = stream, render, True

    def write(self, notice: Notice) -> None:
        self.stream.write(self.render([notice], self.first).encode("utf-8"))
        self.stream.flush()
        self.first = False

    def close(self) -> None:
        self.stream.flush()


@dataclass(frozen=True)
class Writer:
    """An output format.  ``per_input``: the format can also be written one file per input."""

    name: str
    suffix: str
    description: str
    open: Callable[[BinaryIO], Sink]
    per_input: bool = True


def _text(render: Callable[[Iterable[Notice], bool], str]) -> Callable[[BinaryIO], Sink]:
    return lambda stream: TextSink(stream, render)


def _xlsx(stream: BinaryIO) -> Sink:
    from .xlsx import XlsxSink  # XlsxWriter is imported only when a workbook is written

    return XlsxSink(stream)


def _ics(stream: BinaryIO) -> Sink:
    from .calendar import CalendarSink  # icalendar likewise

    return CalendarSink(stream)


WRITERS: dict[str, Writer] = {w.name: w for w in (
    Writer("json", ".json", "one pretty JSON record per input (JSONL when several share a stream)",
           _text(lambda notices, first: "".join(to_json(n) for n in notices))),
    Writer("jsonl", ".jsonl", "one JSON record per line", _text(lambda notices, first: to_jsonl(notices))),
    Writer("csv", ".csv", "a ledger: one row per task and per failed input (UTF-8 with BOM, CRLF: opens in Excel)",
           _text(lambda notices, first: to_csv(notices, header=first))),
    Writer("xlsx", ".xlsx", "the ledger as a workbook: a tasks sheet and an inputs sheet", _xlsx),
    Writer("ics", ".ics", "an iCalendar of dated deadlines: one event per task and unit", _ics),
)}
FORMATS = tuple(WRITERS)


def suffix(fmt: str) -> str:
    return WRITERS[fmt].suffix


def render_one(notice: Notice, fmt: str) -> bytes:
    """One notice in the format of a per-input output file."""
    buffer = io.BytesIO()
    sink = WRITERS[fmt].open(buffer)
    sink.write(notice)
    sink.close()
    return buffer.getvalue()
