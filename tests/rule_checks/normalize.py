"""normalize.toml: page furniture leaves the text; a complete line, a field line or a navigation
line stays apart from the line after it; a sentence end keeps a line apart, a continuation mark
or an open bracket joins it to the next."""
import re

from docextract.normalize import normalize
from docextract.rules import load_rules

FOLLOWING = "出务工贫困劳动力就业工作。"   # reads as the second half of any broken sentence
PAGE = "各地要切实加强组织领导，确保各项任务落实到位。\n{}\n各部门要加强协作配合，形成工作合力。"


def table(key, name):
    return next(t for t in load_rules("normalize")[key] if t["name"] == name)


def furniture_dropped(name, text):
    if not re.fullmatch(table("page_furniture", name)["pattern"], text.strip()):
        return False
    return normalize(PAGE.format(text)).text == PAGE.format("").replace("\n\n", "\n")


def kept_apart(key):
    def check(name, text):
        if not re.search(table(key, name)["pattern"], text):
            return False
        return normalize(f"{text}\n{FOLLOWING}").text == normalize(text).text + "\n" + FOLLOWING
    return check


def first_line_kept_apart(_, pair):
    first = pair.split("\n")[0]
    return first.endswith(tuple(load_rules("normalize")["sentence_end"])) and "\n" in normalize(pair).text


def first_line_joined(_, pair):
    first = pair.split("\n")[0]
    return first.endswith(tuple(load_rules("normalize")["continuation_end"])) and "\n" not in normalize(pair).text


def second_line_joined(_, text):
    second = text.split("\n")[-1]
    return second.startswith(tuple(load_rules("normalize")["never_starts"])) and normalize(text).text.count("\n") < text.count("\n")


def bracket_joins(opening, pair):
    first = pair.split("\n")[0]
    closing = load_rules("normalize")["brackets"][opening]
    return first.count(opening) > first.count(closing) and "\n" not in normalize(pair).text


CHECKS = {
    "page_furniture": furniture_dropped,
    "complete_line": kept_apart("complete_line"),
    "field_line": kept_apart("field_line"),
    "navigation": kept_apart("navigation"),
    "sentence_end": first_line_kept_apart,
    "continuation_end": first_line_joined,
    "never_starts": second_line_joined,
    "brackets": bracket_joins,
}
