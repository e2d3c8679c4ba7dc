"""deadlines.toml: each word makes a deadline of its kind (and sets its fields), or stops one.

A word that makes a deadline is checked twice: the example gives a deadline, and the example
with the word blotted out gives none — so an entry that changes nothing fails.  A word that
stops a deadline is checked the other way round.  The reference date is the notice's signing
date 2024-03-01."""
from datetime import date

from docextract.extract.deadlines import extract_deadlines
from docextract.rules import load_rules

REFERENCE = date(2024, 3, 1)
RULES = load_rules("deadlines")
BLOT = "□"


def found(text, kind=None):
    return [d for d in extract_deadlines(text, REFERENCE) if kind is None or d.kind == kind]


def blotted(word, text):
    return text.replace(word, BLOT * len(word))


def in_evidence(word, text):
    return any(word in d.text for d in found(text))


def starts_evidence(word, text):
    return any(d.text.startswith(word) for d in found(text))


def makes(kind=None):
    def check(word, text):
        return bool(found(text, kind)) and not found(blotted(word, text), kind)
    return check


def stops(word, text):
    """The word keeps the text from being a deadline: without it, there is one."""
    return word in text and not found(text) and bool(found(text.replace(word, "", 1)))


def cadence_period(word, text):
    return any(d.period == RULES["cadences"][word] and word in d.text for d in found(text, "recurring"))


def relative_unit(word, text):
    return any(d.unit == RULES["relative_units"][word] and word in d.text for d in found(text, "relative"))


def relative_year(word, text):
    return any(d.date and int(d.date[:4]) == REFERENCE.year + RULES["relative_years"][word] and word in d.text
               for d in found(text, "by"))


def plan_year(word, text):
    return any(d.date and int(d.date[:4]) == RULES["five_year_plans"][word] for d in found(text, "by"))


def daily(word, text):
    return any(d.period == "day" and d.text == word for d in found(text, "recurring"))


def anchors_event(word, text):
    return any(d.event and word in d.text for d in found(text, "relative"))


def ongoing(word, text):
    return any(d.text == word and "ongoing_limit" in d.flags for d in found(text, "ongoing"))


def stops_event(word, text):
    """The event of a relative limit starts after the word, which stands right before it."""
    return any(d.event and word not in d.event and text[:d.start].endswith(word) for d in found(text, "relative"))


CHECKS = {
    "before_words": in_evidence,
    "at_words": starts_evidence,
    "latest_words": starts_evidence,
    "completion_verbs": makes(),
    "target_verbs": makes("by"),
    "window_tasks": makes("by"),
    "deadline_labels": makes("by"),
    "cadence_verbs": makes("recurring"),
    "cadence_systems": makes("recurring"),
    "daily_idioms": daily,
    "anchor_ends": anchors_event,
    "event_verbs": makes("relative"),
    "open_prefixes": makes("open"),
    "open_verbs": makes("open"),
    "open_qualifiers": makes("open"),
    "open_nouns": makes("open"),
    "on_time_words": makes("open"),
    "reporting_verbs": makes("open"),
    "ongoing_words": ongoing,
    "penalty_words": stops,
    "enforcement_words": stops,
    "right_words": stops,
    "fact_words": stops,
    "validity_words": stops,
    "transition_words": stops,
    "definition_words": stops,
    "lookback_words": stops,
    "ban_words": stops,
    "benefit_words": stops,
    "condition_words": stops,
    "extension_words": stops,
    "event_stop_words": stops_event,
    "cadences": cadence_period,
    "relative_units": relative_unit,
    "relative_years": relative_year,
    "five_year_plans": plan_year,
}
