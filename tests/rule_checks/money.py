"""money.toml: each word makes an amount, sets its currency, or sets its bound the way the
entry says; a subject word names the money."""
import re

from docextract.extract.amounts import extract_amounts
from docextract.rules import load_rules

RULES = load_rules("money")


def _amounts_with(word, text):
    """Amounts whose evidence holds ``word`` (a line break may split a bound word)."""
    return [a for a in extract_amounts(text) if word in re.sub(r"\s", "", a.text)]


def sets_currency(key):
    def check(word, text):
        return any(a.currency == RULES[key][word] for a in _amounts_with(word, text))
    return check


def _bound(amount):
    """(bound, inclusive) of a one-sided amount, else None."""
    if amount.min is not None and amount.max is None:
        return "min", amount.min_inclusive
    if amount.max is not None and amount.min is None:
        return "max", amount.max_inclusive
    return None


def sets_bound(key):
    entries = {t["word"]: t for t in RULES[key]}

    def check(word, text):
        side, inclusive = entries[word]["bound"], entries[word]["inclusive"]
        # the side the word bounds (also one side of a merged range: …以上…以下); the other side
        # stays open unless another bound word closes it
        return any(getattr(a, side) is not None and getattr(a, f"{side}_inclusive") is inclusive
                   and a.min != a.max for a in _amounts_with(word, text))
    return check


def negated_bound(word, text):
    """不得低于 → an inclusive minimum: the negation flips the comparative after it."""
    return any(_bound(a) in (("min", True), ("max", True)) and re.sub(r"\s", "", a.text).startswith(word)
               for a in extract_amounts(text))


def bridges_to_bound(word, text):
    """最高可达50万元: the filler sits between the bound word and the number."""
    return any(_bound(a) is not None for a in _amounts_with(word, text))


def more_than(word, text):
    return any(_bound(a) == ("min", False) for a in _amounts_with(word, text))


def bare_scale(word, text):
    value = RULES["bare_scales"][word]
    return any(value in (a.min, a.max) and not re.search(r"\d", a.text) for a in _amounts_with(word, text))


def names_subject(head, text):
    return any(a.subject and a.subject.endswith(head) for a in extract_amounts(text))


def leading_verb_dropped(verb, text):
    return any(a.subject and verb not in a.subject for a in extract_amounts(text)) and verb in text


CHECKS = {
    "currencies": sets_currency("currencies"),
    "prefix_currencies": sets_currency("prefix_currencies"),
    "currency_names": sets_currency("currency_names"),
    "bare_scales": bare_scale,
    "fillers": bridges_to_bound,
    "bounds_before": sets_bound("bounds_before"),
    "negations": negated_bound,
    "bounds_after": sets_bound("bounds_after"),
    "approximate_after": more_than,
    "subject_heads": names_subject,
    "subject_leading_verbs": leading_verb_dropped,
}
