"""Loaded by pytest before it collects anything (tests/ and the doctests in docextract/).

The stage modules run compiled when the build made them (setup.py, docextract/compiled.py), and
the suite tests what runs.  pytest imports a module for its doctests by path, and refuses a
module whose ``__file__`` is not that path: a compiled module's is its extension file, beside the
source it was compiled from, and docextract/compiled.py has already checked that the two match.
"""
import os

from docextract import compiled

if compiled.built_record() and not compiled.pure_python_requested():
    os.environ["PY_IGNORE_IMPORTMISMATCH"] = "1"
