"""The per-unit view: every unit named in an assignment, its tasks and its next due date."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..export.ledger import unit_label

if TYPE_CHECKING:
    from ..models import Item, Notice, Unit

ROLES = ("lead", "responsible", "cooperating")


@dataclass(frozen=True)
class UnitTask:
    notice_index: int
    item_index: int
    item: Item
    role: str
    unit: Unit
    due: datetime.date | None  # the item's earliest dated deadline


@dataclass
class UnitTasks:
    name: str
    tasks: list[UnitTask] = field(default_factory=list)

    def next_due(self, today: datetime.date) -> datetime.date | None:
        """The earliest due date from ``today`` on; None when nothing is due any more."""
        upcoming = [t.due for t in self.tasks if t.due and t.due >= today]
        return min(upcoming) if upcoming else None

    def overdue(self, today: datetime.date) -> int:
        return sum(1 for t in self.tasks if t.due and t.due < today)

    @property
    def flags(self) -> list[str]:
        return list(dict.fromkeys(f for t in self.tasks for f in t.unit.flags))


def item_due(item: Item) -> datetime.date | None:
    dates = []
    for deadline in item.deadlines:
        if deadline.date:
            try:
                dates.append(datetime.date.fromisoformat(deadline.date))
            except ValueError:  # a malformed date in a hand-edited record: not a due date
                continue
    return min(dates) if dates else None


def tasks_by_unit(notices: list[Notice], today: datetime.date) -> list[UnitTasks]:
    """Units with their tasks, those with the soonest next due date first, then by name."""
    units: dict[str, UnitTasks] = {}
    for n, notice in enumerate(notices):
        for k, item in enumerate(notice.items):
            due = item_due(item)
            for role in ROLES:
                for unit in getattr(item, f"{role}_units"):
                    name = unit_label(unit)
                    units.setdefault(name, UnitTasks(name)).tasks.append(UnitTask(n, k, item, role, unit, due))
    for entry in units.values():
        entry.tasks.sort(key=lambda t: (t.due is None, t.due or datetime.date.max, t.notice_index, t.item_index))
    never = datetime.date.max
    return sorted(units.values(), key=lambda u: (u.next_due(today) or never, u.name))
