"""Stable identifiers for notices and their items.

A tracker must recognise a task again: on a re-run, and in a revised notice whose other items
changed.  So an item's id hashes what identifies the notice across revisions (its 文号, else its
title) with the item's own normalized text, never its position (inserting an item would
renumber every later path).  A notice's id hashes its whole normalized body.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

ID_HEX_CHARS = 16   # 64 bits: no collision among billions of items
SPACE = re.compile(r"\s+")


def normalized(text: str) -> str:
    """NFKC with all white space removed: what survives re-typesetting and re-wrapping.

    >>> normalized("一、 加强 领导\\n（一）")
    '一、加强领导(一)'
    """
    return SPACE.sub("", unicodedata.normalize("NFKC", text or ""))


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:ID_HEX_CHARS]


def value_id(kind: str, *parts: str) -> str:
    """A stable id for anything else a tracker keeps (a calendar event, a database row), from
    the parts that name it.

    >>> value_id("event", "a", "b") == value_id("event", "a", "b") != value_id("event", "ab")
    True
    """
    return _digest(kind, *parts)


def notice_id(body: str) -> str:
    """The id of a notice's content.

    >>> notice_id("关于做好工作的通知") == notice_id("关于做好 工作的通知\\n")
    True
    """
    return _digest("notice", normalized(body))


def notice_key(doc_number: str | None, title: str | None, body: str) -> str:
    """What names a notice across its revisions: the 文号, else the title, else the content."""
    for value in (doc_number, title):
        if value and normalized(value):
            return normalized(value)
    return notice_id(body)


def item_id(key: str, item_text: str) -> str:
    """The id of an item: its notice's key and its own normalized text.

    >>> item_id("国发〔2021〕7号", "加强领导。") == item_id("国发〔2021〕7号", "加强 领导。")
    True
    """
    return _digest("item", key, normalized(item_text))
