"""Deadlines: hand-made cases per rule, positives and negatives (corpora/cases/deadlines.json).

A case is ``{"text", "reference" (ISO date or null: the signing date), "reference_source"?,
"expect": [{"text", "kind", "date", "event"?, "count"?, "unit"?, "working_days"?, "period"?,
"year_source"?, "flags"?}], "xfail"?}``; optional keys are checked when given; ``xfail`` holds
the reason a known-hard case fails (run as a strict xfail).
"""
import dataclasses
import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from docextract import extract_text
from docextract.extract.deadlines import add_working_days, extract_deadlines, find, parse_deadline
from docextract.extract.deadlines.anchors import anchor_index
from docextract.extract.deadlines.patterns import compile_rules, patterns
from docextract.errors import RuleError
from docextract.rules import load_rules, rule_names

ROOT = Path(__file__).parent.parent
CASES = json.loads((ROOT / "corpora/cases/deadlines.json").read_text(encoding="utf-8"))
NOTICES = sorted((ROOT / "corpora/notices").glob("*.txt"))


def _param(index, case):
    """An id that says what the case checks: kind (or "none" for a negative), index, text."""
    kind = case["expect"][0].get("kind", "amount") if case["expect"] else "none"
    marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
    return pytest.param(case, id=f"{kind}-{index:03d}-{case['text'][:12]}", marks=marks)


@pytest.mark.parametrize("case", [_param(i, c) for i, c in enumerate(CASES)])
def test_deadline_case(case):
    reference = date.fromisoformat(case["reference"]) if case["reference"] else None
    found = extract_deadlines(case["text"], reference, reference_source=case.get("reference_source", "signing_date"))
    assert [{key: getattr(d, key) for key in want} for d, want in zip(found, case["expect"])] == case["expect"]
    assert len(found) == len(case["expect"])


def test_cases_have_enough_negatives():
    negatives = [c for c in CASES if not c["expect"]]
    assert len(negatives) * 3 >= len(CASES)


def test_year_less_date_without_reference_is_not_guessed():
    (found,) = extract_deadlines("9月底前完成", None)
    assert found.kind == "by" and found.date is None


def test_leap_year_february():
    assert parse_deadline("2月底前", date(2021, 1, 1)).date == "2021-02-28"
    assert parse_deadline("2月底前", date(2020, 1, 1)).date == "2020-02-29"


def test_month_before_is_the_day_before_the_month():
    assert parse_deadline("于6月前全部完成改造", date(2020, 3, 1)).date == "2020-05-31"


def test_offsets_are_shifted():
    text = "前文。9月底前完成"
    (found,) = extract_deadlines(text, date(2020, 3, 2), offset=100)
    assert (found.start, found.end) == (103, 107)


def test_working_days_skip_holidays():
    # 2021-09-30 + 3 working days: the National Day holiday (Oct 1-7) is skipped
    assert add_working_days(date(2021, 9, 30), 3) == date(2021, 10, 11)


def test_anchored_scan_finds_what_a_whole_text_scan_finds(monkeypatch):
    """Every pattern runs only near its anchor; the anchors and reaches must lose nothing."""
    texts = [c["text"] for c in CASES] + [p.read_text(encoding="utf-8") for p in NOTICES]
    anchored = [extract_deadlines(t, date(2020, 3, 2)) for t in texts]
    monkeypatch.setattr(find, "ANCHORED", False)
    assert [extract_deadlines(t, date(2020, 3, 2)) for t in texts] == anchored


def _texts_and_pieces():
    """The cases, the seeds, and the seeds cut at every 97th character (windows at a text's edges)."""
    notices = [p.read_text(encoding="utf-8") for p in NOTICES]
    return [c["text"] for c in CASES] + notices + [t[k:] for t in notices for k in range(0, len(t), 97)][:400]


def _pairs(windows):
    return list(zip(windows[::2], windows[1::2]))


