"""Tables found by the loaders, rendered as text the later stages already understand.

A task-division table (序号 / 重点任务 / 牵头单位 / 责任单位 / 完成时限 …) becomes one numbered
item per row with its field lines::

    1. <task>
    <other column>：<cell>
    牵头单位：<cells of every lead column>
    责任单位：<cell>
    完成时限：<cell>

A table is a task table when a header row names a task column (or a 序号 column) and a column of
units or deadlines; without a named task column the first other column holds the task.  Column
words are the field names of ``rules/fields.toml``; a column named by a unit field word with a
qualifier (负责考核部门, 市卫健委内牵头处室) has that field's role, and several columns may share
a role.  A row without a 序号, or with the 序号 of the row above (a merged cell), continues the
row above; a 序号 written as a label (一、, （一）) is kept as written, a bare number becomes
``N.``.  A cell that only says there is nothing (/, 无, —) is empty.

Any other table becomes one line per row, cells joined by two spaces, without its bare row
numbers (a list's 序号 is not a label of the notice); a row holding running text is printed
cell by cell, one per line, so the labels its cells start with stay at line starts.

Cells may hold paragraphs (``paragraphs=True``: Word and HTML cells, one paragraph per line):
their lines are kept as lines; units in several paragraphs or merged rows are listed with 、.
Without it (PDF cells, where a line break is only a wrap) a cell is one line.
"""
from __future__ import annotations

import re
from functools import cache

from ..rules.fields import UNIT_ROLES, labels_with
from ..rules.labels import label_start

CELL_SEPARATOR = "  "
COLUMN_ROLES = ("number", "task", "lead", "responsible", "cooperating", "deadline")
FIELD_LABEL = {"lead": "牵头单位", "responsible": "责任单位", "cooperating": "配合单位", "deadline": "完成时限"}
SINGLE_COLUMN_ROLES = ("number", "task")
COLUMN_QUALIFIER_CHARS = 6   # 市卫健委内 + 牵头处室, 负责 + 考核 + 部门
UNIT_SUFFIXES = ("单位", "部门", "处室", "科室", "机构")
# A row whose cells are this short, without sentences, is printed as one line.
SHORT_CELL_CHARS = 20
SENTENCE_END = re.compile(r"[。；！？]")
CJK = re.compile(r"[\u4e00-\u9fff]")
BARE_NUMBER = re.compile(r"^\d{1,3}$")
NOTHING = frozenset({"/", "／", "-", "—", "无", "——", "\\"})
LIST_DELIMITER = "、，,；;"
UNIT_SPLIT = re.compile(r"[、，,；;]")


class Continued(str):
    """A cell's text repeated in a row that its merged cell spans (HTML rowspan): a task
    table's row keeps it (the units of a merged 责任单位 cell are every row's), a list does not
    print it again."""


@cache
def _columns() -> dict[str, tuple[str, ...]]:
    """Column role → the header words that name it (``rules/fields.toml``), longest first."""
    return {role: labels_with(role) for role in COLUMN_ROLES}


def _clean_cell(cell: str | None, paragraphs: bool = False) -> str:
    """Spaces inside CJK text go (markup and justification); with ``paragraphs`` the line
    breaks between paragraphs stay."""
    cell = cell or ""
    lines = cell.split("\n") if paragraphs else [cell]
    out = [re.sub(r"\s+", "", line) if CJK.search(line) else line.strip() for line in lines]
    return "\n".join(line for line in out if line)


def _names_column(text: str, role: str, words: tuple[str, ...]) -> bool:
    if text in words:
        return True
    if role == "number":
        return False
    if any(text.startswith(w) for w in words):
        return True
    if role not in UNIT_ROLES or len(text) > max(map(len, words)) + COLUMN_QUALIFIER_CHARS:
        return False
    # 市卫健委内牵头处室 (a qualifier before the word), 负责考核部门 (a qualifier inside it)
    return any(w.endswith(UNIT_SUFFIXES) and (text.endswith(w) or text.startswith(w[:2]) and text.endswith(w[-2:]))
               for w in words)


def _header_roles(row: list[str]) -> dict[int, str]:
    """Column → role for the cells of a header row that name one."""
    found: dict[int, str] = {}
    for i, cell in enumerate(row):
        text = _clean_cell(cell).replace("\n", "")
        for role, words in _columns().items():
            if role in SINGLE_COLUMN_ROLES and role in found.values():
                continue
            if _names_column(text, role, words):
                found[i] = role
                break
    return found


def is_task_table(rows: list[list[str]]) -> bool:
    return bool(rows) and _task_columns(rows) is not None


def _task_columns(rows: list[list[str]]) -> tuple[int, dict[int, str]] | None:
    """The header row's index and the role of its columns, or None for another table."""
    for index, row in enumerate(rows[:3]):
        roles = _header_roles(row)
        kinds = set(roles.values())
        if not {"lead", "responsible", "cooperating", "deadline"} & kinds:
            continue
        if "task" in kinds:
            return index, roles
        if "number" in kinds:  # 序号 | 考核项目 | … | 负责部门: the first other column is the task
            number = next(i for i, role in roles.items() if role == "number")
            free = [i for i, cell in enumerate(row) if i not in roles and (cell or "").strip()]
            if free and free[0] > number:
                return index, {**roles, free[0]: "task"}
    return None


