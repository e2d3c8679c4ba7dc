"""iCalendar (.ics): one all-day event per dated deadline of a task and per unit assigned to it.

A deadline without a date (relative, recurring, open) has no place in a calendar and is left
out.  Event UIDs are stable ids (the item's id, the deadline and the unit), so a calendar
re-imported after a re-run or a revision updates its events instead of doubling them.  The
calendar is streamed: its head on the first notice, events as notices arrive, its end on close.
"""
from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, BinaryIO

from ..text.ids import normalized, value_id
from .ledger import unit_label

if TYPE_CHECKING:
    from ..models import Deadline, Item, Notice, Unit

CALENDAR_HEAD = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//docextract//task deadlines//ZH\r\n"
                 "CALSCALE:GREGORIAN\r\nX-WR-CALNAME:docextract\r\n")
CALENDAR_END = "END:VCALENDAR\r\n"
UID_DOMAIN = "docextract"
ROLE_WORDS = {"lead": "牵头", "responsible": "责任", "cooperating": "配合"}
SUMMARY_TASK_CHARS = 40


def assigned_units(item: Item) -> list[tuple[Unit, str]]:
    """The item's units with their roles, each unit once (its first role)."""
    seen: dict[str, tuple[Unit, str]] = {}
    for role in ROLE_WORDS:
        for unit in getattr(item, f"{role}_units"):
            seen.setdefault(unit_label(unit), (unit, role))
    return list(seen.values())


def task_name(item: Item | None) -> str:
    if item is None:
        return "(document)"
    text = item.heading or item.text.strip()
    return text if len(text) <= SUMMARY_TASK_CHARS else text[:SUMMARY_TASK_CHARS] + "…"


def deadline_events(notice: Notice, stamp: datetime.datetime):
    """The notice's events (``icalendar.Event``), in the order of its items."""
    from icalendar import Event

    tasks: list[tuple[Item | None, list[Deadline]]] = [(item, item.deadlines) for item in notice.items]
    tasks.append((None, notice.deadlines))
    seen: set[str] = set()  # one deadline written twice in an item is one event
    for item, deadlines in tasks:
        owners = assigned_units(item) if item else []
        for deadline in deadlines:
            if not deadline.date:
                continue
            due = datetime.date.fromisoformat(deadline.date)
            for unit, role in owners or [(None, None)]:
                who = unit_label(unit) if unit else ""
                anchor = item.id if item and item.id else f"{notice.id}:document"
                uid = f"{value_id('event', anchor, deadline.date, normalized(deadline.text), who)}@{UID_DOMAIN}"
                if uid in seen:
                    continue
                seen.add(uid)
                event = Event()
                event.add("uid", uid)
                event.add("dtstamp", stamp)
                event.add("dtstart", due)
                event.add("dtend", due + datetime.timedelta(days=1))
                event.add("summary", (f"{who}（{ROLE_WORDS[role]}）：" if unit else "") + task_name(item))
                event.add("description", _description(notice, item, deadline, unit, role))
                if unit:
                    event.add("categories", [ROLE_WORDS[role]])
                yield event


def _description(notice: Notice, item: Item | None, deadline: Deadline, unit: Unit | None, role: str | None) -> str:
    lines = [f"期限：{deadline.text}（{deadline.date}）"]
    if unit:
        lines.append(f"{ROLE_WORDS[role]}单位：{unit_label(unit)}")
    if item:
        lines.append(f"任务 {'.'.join(map(str, item.path))} {item.label}{item.text.strip()}")
    lines.append(f"通知：{notice.title or ''} {notice.doc_number or ''}".rstrip())
    lines.append(f"来源：{notice.source or notice.file}")
    return "\n".join(lines)


class CalendarSink:
    """Writes the calendar head once, each notice's events as it arrives, the end on close."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.started = False
        self.stamp = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)

    def _start(self) -> None:
        if not self.started:
            self.stream.write(CALENDAR_HEAD.encode("utf-8"))
            self.started = True

    def write(self, notice: Notice) -> None:
        self._start()
        for event in deadline_events(notice, self.stamp):
            self.stream.write(event.to_ical())
        self.stream.flush()

    def close(self) -> None:
        self._start()
        self.stream.write(CALENDAR_END.encode("utf-8"))
        self.stream.flush()
