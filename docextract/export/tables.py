"""The database schema (README, "Database"): one table per kind of record, keyed by stable ids.

Offsets are ``start_offset``/``end_offset`` and bounds ``amount_min``/``amount_max`` (``end``
and ``min`` would need quoting in hand-written SQL); flags are comma-separated.
"""
from __future__ import annotations

import sqlalchemy as sa

METADATA = sa.MetaData()
ID = sa.String(64)


def _offsets() -> list[sa.Column]:
    return [sa.Column("start_offset", sa.Integer, nullable=False), sa.Column("end_offset", sa.Integer, nullable=False)]


def _owner() -> list:
    """The notice a value belongs to, and its item (NULL: outside every item, or a recipient)."""
    return [sa.Column("id", sa.String(160), primary_key=True),
            sa.Column("notice_id", ID, sa.ForeignKey("notices.id"), nullable=False, index=True),
            sa.Column("item_id", ID), sa.Column("position", sa.Integer, nullable=False),
            sa.ForeignKeyConstraint(["notice_id", "item_id"], ["items.notice_id", "items.id"])]


INPUTS = sa.Table(
    "inputs", METADATA,
    sa.Column("source", sa.Text, primary_key=True, comment="path relative to the argument it came from"),
    sa.Column("file", sa.Text, nullable=False), sa.Column("sha256", sa.String(64)),
    sa.Column("status", sa.String(16), nullable=False), sa.Column("error", sa.Text),
    sa.Column("format", sa.String(16)), sa.Column("encoding", sa.String(32)),
    sa.Column("notice_id", ID, sa.ForeignKey("notices.id"), comment="NULL when the input failed"),
    sa.Column("warnings", sa.Text),
)

NOTICES = sa.Table(
    "notices", METADATA,
    sa.Column("id", ID, primary_key=True, comment="from the normalized body"),
    sa.Column("title", sa.Text), sa.Column("issuer", sa.Text), sa.Column("doc_number", sa.Text),
    sa.Column("date", sa.Date), sa.Column("published", sa.Date),
    sa.Column("file", sa.Text), sa.Column("source", sa.Text), sa.Column("sha256", sa.String(64)),
    sa.Column("body", sa.Text, nullable=False, comment="the text every offset refers to"),
)

ITEMS = sa.Table(
    "items", METADATA,
    sa.Column("notice_id", ID, sa.ForeignKey("notices.id"), primary_key=True),
    sa.Column("id", ID, primary_key=True, comment="stable across runs and a revision's unchanged items"),
    sa.Column("position", sa.Integer, nullable=False), sa.Column("part", sa.Integer, nullable=False),
    sa.Column("path", sa.String(64), nullable=False, comment="4.10, as text"),
    sa.Column("label", sa.Text, nullable=False), sa.Column("heading", sa.Text), sa.Column("text", sa.Text, nullable=False),
    *_offsets(),
    sa.Index("ix_items_id", "id"),
)

UNITS = sa.Table(
    "units", METADATA, *_owner(),
    sa.Column("role", sa.String(16), nullable=False, comment="lead | responsible | cooperating | recipient"),
    sa.Column("name", sa.Text, nullable=False), sa.Column("canonical", sa.Text, index=True),
    sa.Column("level", sa.String(16)), sa.Column("collective", sa.Boolean, nullable=False),
    sa.Column("assigned_by", sa.Text), sa.Column("flags", sa.Text), *_offsets(),
)

DEADLINES = sa.Table(
    "deadlines", METADATA, *_owner(),
    sa.Column("text", sa.Text, nullable=False), sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("due_date", sa.Date, index=True), sa.Column("year_source", sa.String(16)),
    sa.Column("event", sa.Text), sa.Column("count", sa.Float), sa.Column("unit", sa.String(16)),
    sa.Column("working_days", sa.Boolean), sa.Column("period", sa.String(16)),
    sa.Column("flags", sa.Text), *_offsets(),
)

AMOUNTS = sa.Table(
    "amounts", METADATA, *_owner(),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("amount_min", sa.Float), sa.Column("amount_max", sa.Float),
    sa.Column("min_inclusive", sa.Boolean), sa.Column("max_inclusive", sa.Boolean),
    sa.Column("currency", sa.String(8), nullable=False), sa.Column("per", sa.Text), sa.Column("subject", sa.Text),
    sa.Column("flags", sa.Text), *_offsets(),
)

# Who does what by when: a row per unit and task, with the task's earliest dated deadline.
# Plain SQL that SQLite and PostgreSQL both run.
UNIT_TASKS_VIEW = """
CREATE VIEW unit_tasks AS
SELECT COALESCE(u.canonical, u.name) AS unit, u.role, u.notice_id, n.title AS notice_title,
       n.doc_number, i.id AS item_id, i.path, i.heading, i.text,
       (SELECT MIN(d.due_date) FROM deadlines d
         WHERE d.notice_id = u.notice_id AND d.item_id = u.item_id) AS due_date
FROM units u
JOIN items i ON i.notice_id = u.notice_id AND i.id = u.item_id
JOIN notices n ON n.id = u.notice_id
WHERE u.role <> 'recipient'
"""