def _number_column(rows: list[list[str]]) -> tuple[int, int] | None:
    """(header row, column) of a 序号 column among the first rows."""
    for index, row in enumerate(rows[:3]):
        for i, role in _header_roles(row).items():
            if role == "number":
                return index, i
    return None


def _short(cell: str) -> bool:
    return len(cell) <= SHORT_CELL_CHARS and "\n" not in cell and not SENTENCE_END.search(cell)


def _plain_rows(rows: list[list[str]], continued: list[list[bool]] | None = None) -> list[str]:
    numbered = _number_column(rows)
    lines: list[str] = []
    for index, row in enumerate(rows):
        if numbered and index > numbered[0] and numbered[1] < len(row) and BARE_NUMBER.match(row[numbered[1]]):
            row = row[:numbered[1]] + [""] + row[numbered[1] + 1:]
        if continued:
            row = [c for c, again in zip(row, continued[index]) if not again]
        cells = [c for c in row if c]
        if all(_short(c) for c in cells):
            lines.append(CELL_SEPARATOR.join(cells))
        else:
            lines.extend(line for c in cells for line in c.split("\n"))
    return [line for line in lines if line]


def _join(role: str, old: str, new: str, separator: str = "") -> str:
    """A continued cell.  Without ``separator`` (a row split across PDF pages) the text goes
    on where it stopped, even inside a unit name; with it (paragraphs of merged Word and HTML
    cells) units are listed with 、 and text lines joined by ``separator``."""
    if not old or new == old or old.endswith(new):
        return old or new
    if not separator:
        return old + new
    if role in UNIT_ROLES:
        delimited = old.endswith(tuple(LIST_DELIMITER)) or new.startswith(tuple(LIST_DELIMITER))
        return old + new if delimited else f"{old}、{new}"
    return old + separator + new


def _unit_list(value: str) -> str:
    """Units of one role (paragraphs, columns, merged rows) listed with 、, each once (a list
    in brackets is kept whole)."""
    out: list[str] = []
    for line in value.split("\n"):
        parts = [line] if re.search(r"[（(]", line) else [p for p in UNIT_SPLIT.split(line) if p]
        out.extend(p for p in parts if p not in out and p not in NOTHING)
    return "、".join(out)


def _label(number: str, k: int) -> str:
    if BARE_NUMBER.match(number):
        return f"{number}. "
    if number and label_start().match(number):
        return number
    return f"{k}. "


def _row_values(row: list[str], roles: dict[int, str], separator: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for i, role in roles.items():
        cell = row[i] if i < len(row) else ""
        if cell and cell not in NOTHING:
            values[role] = _join(role, values.get(role, ""), cell, separator or "\n")
    return values


def render_table(rows: list[list[str | None]], *, paragraphs: bool = False) -> list[str]:
    """Lines of text for one table (``paragraphs``: a line break in a cell separates paragraphs)."""
    rows = [row for row in rows if any((c or "").strip() for c in row)]
    continued = [[isinstance(c, Continued) for c in row] for row in rows]
    rows = [[_clean_cell(c, paragraphs) for c in row] for row in rows]
    found = _task_columns(rows)
    if found is None:
        return _plain_rows(rows, continued)
    header, roles = found
    separator = "\n" if paragraphs else ""
    extra = {i: rows[header][i].replace("\n", "") for i in range(len(rows[header])) if i not in roles}
    numbered = "number" in roles.values()
    lines = _plain_rows(rows[:header])
    merged: list[dict] = []
    for row in rows[header + 1:]:
        values = _row_values(row, roles, separator)
        others = {i: row[i] for i in extra if i < len(row) and row[i]}
        number = values.get("number", "")
        previous = merged[-1] if merged else None
        if numbered and previous is not None and "plain" not in previous and (not number or number == previous["number"]):
            for role, value in values.items():
                if role != "number":
                    previous[role] = _join(role, previous.get(role, ""), value, separator)
            for i, value in others.items():
                previous["others"][i] = _join("text", previous["others"].get(i, ""), value, separator)
            continue
        if numbered and not number:
            merged.append({"plain": row})  # a row before the first item (总计, a caption row)
            continue
        merged.append({**values, "number": number, "others": others})
    k = 0
    for values in merged:
        if "plain" in values:
            lines.extend(_plain_rows([values["plain"]]))
            continue
        k += 1
        task = values.get("task", "").split("\n")
        lines.append(_label(values["number"], k) + task[0])
        lines.extend(task[1:])
        for i, value in values["others"].items():
            if "\n" in value or not extra[i]:
                lines.extend(value.split("\n"))
            else:
                lines.append(f"{extra[i]}：{value}")
        listed: list[str] = []   # a unit in a row's lead and cooperating columns leads
        for role, label in FIELD_LABEL.items():
            value = values.get(role)
            if value and role in UNIT_ROLES and separator:
                units = [u for u in _unit_list(value).split("、") if u and u not in listed]
                listed.extend(units)
                value = "、".join(units)
            elif value:
                value = value.replace("\n", "；")
            if value:
                lines.append(f"{label}：{value}")
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
