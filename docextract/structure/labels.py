"""Numbering labels (一、 （一） 1. （1） ⑴ ① ㈠ 第X章/节/条) and the stack that decides nesting.

Nesting is decided with a stack of label styles: a style already on the stack starts a sibling,
a new style starts a child.  A label is accepted only when its number continues the sequence
(1, or one more than the previous sibling, or one more than the last label of that style
anywhere — notices often number 1. 2. 3. straight across 一、/二、 sections); otherwise it is
ordinary text (a line that happens to start with 2020. or 3、)."""
from __future__ import annotations

from dataclasses import dataclass

from ..text.numerals import label_number
from .rules import Style, rules



@dataclass(frozen=True)
class Label:
    style: Style
    number: int
    text: str   # the label as written, trailing space excluded
    end: int    # offset in the line after the label (and its spaces)


def match_label(line: str) -> Label | None:
    """The numbering label at the start of a line, if any.

    >>> match_label("（三）及时抓好春耕生产").text, match_label("1﹒切实抓好产业发展").number
    ('（三）', 1)
    >>> match_label("2020年是决胜之年") is None, match_label("1.5万元以下") is None
    (True, True)
    """
    r = rules()
    for style in r.styles:
        m = style.pattern.match(line)
        if not m:
            continue
        rest = line[m.end():]
        if not rest or not r.label_followed_by.match(rest):
            continue
        number = label_number(m.group("num"))
        if number is None or number == 0:
            continue
        return Label(style, number, line[:m.end()].rstrip(), m.end())
    return None


# A sibling may skip this many numbers (a typo, an item cut from a copy) and still count, when
# it is written in exactly the same style as the previous one.
MAX_SKIPPED = 2


class Numbering:
    """The stack of open label styles within one part."""

    def __init__(self) -> None:
        self.stack: list[tuple[Style, int, tuple[int, ...]]] = []   # (style, number, path)
        self.last_number: dict[int, int] = {}                       # rank → last number seen

    def accept(self, label: Label) -> tuple[int, ...] | None:
        """The path of the label if it continues the numbering, else None."""
        rank = label.style.rank
        for depth, (style, number, path) in enumerate(self.stack):
            if style.rank == rank:
                skipped = style.name == label.style.name and number < label.number <= number + 1 + MAX_SKIPPED
                if label.number == number + 1 or label.number == self.last_number.get(rank, 0) + 1 or skipped:
                    new_path = path[:-1] + (label.number,)
                    del self.stack[depth:]
                    return self._push(label, new_path)
                if label.number == 1 and depth == len(self.stack) - 1 and style.name != label.style.name:
                    break  # a variant style restarting at 1 under the same parent: treat as child
                return None
        # a new, deeper level: close levels that rank at or below it
        while self.stack and self.stack[-1][0].rank >= rank:
            self.stack.pop()
        if label.number not in (1, self.last_number.get(rank, 0) + 1):
            return None
        parent = self.stack[-1][2] if self.stack else ()
        return self._push(label, parent + (label.number,))

    def _push(self, label: Label, path: tuple[int, ...]) -> tuple[int, ...]:
        self.stack.append((label.style, label.number, path))
        self.last_number[label.style.rank] = label.number
        return path