def test_screens_keep_every_window_a_rule_matches_in():
    """The windows left by the scan (which skips the words no near can meet), the nears and the
    screens find what the windows of every anchor word find: a screen may keep a window no rule
    matches in, never drop one that one does, nor cut off the start of one of its matches."""
    p = patterns()
    for text in _texts_and_pieces():
        screened = find._windows_by_anchor(text, p.anchors)
        every = find.anchor_windows(text, p.anchors)
        for rule, k in zip(p.rules, p.anchors.rule_anchors):
            want = [m.span() for start, end in _pairs(every[k]) for m in rule.pattern.finditer(text, start, end)]
            got = [m.span() for start, end in _pairs(screened.get(k, [])) for m in rule.pattern.finditer(text, start, end)]
            assert got == want, rule.family


def test_nears_drop_no_window_a_rule_matches_in():
    """A window where no anchor word meets the anchor's ``near`` holds no match of its rules, and
    every match of a rule with a ``near`` holds an anchor word that meets it."""
    p = patterns()
    index = p.anchors
    assert any(near is not None for near in index.nears)
    for text in _texts_and_pieces():
        found, kept = find._anchor_scan(text, index)
        assert all(found[k] for k in found) and set(kept) <= set(found)
        for rule, k in zip(p.rules, index.rule_anchors):
            if k not in found:   # no word of the anchor: no match either
                assert rule.pattern.search(text) is None, rule.family
            elif index.nears[k] is not None:
                dropped = set(range(2, len(found[k]) + 1, 2)) - set(kept[k])
                assert not [m for end in dropped for m in rule.pattern.finditer(text, found[k][end - 2], found[k][end - 1])], rule.family
            if rule.near is not None:
                for m in rule.pattern.finditer(text):
                    assert any(text.startswith(rule.anchor, at) and rule.near.match(text, at)
                               and (rule.near_gate is None or rule.near_gate.admits(text[at - 1:at] if at else ""))
                               for at in range(m.start(), m.end())), (rule.family, m.group())


def test_every_match_holds_what_its_rule_requires():
    """``Rule.required``: a window without it holds no match of the rule (it is passed over)."""
    required = [r for r in patterns().rules if r.required is not None]
    assert required
    for text in _texts_and_pieces() + BLOCK_TEXTS:
        for rule in required:
            for m in rule.pattern.finditer(text):
                assert rule.required.search(text, m.start(), m.end()), (rule.family, m[0])


def test_scan_skips_only_the_words_no_near_meets():
    """The scan finds the anchor words, less those whose every anchor has a ``near`` that none
    of them meets there."""
    index = patterns().anchors
    for text in _texts_and_pieces():
        every = [(m.start(), m.group()) for m in index.words.finditer(text)]
        scanned = [(m.start(), m.group()) for m in index.scan.finditer(text)]
        assert set(scanned) <= set(every)
        for at, word in set(every) - set(scanned):
            for offset, k, *_ in index.feeds[word]:
                assert index.nears[k] is not None and not index.nears[k].match(text, at + offset), word


def test_locators_find_what_the_rule_finds_in_every_window():
    """A rule's locator and ``plain.match`` find the matches (spans and groups) its pattern
    finds, in every window of its anchor and from every start at a text's edges."""
    p = patterns()
    for text in _texts_and_pieces():
        every = find.anchor_windows(text, p.anchors)
        for rule, k, locate in zip(p.rules, p.anchors.rule_anchors, p.anchors.locators):
            spans = _pairs(every[k]) + [(start, len(text)) for start in (0, 1, 2)]
            for start, end in spans:
                want = [(m.span(), m.groupdict()) for m in rule.pattern.finditer(text, start, end)]
                got = [(m.span(), m.groupdict()) for m in find._window_matches(text, rule, locate, start, end)]
                assert got == want, (rule.family, start, end)


