"""Choosing a loader: by the file's content first (a PDF named .txt, a saved page named .jsp,
a Word file named .txt), by its suffix second.  ``load_bytes`` and ``load_file`` are the load
stage's entry points.

A loader is a function ``(data, name, settings) -> LoadedDocument``; ``FORMATS`` registers each
with the suffixes it reads and the test of content that chooses it.  Heavy libraries are
imported inside the loader that needs them, so importing this module stays cheap.
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass
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
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # .doc, .wps, .xls of old Office
ZIP_SIGNATURE = b"PK\x03\x04"
WORD_PART = b"word/document.xml"
# A page starts with an HTML element, perhaps after comments, an XML declaration, server-side
# directives (<%@ page %>, <?php ?>) and template tags with a namespace (<jsp:include/>).
PAGE_PREAMBLE = re.compile(rb"\s*(?:<!--.*?-->|<\?.*?\?>|<%.*?%>|</?\w+:[^>]*>)", re.DOTALL)
HTML_ELEMENT = re.compile(rb"\s*<(?:!doctype\s+html|html|head|meta|body|title|link|script|style|div|table|p|span|form)\b",
                          re.IGNORECASE)
SNIFF_BYTES = 4096
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _head_as_utf8(data: bytes) -> bytes:
    """The first bytes of a file, without a UTF-8 BOM and with UTF-16 re-encoded as UTF-8, so
    markup can be recognised whatever the file's encoding."""
    head = data[:SNIFF_BYTES]
    if head.startswith(codecs.BOM_UTF8):
        return head[len(codecs.BOM_UTF8):]
    if head.startswith(UTF16_BOMS):
        return head.decode("utf-16", errors="ignore").encode("utf-8")
    return head


def looks_like_html(data: bytes) -> bool:
    """Whether the bytes start like a web page, whatever the file is called.

    >>> looks_like_html(b'<%@ page language="java"%>\\n<jsp:include page="a.jsp"/>\\n<div class="x">'), looks_like_html(b"# Title")
    (True, False)
    """
    head, pos = _head_as_utf8(data), 0
    while (m := PAGE_PREAMBLE.match(head, pos)) is not None and m.end() > pos:
        pos = m.end()
    return HTML_ELEMENT.match(head, pos) is not None


@dataclass(frozen=True)
class Format:
    """A format the load stage reads: its loader, the suffixes it is chosen by, and a test of
    a file's content that chooses it whatever the file is called."""

    name: str
    read: Loader
    suffixes: tuple[str, ...]
    sniff: Callable[[bytes, str], bool] | None = None


def _is_pdf(data: bytes, suffix: str) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-")


def _is_ole(data: bytes, suffix: str) -> bool:
    return data.startswith(OLE_SIGNATURE)


def _is_word_zip(data: bytes, suffix: str) -> bool:
    # a zip holding word/document.xml, whatever it is called; .xlsx, .pptx and .zip are not
    return data.startswith(ZIP_SIGNATURE) and (suffix == ".docx" or WORD_PART in data)


def _is_page(data: bytes, suffix: str) -> bool:
    # a Markdown file may start with inline HTML: its suffix says it is Markdown
    return suffix not in MARKDOWN_SUFFIXES and looks_like_html(data)


MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd")
# In the order content is sniffed: signatures first, markup last.
FORMATS = (
    Format("pdf", load_pdf_bytes, (".pdf",), _is_pdf),
    Format("legacy-office", legacy_office, (".doc", ".wps"), _is_ole),
    Format("docx", load_docx_bytes, (".docx",), _is_word_zip),
    Format("html", load_html_bytes, (".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php"), _is_page),
    Format("markdown", load_markdown_bytes, MARKDOWN_SUFFIXES),
    Format("text", load_text_bytes, (".txt", ".text", "")),
)
LOADERS: dict[str, Loader] = {suffix: f.read for f in FORMATS for suffix in f.suffixes}


def choose_loader(data: bytes, suffix: str) -> Loader | None:
    """The loader for a file: the first format whose content test holds, else its suffix's."""
    for fmt in FORMATS:
        if fmt.sniff is not None and fmt.sniff(data, suffix):
            return fmt.read
    if data.startswith(ZIP_SIGNATURE):
        return None  # a zip that is not a Word file: a spreadsheet, a presentation, an archive
    return LOADERS.get(suffix)


def load_bytes(data: bytes, name: str, settings: Settings | None = None) -> LoadedDocument:
    """Turn a file's bytes into a LoadedDocument; raise a LoadError subclass when it cannot."""
    settings = settings or Settings()
    if len(data) > settings.max_bytes:
        raise TooLarge(name, f"{len(data)} bytes is over the {settings.max_bytes}-byte cap", "raise --max-bytes")
    if not data.strip():
        raise EmptyDocument(name, "the file is empty")
    suffix = Path(name).suffix.lower()
    loader = choose_loader(data, suffix)
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
