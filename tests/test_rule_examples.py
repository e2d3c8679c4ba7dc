"""Every rule entry is pinned by examples (issue 7): one generic test for every rules file.

Each ``docextract/rules/<name>.toml`` has a module ``tests/rule_checks/<name>.py`` with
``CHECKS = {key: check}``; ``check(entry_id, text)`` is True when the rule entry fires on the
text the way it should (a unit suffix makes a name a unit, a boilerplate pattern drops the
line, a deadline word makes a deadline).  Every entry needs at least one example on which its
check holds, and none of its counterexamples may pass.  Every key that holds entries needs a
check.
"""
import importlib

import pytest

from docextract.rules import entry_examples, entry_keys, load_rules, rule_entries, rule_names

# Rules files whose entries are still being given examples say `examples_pending = true`.
PENDING = {name for name in rule_names() if load_rules(name).get("examples_pending")}


def checks_of(name):
    try:
        return importlib.import_module(f"rule_checks.{name}").CHECKS
    except ModuleNotFoundError:
        return None


def cases():
    out = []
    for name in rule_names():
        if name in PENDING:
            continue
        rules = load_rules(name)
        checks = checks_of(name) or {}
        for key in entry_keys(rules):
            for ident, entry in rule_entries(rules, key):
                out.append(pytest.param(name, key, ident, entry, id=f"{name}.{key}[{ident}]"))
    return out


@pytest.mark.parametrize("name", [n for n in rule_names() if n not in PENDING])
def test_every_key_has_a_check(name):
    checks = checks_of(name)
    assert checks is not None, f"tests/rule_checks/{name}.py is missing"
    missing = [k for k in entry_keys(load_rules(name)) if k not in checks]
    assert not missing, f"{name}.toml: no check for {missing}"


@pytest.mark.parametrize("name, key, ident, entry", cases())
def test_entry_examples(name, key, ident, entry):
    check = (checks_of(name) or {}).get(key)
    if check is None:
        pytest.fail(f"{name}.toml: no check for {key!r}")
    yes, no = entry_examples(load_rules(name), key, ident, entry)
    assert yes, f"{name}.toml: {key}[{ident!r}] has no examples"
    for text in yes:
        assert check(ident, text), f"{name}.toml: {key}[{ident!r}] does not fire on its example {text!r}"
    for text in no:
        assert not check(ident, text), f"{name}.toml: {key}[{ident!r}] fires on its counterexample {text!r}"


def test_no_rules_file_is_pending():
    assert not PENDING, f"rules files without examples yet: {sorted(PENDING)}"
