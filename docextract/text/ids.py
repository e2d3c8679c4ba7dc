"""Stable identifiers for notices and their items.

A tracker must recognise a task again: on a re-run, and in a revised notice whose other items
changed.  So an item's id hashes what identifies the notice across revisions (its ``notice_key``)
with the item's own normalized text, never its position (inserting an item would renumber every
later path).  A notice's id hashes its whole normalized body.

The key is the title without its revision mark (（修订）, （2023年修订）, （试行）…): a revised
notice is issued under a new 文号 but keeps its title, while two notices that merely share a title
differ in their items' text anyway.  A notice without a usable title is keyed by its 文号.
"""
from __future__ import annotations

import hashlib
import re

ID_HEX_CHARS = 16   # 64 bits: no collision among billions of items
# Marks that a later version of one notice adds to or changes in its title.
REVISION_MARK = re.compile(r"""
    [（(]
    (?:\d{4}年)?(?:第[一二三四五六七八九十\d]+次)?
    (?:修订|修正|修改|试行|暂行|征求意见|送审|草案|讨论)[稿版本]?
    (?:稿|版|本)?
    [）)]
    """, re.VERBOSE)
# A title shorter than this (通知) names no notice in particular.
MIN_TITLE_CHARS = 6


def normalized(text: str) -> str:
    """The text with all white space removed: what survives re-typesetting and re-wrapping.
    (Bodies are width-folded by the normalize stage already; a full NFKC pass here would cost a
    fifth of the whole extraction.)

    >>> normalized("一、 加强 领导\\n（一）")
    '一、加强领导（一）'
    """
    return "".join((text or "").split())


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


def notice_key(doc_number: str | None, title: str | None, content_id: str) -> str:
    """What names a notice across its revisions: its title without a revision mark, else its
    文号, else its content (``content_id``, the notice's ``notice_id``: the caller has it
    already, so the body is not hashed twice).

    >>> notice_key("县农〔2022〕1号", "关于印发补助办法（2022年修订）的通知", "")
    '关于印发补助办法的通知'
    >>> notice_key("县农〔2021〕3号", "关于印发补助办法(试行)的通知", "")
    '关于印发补助办法的通知'
    >>> notice_key("县农〔2021〕3号", "通知", "")
    '县农〔2021〕3号'
    >>> notice_key(None, "通知", notice_id("正文")) == notice_id("正文")
    True
    """
    key = REVISION_MARK.sub("", normalized(title or ""))
    if len(key) >= MIN_TITLE_CHARS:
        return key
    if doc_number and normalized(doc_number):
        return normalized(doc_number)
    return content_id


def item_id(key: str, item_text: str) -> str:
    """The id of an item: its notice's key and its own normalized text.

    >>> item_id("国发〔2021〕7号", "加强领导。") == item_id("国发〔2021〕7号", "加强 领导。")
    True
    """
    return _digest("item", key, normalized(item_text))


def item_ids(key: str, item_texts: list[str]) -> list[str]:
    """``[item_id(key, text) for text in item_texts]``, for a notice's items at once: the hash of
    the shared prefix ("item", the key) is taken once and copied for each item (SHA-256 of a
    prefix continued by ``update`` is the SHA-256 of the whole).  The extract stage uses
    ``NormalizedBody``, which also shares the normalizing with the notice's id.

    >>> ids = item_ids("国发〔2021〕7号", ["加强 领导。", "", "略"])
    >>> ids == [item_id("国发〔2021〕7号", t) for t in ["加强 领导。", "", "略"]]
    True
    """
    return _item_digests(key, map(_encoded, item_texts))


def _item_digests(key: str, encoded_texts) -> list[str]:
    """The item ids of texts already normalized and encoded (``_encoded``)."""
    prefix = hashlib.sha256("\x1f".join(("item", key, "")).encode("utf-8"))
    out = []
    for encoded in encoded_texts:
        h = prefix.copy()
        h.update(encoded)
        out.append(h.hexdigest()[:ID_HEX_CHARS])
    return out


class NormalizedBody:
    """A notice's body normalized and UTF-8 encoded once, in pieces cut at its items' spans:
    ``notice_id(body)`` and ``item_ids(key, texts)`` hash the same characters, and normalizing
    and encoding them (not the hashing) are half the cost of both, so both ids hash pieces made
    in one pass.  ``spans``: the items' (start, end) in the body, in order and disjoint (an item
    tree's own texts); ``texts``: ``body[start:end]`` for each, already cut.

    >>> b = NormalizedBody("关于 通知\\n一、加强 领导。\\n二、略", [(8, 14), (17, 18)], ["加强 领导。", "略"])
    >>> b.notice_id() == notice_id("关于 通知\\n一、加强 领导。\\n二、略")
    True
    >>> b.item_ids("k") == item_ids("k", ["加强 领导。", "略"])
    True
    >>> NormalizedBody("a\\x00b c", [(2, 5)], ["b c"]).item_ids("k") == item_ids("k", ["b c"])
    True
    """

    def __init__(self, body: str, spans: list[tuple[int, int]], texts: list[str]) -> None:
        segments = []   # the whole body in order: the text before each span, then the span's text
        at = 0
        for (start, end), text in zip(spans, texts):
            if start < at:   # not in order (never for an item tree): no pieces to share
                segments = None
                break
            segments += (body[at:start], text)
            at = end
        if segments is not None:
            segments.append(body[at:])
            # One pass for all: the segments joined by a character that is no white space,
            # then cut there again (unless the body holds that character itself).
            pieces = _encoded(SEGMENT_MARK.join(segments)).split(SEGMENT_MARK_BYTES)
            if len(pieces) == len(segments):
                self._notice = b"".join([NOTICE_PREFIX, *pieces])
                self._own = pieces[1::2]
                return
        self._notice = NOTICE_PREFIX + _encoded(body)
        self._own = [_encoded(text) for text in texts]

    def notice_id(self) -> str:
        """``notice_id(body)``."""
        return hashlib.sha256(self._notice).hexdigest()[:ID_HEX_CHARS]

    def item_ids(self, key: str) -> list[str]:
        """``item_ids(key, texts)``."""
        return _item_digests(key, self._own)


NOTICE_PREFIX = "notice\x1f".encode("utf-8")
SEGMENT_MARK, SEGMENT_MARK_BYTES = "\x00", b"\x00"


def _encoded(text: str) -> bytes:
    return "".join(text.split()).encode("utf-8")   # normalized(text), as UTF-8
