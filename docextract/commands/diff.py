"""``docextract diff OLD NEW``: tasks added, removed and changed between two versions of a notice.

OLD and NEW are notice files (extracted first) or docextract JSON records.  Exit status, as
diff(1): 0 no task differs, 1 some do, 2 an input could not be read.
"""
from __future__ import annotations

import argparse
import json

from .common import error


def add_parser(subparsers) -> None:
    df = subparsers.add_parser("diff", help="tasks added, removed and changed between two versions of a notice",
                               description="Compare two versions of a notice (files or JSON records) item by item. "
                               "Items are matched by their text, so an inserted item is one addition.")
    df.add_argument("old", metavar="OLD", help="the earlier version: a notice file or a JSON record")
    df.add_argument("new", metavar="NEW", help="the later version")
    df.add_argument("--json", action="store_true", help="print the differences as JSON")
    df.set_defaults(run=run)


def _path(item) -> str:
    return ".".join(map(str, item.path))


def _summary(item) -> str:
    text = (item.heading or item.text).strip()
    return text if len(text) <= 60 else text[:60] + "…"


def format_diff(diff) -> str:
    from ..review.diff import text_change

    lines = [f"--- {diff.old.source or diff.old.file}  {diff.old.title or ''} {diff.old.doc_number or ''}".rstrip(),
             f"+++ {diff.new.source or diff.new.file}  {diff.new.title or ''} {diff.new.doc_number or ''}".rstrip()]
    for change in diff.changes:
        if change.kind == "added":
            lines.append(f"+ added    {_path(change.new):8} {change.new.id}  {_summary(change.new)}")
        elif change.kind == "removed":
            lines.append(f"- removed  {_path(change.old):8} {change.old.id}  {_summary(change.old)}")
        else:
            where = _path(change.new) if change.old.path == change.new.path else f"{_path(change.old)}→{_path(change.new)}"
            lines.append(f"~ changed  {where:8} {change.new.id}  {_summary(change.new)}")
            for name, (old, new) in change.fields.items():
                shown = text_change(old, new) if name == "text" else f"{old or '∅'} → {new or '∅'}"
                lines.append(f"    {name}: {shown}")
    counts = {kind: len(diff.of_kind(kind)) for kind in ("added", "removed", "changed")}
    lines.append(", ".join(f"{n} {kind}" for kind, n in counts.items()) + f", {diff.unchanged} unchanged")
    return "\n".join(lines)


def diff_as_json(diff) -> dict:
    def ref(item):
        return None if item is None else {"id": item.id, "path": item.path, "label": item.label, "text": item.text}

    def side(notice):
        return {"source": notice.source or notice.file, "id": notice.id, "title": notice.title,
                "doc_number": notice.doc_number}

    return {"old": side(diff.old), "new": side(diff.new), "unchanged": diff.unchanged,
            "changes": [{"kind": c.kind, "old": ref(c.old), "new": ref(c.new),
                         "fields": {k: {"old": a, "new": b} for k, (a, b) in c.fields.items()}}
                        for c in diff.changes]}


def run(args: argparse.Namespace) -> int:
    from ..review.diff import diff_notices
    from .inputs import InputError, read_notices

    try:
        sides = [read_notices([path]) for path in (args.old, args.new)]
    except InputError as exc:
        error(str(exc))
        return 2
    for path, notices in zip((args.old, args.new), sides):
        if len(notices) != 1 or notices[0].status not in ("ok", "partial"):
            reason = f"{len(notices)} records" if len(notices) != 1 else notices[0].error or notices[0].status
            error(f"{path}: not one readable notice ({reason})")
            return 2
    diff = diff_notices(sides[0][0], sides[1][0])
    if args.json:
        print(json.dumps(diff_as_json(diff), ensure_ascii=False, indent=1))
    else:
        print(format_diff(diff))
    return 1 if diff.changes else 0
