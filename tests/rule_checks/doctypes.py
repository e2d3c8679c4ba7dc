"""doctypes.toml: a title's type is the longest document type its last words match."""
from docextract.rules.doctypes import doc_types, title_end


def title_type(doc_type, text):
    if not title_end().search(text):
        return False
    bare = text.rstrip("》”」）)")
    return next(t for t in doc_types() if bare.endswith(t)) == doc_type


CHECKS = {"types": title_type}
