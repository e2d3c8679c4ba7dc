"""units.toml: the words that assign a role — clause verbs, 会同, 由-sentences and what blocks
them, document-wide notes."""
import re

from docextract.extract.units import extract_assignments, find_assignment_context
from docextract.rules import load_rules

ROLES = ("lead", "responsible", "cooperating")


def _all(found):
    return [(role, u) for role in ROLES for u in getattr(found, role)]


def _role_verb(role):
    def check(verb, text):
        return any(u.source == verb for u in getattr(extract_assignments(text), role))
    return check


def together(word, text):
    found = extract_assignments(text)
    return any(u.source == word for u in found.lead) and any(u.source == word for u in found.cooperating)


def opener(word, text):
    return ("（" + word) in text and bool(extract_assignments(text))


def assignee_verb(verb, text):
    return any(u.source == verb and "unbracketed_assignment" in u.flags for _, u in _all(extract_assignments(text)))


def assignee_adverb(adverb, text):
    return re.search(f"由.+{adverb}", text) is not None and \
        any("unbracketed_assignment" in u.flags for _, u in _all(extract_assignments(text)))


def blocks(word, text):
    """The word is in the text and nobody is assigned (the example would assign without it)."""
    return word in text and not extract_assignments(text)


def _pattern(key, name):
    return next(t["pattern"] for t in load_rules("units")[key] if t["name"] == name)


def first_is_lead(name, text):
    return re.search(_pattern("first_is_lead", name), text) is not None and find_assignment_context(text).first_is_lead


def same_units(name, text):
    return re.search(_pattern("same_units", name), text) is not None and bool(find_assignment_context(text).same_units)


def also_units(name, text):
    return re.search(_pattern("also_units", name), text) is not None and bool(find_assignment_context(text).also_units)


CHECKS = {
    "lead_verbs": _role_verb("lead"),
    "responsible_verbs": _role_verb("responsible"),
    "cooperating_verbs": _role_verb("cooperating"),
    "together_words": together,
    "clause_openers": opener,
    "assignee_verbs": assignee_verb,
    "assignee_adverbs": assignee_adverb,
    "not_assignee_markers": blocks,
    "verb_not_followed_by": blocks,
    "proposal_words": blocks,
    "report_markers": blocks,
    "first_is_lead": first_is_lead,
    "same_units": same_units,
    "also_units": also_units,
}
