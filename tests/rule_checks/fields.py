"""fields.toml: a label gives its value its role — units in a field, a deadline in a field, a
column of a task table."""
from datetime import date

from docextract.extract.deadlines import extract_deadlines
from docextract.extract.units import extract_assignments
from docextract.load.tables import render_table
from docextract.rules.fields import field_roles

REFERENCE = date(2024, 1, 1)


def field_role(label, text):
    role = field_roles()[label]
    if role in ("lead", "responsible", "cooperating"):
        units = getattr(extract_assignments(text), role)
        return any(u.source == label for u in units)
    if role == "deadline":
        return any(d.kind == "by" and d.date for d in extract_deadlines(text, REFERENCE))
    rows = [line.split("|") for line in text.split("\n")]
    header, row = rows[0], rows[1]
    table = render_table(rows).table   # a task table whose column has the role, its cell in the row
    column = header.index(label)
    return table.is_task and table.columns[column].role == role \
        and any(table.role(c) == role and c.text == row[column] for c in table.rows[0].cells)


CHECKS = {"fields": field_role}
