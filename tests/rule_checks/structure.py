"""structure.toml: each pattern reads the head, the signature or the parts of a notice the way
the structure stage uses it (match, full match or search; the named groups it reads)."""
from docextract.structure.dates import date_line, find_date
from docextract.structure.head import Found, Head, is_masthead, is_recipients, is_title_shape, title_value
from docextract.structure.metadata import issuer_from_byline
from docextract.structure.outline import heading_of
from docextract.structure.parts import fold, issued_names
from docextract.structure.rules import rules


def _pattern(key):
    return getattr(rules(), key)


def matches(key, text):
    return bool(_pattern(key).match(text))


def searches(key, text):
    return bool(_pattern(key).search(text))


def full_match(key, text):
    return bool(_pattern(key).fullmatch(text))


def names_an_issuer(key, text):
    m = _pattern(key).match(text) if key != "enactment_decree" else _pattern(key).search(text)
    return bool(m) and bool(rules().issuer_suffix.search(m.group("issuer")))


def is_a_masthead(_key, text):
    return is_masthead(text)


def issues_a_document(verb, text):
    return verb in text and fold(text[text.index("《") + 1:text.index("》")]) in issued_names(text, [], Head())


def names_a_state_body(key, text):
    m = _pattern(key).match(text)
    return bool(m) and bool(rules().issuer_suffix.search(text[m.end():]))


def names_a_government(word, text):
    head = Head(byline_event="某市第五届人民代表大会第二次会议")
    found = issuer_from_byline(head, Found(text, 0, len(text)))
    return word in text and found is not None and found.value == "某市人民政府"


def strips_a_remark(_key, text):
    return title_value(text)[0] != text


def is_prose(key, text):
    return searches(key, text) and not is_title_shape(text)


def reads_a_date(key, text):
    m = _pattern(key).match(text)
    return bool(m) and find_date(text, m.start("date")) is not None


def is_a_date_line(_key, text):
    return date_line(text) is not None


def reads_a_roc_date(key, text):
    found = find_date(text)
    return searches(key, text) and found is not None and int(found[0][:4]) > 1911


def names_no_recipients(key, text):
    return matches(key, text) and not is_recipients(text)


def ends_the_heading(_key, text):
    heading = heading_of(text)
    return heading is not None and heading != text.split("\n")[0].strip()


CHECKS = {
    "issuing_verbs": issues_a_document,
    "issued_in_title": searches,
    "issuing_sentence": searches,
    "masthead": is_a_masthead,
    "doc_number": full_match,
    "paper_number": searches,
    "decree_line": names_an_issuer,
    "decree_number_line": matches,
    "number_issuer": matches,
    "promulgated_document": matches,
    "promulgation_line": names_an_issuer,
    "state_prefix": names_a_state_body,
    "enactment_note": matches,
    "enactment_decree": names_an_issuer,
    "enactment_session": searches,
    "byline": matches,
    "report_titles": names_a_government,
    "head_title_line": matches,
    "head_meta_line": matches,
    "head_date_line": reads_a_date,
    "title_remark": strips_a_remark,
    "self_reference": is_prose,
    "title_issuer": matches,
    "joint_issuer_title": matches,
    "submission_title": matches,
    "recipient_prefix": matches,
    "recipient_honours": searches,
    "not_recipients": names_no_recipients,
    "signer_person": searches,
    "seal_by": searches,
    "date_line_tail": is_a_date_line,
    "roc_date": reads_a_roc_date,
    "attachment_line": matches,
    "attachment_list": matches,
    "attachment_list_label": matches,
    "closing_lines": lambda pattern, text: bool(__import__("re").match(pattern, text)),
    "heading_terminators": ends_the_heading,
    "item_closing_assignment": searches,
}
