"""Stage 1, load: a file's bytes → ``LoadedDocument`` (text, page metadata, warnings).

``sniff`` chooses the loader; ``text``, ``html``, ``pdf``, ``docx`` read each format; ``tables``
turns the tables they find into text the later stages read.
"""
from .document import LoadedDocument
from .sniff import load_bytes, load_file
from .text import decode_text, normalize_label

__all__ = ["LoadedDocument", "decode_text", "load_bytes", "load_file", "normalize_label"]
