"""The database: notices, items, units, deadlines and amounts as tables (SQLAlchemy Core).

One code path for SQLite (``tasks.sqlite``, the default) and PostgreSQL
(``postgresql://user@host/db``).  Rows are keyed by the stable ids (``text/ids.py``) and a
notice is stored in one transaction that first removes what an earlier run stored for it, so a
re-run leaves the same rows.  Two versions of a notice are two notices; their unchanged items
share an item id, which is how a tracker follows a task across revisions.

    store(notices, "tasks.sqlite")               # the library function
    sink = open_database("postgresql://…")       # a Sink, for records as they finish
"""
from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

import sqlalchemy as sa

from .tables import AMOUNTS, DEADLINES, INPUTS, ITEMS, METADATA, NOTICES, UNIT_TASKS_VIEW, UNITS

if TYPE_CHECKING:
    from ..models import Amount, Deadline, Item, Notice, Unit

ROLES = ("lead", "responsible", "cooperating")
# psycopg (v3) is the driver we install; a bare postgresql:// would ask SQLAlchemy for psycopg2
POSTGRES_SCHEMES = ("postgresql://", "postgres://")
POSTGRES_DRIVER = "postgresql+psycopg://"


def database_url(target: str) -> str:
    """A SQLAlchemy URL for ``--db``: a URL as given (postgresql:// through psycopg 3), else a
    path to an SQLite file.

    >>> database_url("postgresql://me@db/tasks")
    'postgresql+psycopg://me@db/tasks'
    >>> database_url("/data/tasks.sqlite")
    'sqlite:////data/tasks.sqlite'
    """
    for scheme in POSTGRES_SCHEMES:
        if target.startswith(scheme):
            return POSTGRES_DRIVER + target[len(scheme):]
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser().absolute()}"


def connect(target: str) -> sa.Engine:
    """An engine on ``target`` with the tables (and the ``unit_tasks`` view) created if missing."""
    engine = sa.create_engine(database_url(target))
    with engine.begin() as conn:
        METADATA.create_all(conn)
        if "unit_tasks" not in sa.inspect(conn).get_view_names():
            conn.execute(sa.text(UNIT_TASKS_VIEW))
    return engine


def _date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _flags(flags: list[str]) -> str | None:
    return ",".join(flags) or None


def _row_id(notice_id: str, item_id: str | None, kind: str, position: int) -> str:
    return f"{notice_id}:{item_id or 'document'}:{kind}:{position}"


def _unit_rows(notice_id: str, item_id: str | None, role: str, units: list[Unit]) -> list[dict]:
    return [{"id": _row_id(notice_id, item_id, role, k), "notice_id": notice_id, "item_id": item_id, "role": role,
             "position": k, "name": u.name, "canonical": u.canonical, "level": u.level, "collective": u.collective,
             "assigned_by": u.source or None, "flags": _flags(u.flags), "start_offset": u.start, "end_offset": u.end}
            for k, u in enumerate(units)]


def _deadline_rows(notice_id: str, item_id: str | None, deadlines: list[Deadline]) -> list[dict]:
    return [{"id": _row_id(notice_id, item_id, "deadline", k), "notice_id": notice_id, "item_id": item_id,
             "position": k, "text": d.text, "kind": d.kind, "due_date": _date(d.date), "year_source": d.year_source,
             "event": d.event, "count": d.count, "unit": d.unit, "working_days": d.working_days, "period": d.period,
             "flags": _flags(d.flags), "start_offset": d.start, "end_offset": d.end}
            for k, d in enumerate(deadlines)]


def _amount_rows(notice_id: str, item_id: str | None, amounts: list[Amount]) -> list[dict]:
    return [{"id": _row_id(notice_id, item_id, "amount", k), "notice_id": notice_id, "item_id": item_id,
             "position": k, "text": a.text, "amount_min": a.min, "amount_max": a.max,
             "min_inclusive": a.min_inclusive, "max_inclusive": a.max_inclusive, "currency": a.currency,
             "per": a.per, "subject": a.subject, "flags": _flags(a.flags), "start_offset": a.start, "end_offset": a.end}
            for k, a in enumerate(amounts)]


