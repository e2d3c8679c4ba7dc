"""The gov.cn disclosure block's labels (``disclosure.toml``) and the metadata key of each."""
from __future__ import annotations

from functools import cache

from . import load_rules, require

RULES = "disclosure"
METADATA_KEYS = ("index_number", "subject", "issuer", "date", "title", "doc_number", "published", "keywords",
                 "validity", "genre", "category", "disclosure")


@cache
def disclosure_labels() -> dict[str, str]:
    """Label → metadata key, validated once."""
    from ..errors import RuleError

    labels = require(load_rules(RULES), RULES, "labels", dict)
    bad = {label: key for label, key in labels.items() if key not in METADATA_KEYS}
    if bad:
        raise RuleError(f"{RULES}.toml: [labels] keys must be one of {METADATA_KEYS}: {bad}")
    return dict(labels)
