"""A notice body as HTML with its values marked where they stand (their evidence offsets).

Spans may nest (a unit inside an item) and may even cross; crossing spans are closed and
reopened at the boundary, so the HTML stays well formed and every character of a value is
inside a mark with its ``data-ref``.
"""
from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A highlighted stretch of the body: ``tag`` with ``attrs``; ``anchor`` is the HTML id its
    first piece carries (a link target)."""

    start: int
    end: int
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    anchor: str | None = None


def _open(span: Span, first: bool) -> str:
    attrs = dict(span.attrs)
    if first and span.anchor:
        attrs["id"] = span.anchor
    if not first:
        attrs["data-continued"] = "true"
    rendered = "".join(f' {k}="{html.escape(v, quote=True)}"' for k, v in attrs.items())
    return f"<{span.tag}{rendered}>"


def marked_body(body: str, spans: list[Span]) -> str:
    """``body`` as escaped HTML with ``spans`` wrapped around their text.

    >>> marked_body("a<b>c", [Span(1, 4, "mark", {"class": "v"})])
    'a<mark class="v">&lt;b&gt;</mark>c'
    >>> marked_body("abcd", [Span(0, 2, "i"), Span(1, 3, "b")])
    '<i>a<b>b</b></i><b data-continued="true">c</b>d'
    """
    valid = [s for s in spans if 0 <= s.start < s.end <= len(body)]
    opening: dict[int, list[Span]] = defaultdict(list)
    for span in sorted(valid, key=lambda s: (s.start, -s.end)):
        opening[span.start].append(span)
    boundaries = sorted({0, len(body)} | {s.start for s in valid} | {s.end for s in valid})
    out: list[str] = []
    stack: list[Span] = []
    position = 0
    for boundary in boundaries:
        out.append(html.escape(body[position:boundary], quote=False))
        position = boundary
        ending = [k for k, s in enumerate(stack) if s.end == boundary]
        if ending:
            # close everything down to the outermost span that ends here, reopen the rest
            above = stack[ending[0]:]
            out.extend(f"</{s.tag}>" for s in reversed(above))
            del stack[ending[0]:]
            for span in above:
                if span.end != boundary:
                    stack.append(span)
                    out.append(_open(span, first=False))
        for span in opening.get(boundary, ()):
            stack.append(span)
            out.append(_open(span, first=True))
    return "".join(out)
