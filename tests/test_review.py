"""The review page: rendered in a real headless Chromium, values highlighted where they stand."""
import datetime
import os
import shutil
import tempfile
from html.parser import HTMLParser

import pytest
from tracker_samples import failed_input, sample_notice

from docextract.cli import main
from docextract.review.marks import Span, marked_body
from docextract.review.page import render_report
from docextract.review.units import tasks_by_unit

TODAY = datetime.date(2021, 4, 1)
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--window-size=1280,900")


def flagged_sample():
    """The sample with review flags on a unit and a deadline (the extractors set them; here by hand)."""
    notice = sample_notice()
    funding = notice.items[11]
    unit = funding.lead_units[0].model_copy(update={"flags": ["unit_not_in_lexicon"]})
    deadline = funding.deadlines[0].model_copy(update={"flags": ["year_guessed"]})
    items = list(notice.items)
    items[11] = funding.model_copy(update={"lead_units": [unit], "deadlines": [deadline]})
    return notice.model_copy(update={"items": items})


def expected_values(notice) -> list[tuple[str, str]]:
    """(kind, text) of every value the page must mark in the body."""
    values = [("meta", e.text) for e in notice.evidence.values()]
    values += [("unit", u.name) for u in notice.recipients]
    for owner in (*notice.items, notice):
        for role in ("lead", "responsible", "cooperating"):
            values += [("unit", u.name) for u in getattr(owner, f"{role}_units", [])]
        values += [("deadline", d.text) for d in owner.deadlines] + [("amount", a.text) for a in owner.amounts]
    return sorted(values)


class _Balance(HTMLParser):
    VOID = {"meta", "br"}

    def __init__(self):
        super().__init__()
        self.stack = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, f"</{tag}> closes nothing open"


def test_the_page_is_well_formed_even_with_crossing_spans():
    page = render_report([flagged_sample(), failed_input()], TODAY)
    checker = _Balance()
    checker.feed(page)
    assert checker.stack == []
    assert marked_body("甲乙丙丁", [Span(0, 3, "b"), Span(1, 4, "i"), Span(2, 2, "u")]) == \
        '<b>甲<i>乙丙</i></b><i data-continued="true">丁</i>'


def test_the_body_is_escaped():
    notice = sample_notice().model_copy(update={"body": "<script>alert(1)</script>" + sample_notice().body})
    assert "<script>alert" not in render_report([notice], TODAY)


def test_next_due_date_per_unit():
    units = {u.name: u for u in tasks_by_unit([sample_notice()], TODAY)}
    assert units["县财政局"].next_due(TODAY) == datetime.date(2021, 9, 30)
    assert units["县财政局"].next_due(datetime.date(2021, 10, 1)) is None
    assert units["县财政局"].overdue(datetime.date(2021, 10, 1)) == 1
    assert [t.role for t in units["县农业农村局"].tasks] == ["cooperating"]


def test_review_command_writes_the_page(tmp_path, capsys):
    record = tmp_path / "notice.json"
    record.write_text(sample_notice().model_dump_json(), encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["review", str(record), "-o", str(out), "--today", "2021-04-01"]) == 0
    assert 'data-unit="县财政局"' in out.read_text(encoding="utf-8")
    assert main(["review", str(tmp_path / "missing.txt"), "-o", str(out)]) == 2


def _chromium():
    browser = next((shutil.which(n) for n in CHROMIUM_NAMES if shutil.which(n)), None)
    driver = shutil.which("chromedriver") or next(
        (p for p in ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver") if os.path.exists(p)), None)
    return browser, driver


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[dev]')")
    from selenium.webdriver.chrome.service import Service

    binary, driver = _chromium()
    if not binary or not driver:
        pytest.skip("no Chromium here (apt-get install -y chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    profile = tempfile.mkdtemp(prefix="docextract-chromium-")
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    session = webdriver.Chrome(service=Service(driver), options=options)
    yield session
    session.quit()
    shutil.rmtree(profile, ignore_errors=True)


MARKS_SCRIPT = """
const byRef = new Map();
for (const m of document.querySelectorAll('mark[data-ref]')) {
  const entry = byRef.get(m.dataset.ref) || {kind: m.dataset.kind, text: '', flags: m.dataset.flags || '',
                                             color: getComputedStyle(m).backgroundColor};
  entry.text += m.textContent;
  byRef.set(m.dataset.ref, entry);
}
return [...byRef.values()];
"""


def test_values_are_highlighted_in_a_real_browser(browser, tmp_path):
    notice = flagged_sample()
    page = tmp_path / "report.html"
    page.write_text(render_report([notice, failed_input()], TODAY), encoding="utf-8")
    browser.get(page.as_uri())
    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot)) and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 10_000  # a rendered page, not a blank one

    marks = browser.execute_script(MARKS_SCRIPT)
    assert sorted((m["kind"], m["text"]) for m in marks) == expected_values(notice)
    assert all(m["color"] not in ("rgba(0, 0, 0, 0)", "transparent") for m in marks)
    flagged = {m["text"]: m["flags"] for m in marks if m["flags"]}
    assert flagged == {"县财政局": "unit_not_in_lexicon", "2021年9月30日前": "year_guessed"}

    flags_in_table = browser.execute_script(
        "return [...document.querySelectorAll('table.tasks .flag')].map(e => e.textContent)")
    assert sorted(flags_in_table) == ["unit_not_in_lexicon", "year_guessed"]
    due = browser.execute_script(
        "return document.querySelector('tr.unit[data-unit=\"县财政局\"] .next-due').textContent")
    assert due == "2021-09-30"
    failed = browser.execute_script("return [...document.querySelectorAll('#failed tr.failed td')].map(e => e.textContent)")
    assert failed[:2] == ["spring/scan.pdf", "needs_ocr"]


def test_a_task_link_lands_on_its_item_in_the_body(browser, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(render_report([sample_notice()], TODAY), encoding="utf-8")
    browser.get(page.as_uri())
    link = browser.execute_script("return document.querySelector('table.tasks tbody tr:nth-child(12) a').getAttribute('href')")
    target = browser.execute_script(f"return document.querySelector('{link}').textContent")
    assert target.startswith("二、加强资金保障")


def test_review_reads_a_folder_of_records(tmp_path, capsys):
    records = tmp_path / "out"
    records.mkdir()
    (records / "a.json").write_text(sample_notice().model_dump_json(indent=1), encoding="utf-8")
    (records / "b.jsonl").write_text(failed_input().model_dump_json() + "\n", encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["review", str(records), "-o", str(out)]) == 1  # the failed record is reported
    page = out.read_text(encoding="utf-8")
    assert 'data-unit="县财政局"' in page and "spring/scan.pdf" in page
    assert "spring/scan.pdf: load: no text layer" in capsys.readouterr().err
