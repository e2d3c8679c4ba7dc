"""The batch on a Dask LocalCluster gives the records the local CLI gives: same per-file
function, same statuses (a timeout included), same outputs."""
import json
import shutil

import pytest
from corpus_files import CORPUS, FIXTURES, long_notice_bytes

distributed = pytest.importorskip("distributed")

from docextract.cli import main  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    import dask

    # worker processes that may start children (the per-file worker process)
    with dask.config.set({"distributed.worker.daemon": False}), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                     silence_logs=50) as local:
        yield local


@pytest.fixture
def batch(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(CORPUS, folder)
    (folder / "sub").mkdir()
    shutil.copy(FIXTURES / "notice_scanned.pdf", folder / "sub" / "scanned.pdf")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "slow.txt").write_bytes(long_notice_bytes())
    return folder


def _records(out):
    return {p.relative_to(out).as_posix(): json.loads(p.read_text(encoding="utf-8")) for p in out.rglob("*.json")}


def test_a_dask_run_writes_the_records_the_local_run_writes(cluster, batch, tmp_path, capsys):
    options = ["--timeout", "1.5"]
    assert main(["extract", str(batch), "-o", str(tmp_path / "local"), "--jobs", "2", *options]) == 1
    local_err = capsys.readouterr().err
    assert main(["extract", str(batch), "-o", str(tmp_path / "dask"), "--dask", cluster.scheduler_address,
                 *options]) == 1
    dask_err = capsys.readouterr().err
    local, remote = _records(tmp_path / "local"), _records(tmp_path / "dask")
    assert sorted(local) == sorted(remote) and len(local) == 8
    assert local == remote
    assert {r["source"]: r["status"] for r in remote.values()}["slow.txt"] == "timeout"
    assert local_err.splitlines()[-1] == dask_err.splitlines()[-1] == \
        "docextract: 5 ok, 3 failed: 1 empty, 1 needs_ocr, 1 timeout"


def test_extract_many_on_dask_yields_one_record_per_input(cluster, batch):
    from docextract.distributed import extract_many_on_dask

    with distributed.Client(cluster) as client:
        records = {n.source: n.status for n in extract_many_on_dask([batch], client, timeout=1.5)}
    assert records == {**{p.name: "ok" for p in CORPUS.glob("*.txt")}, "sub/scanned.pdf": "needs_ocr",
                       "empty.txt": "empty", "slow.txt": "timeout"}
