"""Task tables become items from typed rows, in every format: the loader hands the table on typed
(columns with their roles, rows with their cells placed in the text), the structure stage makes
each row an item (label = the 序号 cell, criteria inside cells its children), the extract stage
takes units from the role cells.  Hand-made tables, positives and negatives (a list of names is no
task table and its rows are no items)."""
import io
import sys

import pytest
from corpus_files import FIXTURES

from docextract import extract_bytes
from docextract.load import load_bytes
from docextract.load.columns import number_label
from docextract.load.flat_tables import find_flat_tables
from docextract.load.tables import Continued, place_tables, render_table
from docextract.text.textmap import TrackedText

HEAD = "<p>某县人民政府办公室关于印发重点任务分工方案的通知</p><p>各乡镇人民政府，县直各单位：</p><p>现将重点任务分工方案印发给你们，请认真贯彻落实。</p>"
TAIL = "<p>某县人民政府办公室</p><p>2024年3月1日</p>"


def page(*blocks: str) -> bytes:
    return f"<html><body><div class='content'>{HEAD}{''.join(blocks)}{TAIL}</div></body></html>".encode()


def table(*rows: list[str], head: str = "td") -> str:
    cells = "".join(f"<tr>{''.join(f'<{head}>{c}</{head}>' for c in rows[0])}</tr>" for _ in [0])
    body = "".join(f"<tr>{''.join(f'<td>{c}</td>' for c in row)}</tr>" for row in rows[1:])
    return f"<table>{cells}{body}</table>"


def values(notice, part: int | None = None):
    return [(it.path, it.label, it.heading, [u.name for u in it.lead_units], [u.name for u in it.responsible_units],
             [u.name for u in it.cooperating_units], [d.text.strip() for d in it.deadlines])
            for it in notice.items if part is None or it.part == part]


def assert_evidence(notice):
    for item in notice.items:
        assert notice.body[item.start:item.end].endswith(item.text)
        for unit in item.lead_units + item.responsible_units + item.cooperating_units:
            assert notice.body[unit.start:unit.end] == unit.name
        for d in item.deadlines:
            assert notice.body[d.start:d.end] == d.text


# -- HTML -----------------------------------------------------------------------------------------


