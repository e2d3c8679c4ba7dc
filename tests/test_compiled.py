"""The compiled build (setup.py, docextract/compiled.py): a compiled module runs only while its
source is the one compiled, and the compiled stages give what the sources give."""
import importlib
import os
import subprocess
import sys

import pytest
from corpus_files import ROOT

from docextract import compiled

EXPECT_COMPILED_ENV = "DOCEXTRACT_EXPECT_COMPILED"   # CI sets it: a build that compiled nothing fails


def write_module(tmp_path, source="VALUE = 1\n"):
    package = tmp_path / "guarded_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "mod.py").write_text(source)
    return package


def test_record_round_trips_and_ignores_malformed_lines(tmp_path):
    record = {"docextract.pipeline": "ab" * 32, "docextract.text.ids": "cd" * 32}
    path = tmp_path / "_compiled.txt"
    path.write_text(compiled.format_record(record) + "a line with three words\n\n")
    assert compiled.read_record(path) == record
    assert compiled.read_record(tmp_path / "missing.txt") == {}


def test_a_matching_compiled_module_is_left_to_the_standard_import(tmp_path):
    package = write_module(tmp_path)
    finder = compiled.SourceUnlessCompiledMatches({"guarded_pkg.mod": compiled.source_digest(package / "mod.py")}, pure=False)
    assert finder.find_spec("guarded_pkg.mod", [str(package)]) is None
    assert finder.find_spec("guarded_pkg.other", [str(package)]) is None   # not compiled: not its business
    assert finder.from_source == []


def test_a_source_changed_since_compiling_is_imported_from_source(tmp_path):
    package = write_module(tmp_path)
    finder = compiled.SourceUnlessCompiledMatches({"guarded_pkg.mod": "0" * 64}, pure=False)
    spec = finder.find_spec("guarded_pkg.mod", [str(package)])
    assert spec.origin == str(package / "mod.py")
    assert finder.from_source == ["guarded_pkg.mod"]


def test_pure_python_requested_imports_every_compiled_module_from_source(tmp_path, monkeypatch):
    package = write_module(tmp_path)
    monkeypatch.setenv(compiled.PURE_PYTHON_ENV, "1")
    assert compiled.pure_python_requested()
    finder = compiled.SourceUnlessCompiledMatches({"guarded_pkg.mod": compiled.source_digest(package / "mod.py")},
                                                  pure=compiled.pure_python_requested())
    assert finder.find_spec("guarded_pkg.mod", [str(package)]).origin == str(package / "mod.py")
    monkeypatch.setenv(compiled.PURE_PYTHON_ENV, "0")
    assert not compiled.pure_python_requested()


def test_version_says_whether_the_stages_are_compiled(monkeypatch, capsys):
    from docextract.cli import main

    assert main(["--version"]) == 0
    record = compiled.built_record()
    if not record:   # (a source checkout: nothing to run compiled, whatever the environment asks)
        expected = "pure Python: nothing compiled"
    elif compiled.pure_python_requested():
        expected = f"pure Python: {compiled.PURE_PYTHON_ENV}"
    else:
        expected = f"{len(record)} stage modules compiled"
    assert expected in capsys.readouterr().out
    monkeypatch.setenv(compiled.PURE_PYTHON_ENV, "1")
    assert main(["--version"]) == 0
    assert "pure Python" in capsys.readouterr().out


def require_build() -> dict[str, str]:
    record = compiled.built_record()
    if not record:
        if os.environ.get(EXPECT_COMPILED_ENV) == "1":
            pytest.fail(f"{EXPECT_COMPILED_ENV}=1 but the install compiled nothing (see pip's output)")
        pytest.skip("no compiled build here (pip install -e . compiles the stage modules)")
    return record


def test_the_stages_run_compiled_when_built():
    record = require_build()
    if compiled.pure_python_requested():
        pytest.skip(f"{compiled.PURE_PYTHON_ENV} is set")
    for name in record:
        module = importlib.import_module(name)
        assert not module.__spec__.origin.endswith(".py"), f"{name} ran from source: changed since compiled?"


def test_a_module_run_with_python_m_stays_python():
    """runpy needs a code object, which a compiled module has not."""
    record = require_build()
    scripts = [path for path in (ROOT / "docextract").rglob("*.py") if 'if __name__ == "__main__"' in path.read_text(encoding="utf-8")]
    assert scripts
    for path in scripts:
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        assert name not in record, f"{name} is compiled: python -m {name} would fail"


def fingerprint(tmp_path, pure: bool):
    out = tmp_path / ("pure.jsonl" if pure else "compiled.jsonl")
    env = {**os.environ, compiled.PURE_PYTHON_ENV: "1" if pure else "0"}
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "fingerprint.py"), "dump", str(out)],
                   env=env, check=True, capture_output=True)
    return out.read_bytes()


def test_the_compiled_stages_give_what_the_sources_give(tmp_path):
    """Every Notice of the corpora, their chunks and the hand-made cases, and every stage
    function's result on the cases (benchmarks/fingerprint.py), compiled and from source."""
    require_build()
    compiled_records, pure_records = fingerprint(tmp_path, pure=False), fingerprint(tmp_path, pure=True)
    assert compiled_records.count(b"\n") > 800
    assert compiled_records == pure_records
