"""Structure passes rewritten for speed read what the plain scans read: the second copy of a notice
(found by searching for the line after its title), the lines holding a character (``LinesText``),
the candidates of inline lists (openers screened by the styles' first characters)."""
import pytest

from docextract.structure.head import find_head
from docextract.structure.labels import inline_candidates, line_candidates, read_label
from docextract.structure.nodes import Line, LinesText, lines_of
from docextract.structure.parts import _next_text, _second_copy, fold

NOTICE = "关于做好防汛工作的通知\n各乡镇：\n一、加强值守。\n二、做好保障。\n某县人民政府\n2024年5月6日\n"


def _second_copy_by_scan(lines, head):
    """The plain reading: every line after the head that folds to the title and is followed by
    the line that follows the title."""
    title = fold("".join(lines[k].text for k in head.title_lines))
    after_title = _next_text(lines, max(head.title_lines) + 1)
    for i in range(max(head.end_line, max(head.title_lines) + 1), len(lines)):
        text = lines[i].text
        if text.strip() and fold(text) == title and _next_text(lines, i + 1) == after_title:
            return i
    return None


@pytest.mark.parametrize("copy, expected", [
    ("关于做好防汛工作的通知\n各乡镇：\n一、加强值守。", 6),               # printed again
    ("\n\n关于 做好防汛工作的通知\n\n\n各乡镇：\n一、加强值守。", 8),       # spaces and blank lines
    ("《关于做好防汛工作的通知》\n  各乡镇：  \n", 6),                      # brackets, indented
    ("关于做好防汛工作的通知\n各村：\n一、加强值守。", None),               # another line after it
    ("各乡镇：\n关于做好防汛工作的通知\n", None),                            # the line after it, before it
    ("各乡镇：\n各乡镇：\n关于做好防汛工作的通知\n各乡镇：", 8),             # the next line found twice first
    ("要求各乡镇：\n关于做好防汛工作的通知\n\n各乡镇：", 7),                 # found inside a longer line first
    ("关于做好防汛工作的通知的补充\n各乡镇：", None),                        # a longer title
])
def test_the_second_copy_is_found_where_a_scan_of_every_line_finds_it(copy, expected):
    lines = lines_of(NOTICE + copy)
    head = find_head(lines)
    assert head.title_lines == (0,)
    assert _second_copy(lines, head, LinesText(lines)) == expected == _second_copy_by_scan(lines, head)


@pytest.mark.parametrize("first, last", [(0, None), (1, 3), (2, 3), (3, 3), (0, 4), (4, None), (9, None)])
def test_lines_holding_a_character_are_those_a_scan_finds(first, last):
    lines = lines_of("附件\n一、总体\n二、附则 附录\n\n附表\n年度")
    stop = len(lines) if last is None else last
    expected = [i for i in range(first, stop) if "附" in lines[i].text or "年" in lines[i].text]
    assert LinesText(lines).holding("附年", first, last) == expected


@pytest.mark.parametrize("text, labels", [
    ("工作要求：（1）加强领导；（2）压实责任；（3）按月报送。", ["（1）", "（2）", "（3）"]),
    ("工作要求：  1.加强领导；  2.压实责任。", ["1.", "2."]),
    ("工作要求：加强领导；（2）压实责任。", []),                 # no label 1 after the colon
    ("要求如下： 各地要加强领导：（1）统筹；（2）督办。", ["（1）", "（2）"]),   # the second colon opens it
    ("时间：2025年；地点：某市。", []),
    ("要求：（1）加强领导。", []),                                # a list of one is no list
])
def test_inline_lists_are_read_after_a_colon(text, labels):
    line = Line(0, len(text), text)
    assert [c.label.text for c in inline_candidates(line, 0)] == labels
    for c in inline_candidates(line, 0):
        assert read_label(text[c.start:]) is not None and text[c.start:].startswith(c.label.text)


def test_a_label_line_then_its_list_run_on_one_line():
    lines = lines_of("1.资料：（1）身份证；（2）户口簿。\n2.其他。")
    assert [c.label.text for c in line_candidates(lines, 0, len(lines))] == ["1.", "（1）", "（2）", "2."]
