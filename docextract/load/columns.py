"""Table columns: what a header cell names (``rules/fields.toml``: 序号, a task, a unit role, a
deadline) and how a 序号 cell reads as a label.  Shared by the tables of every format, and by
the structure stage, which numbers a task table's rows by their 序号."""
from __future__ import annotations

import re
from functools import cache, lru_cache

from ..rules.fields import UNIT_ROLES, labels_with
from ..rules.orgs import org_lexicon
from ..rules.labels import Style, label_start, styles
from ..text.numerals import label_number

COLUMN_ROLES = ("number", "task", "lead", "responsible", "cooperating", "deadline")
ROLE_COLUMNS = UNIT_ROLES + ("deadline",)   # the columns that assign: printed right after the task
SINGLE_COLUMN_ROLES = ("number", "task")
COLUMN_QUALIFIER_CHARS = 6   # 市卫健委内 + 牵头处室, 负责 + 考核 + 部门
UNIT_SUFFIXES = ("单位", "部门", "处室", "科室", "机构")
CJK = re.compile(r"[\u4e00-\u9fff]")
BARE_NUMBER = re.compile(r"^\d{1,3}$")
BARE_CN_NUMBER = re.compile(r"^[一二三四五六七八九十百]{1,4}$")
# A bare number in a 序号 cell reads as the label it is with its mark: 1 as 1., 二 as 二、.
BARE_MARKS = ((BARE_NUMBER, "."), (BARE_CN_NUMBER, "、"))
CELL_LABEL_MAX_CHARS = 8
UNIT_CELL_MAX_CHARS = 20
UNIT_COLUMN_MIN_CELLS = 3      # a column of a few names, not one stray cell
UNIT_COLUMN_MIN_SHARE = 0.6    # most of its cells name a body (some hold a note or a heading)
ONLY_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
# What a 序号 cell may start with: a digit, a Chinese numeral, a bracket, 第, a circled number.
LABEL_FIRST = re.compile(r"[\d一二三四五六七八九十百壹贰叁参肆伍陆柒捌玖拾（(第①-⑳⑴-⒇㈠-㈩]")


@cache
def _columns() -> dict[str, tuple[str, ...]]:
    """Column role → the header words that name it (``rules/fields.toml``), longest first."""
    return {role: labels_with(role) for role in COLUMN_ROLES}


@cache
def _could_name() -> re.Pattern:
    """A cheap first test: a column name starts with a field word or ends like a unit column."""
    words = sorted({w for words in _columns().values() for w in words}, key=len, reverse=True)
    return re.compile(rf"^(?:{'|'.join(map(re.escape, words))})|(?:{'|'.join(UNIT_SUFFIXES)})$")


def clean_cell(cell: str | None, paragraphs: bool = False) -> str:
    """Spaces inside CJK text go (markup and justification); with ``paragraphs`` the line
    breaks between paragraphs stay.  Without (a PDF cell, whose lines are wrapped) a line that
    starts with a label still starts a paragraph: the criteria 1. 2. 3. of an assessment cell."""
    cell = cell or ""
    if paragraphs:
        lines = cell.split("\n")
    elif not CJK.search(cell):
        return cell.strip()
    else:
        lines = []
        for line in cell.split("\n"):
            if lines and not label_start().match(line):
                lines[-1] += line
            else:
                lines.append(line)
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


@lru_cache(maxsize=4096)
def column_role(cell: str) -> str | None:
    """The role a cell names as a column header on its own, or None."""
    if not _could_name().search(re.sub(r"\s+", "", cell)):
        return None   # most cells: no field word at all
    return header_roles([cell]).get(0)


def header_roles(row: list[str]) -> dict[int, str]:
    """Column → role for the cells of a header row that name one."""
    found: dict[int, str] = {}
    could_name = _could_name()
    for i, cell in enumerate(row):
        text = clean_cell(cell).replace("\n", "")
        if not could_name.search(text):
            continue
        for role, words in _columns().items():
            if role in SINGLE_COLUMN_ROLES and role in found.values():
                continue
            if _names_column(text, role, words):
                found[i] = role
                break
    return found


def task_roles(row: list[str]) -> dict[int, str] | None:
    """The role of each column when ``row`` is the header of a task table, else None."""
    roles = header_roles(row)
    kinds = set(roles.values())
    if {"number", "task"} <= kinds:
        return roles   # 序号 | 考核项目 | 分值 | 评分标准: numbered tasks are items, units or not
    if not set(ROLE_COLUMNS) & kinds:
        return None
    if "task" in kinds:
        return roles
    if "number" in kinds:  # 序号 | 考核项目 | … | 负责部门: the first other column is the task
        number = next(i for i, role in roles.items() if role == "number")
        free = [i for i, cell in enumerate(row) if i not in roles and (cell or "").strip()]
        if free and free[0] > number:
            return {**roles, free[0]: "task"}
    return None


def number_label(cell: str) -> tuple[Style, int] | None:
    """The numbering style and number of a 序号 cell read as a label, or None (—, 1-1, A).

    >>> [(s.name, n) for s, n in map(number_label, ("1", "二", "（三）", "四、"))]
    [('arabic', 1), ('cn', 2), ('paren_cn', 3), ('cn', 4)]
    >>> number_label("—") is None, number_label("加强领导") is None
    (True, True)
    """
    text = re.sub(r"\s+", "", cell)
    if not text or len(text) > CELL_LABEL_MAX_CHARS or not LABEL_FIRST.match(text):
        return None
    for pattern, mark in BARE_MARKS:
        if pattern.match(text):
            text += mark
            break
    for style in styles():
        m = None if style.weak else style.pattern.match(text + "文")   # a label is followed by its text
        if m is not None and m.end() >= len(text):
            number = label_number(m.group("num"))
            return (style, number) if number else None
    return None


@cache
def _body_suffixes() -> tuple[str, ...]:
    """The suffixes that end a body's name (局, 委员会, 管委会), not a place's (县, 镇)."""
    lexicon = org_lexicon()
    return tuple(w for w in lexicon.unit_suffixes if lexicon.suffixes[w] != "place")


def names_a_body(cell: str) -> bool:
    """A short cell that is one body's name (县水利局), not a sentence or a list.

    >>> names_a_body("县水利局"), names_a_body("县水利局、县环保局"), names_a_body("加强组织领导")
    (True, False, False)
    """
    return len(cell) <= UNIT_CELL_MAX_CHARS and bool(ONLY_CJK.match(cell)) and cell.endswith(_body_suffixes())


def unnamed_unit_columns(header: list[str | None], body: list[list[str | None]], roles: dict[int, str]) -> dict[int, str]:
    """Columns under no header of their own (a header cell merged over two columns, 考核项目 over
    序号 and the body assessed) whose cells are bodies' names: the bodies each row is given to,
    so responsible units."""
    found: dict[int, str] = {}
    for column in range(len(header)):
        if column in roles or (header[column] or "").strip():
            continue
        cells = [row[column].replace("\n", "") for row in body if column < len(row) and (row[column] or "").strip()]
        if len(cells) >= UNIT_COLUMN_MIN_CELLS and sum(map(names_a_body, cells)) >= UNIT_COLUMN_MIN_SHARE * len(cells):
            found[column] = "responsible"
    return found
