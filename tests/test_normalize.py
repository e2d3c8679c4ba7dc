"""Normalize: gold cases, negatives that must come out unchanged, properties, real notices."""
import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings, strategies as st

from corpus_files import CORPUS
from docextract.normalize import NORMALIZERS, normalize

CASES_DIR = Path(__file__).parent.parent / "corpora" / "cases"
CASES = json.loads((CASES_DIR / "normalize.json").read_text(encoding="utf-8"))
UNCHANGED = json.loads((CASES_DIR / "normalize_unchanged.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_normalize_case(case):
    assert normalize(case["input"]).text == case["expect"]


@pytest.mark.parametrize("text", UNCHANGED, ids=[t[:12].replace("\n", " ") for t in UNCHANGED])
def test_comes_out_unchanged(text):
    assert normalize(text).text == text


def test_trace_names_the_steps_that_changed_something():
    trace = []
    normalize("產業(yè)\r\n", trace)
    assert trace == ["fix_line_ends", "to_simplified", "strip_glued_pinyin"]
    assert [name for name, _ in NORMALIZERS][0] == "fix_line_ends"


def test_offsets_map_back_to_the_source():
    source = "　　中國產業(yè)經濟信息網\r\n２０２１年"
    result = normalize(source)
    start = result.text.index("经济")
    a, b = result.to_source(start, start + 2)
    assert source[a:b] == "經濟"
    start = result.text.index("2021")
    a, b = result.to_source(start, start + 4)
    assert source[a:b] == "２０２１"


def test_real_notices():
    traditional = normalize((CORPUS / "002_b562bc70cb04133b.txt").read_text(encoding="utf-8")).text
    assert "(yè)" not in traditional and "(zhàn)" not in traditional
    assert "中国产业经济信息网" in traditional
    wrapped = normalize((CORPUS / "004_ba4d4d4b2a22ff08.txt").read_text(encoding="utf-8")).text
    assert "暂时无法外出务工" in wrapped and "模式和方法，" in wrapped
    title = normalize((CORPUS / "003_c5fd581c3bdc88e4.txt").read_text(encoding="utf-8")).text
    assert "监测预警和动态帮扶的意见》的通知\n" in title


PIECES = list("通知各乡镇(yè)（一）1.、，。：\n\r 　２０年月產業戰局委") + ["\r\n", "(zhàn)", "一、", "\n\n"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
@example("一、 一、\n、")   # a heading printed twice, then a line the joiner appends to it
def test_idempotent_and_map_valid(text):
    once = normalize(text)
    assert normalize(once.text).text == once.text
    index = once.source_index
    assert len(index) == len(once.text) + 1
    assert all(0 <= i <= len(text) for i in index)
    assert all(a <= b for a, b in zip(index, index[1:]))


# -- the t2s gate: texts it lets through come out of OpenCC as they went in --------------------

from docextract.load import load_file  # noqa: E402
from docextract.normalize.chars import to_simplified  # noqa: E402
from docextract.normalize.t2s_gate import (  # noqa: E402
    installed_version, load_triggers, read_entries, t2s_converter, t2s_triggers, triggers_of, write_triggers)
from docextract.text.textmap import TrackedText  # noqa: E402

T2S_ENTRIES = read_entries(t2s_converter().config) or []
CHANGING = sorted(key for key, value in T2S_ENTRIES if key != value)
KEPT = sorted(key for key, value in T2S_ENTRIES if key == value)
CORPUS_TEXTS = [load_file(p).text for p in sorted([*CORPUS.glob("*.*"), *(CORPUS.parent / "dev" / "raw").glob("*.*")])]


def test_the_gate_reads_opencc_dictionaries():
    assert len(CHANGING) > 4000 and "發" in CHANGING and "答覆" in CHANGING and KEPT
    assert t2s_triggers() is not None


def test_the_shipped_table_is_the_dictionaries_triggers():
    """rules/t2s_triggers.txt is what the installed OpenCC's dictionaries give (after an upgrade of
    OpenCC: python -m docextract.normalize.write_t2s_triggers)."""
    assert load_triggers(installed_version()) == triggers_of(T2S_ENTRIES), \
        "rules/t2s_triggers.txt is stale: run python -m docextract.normalize.write_t2s_triggers"


def test_a_table_for_another_opencc_means_no_gate(tmp_path):
    table = tmp_path / "t2s_triggers.txt"
    triggers = triggers_of([("發", "发"), ("答覆", "答复"), ("覆核", "复核")])
    write_triggers(triggers, "9.9.9", table)
    assert load_triggers("9.9.9", table) == triggers
    assert load_triggers("1.0.0", table) is None and load_triggers("9.9.9", tmp_path / "missing.txt") is None


def test_every_changing_key_opens_the_gate():
    triggers = t2s_triggers()
    assert [key for key in CHANGING if not triggers.may_change(key)] == []


def test_triggers_of_hand_made_entries():
    triggers = triggers_of([("發", "发"), ("深沈", "深沉"), ("慰藉", "慰藉"), ("答覆", "答复"), ("藉口", "借口")])
    assert [triggers.may_change(s) for s in ("發展", "意志深沈", "答覆函", "找藉口")] == [True] * 4
    # a phrase's character alone, or in a phrase that stays, opens nothing
    assert [triggers.may_change(s) for s in ("覆盖全省", "沈阳市", "慰藉", "发展", "口覆", "")] == [False] * 6
    assert not triggers_of([]).may_change("發")
    text = "甲\n發展\n覆盖\n答覆"
    assert triggers.changing_lines(text, 5) == [(2, 4), (8, 10)]
    assert triggers.changing_lines(text, 1) is None and triggers.changing_lines("覆盖\n发展", 5) == []


def test_an_unreadable_config_means_no_gate(tmp_path):
    config = tmp_path / "t2s.json"
    config.write_text('{"conversion_chain": [{"dict": {"type": "unknown", "file": "x"}}]}', encoding="utf-8")
    assert read_entries(str(config)) is None
    config.write_text('{"conversion_chain": [{"dict": {"type": "ocd2", "file": "missing.ocd2"}}]}', encoding="utf-8")
    assert read_entries(str(config)) is None


def _converted_always(text: str) -> str:
    """``to_simplified`` without the gate."""
    if not any("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" for c in text):
        return text
    converter = t2s_converter()
    out = converter.convert(text)
    if len(out) == len(text):
        return out
    return "\n".join(c if len(c := converter.convert(line)) == len(line) else
                     "".join(o if len(o := converter.convert(ch)) == 1 else ch for ch in line)
                     for line in text.split("\n"))


@pytest.mark.parametrize("k", range(len(CORPUS_TEXTS)))
def test_the_gate_agrees_with_converting_on_the_corpora(k):
    text = CORPUS_TEXTS[k]
    assert to_simplified(TrackedText.from_source(text)).text == _converted_always(text)


GATE_PIECES = st.one_of(st.sampled_from(CHANGING or ["發"]), st.sampled_from(KEPT or ["发"]),
                        st.sampled_from(list("覆沈坏藉瞭哩衹甦盖阳发展的\n 。，")),
                        st.characters(min_codepoint=0x3400, max_codepoint=0x9fff))


@settings(max_examples=400, deadline=None)
@given(st.lists(GATE_PIECES, max_size=12).map("".join))
@example("覆盖")
@example("答覆")
@example("反反覆覆")
def test_the_gate_agrees_with_converting(text):
    assert t2s_triggers().may_change(text) or t2s_converter().convert(text) == text
    assert to_simplified(TrackedText.from_source(text)).text == _converted_always(text)


def _reference_wrap_width(lines, r):
    """``wrap_width`` counted the plain way: every window of widths, no shortcut."""
    widths = [round(len(ln) - len(ln.encode("latin-1", "ignore")) / 2) for ln in lines if len(ln) >= 15]
    if len(widths) < r.wrap_min_full_lines:
        return None

    def window(top):
        return sum(top - r.wrap_slack <= w <= top for w in widths)

    best = max(set(widths), key=lambda top: (window(top), top))   # the widest of the fullest windows
    if window(best) < r.wrap_min_full_lines or window(best) < r.wrap_min_full_share * len(widths):
        return None
    if sum(w > best + r.wrap_slack for w in widths) > r.wrap_max_wider_share * len(widths):
        return None
    return best - r.wrap_slack


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=40))
@example([(30, 0)] * 8 + [(12, 0), (20, 0)])   # a hard-wrapped page: width 30
@example([(15 + k, 0) for k in range(20)])      # web text: paragraphs of every length
@example([(30, 0)] * 3 + [(31, 0)] * 3 + [(29, 0)] * 3 + [(15 + k, 0) for k in range(20)])  # near the bound
@example([(0, 60)] * 8 + [(45, 0)] + [(15 + k, 0) for k in range(10)])  # full lines of narrow characters only
@example([(28, 0)] * 6 + [(20, 20)] * 3 + [(15 + 3 * k, 0) for k in range(8)])  # the longest lines are not the widest
def test_wrap_width_matches_counting_every_window(shape):
    """The early refusal (a window holds at most slack + 1 times the commonest width) never
    changes the width found: same answer as counting every window."""
    from docextract.normalize.rules import normalize_rules
    from docextract.normalize.linewidth import wrap_width
    r = normalize_rules()
    lines = ["字" * wide + "a" * narrow for wide, narrow in shape]
    assert wrap_width(lines, r) == _reference_wrap_width(lines, r)


def _spaced_list_read_in_full(line: str) -> bool:
    """is_spaced_list without its early exits: every token joined into words, then each word read."""
    from docextract.normalize import chars
    line = line.lstrip(" \t")
    gap = chars.ARTICLE_GAP.match(line) if line[:1] == "第" else None
    if gap:
        line = gap.group(1) + line[gap.end():]
    words = chars._words(line.split())
    return len(words) >= chars.SPACED_LIST_MIN_WORDS and \
        all(2 <= len(w) <= chars.SPACED_LIST_MAX_WORD and not w.isdigit() for w in words)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet="首页机构12第一条，、（）", min_size=1, max_size=10), max_size=6),
       st.lists(st.sampled_from([" ", "  ", "\t", "\u3000"]), min_size=6, max_size=6))
