"""A throwaway PostgreSQL server for the database tests, from the system's own binaries.

The cluster lives in a fresh temporary folder, listens only on a Unix socket there (no TCP
port), trusts local connections and is stopped and removed afterwards.  PostgreSQL refuses to
run as root: under root (CI) the server runs as the ``postgres`` user that Debian's package
creates.  ``find_binaries`` says why the server cannot start, for a clear skip.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

SERVER_START_SECONDS = 60


def find_binaries() -> tuple[Path | None, str]:
    """The folder holding initdb and pg_ctl, or None and the reason."""
    found = shutil.which("pg_ctl")
    candidates = ([Path(found).resolve().parent] if found else []) + [
        Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder, ""
    return None, "no PostgreSQL server binaries (initdb, pg_ctl): apt-get install -y postgresql"


class Server:
    def __init__(self) -> None:
        self.bin, reason = find_binaries()
        if self.bin is None:
            raise RuntimeError(reason)
        self.user = None
        if os.geteuid() == 0:
            try:
                self.user = pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError("running as root and no 'postgres' user to run the server as") from None
        self.root = Path(tempfile.mkdtemp(prefix="docextract-pg-"))
        if self.user:
            os.chown(self.root, self.user.pw_uid, self.user.pw_gid)
        self.data = self.root / "data"

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.user:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=SERVER_START_SECONDS, cwd=self.root)

    def start(self) -> str:
        """Start the server; returns the URL of its ``postgres`` database."""
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")
        options = f"-k {self.root} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start")
        return f"postgresql://postgres@/postgres?host={self.root}"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
