"""What this laptop has exchanged with each server: which operations the server
holds as far as it knows (a version vector), the pull cursor, and when it last synced.

Kept in the data folder per server and per device id, not in the database: a
copied or restored file gets a new device id, so it starts again from nothing,
which costs time but never skips an operation (pushes are stored once, merges
apply an operation once).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

from coordinator_app.core.store.file_modes import open_private, private_data_dir
from coordinator_app.core.store.paths import data_dir

FILE = "hub-sync.json"


@dataclass
class ServerState:
    #: The hub's version vector as this laptop knows it: {origin: highest sequence}.
    pushed: dict[str, int] = field(default_factory=dict)
    pulled: str = ""
    synced_at: str = ""

    def last_synced(self) -> datetime | None:
        return datetime.fromisoformat(self.synced_at) if self.synced_at else None


@dataclass
class SyncState:
    server: str
    device_id: str
    state: ServerState = field(default_factory=ServerState)

    @property
    def key(self) -> str:
        return f"{self.device_id}@{self.server}"

    @classmethod
    def load(cls, server: str, device_id: str) -> SyncState:
        found = cls(server, device_id)
        entry = _read().get(found.key)
        if isinstance(entry, dict):
            vector = entry.get("pushed")
            found.state = ServerState(
                pushed={str(k): int(v) for k, v in vector.items()} if isinstance(vector, dict)
                else {}, pulled=str(entry.get("pulled") or ""),
                synced_at=str(entry.get("synced_at") or ""))
        return found

    def mark_synced(self) -> None:
        self.state.synced_at = datetime.now(timezone.utc).isoformat(timespec="seconds")

    def save(self) -> None:
        entries = _read()
        entries[self.key] = asdict(self.state)
        partial = private_data_dir() / (FILE + ".partial")
        with open(open_private(partial, os.O_WRONLY | os.O_TRUNC), "w",
                  encoding="utf-8") as handle:
            json.dump(entries, handle, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, data_dir() / FILE)


def _read() -> dict:
    try:
        found = json.loads((data_dir() / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}
