"""bodies.toml: canonical names of government bodies, their short forms, and levels."""
from docextract.extract.units import body_lexicon
from docextract.rules import load_rules


def level_word(word, text):
    return word in text and body_lexicon().describe(text).level == load_rules("bodies")["levels"][word]


def national_opener(word, text):
    return text.startswith(word) and body_lexicon().describe(text).level == "national"


def national(name, text):
    facts = body_lexicon().describe(text)
    return facts.known and facts.canonical == name and facts.level == "national"


def local(name, text):
    """The short form after a place prefix: the canonical name keeps the prefix."""
    lex = body_lexicon()
    found = lex.lookup(text)
    if not found:
        return False
    aliases = [a for a, full in lex.local.items() if full == name and text.endswith(a)]
    return any(found[0] == text[:len(text) - len(a)] + name for a in aliases)


CHECKS = {"levels": level_word, "national_openers": national_opener, "national": national, "local": local}