def _item_key(position: int, item: Item) -> str:
    """The item's stable id (a record written before ids existed falls back to its position)."""
    return item.id or f"position-{position}"


def _item_row(notice_id: str, position: int, item: Item) -> dict:
    return {"notice_id": notice_id, "id": _item_key(position, item), "position": position, "part": item.part,
            "path": ".".join(map(str, item.path)), "label": item.label, "heading": item.heading, "text": item.text,
            "start_offset": item.start, "end_offset": item.end}


def notice_rows(notice: Notice) -> dict[sa.Table, list[dict]]:
    """The rows a notice is stored as, table by table (no rows but its input's when it failed)."""
    source = notice.source or notice.file
    stored = bool(notice.id and notice.body.strip())
    rows: dict[sa.Table, list[dict]] = {INPUTS: [{
        "source": source, "file": notice.file, "sha256": notice.sha256, "status": notice.status,
        "error": notice.error, "format": notice.format, "encoding": notice.encoding,
        "notice_id": notice.id if stored else None, "warnings": "\n".join(notice.warnings) or None}]}
    if not stored:
        return rows
    nid = notice.id
    rows[NOTICES] = [{"id": nid, "title": notice.title, "issuer": notice.issuer, "doc_number": notice.doc_number,
                      "date": _date(notice.date), "published": _date(notice.published), "file": notice.file,
                      "source": source, "sha256": notice.sha256, "body": notice.body}]
    rows[ITEMS] = [_item_row(nid, k, item) for k, item in enumerate(notice.items)]
    rows[UNITS] = _unit_rows(nid, None, "recipient", notice.recipients)
    rows[DEADLINES] = _deadline_rows(nid, None, notice.deadlines)
    rows[AMOUNTS] = _amount_rows(nid, None, notice.amounts)
    for position, item in enumerate(notice.items):
        key = _item_key(position, item)
        for role in ROLES:
            rows[UNITS] += _unit_rows(nid, key, role, getattr(item, f"{role}_units"))
        rows[DEADLINES] += _deadline_rows(nid, key, item.deadlines)
        rows[AMOUNTS] += _amount_rows(nid, key, item.amounts)
    return rows


# PostgreSQL text cannot hold NUL; U+FFFD has the same length, so offsets stay true.
NUL, NUL_STAND_IN = "\x00", "\ufffd"


def _storable(row: dict) -> dict:
    return {k: v.replace(NUL, NUL_STAND_IN) if isinstance(v, str) else v for k, v in row.items()}


def store_notice(conn: sa.Connection, notice: Notice) -> None:
    """Replace what is stored for this notice and its input (inside the caller's transaction)."""
    rows = {table: [_storable(r) for r in table_rows] for table, table_rows in notice_rows(notice).items()}
    source = rows[INPUTS][0]["source"]
    conn.execute(sa.delete(INPUTS).where(INPUTS.c.source == source))
    if NOTICES in rows:
        nid = notice.id
        for table in (UNITS, DEADLINES, AMOUNTS, ITEMS):  # children before parents
            conn.execute(sa.delete(table).where(table.c.notice_id == nid))
        conn.execute(sa.delete(NOTICES).where(NOTICES.c.id == nid))
    for table in (NOTICES, ITEMS, UNITS, DEADLINES, AMOUNTS, INPUTS):  # parents before children
        if rows.get(table):
            conn.execute(sa.insert(table), rows[table])


class DatabaseSink:
    """A Sink: each notice is stored in its own transaction as it arrives."""

    def __init__(self, target: str) -> None:
        self.engine = connect(target)

    def write(self, notice: Notice) -> None:
        with self.engine.begin() as conn:
            store_notice(conn, notice)

    def close(self) -> None:
        self.engine.dispose()


def open_database(target: str) -> DatabaseSink:
    """The sink behind ``--db``: a path to an SQLite file or a database URL."""
    return DatabaseSink(target)


def store(notices: Iterable[Notice], target: str) -> int:
    """Store ``notices`` in the database at ``target``; returns how many were stored."""
    sink = open_database(target)
    n = 0
    try:
        for notice in notices:
            sink.write(notice)
            n += 1
    finally:
        sink.close()
    return n
