"""disclosure.toml: a disclosure line's value goes to its metadata key and leaves the body."""
from docextract.clean import clean
from docextract.rules.disclosure import disclosure_labels
from docextract.text.textmap import TrackedText


def read_into_metadata(label, text):
    cleaned = clean(TrackedText.from_source(text))
    return bool(cleaned.metadata.get(disclosure_labels()[label])) and not cleaned.body.strip()


CHECKS = {"labels": read_into_metadata}
