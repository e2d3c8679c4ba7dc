"""The organisations lexicon (``orgs.toml``): suffixes and their kinds, words that are not names,
collective kinds with their administrative levels.  Every stage that needs to know whether a
line or a phrase names a body reads it here."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..errors import RuleError
from . import load_rules, require

RULES = "orgs"
SUFFIX_KINDS = ("body", "place", "generic", "signer")
UNIT_KINDS = ("body", "place", "generic")     # a unit name may end with these
SIGNER_KINDS = ("body", "signer")             # an issuer or a signature line may end with these
LIST_KEYS = ("not_unit_endings", "known", "prefixes", "joiners", "not_unit_words", "clause_word_exempt",
             "not_unit_starts", "etc_kept", "etc_dropped", "qualifiers", "sector_words", "branch_suffixes")


@dataclass(frozen=True)
class OrgLexicon:
    suffixes: dict[str, str]            # suffix → kind
    unit_suffixes: tuple[str, ...]      # longest first
    signer_suffixes: tuple[str, ...]    # longest first
    words: dict[str, tuple[str, ...]]   # the LIST_KEYS lists
    kinds: dict[str, int]               # collective kind → administrative level (0 = a body)


def _longest_first(words) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


@cache
def org_lexicon() -> OrgLexicon:
    """``orgs.toml``, validated once."""
    rules = load_rules(RULES)
    suffixes = require(rules, RULES, "suffixes", dict)
    bad = {word: kind for word, kind in suffixes.items() if kind not in SUFFIX_KINDS or not word}
    if bad:
        raise RuleError(f"{RULES}.toml: [suffixes] kinds must be one of {SUFFIX_KINDS}: {bad}")
    kinds = require(rules, RULES, "collective_kinds", dict)
    for word, level in kinds.items():
        if not isinstance(level, int) or isinstance(level, bool) or not 0 <= level <= 9:
            raise RuleError(f"{RULES}.toml: [collective_kinds] {word!r} = {level!r}: the level must be 0-9")
    return OrgLexicon(
        suffixes=dict(suffixes),
        unit_suffixes=_longest_first(w for w, k in suffixes.items() if k in UNIT_KINDS),
        signer_suffixes=_longest_first(w for w, k in suffixes.items() if k in SIGNER_KINDS),
        words={key: tuple(require(rules, RULES, key, list)) for key in LIST_KEYS},
        kinds=dict(kinds),
    )


@cache
def signer_end() -> re.Pattern:
    """A name that can sign a notice ends here: ``signer_end().search("某县人民政府")``.

    >>> bool(signer_end().search("凤城市扶贫开发领导小组")), bool(signer_end().search("加强组织领导"))
    (True, False)
    """
    return re.compile("(?:" + "|".join(map(re.escape, org_lexicon().signer_suffixes)) + ")$")
