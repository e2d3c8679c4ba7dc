"""The database (``--db``): the same tests on SQLite and on a real PostgreSQL server."""
import itertools

import pytest
from pg_server import Server
from tracker_samples import failed_input, revised_notice, sample_notice

sa = pytest.importorskip("sqlalchemy")
from docextract.export.database import connect, open_database, store  # noqa: E402

TABLES = ("inputs", "notices", "items", "units", "deadlines", "amounts", "unit_tasks")
_database_numbers = itertools.count()


@pytest.fixture(scope="module")
def postgres_server():
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -e '.[dev]')")
    try:
        server = Server()
    except RuntimeError as exc:
        pytest.skip(f"no PostgreSQL server here: {exc}")
    url = server.start()
    yield url
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    """An empty database: an SQLite file, or a new database on the throwaway server."""
    if request.param == "sqlite":
        return str(tmp_path / "tasks.sqlite")
    url = request.getfixturevalue("postgres_server")
    name = f"tasks_{next(_database_numbers)}"
    admin = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return url.replace("/postgres?", f"/{name}?")


def counts(target: str) -> dict[str, int]:
    engine = connect(target)
    with engine.connect() as conn:
        out = {t: conn.execute(sa.text(f"SELECT COUNT(*) FROM {t}")).scalar_one() for t in TABLES}
    engine.dispose()
    return out


def query(target: str, sql: str, **params) -> list:
    engine = connect(target)
    with engine.connect() as conn:
        rows = conn.execute(sa.text(sql), params).fetchall()
    engine.dispose()
    return rows


def test_a_rerun_leaves_the_same_rows(db):
    notices = [sample_notice(), failed_input()]
    assert store(notices, db) == 2
    first = counts(db)
    ids = query(db, "SELECT id FROM items ORDER BY id")
    store([sample_notice(), failed_input()], db)
    assert counts(db) == first
    assert query(db, "SELECT id FROM items ORDER BY id") == ids
    notice = notices[0]
    assert first["items"] == len(notice.items) and first["notices"] == 1 and first["inputs"] == 2
    assert first["units"] == len(notice.recipients) + sum(
        len(i.lead_units) + len(i.responsible_units) + len(i.cooperating_units) for i in notice.items)


def test_a_failed_input_is_an_input_without_a_notice(db):
    store([failed_input()], db)
    assert query(db, "SELECT source, status, error, notice_id FROM inputs") == [
        ("spring/scan.pdf", "needs_ocr", "load: no text layer (scanned PDF)", None)]
    assert counts(db)["notices"] == 0


def test_values_keep_their_types(db):
    store([sample_notice()], db)
    (amount,) = query(db, "SELECT amount_min, amount_max, min_inclusive, max_inclusive, currency FROM amounts")
    assert amount == (None, 50000.0, None, True, "CNY")
    due = query(db, "SELECT due_date FROM deadlines WHERE kind = 'by' ORDER BY due_date")
    assert [str(d[0]) for d in due] == ["2021-04-30", "2021-09-30"]  # a DATE in PostgreSQL, ISO text in SQLite
    assert query(db, "SELECT path FROM items WHERE position = 10") == [("1.10",)]


def test_a_revision_is_a_second_notice_sharing_its_unchanged_item_ids(db):
    store([sample_notice(), revised_notice()], db)
    assert counts(db)["notices"] == 2
    shared = query(db, "SELECT COUNT(*) FROM items a JOIN items b ON a.id = b.id AND a.notice_id < b.notice_id")
    # every item but the changed funding item is in both versions; the inserted task is new
    assert shared[0][0] == len(sample_notice().items) - 1


def test_who_does_what_by_when(db):
    store([sample_notice()], db)
    rows = query(db, "SELECT unit, role, path, due_date FROM unit_tasks WHERE unit = :unit", unit="县财政局")
    assert [(r[0], r[1], r[2], str(r[3])) for r in rows] == [("县财政局", "lead", "2", "2021-09-30")]


def test_the_sink_stores_records_as_they_come(db):
    sink = open_database(db)
    sink.write(sample_notice())
    assert counts(db)["notices"] == 1  # committed before the next record arrives
    sink.write(failed_input())
    sink.close()
    assert counts(db)["inputs"] == 2


def test_extract_with_db_twice_keeps_the_counts(tmp_path, capsys):
    from corpus_files import CORPUS

    from docextract.cli import main

    target = str(tmp_path / "tasks.sqlite")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\nnot a pdf")
    assert main(["extract", str(CORPUS), str(broken), "--db", target]) == 1
    assert capsys.readouterr().out == ""  # with --db and no -o, the records go to the database only
    first = counts(target)
    assert main(["extract", str(CORPUS), str(broken), "--db", target]) == 1
    assert counts(target) == first
    assert first["inputs"] == len(list(CORPUS.glob("*.txt"))) + 1 and first["items"] > 0


def test_a_bad_database_url_is_a_usage_error(capsys):
    from corpus_files import CORPUS

    from docextract.cli import main

    assert main(["extract", str(CORPUS), "--db", "nosuchdialect://x"]) == 2
    assert "--db nosuchdialect://x" in capsys.readouterr().err


def test_a_nul_in_the_text_is_stored_without_moving_offsets(db):
    notice = sample_notice()
    notice = notice.model_copy(update={"body": notice.body.replace("\n", "\x00", 1)})
    store([notice], db)
    (body,) = query(db, "SELECT body FROM notices")[0]
    assert len(body) == len(notice.body) and "\x00" not in body
