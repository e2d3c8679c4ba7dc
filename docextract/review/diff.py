"""Tasks added, removed and changed between two versions of a notice.

Items are matched by their normalized text, never by their path: an item inserted in the new
version is one addition, not a renumbering of every later item.  The sequences of item texts
are aligned first (``difflib``); what is left on both sides is paired again when the texts are
equal (a moved item) or similar enough (an edited item); the rest is added or removed.  A pair
whose text is equal but whose values differ (a deadline resolved to another year) is changed.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..export.ledger import bounds_text, unit_label
from ..text.ids import normalized

if TYPE_CHECKING:
    from ..models import Item, Notice

# Two item texts at least this similar (difflib ratio) are one item edited, not a swap.
SIMILAR_RATIO = 0.6
CONTEXT_CHARS = 10
ROLES = ("lead", "responsible", "cooperating")


@dataclass(frozen=True)
class Change:
    """One task that differs: ``old`` is None when added, ``new`` is None when removed."""

    old: Item | None
    new: Item | None
    fields: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return "added" if self.old is None else "removed" if self.new is None else "changed"


@dataclass(frozen=True)
class NoticeDiff:
    old: Notice
    new: Notice
    changes: list[Change]
    unchanged: int

    def of_kind(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]


def item_values(item: Item) -> dict[str, str]:
    """What a tracker follows of an item, as comparable text."""
    values = {"text": item.text, "heading": item.heading or ""}
    for role in ROLES:
        values[f"{role}_units"] = "；".join(unit_label(u) for u in getattr(item, f"{role}_units"))
    values["deadlines"] = "；".join(f"{d.text}（{d.date or d.kind}）" for d in item.deadlines)
    values["amounts"] = "；".join(f"{a.text}（{bounds_text(a)}）" for a in item.amounts)
    return values


def text_change(old: str, new: str) -> str:
    """The edit between two texts, in context: ``…补助不超过[-5-]{+8+}万元…``.

    >>> text_change("每户补助不超过5万元", "每户补助不超过8万元")
    '每户补助不超过[-5-]{+8+}万元'
    """
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    ops = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if not ops:
        return new
    i1, j1 = ops[0][1], ops[0][3]
    i2, j2 = ops[-1][2], ops[-1][4]
    out = ["…" if i1 > CONTEXT_CHARS else "", old[max(0, i1 - CONTEXT_CHARS):i1]]
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if a2 <= i1 and b2 <= j1 or a1 >= i2 and b1 >= j2:
            continue
        if tag == "equal":
            out.append(old[a1:a2])
            continue
        if a2 > a1:
            out.append(f"[-{old[a1:a2]}-]")
        if b2 > b1:
            out.append(f"{{+{new[b1:b2]}+}}")
    out += [old[i2:i2 + CONTEXT_CHARS], "…" if len(old) - i2 > CONTEXT_CHARS else ""]
    return "".join(out)


def _compare(old: Item, new: Item) -> Change | None:
    a, b = item_values(old), item_values(new)
    fields = {k: (a[k], b[k]) for k in a if a[k] != b[k]}
    return Change(old, new, fields) if fields else None


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def diff_notices(old: Notice, new: Notice) -> NoticeDiff:
    """The tasks added, removed and changed from ``old`` to ``new``."""
    old_keys = [normalized(i.text) for i in old.items]
    new_keys = [normalized(i.text) for i in new.items]
    pairs: list[tuple[int, int]] = []
    left_old, left_new = [], []
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += zip(range(i1, i2), range(j1, j2))
        else:
            left_old += range(i1, i2)
            left_new += range(j1, j2)
    # moved items (equal text elsewhere), then edited ones (similar text), most similar first
    for i in list(left_old):
        j = next((j for j in left_new if new_keys[j] == old_keys[i]), None)
        if j is not None:
            pairs.append((i, j))
            left_old.remove(i)
            left_new.remove(j)
    candidates = sorted(((_similarity(old_keys[i], new_keys[j]), i, j) for i in left_old for j in left_new),
                        key=lambda c: (-c[0], c[1], c[2]))
    for ratio, i, j in candidates:
        if ratio >= SIMILAR_RATIO and i in left_old and j in left_new:
            pairs.append((i, j))
            left_old.remove(i)
            left_new.remove(j)
    changes = [c for i, j in pairs if (c := _compare(old.items[i], new.items[j]))]
    changes += [Change(old.items[i], None) for i in left_old]
    changes += [Change(None, new.items[j]) for j in left_new]
    return NoticeDiff(old, new, _in_order(changes, new), len(pairs) - sum(c.kind == "changed" for c in changes))


def _in_order(changes: list[Change], new: Notice) -> list[Change]:
    """Removed items first (in their old order), then added and changed ones in the new order."""
    position = {id(item): k for k, item in enumerate(new.items)}

    def key(change: Change) -> tuple[float, int]:
        if change.new is not None:
            return position[id(change.new)], 1
        return -0.5, change.old.start  # removed items first, in their old order

    return sorted(changes, key=key)
