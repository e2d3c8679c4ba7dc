"""The units' faster scans find what the plain ones find: ``prefixed_search`` what
``pattern.search`` finds, trying the pattern only where its opening literals start (the
notice-wide unit rules are searched this way); ``_field_windows`` the windows of
``scan.windows`` around the field anchors."""
import re

import pytest
from hypothesis import given, settings, strategies as st

from docextract.extract.units.assign import FIELD_LABEL_MAX_CHARS, _field_windows
from docextract.extract.units.lexicon import lexicon
from docextract.text.scan import windows
from docextract.extract.units.prefixed import literal_prefixes, prefixed_search

NOTE_PATTERNS = [*lexicon().first_is_lead, *lexicon().same_units, *lexicon().also_units]

# (pattern, the literals its matches open with, or None when they open with no fixed literal)
PREFIX_CASES = [
    ("以下任务由(?P<u>.+?)负责", ("以下任务由",)),   # the whole literal run
    ("(?:以下|下列)(?:各项)?任务", ("下列", "以下")),
    ("(?:列|排|位)(?:在|于)?首位", ("位", "列", "排")),
    ("(?P<g>首个|第一个)部门", ("第一个", "首个")),
    ("[甲乙]单位", ("乙", "甲")),
    (r"\d+元", None),               # a class, not literals
    ("(?:以下)?任务", None),         # an optional opening: a match may start elsewhere
    ("以下|.任务", None),            # one alternative opens with anything
    ("(?i)abc", None),               # case folding: one literal stands for several strings
    ("[^甲]单位", None),
    ("", None),
]


@pytest.mark.parametrize("pattern, words", PREFIX_CASES, ids=[c[0] or "empty" for c in PREFIX_CASES])
def test_literal_prefixes(pattern, words):
    assert literal_prefixes(re.compile(pattern)) == words


def test_every_note_rule_is_searched_from_its_literals():
    # a rule whose matches open with no literal is still searched (as before), only slower
    assert all(literal_prefixes(p) for p in NOTE_PATTERNS)


SEARCH_CASES = [
    ("(?:以下|下列)(?:各项)?任务由(?P<u>[^。]{1,9}?)负责", "以下工作。下列各项任务由市局负责。以下任务由区局负责"),
    ("(?:以下|下列)(?:各项)?任务由(?P<u>[^。]{1,9}?)负责", "以下工作由市局负责。"),   # no match
    ("(?:列|排|位)(?:在)?首位的?为牵头", "单位位列在首位的为牵头单位"),
    ("(?:列|排|位)(?:在)?首位的?为牵头", "各单位要排在前面"),                 # no match
    ("下列(?=任务)", "下列事项，下列任务"),
    ("(?<=。)以下", "以下。以下"),
]


@pytest.mark.parametrize("pattern, text", SEARCH_CASES)
def test_prefixed_search_finds_what_search_finds(pattern, text):
    compiled = re.compile(pattern)
    expected, got = compiled.search(text), prefixed_search(compiled, text)
    assert (got and (got.span(), got.groupdict())) == (expected and (expected.span(), expected.groupdict()))


# texts made of the rules' own words, so that matches and near misses are frequent
PIECES = ["以下", "下列", "各项", "任务", "均由", "都需", "各区", "市财政局", "负责", "落实", "列", "排", "在", "首位",
          "第一个", "部门", "为", "牵头", "单位", "，", "其他", "配合", "。", "\n", "下", "以"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_note_rules_find_the_same_first_match(text):
    for pattern in NOTE_PATTERNS:
        expected, got = pattern.search(text), prefixed_search(pattern, text)
        assert (got and (got.span(), got.groupdict())) == (expected and (expected.span(), expected.groupdict()))


FIELD_TEXTS = ["", "牵头单位：市科技局", "【责任单位】市财政局【配合单位】各区", "责任部门 ：\n市民政局", "单位：】：",
               "推进工作（牵头单位:市发改委；责任单位：各区）。", "没有字段的句子。", "】】单位　：部门:"]


@pytest.mark.parametrize("text", FIELD_TEXTS)
def test_field_windows_are_the_anchor_windows(text):
    lex = lexicon()
    assert _field_windows(text) == windows(text, lex.field_anchor, FIELD_LABEL_MAX_CHARS, 2)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["单位", "部门", "】", "【", "：", ":", " ", "\u3000", "\n", "牵头", "市局", "、"]),
                max_size=40).map("".join))
def test_field_windows_match_on_generated_text(text):
    lex = lexicon()
    assert _field_windows(text) == windows(text, lex.field_anchor, FIELD_LABEL_MAX_CHARS, 2)


def test_every_listed_first_rule_needs_the_lead_anchor():
    # find_assignment_context searches the body for these rules only when it holds 牵头, and the
    # items then trust its answer (``body_searched``): every rule must need the anchor
    from docextract.extract.units.context import LEAD_ANCHORS
    from docextract.text.pattern_needs import required_sets
    for pattern in lexicon().first_is_lead:
        sets = required_sets(pattern)
        assert all(frozenset(ch) in sets for anchor in LEAD_ANCHORS for ch in anchor), pattern.pattern


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join), st.integers(0, 60), st.integers(0, 60))
def test_a_piece_of_the_body_holds_a_listed_first_rule_only_if_the_body_does(body, a, b):
    # what lets an item skip its own search when the notice's body was searched (``body_searched``)
    piece = body[min(a, b):max(a, b)]
    for pattern in lexicon().first_is_lead:
        assert not pattern.search(piece) or pattern.search(body)


BODY_SEARCH_CASES = [
    ("一、做好调度。（市财政局、市人社局负责）\n二、强化保障。（市教育局牵头，各区配合）", False, ["市教育局"]),
    ("（列在首位的部门为牵头部门）\n一、做好调度。（市财政局、市人社局负责）", True, ["市财政局"]),
]


@pytest.mark.parametrize("body, first_is_lead, leads", BODY_SEARCH_CASES)
def test_items_take_the_body_search_for_listed_first_rules(body, first_is_lead, leads):
    from docextract.extract.units import extract_assignments, find_assignment_context
    from docextract.extract.units.context import AssignmentContext
    context = find_assignment_context(body)
    assert context.body_searched and context.first_is_lead == first_is_lead
    start = body.index("一、") + 2
    text = body[start:]
    searched = extract_assignments(text, start, context)
    alone = extract_assignments(text, start, AssignmentContext(first_is_lead=first_is_lead))
    assert searched == alone and [u.name for u in searched.lead] == leads


def _trigger_words() -> list[str]:
    lex = lexicon()
    return sorted({*lex.verbs, *lex.together, *lex.labels, "由"})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_trigger_words(), "牵", "头", "单", "位", "负", "部门", "的", "。"]), max_size=12)
       .map("".join))
def test_the_trigger_pattern_finds_a_text_holding_any_trigger_word(text):
    # the pattern keeps only the words that hold no other (without_longer): same answer
    assert (lexicon().trigger_re.search(text) is not None) == any(w in text for w in _trigger_words())


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["。", "；", ".", "1", "２", "由", "市局", "负责", "\n", "!", "，"]), max_size=20).map("".join),
       st.integers(0, 40), st.integers(0, 40))
def test_last_break_is_the_last_position_a_sentence_ends(text, a, b):
    from docextract.extract.units.sentences import SENTENCE_END, _last_break
    lo, pos = min(a, b, len(text)), min(max(a, b), len(text))
    expected = max((at for at in range(lo, pos) if SENTENCE_END.match(text, at)), default=lo - 1)
    assert _last_break(text, lo, pos) == expected
