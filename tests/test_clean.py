"""Clean stage: boilerplate out, every body sentence kept, page metadata aside."""
import pytest
from hypothesis import given, settings, strategies as st

from docextract.clean import clean
from docextract.text.textmap import TrackedText

BODY = "关于做好某项工作的通知\n各乡镇：\n为做好工作，现通知如下。\n一、加强领导\n要加强领导，确保落实。\n某县人民政府\n2021年5月6日"


def cleaned(text):
    return clean(TrackedText.from_source(text))


@pytest.mark.parametrize("junk", [
    "当前位置：首页 > 政务公开 > 通知公告",
    "网站首页 > 省乡村振兴局 > 政策 > 其它文件",
    "发布时间：2021-05-07 09:52 来源：县政府办 浏览量：",
    "【打印本页】【关闭窗口】",
    "分享到：",
    "上一篇：关于另一件事的通知",
    "延伸阅读",
    "版权所有：某县人民政府 京ICP备11041399号-2",
    "京公网安备11010502035964",
    "12.jpg",
    "天博国际app下载",
    "重点工作  重点工作",
    "?",
])
def test_boilerplate_line_is_dropped_and_body_kept(junk):
    result = cleaned(junk + "\n" + BODY + "\n" + junk)
    assert junk not in result.body
    assert result.body == BODY


def test_metadata_kept_aside():
    result = cleaned("发布时间：2021-05-07 09:52 来源：县政府办 浏览量：\n" + BODY)
    assert result.metadata["published"] == "2021-05-07"
    assert result.metadata["source"] == "县政府办"


def test_page_title_with_site_suffix_is_dropped():
    result = cleaned("关于做好某项工作的通知 - 通知公告 - 某县政府网\n" + BODY)
    assert "通知公告" not in result.body
    assert result.metadata["site"] == "通知公告 - 某县政府网"


def test_attachment_link_keeps_doc_number():
    result = cleaned(BODY + "\n某政〔2021〕7号关于做好某项工作的通知.pdf")
    assert ".pdf" not in result.body
    assert result.metadata["attachment_doc_number"] == "某政〔2021〕7号"


def test_tail_furniture_dropped_signature_kept():
    result = cleaned(BODY + "\n热点专题\n特色小镇")
    assert result.body == BODY


@pytest.mark.parametrize("line", [
    "各乡镇、县直各单位：", "一、加强组织领导", "（责任单位：县财政局、各乡镇）", "牵头单位：市人社局",
    "2020年是决胜全面建成小康社会之年。", "附件：1.任务分工表",
])
def test_body_lines_survive(line):
    text = "关于做好某项工作的通知\n" + line + "\n要加强领导，确保落实。"
    assert line in cleaned(text).body


def test_offsets_map_to_source():
    source = "当前位置：首页 > 通知\n\n  " + BODY
    result = cleaned(source)
    start = result.body.index("为做好工作")
    a, b = result.text.to_source(start, start + 5)
    assert source[a:b] == "为做好工作"


def test_the_start_of_the_next_notice_is_dropped():
    text = BODY + "\n关于开展另一项检查的通知\n各区要于7月底前完成检查。"
    assert cleaned(text).body == BODY


def test_documents_a_notice_issues_are_kept():
    text = ("关于印发某方案的通知\n各区：\n现将《某方案》印发给你们。\n某市人民政府\n2021年5月6日\n"
            "某方案\n一、目标\n于7月底前完成。")
    assert cleaned(text).body == text


def test_disclosure_block_read_into_metadata():
    block = ("索 引 号：000014349/2022-00018    主题分类：综合政务\n"
             "发文机关：国务院办公厅    成文日期：2022年02月07日\n"
             "发文字号：国办发〔2022〕5号    发布日期：2022年03月01日\n")
    result = cleaned(block + BODY)
    assert result.body == BODY
    assert result.metadata["doc_number"] == "国办发〔2022〕5号"
    assert result.metadata["date"] == "2022-02-07" and result.metadata["published"] == "2022-03-01"
    assert result.metadata["issuer"] == "国务院办公厅" and result.metadata["index_number"] == "000014349/2022-00018"


@pytest.mark.parametrize("footer", ["网站地图 | 联系我们 | 无障碍浏览", "主办：某县人民政府办公室", "承办：某县数据资源局"])
def test_site_footer_lines(footer):
    assert cleaned(BODY + "\n" + footer).body == BODY


def test_task_fields_named_like_footers_stay():
    text = "关于做好某项工作的通知\n一、举办活动。要办好。\n主办单位：市文旅局\n承办单位：各区文旅局"
    assert cleaned(text).body == text