def test_an_html_task_table_gives_one_item_per_row_with_the_units_of_its_role_columns():
    data = page(table(["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
                      ["1", "开展春季造林绿化", "县林业局", "各乡镇人民政府、县财政局", "2024年4月底前"],
                      ["2", "加强森林防火巡查", "县应急管理局", "/", "持续推进"],
                      ["3", "完善护林员管理制度", "县林业局（牵头）、县人社局", "无", "2024年6月"]))
    loaded = load_bytes(data, "p.html")
    task, = loaded.tables
    assert task.is_task and [c.role for c in task.columns] == ["number", "task", "lead", "cooperating", "deadline"]
    for row in task.rows:
        for cell in row.cells:
            assert loaded.text[cell.start:cell.end] == cell.text
    notice = extract_bytes(data, "p.html")
    assert values(notice) == [
        ([1], "1", "开展春季造林绿化", ["县林业局"], [], ["各乡镇人民政府", "县财政局"], ["2024年4月底前"]),
        ([2], "2", "加强森林防火巡查", ["县应急管理局"], [], [], ["持续推进"]),
        ([3], "3", "完善护林员管理制度", ["县林业局", "县人社局"], [], [], ["2024年6月"])]
    assert [(d.kind, d.date) for d in notice.items[1].deadlines + notice.items[2].deadlines] == [
        ("ongoing", None), ("by", "2024-06-30")]
    assert all(u.source == "牵头单位" for u in notice.items[0].lead_units)
    assert_evidence(notice)


def test_rows_nest_under_the_item_that_holds_the_table_and_the_numbering_goes_on_after_it():
    data = page("<p>一、重点任务</p>",
                table(["序号", "工作任务", "责任单位"], ["1", "做好春耕备耕", "县农业农村局"], ["2", "保障农资供应", "县供销社"]),
                "<p>二、工作要求</p><p>各单位要按时报送工作进展。</p>")
    notice = extract_bytes(data, "p.html")
    assert [(it.path, it.label) for it in notice.items] == [([1], "一、"), ([1, 1], "1"), ([1, 2], "2"), ([2], "二、")]
    assert [u.name for u in notice.items[2].responsible_units] == ["县供销社"]
    assert notice.items[0].text == "重点任务"


def test_an_assessment_table_nests_the_criteria_of_its_cells_under_the_row():
    criteria = "<p>1.建立巡查台账，得2分。</p><p>2.按月通报巡查情况，得3分。</p>"
    data = page(table(["序号", "考核项目", "分值", "考核内容", "负责考核部门"],
                      ["一、", "组织保障", "10", "", ""],
                      ["1", "健全工作机制", "5", criteria, "县河长办"],
                      ["2", "落实经费保障", "5", "专项经费不得挪作它用，得5分。", "县财政局<p>县水利局</p>"],
                      ["二、", "整治成效", "20", "2024年底前完成河库整治，得20分。", "县生态环境局"]))
    notice = extract_bytes(data, "p.html")
    assert values(notice) == [
        ([1], "一、", "组织保障", [], [], [], []),
        ([1, 1], "1", "健全工作机制", [], ["县河长办"], [], []),
        ([1, 1, 1], "1.", "建立巡查台账，得2分", [], [], [], []),
        ([1, 1, 2], "2.", "按月通报巡查情况，得3分", [], [], [], ["按月通报"]),
        ([1, 2], "2", "落实经费保障", [], ["县财政局", "县水利局"], [], []),
        ([2], "二、", "整治成效", [], ["县生态环境局"], [], ["2024年底前"])]
    assert "\n1健全工作机制\n分值：5\n1.建立巡查台账，得2分。" in notice.body   # normalize closes "1 健全"
    assert_evidence(notice)


def test_a_column_under_no_header_of_its_own_that_names_bodies_gives_each_row_its_responsible_unit():
    # 考核项目 merged over two columns: the item's number and the body assessed
    data = page(table(["序号", "考核项目", "", "分值", "考核内容"],
                      ["1", "重点考核部门", "县农业农村局", "30", "推进畜禽养殖污染治理，得30分。"],
                      ["2", "重点考核部门", "县住房和城乡建设局", "30", "加强城镇污水处理，得30分。"],
                      ["3", "重点考核部门", "县河长办", "40", "按月通报巡查情况，得40分。"]))
    loaded = load_bytes(data, "p.html")
    task, = loaded.tables
    assert [c.role for c in task.columns] == ["number", "task", "responsible", None, None]
    notice = extract_bytes(data, "p.html")
    assert [[u.name for u in it.responsible_units] for it in notice.items if len(it.path) == 1] == [
        ["县农业农村局"], ["县住房和城乡建设局"], ["县河长办"]]
    assert_evidence(notice)


@pytest.mark.parametrize("header, cells", [
    ("", ["加强组织领导", "完善工作机制", "做好宣传引导"]),        # no bodies: tasks
    ("", ["县水利局", "按月通报", "得5分", "年底前完成"]),           # one body among notes
    ("", ["琴江镇", "屏山镇", "小松镇"]),                           # places, not bodies
    ("联系电话", ["县水利局", "县环保局", "县林业局"]),             # under a header of its own
])
def test_a_column_is_no_unit_column_unless_it_is_unnamed_and_names_bodies(header, cells):
    from docextract.load.columns import unnamed_unit_columns
    body = [[str(k + 1), "做好工作", cell] for k, cell in enumerate(cells)]
    assert unnamed_unit_columns(["序号", "工作任务", header], body, {0: "number", 1: "task"}) == {}


def test_a_task_table_without_serial_numbers_numbers_its_rows_in_order():
    data = page(table(["重点任务", "牵头单位", "完成时限"], ["编制专项规划", "县发改委", "2024年6月底前"],
                      ["建立项目库", "县财政局", "2024年8月底前"]))
    notice = extract_bytes(data, "p.html")
    assert [(it.path, it.label, it.text.split("\n")[0], [u.name for u in it.lead_units]) for it in notice.items] == [
        ([1], "", "编制专项规划", ["县发改委"]), ([2], "", "建立项目库", ["县财政局"])]


def test_a_section_row_across_the_table_heads_the_rows_below_it():
    rows = ('<tr><td>序号</td><td>重点任务</td><td>牵头单位</td><td>完成时限</td></tr>'
            '<tr><td colspan="4">一、优化营商环境</td></tr>'
            '<tr><td>1</td><td>压缩开办时间</td><td>县市场监管局</td><td>2024年6月底前</td></tr>'
            '<tr><td>2</td><td>推行容缺受理</td><td>县政务服务中心</td><td>2024年9月底前</td></tr>'
            '<tr><td colspan="4">二、强化要素保障</td></tr>'
            '<tr><td>3</td><td>保障项目用地</td><td>县自然资源局</td><td>2024年12月底前</td></tr>')
    notice = extract_bytes(page(f"<table>{rows}</table>"), "p.html")
    assert [(it.path, it.label, it.heading, [u.name for u in it.lead_units]) for it in notice.items] == [
        ([1], "一、", "优化营商环境", []), ([1, 1], "1", "压缩开办时间", ["县市场监管局"]),
        ([1, 2], "2", "推行容缺受理", ["县政务服务中心"]), ([2], "二、", "强化要素保障", []),
        ([2, 3], "3", "保障项目用地", ["县自然资源局"])]


def test_a_merged_serial_number_makes_one_task_and_a_unit_that_leads_is_not_also_cooperating():
    rows = ('<tr><td>序号</td><td>工作事项</td><td>主要内容</td><td>牵头单位</td><td>配合单位</td></tr>'
            '<tr><td rowspan="2">1</td><td rowspan="2">推进家庭医生签约</td><td>扩大签约覆盖面。</td>'
            '<td>各区政府</td><td>市卫生健康委</td></tr>'
            '<tr><td>做实签约服务包。</td><td>市卫生健康委</td><td>市医保局</td></tr>'
            '<tr><td>2</td><td>优化转诊服务</td><td>畅通上下转诊通道。</td><td rowspan="2">市卫生健康委</td><td>/</td></tr>'
            '<tr><td>3</td><td>加强宣传引导</td><td>扩大群众知晓率。</td><td>各区政府</td></tr>')
    notice = extract_bytes(page(f"<table>{rows}</table>"), "p.html")
    assert values(notice) == [
        ([1], "1", "推进家庭医生签约", ["各区政府", "市卫生健康委"], [], ["市医保局"], []),
        ([2], "2", "优化转诊服务", ["市卫生健康委"], [], [], []),
        ([3], "3", "加强宣传引导", ["市卫生健康委"], [], ["各区政府"], [])]   # a merged cell is every row's
    assert notice.body.count("牵头单位：市卫生健康委\n") == 2   # printed once where it spans two rows
    assert_evidence(notice)


@pytest.mark.parametrize("header, rows", [
    (["序号", "学校名称", "专业名称", "层次"], [["1", "某某师范大学", "汉语言文学", "本科"], ["2", "某某学院", "数学", "本科"]]),
    (["序号", "岗位名称", "招聘人数", "专业要求"], [["1", "文秘", "2", "中文"], ["2", "会计", "1", "财会"]]),
    (["姓名", "工作单位", "职务"], [["张三", "县财政局", "科员"], ["李四", "县教育局", "副局长"]]),
])
def test_a_list_table_is_no_task_table_and_its_rows_are_no_items(header, rows):
    data = page("<p>一、名单</p>", table(header, *rows), "<p>二、工作要求</p><p>请按时报到。</p>")
    loaded = load_bytes(data, "p.html")
    assert not any(t.is_task for t in loaded.tables)
    notice = extract_bytes(data, "p.html")
    assert [it.label for it in notice.items] == ["一、", "二、"]
    assert not any(it.lead_units or it.responsible_units or it.cooperating_units for it in notice.items)


# -- DOCX -----------------------------------------------------------------------------------------


def _docx(build) -> bytes:
    import docx

    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_docx_assessment_table_with_merged_rows():
    def build(d):
        for line in ("某县人民政府办公室关于印发年度考核细则的通知", "各乡镇人民政府：", "现将考核细则印发给你们，请遵照执行。"):
            d.add_paragraph(line)
        grid = [["序号", "考核内容", "评分标准", "责任单位"],
                ["1", "落实河长制", "河长按要求巡河，得5分。", "县河长办"],
                ["", "", "问题整改到位，得5分。", "县水利局"],
                ["2", "保障经费", "专项经费足额到位，得5分。", "县财政局"]]
        t = d.add_table(rows=4, cols=4)
        for row, cells in zip(t.rows, grid):
            for cell, value in zip(row.cells, cells):
                cell.text = value
        t.cell(1, 0).merge(t.cell(2, 0))
        t.cell(1, 1).merge(t.cell(2, 1))
        for line in ("某县人民政府办公室", "2024年3月1日"):
            d.add_paragraph(line)

    notice = extract_bytes(_docx(build), "x.docx")
    assert values(notice) == [([1], "1", "落实河长制", [], ["县河长办", "县水利局"], [], []),
                              ([2], "2", "保障经费", [], ["县财政局"], [], [])]
    assert_evidence(notice)


# -- Markdown: pipe tables and tables flattened one cell per paragraph ----------------------------------


MD_HEAD = "# 某区人民政府办公室关于印发实施方案的通知\n\n各街道、镇：\n\n现将实施方案印发给你们，请认真贯彻执行。\n\n"


def test_a_markdown_pipe_table():
    text = MD_HEAD + ("| 序号 | 重点任务 | 责任单位 | 完成时间 |\n|---|---|---|---|\n"
                      "| 1 | 开展河道清淤 | 区水务局<br>各街道 | 2024年5月底前 |\n| 2 | 建设污水管网 | 区建设管理委 | 2024年10月底前 |\n")
    notice = extract_bytes(text.encode(), "n.md")
    assert values(notice) == [([1], "1", "开展河道清淤", [], ["区水务局", "各街道"], [], ["2024年5月底前"]),
                              ([2], "2", "建设污水管网", [], ["区建设管理委"], [], ["2024年10月底前"])]


FLAT_HEADER = ["序号", "工作任务", "主要内容", "牵头单位", "配合单位"]
FLAT_CELLS = [
    "一", "完善工作机制",
    "（一）", "建立联席会议制度", "每季度召开一次联席会议。", "区发展改革委", "区财政局、区司法局",
    "（二）", "健全考核办法", "制定年度考核细则。", "区委督查室", "——",
    "完善考核结果运用。", "区人社局", "区财政局",
    *FLAT_HEADER,    # the header repeated on the next page
    "二", "强化要素保障",
    "（一）", "保障建设用地", "优先保障重点项目用地。", "区规划资源\n局", "各街道、镇",
]
FLAT_VALUES = [
    ([1], "一", "完善工作机制", [], [], [], []),
    ([1, 1], "（一）", "建立联席会议制度", ["区发展改革委"], [], ["区财政局", "区司法局"], []),
    ([1, 2], "（二）", "健全考核办法", ["区委督查室", "区人社局"], [], ["区财政局"], []),
    ([2], "二", "强化要素保障", [], [], [], []),
    ([2, 1], "（一）", "保障建设用地", ["区规划资源局"], [], ["各街道、镇"], [])]


def test_a_table_pasted_one_cell_per_paragraph_is_rebuilt_from_its_header():
    text = MD_HEAD + "附件\n\n重点任务分工表\n\n" + "\n\n".join(FLAT_HEADER + FLAT_CELLS) + "\n"
    notice = extract_bytes(text.encode(), "n.md")
    assert values(notice, part=notice.items[-1].part) == FLAT_VALUES
    assert "序号\n工作任务" not in notice.body   # the repeated header is gone, the rows read as rows
    assert_evidence(notice)


def test_a_text_copy_one_cell_per_line_is_rebuilt_too():
    cells = [c.replace("\n", "") for c in FLAT_CELLS]
    text = "某区人民政府办公室关于印发实施方案的通知\n各街道、镇：\n现将实施方案印发给你们，请认真贯彻执行。\n" + \
        "\n".join(FLAT_HEADER + cells) + "\n某区人民政府办公室\n2024年3月1日\n"
    notice = extract_bytes(text.encode(), "n.txt")
    assert values(notice) == FLAT_VALUES


def test_running_text_after_a_flattened_table_is_not_swallowed():
    lines = FLAT_HEADER + ["1", "建立联席会议制度", "每季度召开一次联席会议。", "区发展改革委", "区财政局",
                           "各单位要高度重视，认真落实各项任务。", "联系人：张三，电话：12345678。"]
    tables = find_flat_tables(lines)
    assert len(tables) == 1 and tables[0].end == 10
    assert tables[0].rows[1] == ["1", "建立联席会议制度", "每季度召开一次联席会议。", "区发展改革委", "区财政局"]


@pytest.mark.parametrize("lines", [
    ["序号", "姓名", "工作单位", "职务", "1", "张三", "县财政局", "科员"],          # a name list
    ["首页", "机构概况", "政务公开", "办事服务", "互动交流"],                     # a menu
    ["序号", "任务", "加强领导。各单位要高度重视。", "县财政局"],                  # no unit column in the run
])
def test_runs_of_short_lines_that_name_no_task_columns_stay_text(lines):
    assert find_flat_tables(lines) == []


# -- PDF: a table over two pages is one table ---------------------------------------------------


def test_a_pdf_task_table_continued_on_the_next_page_is_one_table_of_rows():
    loaded = load_bytes((FIXTURES / "notice_multipage.pdf").read_bytes(), "m.pdf")
    task, = loaded.tables
    assert [[task.role(c) for c in row.cells] for row in task.rows][-1] == [
        "number", "task", "lead", "responsible", "deadline"]
    notice = extract_bytes((FIXTURES / "notice_multipage.pdf").read_bytes(), "m.pdf")
    rows = [it for it in notice.items if it.label in ("1", "2", "3")]
    assert [(it.label, [u.name for u in it.responsible_units]) for it in rows] == [
        ("1", ["市财政局", "各区人民政府"]), ("2", ["市教育局", "团市委"]), ("3", ["中国人民银行某市分行", "市人社局"])]


def test_a_generated_pdf_assessment_table_and_a_list_table():
    sys.path.insert(0, str(FIXTURES))
    from make_multipage_pdf import Page, _pdf

    first = Page(1)
    first.centered("某县人民政府办公室关于印发考核细则的通知")
    first.paragraph("各乡镇人民政府：", indent=False)
    first.paragraph("现将考核细则印发给你们，请遵照执行。")
    criteria = "1.建立巡河台账并按月更新，得2分。\n2.发现问题及时交办整改到位，得3分。"   # each wraps in its cell
    first.table([["序号", "考核项目", "考核内容", "责任单位"], ["1", "落实巡河制度", criteria, "县河长办"],
                 ["2", "完成清淤任务", "年底前完成清淤，得10分。", "县水利局、各乡镇"]], [36, 110, 170, 104])
    first.table([["序号", "学校名称", "专业名称"], ["1", "某某师范大学", "汉语言文学"]], [36, 200, 184])
    first.right("某县人民政府办公室")
    first.right("2024年3月1日")
    notice = extract_bytes(_pdf(["".join(first.ops)]), "g.pdf")
    assert values(notice) == [([1], "1", "落实巡河制度", [], ["县河长办"], [], []),
                              ([1, 1], "1.", "建立巡河台账并按月更新，得2分", [], [], [], ["按月更新"]),
                              ([1, 2], "2.", "发现问题及时交办整改到位，得3分", [], [], [], []),
                              ([2], "2", "完成清淤任务", [], ["县水利局", "各乡镇"], [], ["年底前"])]
    assert_evidence(notice)


# -- pieces ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("cell, style, number", [
    ("1", "arabic", 1), ("12", "arabic", 12), ("二", "cn", 2), ("三、", "cn", 3), ("（四）", "paren_cn", 4),
    ("(5)", "paren_arabic", 5), ("⑥", "circled", 6)])
