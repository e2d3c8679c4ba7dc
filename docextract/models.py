"""Pydantic models of docextract's output.

Every extracted value carries its evidence: the text as written and its offsets into
``Notice.body`` (``body[start:end] == text``), so a reviewer can check it.  The JSON Schema
under ``schemas/`` is generated from these models (``python -m docextract.schema``).
"""
from __future__ import annotations

from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

Status = Literal[
    "ok", "partial", "empty", "needs_ocr", "encrypted", "unsupported",
    "too_large", "timeout", "crashed", "error",
]
DeadlineKind = Literal["by", "relative", "recurring", "open", "ongoing"]
UnitRole = Literal["lead", "responsible", "cooperating"]
UnitLevel = Literal["national", "province", "city", "county", "town"]
YearSource = Literal["written", "signing_date", "doc_number", "published", "title", "reference_date"]
# Flags mark a value that needs a human look.  Known flags (README, "Review"):
#   year_guessed            the year was not written and not taken from the signing date
#   before_signing          a deadline that had passed when the notice was signed
#   unbracketed_assignment  a unit assigned by a sentence, not a label or a bracket
#   unit_not_in_lexicon     a unit whose name the lexicon of government bodies does not know
#   ongoing_limit           持续推进 / 长期坚持 in a 完成时限 field: no date to track
Flag = str


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Model = TypeVar("Model", bound=BaseModel)


def validated(model: type[Model], fields: dict) -> Model:
    """``model(**fields)``, with the same validation, for the hot path: the model's validator
    builds the instance from the dict itself, without ``BaseModel.__init__``'s frame and the
    keyword round trip, which are a third of the cost of a small model (an Item a notice,
    ~50 a notice).

    >>> validated(Evidence, {"text": "6月底前", "start": 3, "end": 8}) == Evidence(text="6月底前", start=3, end=8)
    True
    """
    return model.__pydantic_validator__.validate_python(fields)


class Evidence(_Model):
    """Where a value was found: the text as written and its offsets into the body."""

    text: str = Field(title="Text", description="the text as written in the body")
    start: int = Field(title="Start", ge=0, description="offset of the first character in Notice.body")
    end: int = Field(title="End", ge=0, description="offset after the last character in Notice.body")


class Unit(_Model):
    """A unit (body, department) named in an assignment or a recipients line."""

    name: str = Field(title="Name", description="the unit as written, trailing punctuation dropped")
    start: int = Field(title="Start", ge=0, description="offset of the name in Notice.body")
    end: int = Field(title="End", ge=0, description="offset after the name in Notice.body")
    source: str = Field("", title="Source", description="the assignment phrase it came from, e.g. 牵头单位")
    canonical: str | None = Field(None, title="Canonical name",
                                  description="one name for every written form (市发改委 = 市发展和改革委员会)")
    level: UnitLevel | None = Field(None, title="Administrative level", description="where the text says")
    collective: bool = Field(False, title="Collective", description="各… / 有关…: a group of units, not one")
    flags: list[Flag] = Field(default_factory=list, title="Review flags")


class Deadline(_Model):
    """A time limit: by a date, relative to an event, recurring, or open-ended."""

    text: str = Field(title="Text", description="the deadline expression as written")
    kind: DeadlineKind = Field(title="Kind", description="by | relative | recurring | open | ongoing")
    date: str | None = Field(None, title="Date", description="ISO date of the last day still on time (kind 'by')")
    year_source: YearSource | None = Field(None, title="Year source",
                                           description="where the year of ``date`` came from")
    event: str | None = Field(None, title="Event", description="what a relative limit counts from (资金下达)")
    count: float | None = Field(None, title="Count", description="how many units a relative limit allows (30)")
    unit: str | None = Field(None, title="Unit", description="minute | hour | day | working_day | week | month | year")
    working_days: bool | None = Field(None, title="Working days", description="counted in 工作日")
    period: str | None = Field(None, title="Period", description="the cadence of a recurring deadline: "
                               "day | week | month | quarter | half_year | year")
    flags: list[Flag] = Field(default_factory=list, title="Review flags")
    start: int = Field(title="Start", ge=0, description="offset of the text in Notice.body")
    end: int = Field(title="End", ge=0, description="offset after the text in Notice.body")


