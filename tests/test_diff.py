"""Stable ids and ``docextract diff``: an inserted item is one addition, not a renumbering."""
import json

from tracker_samples import (FUNDING, INSERTED, PUBLICITY, TASKS, inserted_tasks, notice_text, revised_notice,
                             sample_notice)

from docextract.cli import main
from docextract.review.diff import diff_notices, text_change
from docextract.text.ids import item_id, notice_id


def kinds(diff):
    return [(c.kind, ".".join(map(str, (c.new or c.old).path))) for c in diff.changes]


def test_item_ids_are_stable_across_runs():
    assert [i.id for i in sample_notice().items] == [i.id for i in sample_notice().items]
    assert len({i.id for i in sample_notice().items}) == len(sample_notice().items)


def test_unchanged_items_of_a_revision_keep_their_ids():
    old, new = sample_notice(), revised_notice()
    old_ids, new_ids = {i.id for i in old.items}, {i.id for i in new.items}
    assert len(old_ids & new_ids) == len(old.items) - 1  # all but the funding item, whose text changed
    inserted = next(i for i in new.items if "农机检修" in i.text)
    assert inserted.id not in old_ids and inserted.path == [1, 4]


def test_ids_ignore_spacing_but_not_content():
    assert item_id("县农〔2021〕3号", "加强 资金保障。") == item_id("县农〔2021〕3号", "加强资金保障。")
    assert item_id("县农〔2021〕3号", "加强资金保障。") != item_id("县农〔2022〕1号", "加强资金保障。")
    assert notice_id("一、加强领导") != notice_id("一、加强管理")


def test_two_items_with_one_text_keep_distinct_ids():
    notice = sample_notice(notice_text(tasks=["1.略。", "2.略。", *TASKS[2:]]))
    assert notice.items[1].id != notice.items[2].id


def test_an_inserted_item_is_added_not_every_later_item_changed():
    diff = diff_notices(sample_notice(), revised_notice())
    assert kinds(diff) == [("added", "1.4"), ("changed", "2")]
    assert diff.unchanged == len(sample_notice().items) - 1
    funding = diff.of_kind("changed")[0]
    assert set(funding.fields) == {"text", "amounts"}
    assert funding.fields["amounts"] == ("不超过5万元（≤50000元）", "不超过8万元（≤80000元）")


def test_a_removed_item_and_a_moved_one():
    old = sample_notice()
    swapped = notice_text(tasks=TASKS[:2] + TASKS[3:], funding=PUBLICITY.replace("三、", "二、"),
                          publicity=FUNDING.replace("二、", "三、"))
    diff = diff_notices(old, sample_notice(swapped))
    # 1.3 was removed; 二 and 三 swapped places: their paths changed, their tasks did not
    assert kinds(diff) == [("removed", "1.3")]
    assert diff.unchanged == len(old.items) - 1


def test_equal_text_with_another_resolved_date_is_a_change():
    old = sample_notice()
    items = list(old.items)
    deadline = items[12].deadlines[0].model_copy(update={"date": "2022-04-30"})
    items[12] = items[12].model_copy(update={"deadlines": [deadline]})
    diff = diff_notices(old, old.model_copy(update={"items": items}))
    assert kinds(diff) == [("changed", "3")]
    assert diff.changes[0].fields == {"deadlines": ("在4月底前（2021-04-30）", "在4月底前（2022-04-30）")}


def test_identical_versions_have_no_changes():
    diff = diff_notices(sample_notice(), sample_notice())
    assert diff.changes == [] and diff.unchanged == len(sample_notice().items)


def test_text_change_shows_the_edit_in_context():
    assert text_change("abcdef", "abXdef") == "ab[-c-]{+X+}def"
    assert text_change("短", "短句") == "短{+句+}"


def test_diff_command_on_notice_files(tmp_path, capsys):
    old, new = tmp_path / "v1.txt", tmp_path / "v2.txt"
    old.write_text(notice_text(), encoding="utf-8")
    new.write_text(notice_text(tasks=inserted_tasks()), encoding="utf-8")
    assert main(["diff", str(old), str(new), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [(c["kind"], c["new"]["text"], c["new"]["path"]) for c in report["changes"]] == [("added", INSERTED, [1, 4])]
    assert main(["diff", str(old), str(old)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("0 added, 0 removed, 0 changed")


def test_diff_command_on_records_and_bad_input(tmp_path, capsys):
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(sample_notice().model_dump_json(indent=1), encoding="utf-8")
    new.write_text(revised_notice().model_dump_json(), encoding="utf-8")
    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    assert "+ added    1.4" in out and "~ changed  2" in out and "[-5-]{+8+}" in out
    bad = tmp_path / "bad.json"
    bad.write_text('{"not": "a record"}', encoding="utf-8")
    assert main(["diff", str(bad), str(new)]) == 2
    assert "not a docextract record" in capsys.readouterr().err


def test_a_revision_under_a_new_number_keeps_its_unchanged_item_ids():
    revised = notice_text(tasks=inserted_tasks()).replace("县农〔2021〕3号", "县农〔2022〕5号").replace(
        "关于做好春耕备耕工作的通知", "关于做好春耕备耕工作的通知（2022年修订）")
    new = sample_notice(revised)
    assert new.doc_number == "县农〔2022〕5号"
    old_ids = {i.id for i in sample_notice().items}
    assert sum(i.id in old_ids for i in new.items) == len(new.items) - 1  # all but the inserted task


def test_another_notice_does_not_share_item_ids():
    other = sample_notice(notice_text().replace("关于做好春耕备耕工作的通知", "关于做好秋收秋种工作的通知"))
    assert not {i.id for i in other.items} & {i.id for i in sample_notice().items}
