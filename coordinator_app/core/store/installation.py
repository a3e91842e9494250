"""This installation's identity: an id made once and kept in the user data folder.

A database remembers the installation that last opened it (core.store.db): a file
opened by another one (copied to another laptop), moved to another path or
restored from a backup gets a device id of its own, so sync never takes its new
edits for ones a peer has already seen.
"""

from __future__ import annotations

import os
import uuid

from coordinator_app.core.store.file_modes import open_private, private_data_dir
from coordinator_app.core.store.paths import data_dir

FILE = "installation-id"


def installation_id() -> str:
    path = data_dir() / FILE
    try:
        found = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        found = ""
    if len(found) == 36:
        return found
    made = str(uuid.uuid4())
    partial = private_data_dir() / (FILE + ".partial")
    with open(open_private(partial, os.O_WRONLY | os.O_TRUNC), "w", encoding="ascii") as handle:
        handle.write(made + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)
    return made
