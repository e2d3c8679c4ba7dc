"""Hostile inputs, generated (never committed): file names and entries that have killed batches
before, each with the status its record must have.  ``build(folder)`` lays them out and returns
``{source: expected status}`` for every input the batch must give a record for."""
import os
import shutil
from pathlib import Path

from corpus_files import CORPUS, FIXTURES

GOOD = (CORPUS / "004_ba4d4d4b2a22ff08.txt").read_bytes()
GOOD_PDF = (FIXTURES / "notice.pdf").read_bytes()
GOOD_HTML = (FIXTURES / "govcn_page.html").read_bytes()
# 83 three-byte characters: a 253-byte name (the limit is 255), whose output name is longer.
LONG_NAME = "关于进一步加强和改进新时代基层治理工作的实施意见" * 4
LONG_NAME = LONG_NAME[:83] + ".txt"
# A name that tries to forge a summary line and colour the terminal.
FORGED = "evil\ndocextract: 99 ok, 0 failed\x1b[31m.txt"
MAX_BYTES = 1_000_000


def _write(folder: Path, name: bytes | str, data: bytes) -> None:
    path = os.path.join(os.fsencode(folder), name if isinstance(name, bytes) else name.encode())
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)


def build(folder: Path) -> dict[str, str]:
    """Lay the hostile inputs out under ``folder``; return ``{record source: status}``."""
    expected: dict[str, str] = {}

    def add(name: bytes | str, data: bytes, status: str, source: str | None = None) -> None:
        _write(folder, name, data)
        expected[source or (name if isinstance(name, str) else name.decode())] = status

    add("good.txt", GOOD, "ok")
    add("关于春耕生产的通知.txt".encode("gbk"), GOOD, "ok", source="关于春耕生产的通知.txt")
    add(b"latin\xff\xfe.txt", GOOD, "ok", source="latin\\xff\\xfe.txt")
    add(LONG_NAME, GOOD, "ok")
    add(FORGED, b"", "empty")
    add("tab\tand spaces  .txt", GOOD, "ok")
    # one stem, three formats: three records, three outputs, none depends on the others
    add("same.txt", GOOD, "ok")
    add("same.html", GOOD_HTML, "ok")
    add("same.pdf", GOOD_PDF, "ok")
    add("a/x.txt", GOOD, "ok")
    add("b/x.txt", b"", "empty")
    add("a/deep/er/still/x.txt", GOOD, "ok")
    add("empty.txt", b"", "empty")
    add("blank.txt", b" \n\t\r\n", "empty")
    add("zero.docx", b"", "empty")
    add("binary.txt", bytes(range(256)) * 40, "unsupported")
    add("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "unsupported")
    add("truncated.pdf", GOOD_PDF[:3000], "error")
    add("not-a-pdf.pdf", b"%PDF-1.7\nthis is not a pdf", "error")
    add("a.docx", b"PK\x03\x04 not a zip at all", "error")
    add("scanned.pdf", (FIXTURES / "notice_scanned.pdf").read_bytes(), "needs_ocr")
    add("encrypted.pdf", (FIXTURES / "notice_encrypted.pdf").read_bytes(), "encrypted")
    add("huge.txt", "通知。".encode() * (MAX_BYTES // 9 + 1), "too_large")
    add("no-suffix", GOOD, "ok")
    add("weird.xyz", GOOD, "unsupported")
    add(".hidden.txt", GOOD, "")          # hidden: not an input (documented)
    del expected[".hidden.txt"]
    os.mkfifo(folder / "pipe.txt")
    expected["pipe.txt"] = "unsupported"
    os.symlink(folder / "gone.txt", folder / "dangling.txt")
    expected["dangling.txt"] = "error"
    linked = folder.parent / "linked-folder"
    linked.mkdir()
    _write(linked, "inner.txt", GOOD)
    os.symlink(linked, folder / "link")
    expected["link/inner.txt"] = "ok"
    os.symlink(folder, folder / "a" / "loop")
    expected["a/loop"] = "error"
    os.symlink(folder / "good.txt", folder / "good-link.txt")  # another name for a file: its own record
    expected["good-link.txt"] = "ok"
    return expected


def copy_tree(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst, symlinks=True)
