"""What one line of a page is: page metadata, boilerplate, prose, a signature.

Each predicate reads a stripped line; the rules are ``rules/boilerplate.toml`` (through
``rules.boilerplate``) and the shared lexicons (disclosure labels, labels, org suffixes).
"""
from __future__ import annotations

import re
from collections.abc import Container
from functools import cache

from ..rules.boilerplate import Boilerplate, bare, repeats_a_phrase
from ..rules.disclosure import disclosure_labels
from ..rules.labels import label_start
from ..rules.orgs import signer_end
from ..text.dates import SIGNATURE_DATE_LINE, iso_date

CJK = re.compile(r"[\u4e00-\u9fff]")
# A line that is only a name (a signature's issuer): CJK, brackets, 、 and spaces.
NAME_LINE = re.compile(r"^[\u4e00-\u9fff（）()、\s]{2,40}$")
FIELD_LINE = re.compile(r"^[\u4e00-\u9fff]{2,6}[:：]\S")
SPACES = re.compile(r"[ \t\u3000]+")


@cache
def _disclosure() -> tuple[re.Pattern, re.Pattern]:
    """(a line starting with a disclosure label, one "label：value" of a disclosure line)."""
    labels = "|".join(map(re.escape, disclosure_labels()))
    return re.compile(rf"^(?:{labels})[:：]"), re.compile(rf"({labels})[:：](.*?)(?=(?:{labels})[:：]|$)")


@cache
def disclosure_start() -> re.Pattern:
    """The start of a line that ``disclosure_of`` may read, on the line as written: a label (maybe
    with spaces between its characters, as in 发 文 机 关) and its colon."""
    gap = "[ \t\u3000]*"
    labels = "|".join(gap.join(map(re.escape, label)) for label in disclosure_labels())
    return re.compile(rf"(?:{labels}){gap}[:：]")


def disclosure_of(line: str) -> dict[str, str] | None:
    """"索引号：… 发文机关：… 成文日期：…" (one label or several on a line) → metadata."""
    if "：" not in line and ":" not in line:
        return None
    start, field = _disclosure()
    compact = SPACES.sub("", line)
    if not start.match(compact):
        return None
    fields = list(field.finditer(compact))
    if len(fields) == 1 and compact.endswith("。"):
        return None   # a sentence that opens with a label word (公开方式：通过政府网站…公开。) is body
    labels = disclosure_labels()
    found = {}
    for m in fields:
        key, value = labels[m.group(1)], m.group(2).strip()
        if key in ("date", "published"):
            value = iso_date(value) or ""
        if value:
            found.setdefault(key, value)
    return found


def glued_to_prose(line: str) -> bool:
    """A disclosure line whose last value runs on into sentences (a PDF copy glued the block to
    the text after it): its metadata is read, but the line stays, or the text would be lost."""
    last = None
    for last in _disclosure()[1].finditer(SPACES.sub("", line)):
        pass
    value = last.group(2) if last is not None else ""
    return len(value) > PROSE_VALUE_MIN and ("，" in value or "。" in value)


def disclosure_label(line: str) -> str | None:
    """The metadata key of a line that is only a disclosure label ("索引号：", "发 文 机 关"): its
    value stands on the next line (a table copied one cell per line)."""
    if len(line) > LABEL_LINE_MAX:
        return None
    return disclosure_labels().get(SPACES.sub("", line).rstrip("：:"))


LABEL_LINE_MAX = 12     # 发 文 机 关 ：
VALUE_LINE_MAX = 80     # a disclosure value: a name, a date, a 文号, an index number
PROSE_VALUE_MIN = 30    # a value this long with a comma or a full stop is a sentence glued on


def disclosure_value(line: str, key: str) -> str | None:
    """The line after a label line read as that label's value, or None when it is not one (a
    sentence, a label, another label line)."""
    if not line or len(line) > VALUE_LINE_MAX or line.endswith("。") or disclosure_label(line) \
            or disclosure_of(line) is not None:
        return None
    if key in ("date", "published"):
        return iso_date(line)
    return line


def info_of(line: str, rules: Boilerplate) -> dict[str, str] | None:
    """The page's info bar (发布时间：… 来源：… 浏览次数：…) → metadata, or None.  ``line`` is
    stripped (as the clean stage's lines are)."""
    if rules.info_field.match(bare(line)) is None:
        return None   # (most lines: info_line's first test, before its calls)
    found = rules.info_line(line)
    if found is None:
        return None
    if "published" in found:
        published = iso_date(found.pop("published"))
        if published:
            found["published"] = published
    return found


def dropped_by(line: str, rules: Boilerplate) -> tuple[str, dict[str, str], int] | None:
    """``(rule name, metadata it keeps, its min_lines)`` when a boilerplate rule drops the line."""
    rule = rules.line_rule(line)
    if rule is not None:
        return rule.name, rule.metadata(rule.fire(line)), rule.min_lines
    if repeats_a_phrase(line):
        return "repeated phrase", {}, 1
    return None


def page_title(line: str, others: Container[str], rules: Boilerplate) -> tuple[str, str] | None:
    """``(title, suffix)`` when the line is "<a line of the body> - 栏目 - 站点"."""
    for sep in rules.page_title_separators:
        if sep in line:
            head, _, tail = line.partition(sep)
            head = head.strip()
            if head != line and head in others and tail.strip():
                return head, tail.strip()
    return None


def is_prose(line: str, rules: Boilerplate) -> bool:
    return line.endswith(tuple(rules.sentence_final)) and bool(CJK.search(line))


def is_content(line: str, rules: Boilerplate) -> bool:
    """Prose, a numbered heading or a field line (牵头单位：…): the notice is still going on."""
    return is_prose(line, rules) or bool(label_start().match(line) or FIELD_LINE.match(line))


def is_org_line(line: str) -> bool:
    return bool(NAME_LINE.match(line)) and bool(signer_end().search(line))


def is_signature(line: str) -> bool:
    return bool(SIGNATURE_DATE_LINE.match(line) or is_org_line(line))