def test_windows_merge_as_the_scan_finds_them():
    index = patterns().anchors
    text = "一、3月底前完成。二、5月10日前上报，每月通报。"
    for (before, after), windows, anchor in zip(index.reach, find.anchor_windows(text, index), index.anchors):
        starts = sorted({m.start() + k for m in re.finditer("|".join(map(re.escape, anchor)), text)
                         for k in (0,)})
        merged: list[list[int]] = []
        for at in starts:
            if merged and at - before <= merged[-1][1]:
                merged[-1][1] = at + after
            else:
                merged.append([at - before, at + after])
        assert _pairs(windows) == [tuple(w) for w in merged], anchor
    assert find.window_pairs([-3, 5, 9, 15], 12) == [(0, 5), (9, 12)]


def test_scan_by_first_char_finds_what_the_longest_first_alternation_finds():
    index = patterns().anchors
    longest_first = re.compile("|".join(map(re.escape, sorted({w for a in index.anchors for w in a}, key=len, reverse=True))))
    for text in _texts_and_pieces():
        assert [(m.start(), m.group()) for m in index.words.finditer(text)] == \
               [(m.start(), m.group()) for m in longest_first.finditer(text)]


@pytest.mark.parametrize("text, reference, want", [
    # the notice's own date comes first, --reference-date only when it gives none
    ("关于做好春耕工作的通知\n一、抓好种子供应。9月底前完成。\n县扶贫办\n2020年3月2日", date(2024, 1, 1),
     ("2020-09-30", "signing_date", [])),
    ("关于做好春耕工作的通知\n泾扶组〔2021〕2号\n一、抓好种子供应。9月底前完成。", date(2024, 1, 1),
     ("2021-09-30", "doc_number", ["year_guessed"])),
    ("关于做好春耕工作的通知\n一、抓好种子供应。9月底前完成。", date(2024, 1, 1),
     ("2024-09-30", "reference_date", ["year_guessed"])),
    ("关于做好春耕工作的通知\n一、抓好种子供应。2月底前完成。\n县扶贫办\n2020年3月2日", None,
     ("2020-02-29", "signing_date", ["before_signing"])),
    # an undated notice about one year (2018年度…细则) takes that year before --reference-date
    ("某县2018年度河长制工作考核细则\n一、日常工作。年内完成河库清理。", date(2024, 1, 1),
     ("2018-12-31", "title", ["year_guessed"])),
    ("某县2021—2025年河长制工作规划\n一、日常工作。年内完成河库清理。", date(2024, 1, 1),   # a span: no one year
     ("2024-12-31", "reference_date", ["year_guessed"])),
])
def test_year_from_the_notice_before_the_reference_date(text, reference, want):
    notice = extract_text(text, reference_date=reference)
    (found,) = [d for item in notice.items for d in item.deadlines] + list(notice.deadlines)
    assert (found.date, found.year_source, found.flags) == want


# -- rules files -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", rule_names())
def test_every_rules_file_loads(name):
    assert isinstance(load_rules(name), dict)


def test_deadline_rules_validate():
    compile_rules(load_rules("deadlines"))


@pytest.mark.parametrize("key, bad", [
    ("before_words", None), ("completion_verbs", "完成"), ("open_verbs", ["办结", ""]),
    ("relative_years", {"今年": "zero"}), ("five_year_plans", []),
])
def test_malformed_deadline_rule_names_file_and_key(key, bad):
    rules = dict(load_rules("deadlines"))
    if bad is None:
        del rules[key]
    else:
        rules[key] = bad
    with pytest.raises(RuleError, match=rf"deadlines\.toml: .*{key}"):
        compile_rules(rules)


# -- properties ------------------------------------------------------------------------------

DEADLINE_ALPHABET = st.sampled_from(list("年月日前底内每限个工作至到于在0123456789〇一二十季度上半月份后起的。，限期办结次按报送自之：（）时即-"))
ANY_TEXT = st.text(alphabet=st.one_of(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
                                      st.characters(min_codepoint=0x20, max_codepoint=0x7E),
                                      DEADLINE_ALPHABET), max_size=80)


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT, st.sampled_from([None, date(2020, 3, 2), date(2021, 12, 31)]))
def test_evidence_spans_hold_and_nothing_raises(text, reference):
    for d in extract_deadlines(text, reference, offset=7):
        assert text[d.start - 7:d.end - 7] == d.text
        assert d.kind == "by" or d.date is None or d.kind == "relative"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="《》\n甲", max_size=40))