def test_a_serial_number_cell_reads_as_a_label(cell, style, number):
    found = number_label(cell)
    assert (found[0].name, found[1]) == (style, number)


@pytest.mark.parametrize("cell", ["—", "1-1", "A", "合计", "加强组织领导"])
def test_a_serial_number_cell_that_is_no_label(cell):
    assert number_label(cell) is None


def test_an_unreadable_serial_number_stands_at_the_tables_shallowest_level():
    data = page(table(["序号", "重点任务", "牵头单位"], ["—", "完善机制", ""], ["（一）", "建立制度", "县发改委"],
                      ["二", "保障要素", ""], ["（一）", "保障用地", "县自然资源局"]))
    notice = extract_bytes(data, "p.html")
    assert [(it.path, it.label) for it in notice.items] == [([1], "—"), ([1, 1], "（一）"), ([2], "二"), ([2, 1], "（一）")]


def test_a_total_row_of_a_task_table_is_no_item():
    data = page(table(["序号", "重点任务", "责任单位", "资金（万元）"], ["1", "修缮校舍", "县教育局", "120"],
                      ["2", "改造道路", "县交通运输局", "300"], ["合计", "", "", "420"]))
    notice = extract_bytes(data, "p.html")
    assert [(it.label, [u.name for u in it.responsible_units]) for it in notice.items] == [
        ("1", ["县教育局"]), ("2", ["县交通运输局"])]
    assert "\n合计  420\n" in load_bytes(data, "p.html").text   # a plain row of the table


