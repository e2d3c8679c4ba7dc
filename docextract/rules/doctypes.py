"""Document types (``doctypes.toml``): the words a title ends with."""
from __future__ import annotations

import re
from functools import cache

from . import load_rules, require

RULES = "doctypes"


@cache
def doc_types() -> tuple[str, ...]:
    """Every document type, longest first."""
    return tuple(sorted(require(load_rules(RULES), RULES, "types", list), key=len, reverse=True))


@cache
def title_end() -> re.Pattern:
    """A line ending like a title: a document type, then perhaps a closing 》 ” 」 ） ).

    >>> bool(title_end().search("关于做好春耕工作的通知")), bool(title_end().search("《实施方案》")), bool(title_end().search("做好工作"))
    (True, True, False)
    """
    return re.compile("(?:" + "|".join(map(re.escape, doc_types())) + r")[》”」）)]?$")