def line_rule_cases(field):
    from docextract.rules.boilerplate import RULES
    from docextract.rules import load_rules

    # a rule with min_lines drops its lines only when a text has that many: the example repeats
    return [pytest.param("\n".join([text] * rule.get("min_lines", 1)), id=f"{rule['name']}: {text[:16]}")
            for rule in load_rules(RULES)["line"] for text in rule.get(field, [])]


@pytest.mark.parametrize("line", line_rule_cases("examples"))
def test_every_rule_example_leaves_the_body(line):
    result = cleaned(BODY.replace("\n一、", f"\n{line}\n一、"))
    assert result.body == BODY


@pytest.mark.parametrize("line", line_rule_cases("not"))
def test_every_rule_counterexample_stays(line):
    text = BODY.replace("\n一、", f"\n{line}\n一、")
    assert cleaned(text).body == text


def test_distribution_list_runs_over_its_lines():
    colophon = "抄送：县委办，县人大办，县政协办。\n县法院，县检察院。\n各民主党派县委。\n某县人民政府办公室 2021年5月7日印发\n共印50份"
    assert cleaned(BODY + "\n" + colophon).body == BODY


def test_text_after_a_distribution_list_stays():
    text = BODY + "\n抄送：县委办。\n附件：1.任务分工表"
    assert cleaned(text).body == BODY + "\n附件：1.任务分工表"


@pytest.mark.parametrize("line, key, value", [
    ("2023-12-14 10:30", "published", "2023-12-14"),
    ("某县人民政府办公室 2021年5月7日印发", "date", "2021年5月7日"),
    ("【发文字号】某政发〔2021〕7号", "doc_number", "某政发〔2021〕7号"),
    ("【法宝引证码】CLI.12.345678", "citation_code", "CLI.12.345678"),
    ("原文链接：https://www.example.gov.cn/a.html", "url", "https://www.example.gov.cn/a.html"),
    ("公开属性：主动公开", "disclosure", "主动公开"),
])
def test_rules_keep_what_the_line_says_as_metadata(line, key, value):
    result = cleaned(BODY + "\n" + line)
    assert result.body == BODY and result.metadata[key] == value


def test_the_signature_date_wins_over_the_printing_date():
    from docextract import extract_text

    notice = extract_text(BODY + "\n某县人民政府办公室 2021年5月9日印发")
    assert notice.date == "2021-05-06"


@pytest.mark.parametrize("line", ["__ 来源：县政府办", "#### 用户登录", "* 扫一扫在手机打开当前页", "__"])
def test_marks_a_clipper_leaves_do_not_hide_furniture(line):
    assert cleaned(line + "\n" + BODY).body == BODY


def test_transcript_time_marks_leave_the_speech():
    speech = ("尊敬的各位领导，大家下午好。\n04:52\n今天的会议共有五项议程。\n05:19\n首先通报工作情况。\n1:02:33\n"
              "今天的会议到此结束，谢谢大家。")
    assert cleaned(speech).body == ("尊敬的各位领导，大家下午好。\n今天的会议共有五项议程。\n首先通报工作情况。\n"
                                    "今天的会议到此结束，谢谢大家。")


def test_disclosure_values_on_the_line_after_their_labels():
    block = "索引号：\n000014349/2022-00018\n发 文 机 关\n国务院办公厅\n成文日期：\n2022年02月07日\n发文字号：\n国办发〔2022〕5号\n"
    result = cleaned(block + BODY)
    assert result.body == BODY
    assert result.metadata == {"index_number": "000014349/2022-00018", "issuer": "国务院办公厅",
                               "date": "2022-02-07", "doc_number": "国办发〔2022〕5号"}


def test_a_label_line_does_not_take_a_sentence_as_its_value():
    text = BODY.replace("\n一、", "\n文号：\n各地要认真落实文件要求，确保取得实效。\n一、")
    assert "各地要认真落实文件要求" in cleaned(text).body


def test_a_title_value_stays_in_the_body():
    result = cleaned("标题：\n" + BODY)
    assert result.body == BODY and result.metadata["title"] == "关于做好某项工作的通知"


def test_the_closing_signature_is_body():
    tail = "\n特此通知。\n某县人民政府办公室\n2021年5月6日\n（此件公开发布）"
    assert cleaned(BODY + tail).body == BODY + tail


def test_navigation_words_one_per_line_before_the_notice():
    menu = "市民网页\n您好\n新闻\n公开\n服务\n互动\n"
    assert cleaned(menu + BODY).body == BODY