def test_a_table_the_loader_printed_differently_is_placed_cell_by_cell():
    rendered = render_table([["序号", "重点任务", "牵头单位"], ["1", "修缮校舍", "县教育局"], ["2", "改造道路", "县交通运输局"]])
    lines = rendered.lines
    text = "\n".join(["关于做好工作的通知", "打印本页"] + lines[:2] + ["【返回顶部】"] + lines[2:] + ["某县人民政府"])
    placed, = place_tables(text, [rendered])
    assert [[text[c.start:c.end] for c in row.cells] for row in placed.rows] == [
        ["1", "修缮校舍", "县教育局"], ["2", "改造道路", "县交通运输局"]]
    assert text[placed.start:].startswith("序号  重点任务")
    gone, = place_tables("关于做好工作的通知", [rendered])   # its header is not there: nothing is placed
    assert not any(c.placed for row in gone.rows for c in row.cells)


def test_a_merged_cell_of_a_list_table_is_printed_once():
    rendered = render_table([["序号", "类别", "学校"], ["1", "本科", "某某大学"], ["2", Continued("本科"), "某某学院"]],
                            paragraphs=True)
    assert rendered.lines == ["序号  类别  学校", "本科  某某大学", "某某学院"] and not rendered.table.is_task


def test_the_first_listed_unit_leads_when_the_notice_says_so():
    data = page("<p>（列在首位的部门为牵头部门）</p>",
                table(["序号", "重点任务", "责任单位"], ["1", "推进项目建设", "县发改委、县财政局"], ["2", "强化督查", "各乡镇"]))
    notice = extract_bytes(data, "p.html")
    assert values(notice)[:2] == [([1], "1", "推进项目建设", ["县发改委"], ["县财政局"], [], []),
                                  ([2], "2", "强化督查", [], ["各乡镇"], [], [])]


def test_a_source_span_maps_back_to_the_current_text():
    source = "序号  任务\n1 做好 工作\n"
    tracked = TrackedText.from_source(source).replace_spans([(2, 4, " "), (11, 12, "")])
    assert tracked.text == "序号 任务\n1 做好工作\n"
    assert tracked.from_source_span(9, 14) == (8, 12)       # 做好 工作 → 做好工作
    assert tracked.from_source_span(2, 4) == (2, 3)         # two spaces → one
    assert tracked.from_source_span(11, 12) is None         # the space that went
    start, end = tracked.from_source_span(7, 8)             # the 1
    assert tracked.text[start:end] == "1" and tracked.to_source(start, end) == (7, 8)
