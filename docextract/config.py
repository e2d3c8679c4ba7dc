"""One frozen settings model with documented defaults.

``Settings(...)`` validates its values (pydantic): a bad one raises pydantic's
``ValidationError``, a ``ValueError``.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

MEGABYTE = 1024 * 1024


class Settings(BaseModel):
    """How docextract reads and extracts.  Every field has a default that suits a batch run."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reference_date: date | None = Field(
        None, title="Reference date",
        description="the date that resolves year-less deadlines (9月底前) in a notice that gives none of "
                    "its own: the signing date, else the 文号 year, else the publication date come first")
    encoding: str | None = Field(None, title="Encoding override", description="decode text and HTML with this")
    password: str | None = Field(None, title="PDF password")
    max_bytes: int = Field(50 * MEGABYTE, title="Size cap", gt=0,
                           description="larger files get status too_large (a 公文 PDF is rarely over 20 MB)")
    max_pages: int = Field(500, title="Page cap", gt=0, description="PDF pages read at most")
    timeout: float = Field(60.0, title="Per-file timeout (s)", gt=0, allow_inf_nan=False,
                           description="a file with no result by then gets status timeout (in a worker process)")
    memory_mb: int = Field(2048, title="Per-file memory cap (MiB)", gt=0,
                           description="address-space cap of a worker process; over it, status crashed")
    unit_recognizer: str = Field("rules", title="Unit recogniser",
                                 description="how phrases are judged to name units: 'rules' (the lexicons) or a "
                                             "recogniser registered with docextract.extract.units.register_recognizer")
    unit_lexicon: Path | None = Field(None, title="User unit lexicon",
                                      description="a TOML file of [[national]] / [[local]] bodies (name, aliases) "
                                                  "added to rules/bodies.toml for canonical unit names")
