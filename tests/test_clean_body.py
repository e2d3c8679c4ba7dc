"""The body the clean stage builds is its kept lines, stripped, one per line: the doubled-line
step reads those lines instead of splitting the body again, so the two must agree."""
from itertools import compress

from hypothesis import given, settings, strategies as st

from docextract.clean.boilerplate import _Page
from docextract.text.textmap import TrackedText

LINE = st.text(alphabet=st.sampled_from(list("通知第一条 \t\u3000　·_#X1。\r\x0b\xa0")), max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE, max_size=8), st.lists(st.booleans(), min_size=8, max_size=8))
def test_body_is_the_kept_lines_joined(lines, drops):
    text = "\n".join(lines)
    page = _Page(text)
    for i, dropped in enumerate(drops[:len(page.lines)]):
        if dropped and page.keep[i]:
            page.drop(i)
    body = TrackedText.from_source(text).replace_spans(page.body_edits()).text
    assert body == "\n".join(compress(page.lines, page.keep))


def test_body_of_a_page_with_blank_and_indented_lines():
    page = _Page("  标题  \n\n\u3000正文。\n尾注\n")
    page.drop(3)
    body = TrackedText.from_source(page.text).replace_spans(page.body_edits()).text
    assert body == "标题\n正文。" == "\n".join(compress(page.lines, page.keep))


REPEATED = ["政务公开 政务公开", "重点工作\u3000\u3000重点工作", "通知公告\t通知公告", "办事 服务  办事 服务"]
NOT_REPEATED = ["政务公开 政务公开。", "第四章 消费者组织 第四章 消费者组织", "一、总体要求 一、总体要求", "政务 公开",
                "a a", " 政务公开 政务公开", "政务公开 政务公开 政务公开"]


def test_repeated_phrases():
    from docextract.rules.boilerplate import repeats_a_phrase
    assert all(repeats_a_phrase(line) for line in REPEATED)
    assert not any(repeats_a_phrase(line) for line in NOT_REPEATED)


WORD = st.text(alphabet=st.sampled_from(list("识别程序 -_.pdf")), min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORD, min_size=1, max_size=8, unique=True), st.text(alphabet=st.sampled_from(list("识别程序 -_.pdfx")), max_size=30))
def test_literal_alternation_finds_what_the_plain_alternation_finds(words, text):
    import re

    from docextract.text.scan import literal_alternation
    plain = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
    grouped = re.compile(literal_alternation(words))
    spans = [(m.start(), m.group()) for k in range(len(text) + 1) if (m := plain.search(text, k))]
    assert spans == [(m.start(), m.group()) for k in range(len(text) + 1) if (m := grouped.search(text, k))]
