"""Media that cannot be written: a small file system (conftest's `small_disk`)
remounted read-only, as a write-protected USB stick or a CD is."""

from __future__ import annotations

import subprocess
from pathlib import Path


def remount_read_only(folder: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
