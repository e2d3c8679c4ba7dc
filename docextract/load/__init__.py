"""Stage 1, load: a file's bytes → ``LoadedDocument`` (text, page metadata, warnings).

``sniff`` chooses the loader; ``text``, ``html``, ``pdf``, ``docx``, ``markdown`` read each format;
``tables`` renders the tables they find as text and hands them on typed (``document.Table``: columns
with their roles, rows with their cells placed in the text); ``flat_tables`` rebuilds task tables
pasted one cell per paragraph.
"""
from .document import LoadedDocument
from .sniff import load_bytes, load_file
from .text import decode_text, normalize_label

__all__ = ["LoadedDocument", "decode_text", "load_bytes", "load_file", "normalize_label"]