def test_title_marks_cover_what_a_mark_closed_on_its_line_covers(text):
    """A place is inside a cited title when the last 《 before it is closed by the first 》 after
    that 《, at or after the place, with no line break between them."""
    from docextract.extract.deadlines.context import TitleMarks
    marks = TitleMarks(text)
    for start in range(len(text) + 1):
        opened = text.rfind("《", 0, start)
        closed = text.find("》", opened) if opened >= 0 else -1
        want = opened >= 0 and closed >= start and "\n" not in text[opened:closed]
        assert marks.inside(start) == want, start


def test_first_classes_hold_every_character_a_match_can_start_with():
    """A rule's class of first characters narrows where it is tried, never what it finds."""
    from docextract.structure.gates import first_chars
    for rule in patterns().rules:
        if not rule.screen_first or rule.screen_lead:
            continue
        first = re.compile(f"[{rule.screen_first}]")
        missed = {ch for ch in first_chars([rule.plain]) if not first.fullmatch(ch)}
        assert not missed, (rule.family, missed)


# Years, counts and dates side by side: a 年 after a year, next to counts and windows.
BLOCK_TEXTS = ["2024年3年内完成，2024年 3年内，2024年三年内，二〇二四年内，１２３４年内，12345日内，123日内，"
               "于2024年5月22日至5月28日报名，2024年5-7月，在2025年3月10日前上报"]


def test_a_blocked_anchor_word_anchors_no_match():
    """``Rule.digits_block``: no match of the rule has, among its anchor words, only ones right
    after that many digits (so dropping their windows loses nothing)."""
    p = patterns()
    blocked = [r for r in p.rules if r.digits_block]
    assert blocked
    for text in _texts_and_pieces() + BLOCK_TEXTS:
        for rule in blocked:
            words = re.compile("|".join(map(re.escape, sorted(rule.anchor, key=len, reverse=True))))
            for m in rule.pattern.finditer(text):
                starts = [m.start() + k for k in range(m.end() - m.start()) for w in rule.anchor
                          if text.startswith(w, m.start() + k) and m.start() + k + len(w) <= m.end()]
                assert words.search(text, m.start(), m.end())
                assert any(not text[s - rule.digits_block:s].isdecimal() or s < rule.digits_block
                           for s in starts), (rule.family, m[0])


def test_an_opening_matches_where_its_rule_does():
    """``Rule.opening`` relaxes the rule: it matches at the start of every match of the rule."""
    p = patterns()
    opened = [r for r in p.rules if r.opening]
    assert opened
    for text in _texts_and_pieces() + BLOCK_TEXTS:
        for rule in opened:
            opening = re.compile(rule.opening, re.VERBOSE)
            for m in rule.pattern.finditer(text):
                assert opening.match(text, m.start()) is not None, (rule.family, m[0])


def test_blocked_and_relaxed_screens_find_what_plain_ones_do(monkeypatch):
    """The same deadlines with every rule's ``digits_block`` and ``opening`` switched off."""
    texts = [c["text"] for c in CASES] + [p.read_text(encoding="utf-8") for p in NOTICES] + BLOCK_TEXTS
    fast = [extract_deadlines(t, date(2020, 3, 2)) for t in texts]
    p = patterns()
    plain = dataclasses.replace(p, anchors=anchor_index(tuple(dataclasses.replace(r, digits_block=0, opening="")
                                                              for r in p.rules)))
    monkeypatch.setattr(find, "patterns", lambda: plain)
    assert plain.anchors.screens != p.anchors.screens
    assert [extract_deadlines(t, date(2020, 3, 2)) for t in texts] == fast
