"""The optional compiled build of the hot stage modules (everything else is in pyproject.toml).

Cython translates the listed packages' modules, unchanged, to C extension modules installed
beside their sources; ``docextract/compiled.py`` decides at import which one runs.  Where the
build cannot compile (no C compiler, no Cython with ``--no-build-isolation``, or
``DOCEXTRACT_PURE_PYTHON=1`` at install), it says so and installs the pure-Python package,
which gives the same results more slowly.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
# The stages after loading (README, "Speed"): where a notice's time goes, with the rules they run
# per line.  Loaders, exporters, the batch runner and the CLI stay interpreted: their time is in
# libraries or I/O, and a loader imported late by a worker near its memory cap maps less.
COMPILED_PACKAGES = ("normalize", "clean", "structure", "extract", "text", "rules")
COMPILED_MODULES = ("pipeline.py",)
CYTHON_DIRECTIVES = {
    "language_level": 3,
    "binding": True,             # functions keep their signatures and docstrings (inspect, help)
    "annotation_typing": False,  # annotations stay documentation: Python semantics, unchanged
    "autotestdict": False,       # doctests run from the sources, once
}


@functools.cache
def _compiled_helpers():
    """docextract/compiled.py, loaded by path (once): importing the package here would need its
    dependencies in the build environment."""
    spec = importlib.util.spec_from_file_location("_docextract_compiled", ROOT / "docextract" / "compiled.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def runs_as_script(path: Path) -> bool:
    """A module with a ``__main__`` block is run with ``python -m``, and runpy needs its code
    object, which a compiled module has not: it stays Python."""
    return 'if __name__ == "__main__"' in path.read_text(encoding="utf-8")


def compiled_sources() -> list[str]:
    package = ROOT / "docextract"
    sources = [path for name in COMPILED_PACKAGES for path in sorted((package / name).rglob("*.py"))
               if path.name != "__init__.py" and not runs_as_script(path)]
    sources += [package / name for name in COMPILED_MODULES]
    return [str(path.relative_to(ROOT)) for path in sources]


def extension_modules() -> list:
    helpers = _compiled_helpers()
    if helpers.pure_python_requested():
        print(f"docextract: {helpers.PURE_PYTHON_ENV} is set: installing pure Python", file=sys.stderr)
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        print("docextract: Cython is not installed: installing pure Python (slower, same results)", file=sys.stderr)
        return []
    import Cython

    # cythonize regenerates a C file only when its source is newer: a directory per Cython
    # version and directives, so changing either regenerates them all
    key = hashlib.sha256(repr((Cython.__version__, sorted(CYTHON_DIRECTIVES.items()))).encode()).hexdigest()[:12]
    extensions = cythonize(compiled_sources(), compiler_directives=CYTHON_DIRECTIVES, build_dir=f"build/cython-{key}",
                           nthreads=os.cpu_count() or 1, quiet=True)
    for extension in extensions:
        extension.optional = True   # a module that does not compile runs from its source
        extension.extra_compile_args = ["-g0"]   # no debug sections: a tenth of the size on disk
    return extensions


class OptionalBuildExt(build_ext):
    """Compiles what it can, in parallel; a module that does not compile stays pure Python;
    records the SHA-256 of each compiled module's source for docextract/compiled.py."""

    def finalize_options(self):
        super().finalize_options()
        if self.parallel is None:
            self.parallel = os.cpu_count() or 1

    def run(self):
        self.built: dict[str, str] = {}
        try:
            super().run()
        except Exception as exc:  # noqa: BLE001 - no compiler: the pure-Python package still works
            print(f"docextract: compiling failed ({exc}): installing pure Python", file=sys.stderr)
        self._write_record()

    def build_extension(self, ext):
        try:
            super().build_extension(ext)
        except Exception as exc:  # noqa: BLE001 - that module runs from source
            print(f"docextract: {ext.name} not compiled ({exc}): it runs as Python", file=sys.stderr)
            return
        source = ROOT / (ext.name.replace(".", "/") + ".py")
        self.built[ext.name] = _compiled_helpers().source_digest(source)

    def _write_record(self):
        helpers = _compiled_helpers()
        package_dir = ROOT / "docextract" if self.inplace else Path(self.build_lib) / "docextract"
        record = package_dir / helpers.RECORD.name
        if self.inplace:
            self._remove_unbuilt(package_dir)
        if self.built:
            package_dir.mkdir(parents=True, exist_ok=True)
            record.write_text(helpers.format_record(self.built), encoding="utf-8")
        elif record.exists():
            record.unlink()   # a stale record would name modules that are not there

    def _remove_unbuilt(self, package_dir: Path):
        """Extension files beside the sources that this build did not make (a module no longer
        compiled, a build that failed): nothing would check them against their sources."""
        for path in [*package_dir.rglob("*.so"), *package_dir.rglob("*.pyd")]:
            # chars.cpython-311-x86_64-linux-gnu.so, chars.cp311-win_amd64.pyd: the module name ends at the first dot
            name = ".".join(path.relative_to(package_dir.parent).parts[:-1] + (path.name.split(".")[0],))
            if name not in self.built:
                path.unlink()


setup(ext_modules=extension_modules(), cmdclass={"build_ext": OptionalBuildExt})