class Amount(_Model):
    """A money amount or range, bounds per Civil Code art. 1259."""

    text: str = Field(title="Text", description="the amount expression as written")
    min: float | None = Field(None, title="Minimum", description="lower bound in currency units")
    max: float | None = Field(None, title="Maximum", description="upper bound in currency units")
    min_inclusive: bool | None = Field(None, title="Minimum inclusive")
    max_inclusive: bool | None = Field(None, title="Maximum inclusive")
    currency: str = Field("CNY", title="Currency", description="ISO 4217 code")
    per: str | None = Field(None, title="Per", description="the unit of a unit price, e.g. 千瓦时 in 0.5元/千瓦时")
    subject: str | None = Field(None, title="Subject", description="what the amount is for, when stated nearby")
    flags: list[Flag] = Field(default_factory=list, title="Review flags")
    start: int = Field(title="Start", ge=0, description="offset of the text in Notice.body")
    end: int = Field(title="End", ge=0, description="offset after the text in Notice.body")


class Part(_Model):
    """A document within the file: the notice itself (part 0) or a document it issues."""

    title: str | None = Field(None, title="Title")
    start: int = Field(title="Start", ge=0)
    end: int = Field(title="End", ge=0)


class Item(_Model):
    """A numbered unit of the document hierarchy (一、 / （一） / 1. / （1） / 第X条 …)."""

    id: str | None = Field(None, title="Item id", description="stable across re-runs and across a revised "
                           "notice's unchanged items (the notice's key and the item's normalized text)")
    part: int = Field(title="Part", ge=0, description="index into Notice.parts")
    path: list[int] = Field(title="Path", description="numbers of the item's ancestors' labels and its own")
    label: str = Field(title="Label", description="the label as written, e.g. （一）")
    heading: str | None = Field(None, title="Heading", description="the item's lead phrase, if it has one")
    text: str = Field(title="Text", description="the item's own text after its label, children excluded")
    start: int = Field(title="Start", ge=0, description="offset of the label in Notice.body")
    end: int = Field(title="End", ge=0, description="offset after the item's own text in Notice.body")
    lead_units: list[Unit] = Field(default_factory=list, title="Lead units (牵头单位)")
    responsible_units: list[Unit] = Field(default_factory=list, title="Responsible units (责任单位)")
    cooperating_units: list[Unit] = Field(default_factory=list, title="Cooperating units (配合/协办/参与单位)")
    deadlines: list[Deadline] = Field(default_factory=list, title="Deadlines")
    amounts: list[Amount] = Field(default_factory=list, title="Amounts")


class Notice(_Model):
    """One input file, extracted."""

    file: str = Field(title="File", description="the input's file name")
    source: str | None = Field(None, title="Source path",
                               description="the input's path relative to the argument it came from")
    sha256: str | None = Field(None, title="SHA-256", description="of the input's bytes")
    id: str | None = Field(None, title="Notice id", description="from the notice's normalized text")
    status: Status = Field("ok", title="Status")
    error: str | None = Field(None, title="Error", description="'<stage>: <reason>' when the status is not ok")
    format: str | None = Field(None, title="Format", description="txt, html, pdf or docx")
    encoding: str | None = Field(None, title="Encoding", description="the text encoding used to decode the input")
    title: str | None = Field(None, title="Title")
    issuer: str | None = Field(None, title="Issuer (发文机关)")
    doc_number: str | None = Field(None, title="Document number (发文字号)")
    date: str | None = Field(None, title="Signing date (成文日期)", description="ISO date")
    published: str | None = Field(None, title="Publication date", description="ISO date")
    evidence: dict[str, Evidence] = Field(
        default_factory=dict, title="Metadata evidence",
        description="where title, issuer, doc_number, date and published were read in the body")
    recipients: list[Unit] = Field(default_factory=list, title="Recipients (主送机关)")
    parts: list[Part] = Field(default_factory=list, title="Parts")
    items: list[Item] = Field(default_factory=list, title="Items")
    deadlines: list[Deadline] = Field(default_factory=list, title="Deadlines outside every item")
    amounts: list[Amount] = Field(default_factory=list, title="Amounts outside every item")
    body: str = Field("", title="Body", description="the cleaned, normalized text all offsets refer to")
    metadata: dict[str, str] = Field(
        default_factory=dict, title="Page metadata",
        description="what the page or file said about itself (source site, publication time, …)")
    warnings: list[str] = Field(default_factory=list, title="Warnings")
