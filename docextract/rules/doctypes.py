"""Document types (``doctypes.toml``): the words a title ends with."""
from __future__ import annotations

import re
from functools import cache

from . import load_rules, require

RULES = "doctypes"
# A title may end with a bracket of its own after its type: （试行）, （2022—2025年）, （银发〔2026〕42号）.
TRAILING_BRACKET = r"(?:\s*[（(][^（）()]{1,40}[）)])?"


@cache
def doc_types() -> tuple[str, ...]:
    """Every document type, longest first."""
    return tuple(sorted(require(load_rules(RULES), RULES, "types", list), key=len, reverse=True))


@cache
def title_end() -> re.Pattern:
    """A line ending like a title: a document type, then perhaps a closing 》 ” 」 ） ) and a
    bracket of its own (a period, 试行, a 文号 or a remark: 行动方案（2022—2025年）).

    >>> [bool(title_end().search(t)) for t in ("关于做好春耕工作的通知", "《实施方案》", "做好工作")]
    [True, True, False]
    >>> [bool(title_end().search(t)) for t in ("某某行动方案(2026-2028年)", "某某办法（试行）", "某某方案（一）要求")]
    [True, True, False]
    """
    return re.compile("(?:" + "|".join(map(re.escape, doc_types())) + r")[》”」）)]?"
                      + TRAILING_BRACKET + "$")
