"""Which stage modules run compiled, and the guard that keeps a stale build from running.

``pip install`` compiles the hot stage modules (normalize, clean, structure, extract, text and
the pipeline; the list is ``COMPILED_PACKAGES`` in setup.py) with Cython, unchanged: the same
source, translated to C, runs the same rules with less interpreter work per call (about a tenth
off the extraction; README, "Speed").  The ``.py`` files stay beside the compiled modules and
are what runs when:

- ``DOCEXTRACT_PURE_PYTHON=1`` is set (debuggers, coverage, profilers that need Python frames;
  the test suite sets it, and checks the compiled build against the source separately);
- a source file differs from the one that was compiled (an edit after ``pip install -e .``):
  the build records each source's SHA-256 in ``_compiled.txt``, and a module whose source no
  longer matches is imported from source, so an edit always takes effect;
- nothing was compiled (no C compiler at install time): no record, nothing to guard.

The guard is a meta-path finder consulted before the standard one, for the recorded modules
only; it reads and hashes a module's source once, when the module is first imported.
"""
from __future__ import annotations

import importlib.util
import os
import sys
from functools import cache
from pathlib import Path

RECORD = Path(__file__).with_name("_compiled.txt")   # written by setup.py's build_ext
PURE_PYTHON_ENV = "DOCEXTRACT_PURE_PYTHON"
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})


def pure_python_requested() -> bool:
    return os.environ.get(PURE_PYTHON_ENV, "").strip().lower() in TRUE_WORDS


def source_digest(path: Path) -> str:
    import hashlib   # here, not at the top: ``import docextract`` stays light

    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_record(path: Path = RECORD) -> dict[str, str]:
    """{module name: SHA-256 of the source compiled}, from lines "name digest"; empty when
    nothing was compiled."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    pairs = (line.split() for line in lines)
    return dict(pair for pair in pairs if len(pair) == 2)


@cache
def built_record() -> dict[str, str]:
    """This install's record, read once a process (the guard, ``--version``, the benchmarks)."""
    return read_record()


def format_record(record: dict[str, str]) -> str:
    return "".join(f"{name} {digest}\n" for name, digest in sorted(record.items()))


class SourceUnlessCompiledMatches:
    """Imports a recorded module from its ``.py`` when pure Python is requested or the source
    changed since it was compiled; otherwise declines, and the standard finder loads the
    compiled module (extension suffixes come first in its search)."""

    def __init__(self, record: dict[str, str], pure: bool) -> None:
        self.record = record
        self.pure = pure
        self.from_source: list[str] = []   # the recorded modules imported from source, in order

    def find_spec(self, name, path, target=None):
        digest = self.record.get(name)
        if digest is None or not path:
            return None
        source = Path(next(iter(path))) / (name.rpartition(".")[2] + ".py")
        try:
            current = source_digest(source)
        except OSError:
            return None   # no source shipped: the compiled module is all there is
        if not self.pure and current == digest:
            return None
        self.from_source.append(name)
        return importlib.util.spec_from_file_location(name, source)


def install() -> SourceUnlessCompiledMatches | None:
    """Put the guard first on ``sys.meta_path`` (once); None when nothing was compiled."""
    for finder in sys.meta_path:
        if isinstance(finder, SourceUnlessCompiledMatches):
            return finder
    record = built_record()
    if not record:
        return None
    finder = SourceUnlessCompiledMatches(record, pure_python_requested())
    sys.meta_path.insert(0, finder)
    return finder


def build() -> str:
    """What ``docextract --version`` says of the build, without importing the stages."""
    record = built_record()
    if not record:
        return "pure Python: nothing compiled"
    if pure_python_requested():
        return f"pure Python: {PURE_PYTHON_ENV}"
    return f"{len(record)} stage modules compiled"


def status() -> str:
    """``build()``, and for a compiled build how many of the stage modules imported so far run
    compiled (one whose source changed since runs from source): for benchmarks and bug reports."""
    record = built_record()
    if not record or pure_python_requested():
        return build()
    imported = [sys.modules[name] for name in record if name in sys.modules]
    from_source = sum(str(getattr(module, "__file__", "")).endswith(".py") for module in imported)
    changed = f"; {from_source} from source, changed since compiled" if from_source else ""
    return f"{build()}: {len(imported) - from_source} of the {len(imported)} imported run compiled{changed}"
