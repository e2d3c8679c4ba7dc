"""Field names (``fields.toml``): the label of a ``<label>：<value>`` field, a 【label】 box or a
table column, and the role of its value (lead, responsible, cooperating, deadline, task, number)."""
from __future__ import annotations

from functools import cache

from ..errors import RuleError
from . import load_rules, require

RULES = "fields"
UNIT_ROLES = ("lead", "responsible", "cooperating")
ROLES = UNIT_ROLES + ("deadline", "task", "number")


@cache
def field_roles() -> dict[str, str]:
    """Every field label and its role, validated once."""
    fields = require(load_rules(RULES), RULES, "fields", dict)
    bad = {label: role for label, role in fields.items() if role not in ROLES or not label}
    if bad:
        raise RuleError(f"{RULES}.toml: [fields] roles must be one of {ROLES}: {bad}")
    return dict(fields)


def labels_with(*roles: str) -> tuple[str, ...]:
    """The labels whose value has one of ``roles``, longest first.

    >>> "牵头单位" in labels_with("lead"), "完成时限" in labels_with("lead")
    (True, False)
    """
    return tuple(sorted((label for label, role in field_roles().items() if role in roles), key=len, reverse=True))
