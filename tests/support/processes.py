"""Other Coordinator processes for a test to race with: one killed in the middle of a
backup or restore, one holding a lock until told to stop; and a fresh interpreter to
see what a piece of the app imports (`run_python`)."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

# Runs the real backup or restore and dies (SIGKILL, so no clean-up code runs) at the
# rename that would have finished a file whose path matches the pattern given: what a
# battery running out, or `kill -9`, leaves behind at the worst moment.
_KILLED = """
import fnmatch, os, signal, sys
from pathlib import Path

real_replace = os.replace

def replace(source, target, *args, **kwargs):
    if fnmatch.fnmatch(str(target), sys.argv[3]):
        os.kill(os.getpid(), signal.SIGKILL)
    return real_replace(source, target, *args, **kwargs)

os.replace = replace
from coordinator_app.core.store import backup, recovery
db = Path(sys.argv[2])
if sys.argv[1] == "backup":
    backup.run_backup(db, "auto")
else:
    recovery.restore_backup(db, Path(sys.argv[4]))
"""

_HOLDER = """
import sys
from pathlib import Path
from coordinator_app.core.store import backup_lock
with backup_lock.holding(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.read()
"""


def killed_backup(db_path: Path, folder: Path) -> None:
    """A backup of `db_path` (the app's, with its copy to the extra folder) killed just
    before the copy in `folder` would have been renamed into place."""
    _run_until_killed("backup", db_path, f"{folder}/*.sqlite3")


def killed_restore(db_path: Path, source: Path) -> None:
    """A restore of `source` over `db_path` killed just before its staged copy would
    have been renamed into place."""
    _run_until_killed("restore", db_path, "*.restoring", str(source))


def _run_until_killed(*args) -> None:
    done = subprocess.run([sys.executable, "-c", _KILLED, *map(str, args)],
                          capture_output=True, text=True)
    assert done.returncode == -signal.SIGKILL, done.stderr


class BackupLockHolder:
    """Another process holding the backup lock of a database, as a backup being
    written does; `with` it for as long as it should hold it."""

    def __init__(self, db_path: Path):
        self.db_path = db_path

    def __enter__(self) -> BackupLockHolder:
        self.process = subprocess.Popen([sys.executable, "-c", _HOLDER, str(self.db_path)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True)
        assert self.process.stdout.readline().strip() == "held"
        return self

    def __exit__(self, *exc) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


def coordinator(db_path: Path, *args: str, env: dict[str, str]) -> subprocess.Popen:
    """`coordinator --db DB ARGS…` started as a process of its own (to be killed)."""
    return subprocess.Popen([sys.executable, "-m", "coordinator_app", "--db", str(db_path),
                             *args], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


#: For code given to run_python, before it starts the app: `when_ready(then)` calls
#: `then(window)` once the app's main window has its database open.
WHEN_READY = """
def when_ready(then):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from coordinator_app.ui.main_window import MainWindow

    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    if not windows or windows[0].context is None:
        QTimer.singleShot(5, lambda: when_ready(then))
        return
    then(windows[0])
"""


def run_python(code: str, *args: str) -> str:
    """What `code` prints, run in a new interpreter from the project's folder (so that
    it starts with nothing imported); fails the test if it fails."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args],
                          cwd=Path(__file__).resolve().parents[2],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()
