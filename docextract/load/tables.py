"""Tables found by the loaders, rendered as text the later stages already understand.

A task-division table (序号 / 重点任务 / 牵头单位 / 责任单位 / 完成时限 …) becomes one numbered
item per row with its field lines::

    1. <task>
    牵头单位：<cell>
    责任单位：<cell>
    完成时限：<cell>

A row without a 序号 continues the previous row (rows split across PDF pages).  Any other
table becomes one line per row, cells joined by two spaces.  Column words are the field names of
``rules/fields.toml``.
"""
from __future__ import annotations

import re
from functools import cache

from ..rules.fields import labels_with

CELL_SEPARATOR = "  "
COLUMN_ROLES = ("number", "task", "lead", "responsible", "cooperating", "deadline")


@cache
def _columns() -> dict[str, tuple[str, ...]]:
    """Column role → the header words that name it (``rules/fields.toml``), longest first."""
    return {role: labels_with(role) for role in COLUMN_ROLES}


FIELD_LABEL = {"lead": "牵头单位", "responsible": "责任单位", "cooperating": "配合单位", "deadline": "完成时限"}


def _clean_cell(cell: str | None) -> str:
    return re.sub(r"\s+", "", cell or "") if re.search(r"[\u4e00-\u9fff]", cell or "") else (cell or "").strip()


def _header_map(row: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(row):
        text = _clean_cell(cell)
        for key, words in _columns().items():
            if key not in found and any(text == w or (key != "number" and text.startswith(w)) for w in words):
                found[key] = i
                break
    return found


def is_task_table(rows: list[list[str]]) -> bool:
    return bool(rows) and _task_columns(rows) is not None


def _task_columns(rows: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(rows[:3]):
        columns = _header_map(row)
        if "task" in columns and ({"lead", "responsible", "deadline"} & columns.keys()):
            return index, columns
    return None


def render_table(rows: list[list[str | None]]) -> list[str]:
    """Lines of text for one table."""
    rows = [[_clean_cell(c) for c in row] for row in rows if any((c or "").strip() for c in row)]
    found = _task_columns(rows)
    if found is None:
        return [CELL_SEPARATOR.join(c for c in row if c) for row in rows]
    header, columns = found
    merged: list[dict[str, str]] = []
    for row in rows[header + 1:]:
        values = {key: row[i] if i < len(row) else "" for key, i in columns.items()}
        if merged and not values.get("number") and "number" in columns:
            for key, value in values.items():  # a row split across pages continues the last one
                if value:
                    merged[-1][key] = merged[-1].get(key, "") + value
            continue
        merged.append(values)
    lines: list[str] = []
    for k, values in enumerate(merged, start=1):
        number = values.get("number") or ""
        number = number if number.isdigit() else str(k)
        lines.append(f"{number}. {values.get('task', '')}")
        for key, label in FIELD_LABEL.items():
            if values.get(key):
                lines.append(f"{label}：{values[key]}")
    return lines


def merge_split_tables(tables: list[list[list[str | None]]]) -> list[list[list[str | None]]]:
    """Tables continued on the next page (no header of their own) join the previous task table."""
    out: list[list[list[str | None]]] = []
    for table in tables:
        if out and is_task_table(out[-1]) and not is_task_table(table) and table \
                and len(table[0]) == len(out[-1][0]):
            out[-1] = out[-1] + table
        else:
            out.append(table)
    return out
