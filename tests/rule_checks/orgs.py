"""orgs.toml: what names a unit, how a list of names splits, which collectives stay whole."""
from docextract.extract.units import body_lexicon, is_unit, split_units
from docextract.extract.units.recognizer import GENERIC, KNOWN, collective_levels, default_recognizer
from docextract.rules.orgs import UNIT_KINDS, org_lexicon, signer_end


def _names(text):
    return [u.name for u in split_units(text)]


def _ends_with_suffix(text):
    return any(text.endswith(s) for s in org_lexicon().suffixes)


def not_a_unit_despite_suffix(word, text):
    return word in text and _ends_with_suffix(text) and not is_unit(text)


def known(name, text):
    return text == name and default_recognizer().score(text) == KNOWN


def cut_before(prefix, text):
    names = _names(text)
    return len(names) >= 2 and any(n.startswith(prefix) for n in names[1:])


def joined_by(joiner, text):
    names = _names(text)
    return len(names) == 2 and text == names[0] + joiner + names[1]


def clause_word_exempt(word, text):
    words = org_lexicon().words["not_unit_words"]
    return word in text and any(w in word for w in words) and is_unit(text)


def starts_a_clause(word, text):
    return text.startswith(word) and _ends_with_suffix(text) and not is_unit(text)


def kept_after_etc(group, text):
    return _names(text)[-1] == group


def dropped_after_etc(group, text):
    return text.endswith("等" + group) and all(not n.endswith(group) for n in _names(text))


def qualifies_a_collective(qualifier, text):
    return text.startswith(qualifier) and is_unit(text) and body_lexicon().describe(text).collective


def names_a_sector(word, text):
    return text.endswith(word) and default_recognizer().score(text) == GENERIC and not is_unit(word)


def branch_of_parent(suffix, text):
    return text.endswith(suffix) and _names(text) == [text]


def suffix_kind(suffix, text):
    """The suffix decides the name, and no shorter suffix of the same kind would (else the
    entry changes nothing)."""
    suffixes = org_lexicon().suffixes
    kind = suffixes[suffix]
    if not text.endswith(suffix) or any(o != suffix and len(o) < len(suffix) and text.endswith(o)
                                        and suffixes[o] == kind for o in suffixes):
        return False
    if kind in UNIT_KINDS:
        return is_unit(text)
    return bool(signer_end().search(text)) and not is_unit(text)


def collective_of_kinds(kind, text):
    levels = collective_levels(text)
    return levels is not None and org_lexicon().kinds[kind] in levels and is_unit(text) \
        and kind in text and _names(text) == [text]


CHECKS = {
    "not_unit_endings": not_a_unit_despite_suffix,
    "known": known,
    "prefixes": cut_before,
    "joiners": joined_by,
    "not_unit_words": not_a_unit_despite_suffix,
    "clause_word_exempt": clause_word_exempt,
    "not_unit_starts": starts_a_clause,
    "etc_kept": kept_after_etc,
    "etc_dropped": dropped_after_etc,
    "qualifiers": qualifies_a_collective,
    "sector_words": names_a_sector,
    "branch_suffixes": branch_of_parent,
    "suffixes": suffix_kind,
    "collective_kinds": collective_of_kinds,
}
