"""Real faults: the parent is killed in the middle of a run.  Nothing it started may outlive it
(workers die with their parent, the fork server with its client), and what it wrote is whole."""
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from corpus_files import CORPUS, long_notice_bytes

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc")

# How long the processes a killed parent leaves may take to notice and exit.
EXIT_GRACE_SECONDS = 10.0


def _parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def descendants(root: int) -> set[int]:
    """Every live process under ``root``."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            parent = _parent_of(int(entry))
            if parent is not None:
                parents[int(entry)] = parent
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def kill_all(pids) -> None:
    """Clean up after a failed check: the processes collected (a killed parent's are orphans)."""
    for pid in pids:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def busy_workers(root: int, count: int):
    """A condition: at least ``count`` processes under ``root`` besides the fork server side."""
    return lambda: len(descendants(root)) >= count


SPIN = textwrap.dedent("""
    def spin(path, settings):
        while True:  # a file that never finishes, at 100% CPU
            pass
""")
RUN_SPINNING_BATCH = textwrap.dedent("""
    import sys
    sys.path.insert(0, sys.argv[1])
    from docextract.batch import run_batch
    from docextract.config import Settings
    import spin
    for notice in run_batch(sys.argv[2:], Settings(timeout=600), jobs=2, extract=spin.spin):
        print(notice.status, flush=True)
""")


def test_killing_the_parent_kills_busy_workers_and_the_fork_server(tmp_path):
    (tmp_path / "spin.py").write_text(SPIN)
    inputs = [CORPUS / name for name in sorted(os.listdir(CORPUS))[:3]]
    parent = subprocess.Popen([sys.executable, "-c", RUN_SPINNING_BATCH, str(tmp_path), *map(str, inputs)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    left: set[int] = set()
    try:
        # the fork server, its two workers (spinning) and the resource tracker
        assert wait_for(busy_workers(parent.pid, 3), 60), descendants(parent.pid)
        time.sleep(1.0)  # the workers are inside spin() by now
        left = descendants(parent.pid)
        parent.kill()
        parent.wait()
        assert wait_for(lambda: not any(alive(pid) for pid in left), EXIT_GRACE_SECONDS), \
            [pid for pid in left if alive(pid)]
    finally:
        parent.kill()
        kill_all(left | descendants(parent.pid))


def _slow_folder(folder: Path, copies: int) -> None:
    """Notices that take a worker several seconds each (long, real text)."""
    folder.mkdir()
    text = long_notice_bytes()
    for k in range(copies):
        (folder / f"{k:02}.txt").write_bytes(text)


# (signal, exit status the CLI must give, output): every way a run is stopped, at once.
STOPS = ((signal.SIGKILL, None, "out"), (signal.SIGTERM, 143, "all.jsonl"), (signal.SIGINT, 130, "int"))


def test_a_stopped_cli_leaves_no_process_and_no_half_written_output(tmp_path):
    folder = tmp_path / "in"
    _slow_folder(folder, 4)
    runs = [subprocess.Popen([sys.executable, "-m", "docextract", "extract", str(folder), "-o", str(tmp_path / target),
                              "--jobs", "2", "--max-bytes", "100000000", "--timeout", "600"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
            for _, _, target in STOPS]
    left: set[int] = set()
    try:
        for run in runs:
            assert wait_for(busy_workers(run.pid, 3), 60), descendants(run.pid)
        time.sleep(1.0)
        left = set().union(*(descendants(run.pid) for run in runs))
        for run, (how, _, _) in zip(runs, STOPS):
            os.kill(run.pid, how)
        codes = [run.wait(timeout=60) for run in runs]
        assert wait_for(lambda: not any(alive(pid) for pid in left), EXIT_GRACE_SECONDS), \
            [pid for pid in left if alive(pid)]
        for run, code, (how, expected, _) in zip(runs, codes, STOPS):
            assert code == (expected if expected is not None else -how)
            err = run.stderr.read().decode()
            assert "Traceback" not in err
            if expected is not None:  # stopped politely: what was done, then why it stopped
                assert " not run" in err.splitlines()[-2] and err.splitlines()[-1] in (
                    "docextract: error: interrupted", "docextract: error: terminated")
    finally:
        for run in runs:
            run.kill()
            left |= descendants(run.pid)
        kill_all(left)
    # whatever was written is whole; the one-file output is all or nothing
    for folder_out in (tmp_path / "out", tmp_path / "int"):
        for path in folder_out.rglob("*") if folder_out.exists() else ():
            assert path.name.startswith(".docextract-") or json.loads(path.read_text(encoding="utf-8"))["status"] == "ok"
    assert not (tmp_path / "all.jsonl").exists()
    assert not [p for p in (tmp_path / "int").rglob(".docextract-*")]  # Ctrl-C cleans up its temporary files
