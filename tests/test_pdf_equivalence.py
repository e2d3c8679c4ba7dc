"""The PDFium reader against the pdfplumber reference: the same text, status and warnings, and the
same extraction, on every PDF fixture and every dev-corpus PDF.

Where the two may differ, the difference is listed in ``KNOWN_DIFFERENCES`` with its reason;
today the only one is the wording of the encrypted-file error (the PDFium reader tells a wrong
password from a missing one).
"""
import pytest
from corpus_files import FIXTURES, ROOT

from docextract.config import Settings
from docextract.errors import LoadError
from docextract.load.pdf import load_pdf
from docextract.load.pdf_plumber import load_pdf_pdfplumber
from docextract.pipeline import run

PDFS = sorted(FIXTURES.glob("*.pdf")) + sorted((ROOT / "corpora" / "dev" / "raw").glob("*.pdf"))
# file name → why the readers' results differ there (compared by error class and status only)
KNOWN_DIFFERENCES = {
    "notice_encrypted.pdf": "error message: 'needs a password' (PDFium) vs 'is encrypted' (pdfplumber)",
}


def read(reader, path, settings=Settings()):
    try:
        return reader(path.read_bytes(), path.name, settings)
    except LoadError as error:
        return error


def extraction(notice) -> dict:
    """What the scorer reads from a notice, besides the text."""
    def values(holder):
        return ([(d.text, d.kind, d.date) for d in holder.deadlines],
                [(a.text, a.min, a.max) for a in holder.amounts])

    return {
        "head": (notice.title, notice.issuer, notice.doc_number, notice.date, notice.recipients),
        "items": [(it.path, it.label, it.heading, [u.name for u in it.lead_units],
                   [u.name for u in it.responsible_units], [u.name for u in it.cooperating_units], values(it))
                  for it in notice.items],
        "document": values(notice),
    }


def test_every_pdf_is_compared():
    names = {p.name for p in PDFS}
    assert {"notice_multipage.pdf", "layout_rotated.pdf", "d12_shenzhen_xingbietongji.pdf"} <= names
    assert set(KNOWN_DIFFERENCES) <= names


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_pdfium_reads_what_pdfplumber_reads(path):
    new, reference = read(load_pdf, path), read(load_pdf_pdfplumber, path)
    if isinstance(reference, LoadError) or isinstance(new, LoadError):
        assert type(new) is type(reference) and new.status == reference.status
        assert (str(new) == str(reference)) == (path.name not in KNOWN_DIFFERENCES)
        return
    assert path.name not in KNOWN_DIFFERENCES
    assert (new.status, new.warnings, new.metadata) == (reference.status, reference.warnings, reference.metadata)
    assert new.text.split("\n") == reference.text.split("\n")
    assert extraction(run(new)) == extraction(run(reference))


@pytest.mark.parametrize(("name", "settings"), [
    ("notice_multipage.pdf", Settings(max_pages=2)),
    ("notice_encrypted.pdf", Settings(password="secret")),
], ids=["page-cap", "password"])
def test_settings_act_alike(name, settings):
    new, reference = read(load_pdf, FIXTURES / name, settings), read(load_pdf_pdfplumber, FIXTURES / name, settings)
    assert (new.status, new.warnings, new.text) == (reference.status, reference.warnings, reference.text)
