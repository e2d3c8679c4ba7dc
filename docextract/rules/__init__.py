"""Rules and lexicons as data: one TOML file per concern, read with stdlib tomllib.

``load_rules(name)`` reads ``docextract/rules/<name>.toml`` once.  Each consumer validates
the keys it needs with ``require`` so a malformed file fails with the file and key named.
"""
from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from ..errors import RuleError

RULES_DIR = Path(__file__).parent


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


def require(rules: dict, name: str, key: str, kind: type) -> object:
    """``rules[key]`` checked to be of ``kind`` (lists: every element too, str patterns compiled)."""
    if key not in rules:
        raise RuleError(f"{name}.toml: missing key {key!r}")
    value = rules[key]
    if kind is list:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RuleError(f"{name}.toml: {key!r} must be a list of strings")
    elif not isinstance(value, kind):
        raise RuleError(f"{name}.toml: {key!r} must be a {kind.__name__}")
    return value


def compile_pattern(name: str, key: str, pattern: str, flags: int = 0) -> re.Pattern:
    """Compile a pattern from a rules file, naming the file and key when it is invalid."""
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise RuleError(f"{name}.toml: {key!r}: bad pattern {pattern!r}: {exc}") from exc
