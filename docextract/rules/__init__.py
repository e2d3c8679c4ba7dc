"""Rules and lexicons as data: one TOML file per concept, read with stdlib tomllib.

``load_rules(name)`` reads ``docextract/rules/<name>.toml`` once.  Each consumer validates
the keys it needs with ``require`` / ``require_mapping`` / ``require_tables`` so a malformed
file fails with a RuleError naming the file and the key, not with a KeyError deep in a regex.

Every rule entry carries examples, checked by one generic test (``tests/test_rule_examples.py``
with a check function per file in ``tests/rule_checks/``).  ``rule_entries`` lists the entries
of a key, ``entry_examples`` their examples:

- a list of words or patterns: ``[examples.<key>]`` maps each entry to its examples, and
  ``[counterexamples.<key>]`` (optional) to texts it must not fire on;
- a table (word → value): the same, keyed by the table's keys;
- an array of tables: each table has ``examples`` (and optionally ``not``) itself;
- a single pattern string: ``[examples.<key>]`` holds ``<key> = [...]``.
Numbers are tuning constants, documented beside their value, not entries.
"""
from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from ..errors import RuleError

RULES_DIR = Path(__file__).parent


def rule_names() -> list[str]:
    """The names of every rules file (``load_rules`` accepts each)."""
    return sorted(path.stem for path in RULES_DIR.glob("*.toml"))


@cache
def load_rules(name: str) -> dict:
    """The parsed ``<name>.toml``; raises RuleError naming the file when it is not valid TOML."""
    path = RULES_DIR / f"{name}.toml"
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise RuleError(f"{path}: no such rules file") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{path}: {exc}") from exc


def _lookup(rules: dict, name: str, key: str) -> object:
    """``rules[key]``, where a dotted key ("bounds.before") walks into tables."""
    value: object = rules
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            raise RuleError(f"{name}.toml: missing key {key!r}")
        value = value[part]
    return value


def require(rules: dict, name: str, key: str, kind: type) -> object:
    """``rules[key]`` (dotted keys walk into tables) checked to be of ``kind``; a list must hold
    non-empty strings (an empty word would make an alternation match everywhere)."""
    value = _lookup(rules, name, key)
    if kind is list:
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise RuleError(f"{name}.toml: {key!r} must be a list of non-empty strings, got {value!r}")
    elif not isinstance(value, kind):
        raise RuleError(f"{name}.toml: {key!r} must be a {kind.__name__}, got {value!r}")
    return value


def require_mapping(rules: dict, name: str, key: str, value_kind: type) -> dict:
    """``rules[key]``: a non-empty table of non-empty words to values of ``value_kind``."""
    value = require(rules, name, key, dict)
    bad = [k for k, v in value.items() if not k or type(v) is not value_kind]  # bool is not int here
    if not value or bad:
        raise RuleError(f"{name}.toml: {key!r} must map words to {value_kind.__name__} values"
                        f"{f' (bad: {bad})' if bad else ''}")
    return value


def require_tables(rules: dict, name: str, key: str, fields: dict[str, object]) -> list[dict]:
    """``rules[key]``: a non-empty array of tables, each with every field of ``fields``; a field's
    spec is a type, or a tuple of the values allowed."""
    value = _lookup(rules, name, key)
    if not isinstance(value, list) or not value:
        raise RuleError(f"{name}.toml: {key!r} must be a non-empty array of tables")
    for i, table in enumerate(value):
        for field, spec in fields.items():
            got = table.get(field) if isinstance(table, dict) else None
            ok = got in spec if isinstance(spec, tuple) else type(got) is spec and got != ""
            if not ok:
                raise RuleError(f"{name}.toml: {key}[{i}].{field} must be "
                                f"{' | '.join(map(str, spec)) if isinstance(spec, tuple) else spec.__name__}, got {got!r}")
    return value


def compile_pattern(name: str, key: str, pattern: str, flags: int = 0) -> re.Pattern:
    """Compile a pattern from a rules file, naming the file and key when it is invalid."""
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise RuleError(f"{name}.toml: {key!r}: bad pattern {pattern!r}: {exc}") from exc


EXAMPLE_TABLES = ("examples", "counterexamples")


def rule_entries(rules: dict, key: str) -> list[tuple[str, object]]:
    """``(id, entry)`` for every entry of ``rules[key]`` (see the module docstring).

    >>> rule_entries({"a": ["x", "y"], "b": {"k": 1}, "c": [{"word": "w"}], "d": "p+"}, "a")
    [('x', 'x'), ('y', 'y')]
    >>> [rule_entries({"b": {"k": 1}, "c": [{"word": "w"}], "d": "p+"}, k) for k in "bcd"]
    [[('k', 1)], [('w', {'word': 'w'})], [('d', 'p+')]]
    """
    value = rules[key]
    if isinstance(value, str):
        return [(key, value)]
    if isinstance(value, dict):
        return list(value.items())
    out = []
    for item in value:
        if isinstance(item, dict):
            ident = next((str(item[f]) for f in ("word", "name", "pattern", "label") if f in item), repr(item))
            out.append((ident, item))
        else:
            out.append((str(item), item))
    return out


def entry_examples(rules: dict, key: str, ident: str, entry: object) -> tuple[list[str], list[str]]:
    """``(examples, counterexamples)`` of one entry."""
    if isinstance(entry, dict) and "examples" in entry:
        return list(entry.get("examples") or []), list(entry.get("not") or [])
    yes = (rules.get("examples") or {}).get(key, {}).get(ident) or []
    no = (rules.get("counterexamples") or {}).get(key, {}).get(ident) or []
    return list(yes), list(no)


def entry_keys(rules: dict) -> list[str]:
    """The keys of a rules file that hold entries (everything but numbers and the example tables)."""
    return [k for k, v in rules.items()
            if k not in EXAMPLE_TABLES and not isinstance(v, (int, float, bool))]