@pytest.mark.parametrize("head", [
    "某县人民政府文件\n某政发〔2024〕3号\n",                       # masthead and 文号
    "某市财政局\n某市发展改革委\n某市人社局\n某市农业农村局\n",       # joint issuers, one per line
    "特急\n某政发〔2024〕3号\n签发人：张三\n",                        # too few to be a menu
])
def test_head_lines_that_are_not_a_menu_stay(head):
    assert cleaned(head + BODY).body == head + BODY


def test_short_lines_after_the_first_sentence_stay():
    names = "\n".join(["张三", "李四", "王五", "赵六", "钱七"])
    text = BODY.replace("\n一、", f"\n附：获奖人员名单\n{names}\n一、")
    assert names in cleaned(text).body


def test_a_lone_time_is_not_a_transcript_mark():
    text = BODY.replace("\n一、", "\n会议时间：\n14:30\n一、")
    assert "14:30" in cleaned(text).body


def test_a_disclosure_block_glued_to_a_sentence_gives_its_metadata_and_keeps_the_sentence():
    from docextract.normalize import normalize

    line = ("发文字号：国令第1号 发布日期：2024年03月19日改正，可以根据情节单处或者并处警告、没收违法所得，"
            "处以违法所得1倍以上5倍以下的罚款，没有违法所得的，处以30万元以下的罚款。")
    cleaned = clean(normalize("第一条 总则。\n" + line))
    assert cleaned.metadata["published"] == "2024-03-19" and "30万元以下的罚款" in cleaned.body


def test_a_heading_printed_twice_is_no_menu_and_no_repeated_tile():
    from docextract.normalize import normalize

    cleaned = clean(normalize("第四章 消费者组织 第四章 消费者组织\n第三十四条 消费者协会应当履行职责。"))
    assert cleaned.body.startswith("第四章 消费者组织")


@pytest.mark.parametrize("line, once", [
    ("第一章　总　　则 第一章　总　　则", "第一章　总　　则"),                   # a chapter printed twice
    ("某某省人民政府令某某省人民政府令第12号", "某某省人民政府令第12号"),         # a decree heading, joined to its number
    ("某某市物业管理条例 某某市物业管理条例 ", "某某市物业管理条例"),
    ("合格 合格", "合格 合格"),                                                 # two short cells, not a phrase shown twice
    ("为了规范管理，为了规范管理工作制定本办法。", "为了规范管理，为了规范管理工作制定本办法。"),   # a comma: no copy
    ("加强领导和加强协调", "加强领导和加强协调"),
])
def test_a_line_printed_twice_reads_once(line, once):
    from docextract.clean.doubled import collapse_doubled_lines
    tracked = collapse_doubled_lines(TrackedText.from_source(f"前言。\n{line}\n正文。"))
    assert tracked.text == f"前言。\n{once}\n正文。"
    kept = tracked.text.index(once)
    assert tracked.to_source(kept, kept + 4) == (4, 8)   # the first copy stays, with its offsets


def test_a_last_line_that_lost_its_end_mark_stays_and_short_furniture_after_it_goes():
    text = ("关于做好考核工作的通知\n一、考核办法\n1.考核结果列全市前3名的，分别奖10分、5分、3分。\n"
            "年内被书面通报批评的分别扣5分、3分\n网站地图\n联系我们")
    body = cleaned(text).body
    assert "年内被书面通报批评的分别扣5分、3分" in body
    assert "网站地图" not in body and "联系我们" not in body


DOUBLED_ALPHABET = st.sampled_from(list("第一章总则条例甲乙 \t\u3000\xa0。"))
DOUBLED_PIECE = st.text(alphabet=DOUBLED_ALPHABET, max_size=8)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(
    st.text(alphabet=DOUBLED_ALPHABET, max_size=40),
    # a phrase, white space, the phrase again (maybe cut or run on): what the pattern is for
    st.builds(lambda lead, phrase, gap, copy_cut, tail: lead + phrase + gap + phrase[:len(phrase) - copy_cut] + tail,
              st.text(alphabet=" \t\u3000", max_size=2), st.text(alphabet=DOUBLED_ALPHABET, min_size=1, max_size=12),
              st.text(alphabet=" \t\u3000", max_size=3), st.integers(0, 2), DOUBLED_PIECE),
    st.builds(lambda word, times, gap, tail: (word * times) + gap + word * times + tail,
              st.text(alphabet="甲乙 ", min_size=1, max_size=3), st.integers(1, 40),
              st.text(alphabet=" \u3000", max_size=2), DOUBLED_PIECE),
))
def test_second_copy_is_what_the_pattern_matches(line):
    from docextract.clean.doubled import DOUBLED_LINE, second_copy
    m = DOUBLED_LINE.match(line)
    assert second_copy(line) == ((m.end(2), m.end()) if m else None)
