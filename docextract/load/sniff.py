"""Choosing a loader: by the file's content first (a PDF named .txt, a saved page named .jsp),
by its suffix second.  ``load_bytes`` and ``load_file`` are the load stage's entry points.

A loader is a function ``(data, name, settings) -> LoadedDocument`` registered in ``LOADERS``
under the suffixes it reads; heavy libraries are imported inside the loader that needs them,
so importing this module stays cheap.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from ..config import Settings
from ..errors import EmptyDocument, LoadError, TooLarge, UnsupportedFormat
from .document import LoadedDocument
from .text import load_text_bytes


def load_pdf_bytes(data: bytes, name: str, settings: Settings) -> LoadedDocument:
    from .pdf import load_pdf

    return load_pdf(data, name, settings)


def load_docx_bytes(data: bytes, name: str, settings: Settings) -> LoadedDocument:
    from .docx import load_docx

    return load_docx(data, name, settings)


def load_html_bytes(data: bytes, name: str, settings: Settings) -> LoadedDocument:
    from .html import load_html

    return load_html(data, name, settings)


def load_markdown_bytes(data: bytes, name: str, settings: Settings) -> LoadedDocument:
    from .markdown import load_markdown

    return load_markdown(data, name, settings)


def legacy_office(data: bytes, name: str, settings: Settings) -> LoadedDocument:
    raise UnsupportedFormat(name, "a legacy Word/WPS file (.doc/.wps) cannot be read",
                            "save it as .docx, e.g. libreoffice --headless --convert-to docx")


Loader = Callable[[bytes, str, Settings], LoadedDocument]
LOADERS: dict[str, Loader] = {
    ".txt": load_text_bytes, ".text": load_text_bytes, "": load_text_bytes,
    ".html": load_html_bytes, ".htm": load_html_bytes, ".shtml": load_html_bytes, ".xhtml": load_html_bytes,
    ".jsp": load_html_bytes, ".asp": load_html_bytes, ".aspx": load_html_bytes, ".php": load_html_bytes,
    ".md": load_markdown_bytes, ".markdown": load_markdown_bytes, ".mkd": load_markdown_bytes,
    ".pdf": load_pdf_bytes,
    ".docx": load_docx_bytes,
    ".doc": legacy_office, ".wps": legacy_office,
}
# File signatures win over suffixes: a .txt that is a PDF is read as a PDF.
SIGNATURES = ((b"%PDF-", load_pdf_bytes), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", legacy_office))
# A page starts with an HTML element, perhaps after comments, an XML declaration, server-side
# directives (<%@ page %>, <?php ?>) and template tags with a namespace (<jsp:include/>).
PAGE_PREAMBLE = re.compile(rb"\s*(?:<!--.*?-->|<\?.*?\?>|<%.*?%>|</?\w+:[^>]*>)", re.DOTALL)
HTML_ELEMENT = re.compile(rb"\s*<(?:!doctype\s+html|html|head|meta|body|title|link|script|style|div|table|p|span|form)\b",
                          re.IGNORECASE)
SNIFF_BYTES = 4096


def looks_like_html(data: bytes) -> bool:
    """Whether the bytes start like a web page, whatever the file is called.

    >>> looks_like_html(b'<%@ page language="java"%>\\n<jsp:include page="a.jsp"/>\\n<div class="x">'), looks_like_html(b"# Title")
    (True, False)
    """
    head, pos = data[:SNIFF_BYTES], 0
    while (m := PAGE_PREAMBLE.match(head, pos)) is not None and m.end() > pos:
        pos = m.end()
    return HTML_ELEMENT.match(head, pos) is not None


def _sniff(data: bytes, suffix: str) -> Loader | None:
    head = data[:1024]
    for signature, loader in SIGNATURES:
        if head.lstrip().startswith(signature):
            return loader
    if head.startswith(b"PK\x03\x04"):
        return load_docx_bytes if suffix in (".docx", "", ".txt") else None
    if suffix not in (".md", ".markdown", ".mkd") and looks_like_html(data):
        return load_html_bytes
    return None


def load_bytes(data: bytes, name: str, settings: Settings | None = None) -> LoadedDocument:
    """Turn a file's bytes into a LoadedDocument; raise a LoadError subclass when it cannot."""
    settings = settings or Settings()
    if len(data) > settings.max_bytes:
        raise TooLarge(name, f"{len(data)} bytes is over the {settings.max_bytes}-byte cap", "raise --max-bytes")
    if not data.strip():
        raise EmptyDocument(name, "the file is empty")
    suffix = Path(name).suffix.lower()
    loader = _sniff(data, suffix) or LOADERS.get(suffix)
    if loader is None:
        raise UnsupportedFormat(name, f"no loader for {suffix!r} files",
                                "save it as .txt, .html, .pdf or .docx")
    return loader(data, name, settings)


def load_file(path: str | Path, settings: Settings | None = None) -> LoadedDocument:
    """Read and load one file."""
    path = Path(path)
    settings = settings or Settings()
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            raise TooLarge(str(path), f"{size} bytes is over the {settings.max_bytes}-byte cap",
                           "raise --max-bytes")
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(str(path), exc.strerror or str(exc)) from exc
    return load_bytes(data, str(path), settings)
