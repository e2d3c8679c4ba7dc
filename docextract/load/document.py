"""What the load stage hands on: the decoded text of a file and what the container said about
itself (page metadata, warnings, a partial read)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LoadedDocument:
    """What the load stage hands on: text plus what the container said about itself."""

    name: str
    text: str
    format: str
    encoding: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    status: str = "ok"   # "partial" when part of the file could not be read (a scanned page)
