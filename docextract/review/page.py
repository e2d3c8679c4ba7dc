"""The review page: one static HTML file a person checks extraction with.

For each notice: its metadata, a task table (units, deadlines, amounts, review flags) and its
body with every value marked where it stands (``<mark data-ref=…>``, linked from the table);
then a per-unit view (unit → its tasks, next due date) over all notices, and the inputs that
failed.  No script and nothing fetched: the page works offline and from a file.
"""
from __future__ import annotations

import datetime
import html
from typing import TYPE_CHECKING

from ..export.ledger import bounds_text, unit_label
from .marks import Span, marked_body
from .units import ROLES, tasks_by_unit

if TYPE_CHECKING:
    from ..models import Amount, Deadline, Item, Notice, Unit

ROLE_WORDS = {"lead": "牵头", "responsible": "责任", "cooperating": "配合", "recipient": "主送"}
META_FIELDS = {"title": "标题", "issuer": "发文机关", "doc_number": "文号", "date": "成文日期", "published": "发布日期"}
OK_STATUSES = ("ok", "partial")
STYLE = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em}h2{font-size:1.2em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0;font-size:.9em}td,th{border:1px solid #ddd;padding:.25em .4em;
vertical-align:top;text-align:left}th{background:#f4f4f4}.id{font-family:monospace;color:#888;font-size:.85em}
.body{white-space:pre-wrap;line-height:1.7;border:1px solid #ddd;padding:1em;background:#fcfcfc;max-width:60em}
mark{padding:0 .1em;border-radius:.2em}mark.lead{background:#ffc27a}mark.responsible{background:#ffe97a}
mark.cooperating{background:#c8f0b0}mark.recipient{background:#e6e6e6}mark.deadline{background:#a9d8ff}
mark.amount{background:#ffb3c8}mark.meta{background:#e8e0ff}mark.flagged{outline:2px dashed #d00}
.item:target{background:#fff6d6}.flag{display:inline-block;background:#d00;color:#fff;border-radius:.3em;
font-size:.75em;padding:0 .35em;margin:0 .15em}.status{font-weight:bold}.failed{color:#b00}
.legend mark{margin-right:.5em}dl{display:grid;grid-template-columns:max-content auto;gap:.1em 1em}dt{color:#666}
"""


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _flags(flags: list[str]) -> str:
    return "".join(f'<span class="flag">{_e(f)}</span>' for f in flags)


class _Refs:
    """The HTML ids of a notice's values, so the task table links to the body."""

    def __init__(self, n: int) -> None:
        self.n, self.ids = n, {}

    def of(self, value: object) -> str:
        return self.ids.setdefault(id(value), f"v{self.n}-{len(self.ids)}")


def _value_span(value: Unit | Deadline | Amount, kind: str, ref: str, title: str, extra: str = "") -> Span:
    classes = " ".join(filter(None, ["v", kind, extra, "flagged" if value.flags else ""]))
    attrs = {"class": classes, "data-ref": ref, "data-kind": kind, "title": title}
    if value.flags:
        attrs["data-flags"] = " ".join(value.flags)
    return Span(value.start, value.end, "mark", attrs, anchor=ref)


def _unit_title(unit: Unit, role: str) -> str:
    parts = [f"{ROLE_WORDS[role]}单位", unit_label(unit)]
    parts += [unit.level or "", "集合" if unit.collective else "", " ".join(unit.flags)]
    return " · ".join(p for p in parts if p)


def _deadline_title(d: Deadline) -> str:
    parts = [d.kind, d.date or "", d.event or "", f"{d.count:g} {d.unit}" if d.count is not None and d.unit else "",
             d.period or "", " ".join(d.flags)]
    return " · ".join(p for p in parts if p)


def _amount_title(a: Amount) -> str:
    return " · ".join(p for p in (bounds_text(a), a.subject or "", " ".join(a.flags)) if p)


def notice_spans(notice: Notice, refs: _Refs, n: int) -> list[Span]:
    """Every value of the notice (and its items) as a span of its body."""
    spans = [Span(ev.start, ev.end, "mark", {"class": "v meta", "data-ref": refs.of(ev), "data-kind": "meta",
                                              "title": META_FIELDS.get(name, name)}, anchor=refs.of(ev))
             for name, ev in notice.evidence.items()]
    spans += [_value_span(u, "unit", refs.of(u), _unit_title(u, "recipient"), "recipient") for u in notice.recipients]
    owners: list[Item | None] = [*notice.items, None]
    for k, item in enumerate(owners):
        if item is not None:
            spans.append(Span(item.start, item.end, "span", {"class": "item", "data-item": item.id or ""},
                              anchor=f"i{n}-{k}"))
            for role in ROLES:
                spans += [_value_span(u, "unit", refs.of(u), _unit_title(u, role), role)
                          for u in getattr(item, f"{role}_units")]
        for d in (item or notice).deadlines:
            spans.append(_value_span(d, "deadline", refs.of(d), _deadline_title(d)))
        for a in (item or notice).amounts:
            spans.append(_value_span(a, "amount", refs.of(a), _amount_title(a)))
    return spans


def _links(values: list, refs: _Refs, text) -> str:
    return "<br>".join(f'<a href="#{refs.of(v)}">{_e(text(v))}</a>{_flags(v.flags)}' for v in values)


def _task_row(notice_index: int, k: int, item: Item | None, notice: Notice, refs: _Refs) -> str:
    owner = item or notice
    cells = [f'<a href="#i{notice_index}-{k}">{_e(".".join(map(str, item.path)))}</a>' if item else "",
             _e(item.label) if item else "", _e((item.heading or item.text[:40]) if item else "(document)"),
             f'<span class="id">{_e(item.id)}</span>' if item else ""]
    for role in ROLES:
        cells.append(_links(getattr(item, f"{role}_units") if item else [], refs, unit_label))
    cells.append(_links(owner.deadlines, refs, lambda d: f"{d.text}（{d.date or d.kind}）"))
    cells.append(_links(owner.amounts, refs, lambda a: f"{a.text}（{bounds_text(a)}）"))
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


TASK_HEADER = ("path", "label", "task", "item id", "牵头", "责任", "配合", "deadlines", "amounts")


def notice_section(n: int, notice: Notice) -> str:
    refs = _Refs(n)
    spans = notice_spans(notice, refs, n)
    meta = "".join(f"<dt>{_e(label)}</dt><dd>{_e(getattr(notice, name))}</dd>" for name, label in META_FIELDS.items()
                   if getattr(notice, name))
    meta += f"<dt>来源</dt><dd>{_e(notice.source or notice.file)}</dd><dt>notice id</dt><dd class=id>{_e(notice.id)}</dd>"
    meta += f"<dt>status</dt><dd class=status>{_e(notice.status)}</dd>"
    meta += "".join(f"<dt>warning</dt><dd>{_e(w)}</dd>" for w in notice.warnings)
    rows = [_task_row(n, k, item, notice, refs) for k, item in enumerate(notice.items)]
    if notice.deadlines or notice.amounts:
        rows.append(_task_row(n, len(notice.items), None, notice, refs))
    header = "".join(f"<th>{_e(h)}</th>" for h in TASK_HEADER)
    return (f'<section class="notice" id="n{n}" data-notice="{_e(notice.id)}"><h2>{_e(notice.title or notice.file)}</h2>'
            f"<dl>{meta}</dl><h3>Tasks ({len(notice.items)})</h3><table class=tasks><thead><tr>{header}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table><h3>Body</h3>"
            f'<div class="body">{marked_body(notice.body, spans)}</div></section>')


def units_section(notices: list[Notice], today: datetime.date) -> str:
    """A row per unit: its next due date, and its tasks folded in a ``<details>``."""
    rows = []
    for entry in tasks_by_unit(notices, today):
        due = entry.next_due(today)
        overdue = entry.overdue(today)
        tasks = "".join(
            f'<li class="unit-task">{_e(ROLE_WORDS[t.role])} <a href="#i{t.notice_index}-{t.item_index}">'
            f'{_e(".".join(map(str, t.item.path)))} {_e(t.item.heading or t.item.text[:40])}</a> '
            f'{_e(t.due.isoformat() if t.due else "")} <span class=id>{_e(notices[t.notice_index].title or "")}</span>'
            f"{_flags(t.unit.flags)}</li>" for t in entry.tasks)
        rows.append(f'<tr class="unit" data-unit="{_e(entry.name)}"><td>{_e(entry.name)}{_flags(entry.flags)}</td>'
                    f'<td class="next-due">{_e(due.isoformat() if due else "—")}</td>'
                    f'<td class="overdue">{overdue or ""}</td><td><details><summary>{len(entry.tasks)} task{"s" if len(entry.tasks) != 1 else ""}</summary>'
                    f"<ul>{tasks}</ul></details></td></tr>")
    return (f'<section id="units"><h2>By unit</h2><table class="units"><thead><tr><th>unit</th>'
            f"<th>next due (from {today.isoformat()})</th><th>overdue</th><th>tasks</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></section>")


def failed_section(notices: list[Notice]) -> str:
    failed = [n for n in notices if n.status not in OK_STATUSES]
    if not failed:
        return ""
    rows = "".join(f'<tr class="failed"><td>{_e(n.source or n.file)}</td><td class=status>{_e(n.status)}</td>'
                   f"<td>{_e(n.error)}</td></tr>" for n in failed)
    return (f'<section id="failed"><h2>Inputs that failed ({len(failed)})</h2><table><thead><tr><th>source</th>'
            f"<th>status</th><th>error</th></tr></thead><tbody>{rows}</tbody></table></section>")


LEGEND = ('<p class="legend"><mark class="lead">牵头</mark><mark class="responsible">责任</mark>'
          '<mark class="cooperating">配合</mark><mark class="recipient">主送</mark><mark class="deadline">期限</mark>'
          '<mark class="amount">金额</mark><mark class="meta">元数据</mark><mark class="flagged">needs a look</mark></p>')


def render_report(notices: list[Notice], today: datetime.date | None = None) -> str:
    """The review page of ``notices`` as one HTML document; ``today`` dates the next-due column."""
    today = today or datetime.date.today()
    readable = [(k, n) for k, n in enumerate(notices) if n.status in OK_STATUSES]
    nav = "".join(f'<li><a href="#n{k}">{_e(n.title or n.file)}</a> <span class=id>{_e(n.source or n.file)}</span></li>'
                  for k, n in readable)
    summary = f"{len(notices)} inputs: {len(readable)} read, {len(notices) - len(readable)} failed"
    return ("<!DOCTYPE html>\n"
            f'<html lang="zh-CN"><head><meta charset="utf-8"><title>docextract review</title><style>{STYLE}</style>'
            f"</head><body><h1>docextract review</h1><p>{_e(summary)}</p>{LEGEND}<ul>{nav}</ul>"
            f"{units_section(notices, today)}{failed_section(notices)}"
            + "".join(notice_section(k, n) for k, n in readable) + "</body></html>\n")