def test_spaced_list_early_exits_agree_with_reading_every_word(pieces, gaps):
    from docextract.normalize.chars import is_spaced_list
    line = "".join(piece + gap for piece, gap in zip(pieces, gaps))
    assert is_spaced_list(line) == _spaced_list_read_in_full(line)
    assert is_spaced_list(" " + line.rstrip()) == _spaced_list_read_in_full(" " + line.rstrip())


def _spaces_stripped_by_whole_text_scans(text: str) -> str:
    """strip_stray_spaces as it read the text before (one scan per pattern: the indentation, the
    article labels, the numbers split from 年月日), for the property test below."""
    import re
    from docextract.normalize import chars
    leading = re.compile(r"\n[ \t]+")
    number_split = re.compile(r"\n(?:(?<=\d\n)[ \t]*(?=[年月日号])|(?<=[年月]\n)[ \t]*(?=\d{1,2}[ \t]*(?:\n[ \t]*)?[月日号]))")
    after_label = re.compile(r"第[一二三四五六七八九十百零〇\d]{1,4}[章节条](?P<extra>[ \t]{2,})(?=\S)")
    edits = [(m.start() + 1, m.end(), "") for m in leading.finditer(text)]
    first = len(text) - len(text.lstrip(" \t"))
    if first:
        edits.append((0, first, ""))
    edits += [(m.start("extra"), m.end("extra"), "") for m in after_label.finditer(text)
              if not text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip()]
    # the runs between characters, as strip_stray_spaces reads them (its _is_stray)
    spaced: dict[int, bool] = {}
    size = len(text)
    for m in re.finditer(r"[ \t]+", text):
        start, end = m.span()
        if not start or end == size or text[start - 1] == "\n" or text[end] == "\n":
            continue
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line = (line_start, size if line_end == -1 else line_end)

        def spaced_list(_: int, line=line) -> bool:
            return spaced.setdefault(line[0], chars.is_spaced_list(text[line[0]:line[1]]))
        if chars._is_stray(text, start, end, line, spaced_list):
            edits.append((start, end, ""))
    edits += [(m.start(), m.end(), "") for m in number_split.finditer(text)]
    return TrackedText.from_source(text).replace_spans(chars._disjoint(edits)).text


