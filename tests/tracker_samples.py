"""Invented notices for the tracker-facing outputs (ledgers, database, diff, review page).

A notice with ten sub-items (so a path 1.10 exists), an item with units, a dated deadline and a
bounded amount, and a revision of it with one item inserted and one changed.
"""
import datetime

from docextract import extract_text
from docextract.batch import failed_notice

REFERENCE = datetime.date(2021, 3, 2)
TASKS = [f"{k}.第{k}项农资供应工作要落实到位。" for k in range(1, 11)]
FUNDING = "二、加强资金保障。对种粮大户给予补助，每户补助不超过5万元，2021年9月30日前拨付到位。（县财政局牵头，县农业农村局配合）"
PUBLICITY = "三、做好宣传。各乡镇要在4月底前完成宣传工作。"
HEAD = "关于做好春耕备耕工作的通知\n县农〔2021〕3号\n各乡镇人民政府，县直有关单位：\n"
FOOT = "\n某县人民政府\n2021年3月2日"


def notice_text(tasks=TASKS, funding=FUNDING, publicity=PUBLICITY) -> str:
    return HEAD + "一、抓好农资供应\n" + "\n".join(tasks) + "\n" + funding + "\n" + publicity + FOOT


def sample_notice(text: str | None = None, source: str = "spring/notice.txt"):
    notice = extract_text(text or notice_text(), reference_date=REFERENCE)
    return notice.model_copy(update={"source": source})


INSERTED = "新增一项：组织农机检修。"


def inserted_tasks() -> list[str]:
    """The tasks with one inserted before the fourth, later ones renumbered."""
    return TASKS[:3] + [f"4.{INSERTED}"] + [f"{k + 1}.{t.split('.', 1)[1]}" for k, t in enumerate(TASKS[3:], 4)]


def revised_notice():
    """The sample with a task inserted before the fourth and the funding amount changed."""
    text = notice_text(tasks=inserted_tasks(), funding=FUNDING.replace("5万元", "8万元"))
    return sample_notice(text, "spring/notice-v2.txt")


def failed_input():
    notice = failed_notice("spring/scan.pdf", "needs_ocr", "load: no text layer (scanned PDF)")
    return notice.model_copy(update={"source": "spring/scan.pdf"})