@settings(max_examples=1500, deadline=None)
@given(st.one_of(
    st.text(alphabet=list("第一十2条章节年月日号通知，。 \t\n\u3000aA5"), max_size=40),
    st.lists(st.sampled_from(["第一条", "第十二章", "第2节", "  ", " ", "\t", "\n", "\u3000", "年", "12", "月", "日",
                              "通知", "，", "a"]), max_size=12).map("".join)))
@example("第一条  为了规范\n 第十二章\t\t总则\n2024\n年5\n 月")
@example("第一条  \u3000为")
@example("前言第一条  为")
def test_stray_spaces_read_in_one_pass_as_in_scans_of_the_whole_text(text):
    from docextract.normalize.chars import strip_stray_spaces
    assert strip_stray_spaces(TrackedText.from_source(text)).text == _spaces_stripped_by_whole_text_scans(text)


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet=list("通知a\n \t\u00a0\u3000"), max_size=30))
def test_trailing_spaces_found_from_line_breaks_as_line_by_line(text):
    """fix_line_ends' trailing spaces (found from the line breaks after a space) are those a loop
    over every line would take off its end."""
    from docextract.normalize.chars import TRAILING_SPACE_CHARS, _trailing_spaces
    edits, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        kept = len(line.rstrip(TRAILING_SPACE_CHARS))
        if kept < len(line):
            edits.append((start + kept, end, ""))
        start = end + 1
    assert _trailing_spaces(text) == edits
