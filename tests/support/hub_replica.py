"""A laptop's log of opaque operations in a real SQLite file, for testing the hub as
a transport apart from what the operations say: its own edits, operations carried
by USB from a peer, and operations pulled from the hub, each stored once."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from coordinator_app.hub.exchange import following_on
from coordinator_app.hub.transport import HubOperation


class OpaqueReplica:
    def __init__(self, path: Path, device_id: str | None = None) -> None:
        self.device_id = device_id or str(uuid.uuid4())
        # Private operations are numbered in a stream of their own, so that a partner
        # who never reads them sees no gap in the shared ones.
        self.private_origin = str(uuid.uuid5(uuid.UUID(self.device_id), "private"))
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS ops (position INTEGER PRIMARY KEY "
                        "AUTOINCREMENT, origin TEXT, origin_seq INTEGER, payload BLOB, "
                        "visibility TEXT, source TEXT, UNIQUE (origin, origin_seq))")

    def edit(self, count: int = 1, visibility: str = "shared") -> None:
        origin = self.device_id if visibility == "shared" else self.private_origin
        last = self.db.execute("SELECT coalesce(max(origin_seq), 0) FROM ops WHERE origin = ?",
                               (origin,)).fetchone()[0]
        self._store([HubOperation(origin, n, f"edit {n} by {origin}".encode(), visibility)
                     for n in range(last + 1, last + 1 + count)], "local")

    def origins(self) -> set[str]:
        return {self.device_id, self.private_origin}

    def operations_to_push(self, seen: dict[str, int], limit: int) -> list[HubOperation]:
        rows = self.db.execute("SELECT origin, origin_seq, payload, visibility FROM ops "
                               "ORDER BY origin, origin_seq")
        return [HubOperation(o, s, bytes(p), v) for o, s, p, v in rows
                if s > seen.get(o, 0)][:limit]

    def attachments_of(self, operations: list[HubOperation]) -> list:
        return []  # opaque operations create nothing

    def complete_attachments(self, fetch) -> int:
        return 0  # none is ever waiting for its bytes

    def apply(self, operations: list[HubOperation], fetch=None) -> list[HubOperation]:
        """Stores each origin's operations that follow on from those held, as a real
        merge does; returns the rest (an earlier one of their origin is missing)."""
        held = dict(self.db.execute("SELECT origin, max(origin_seq) FROM ops GROUP BY origin"))
        ready, waiting = following_on(held, operations)
        self._store(ready, "hub")
        return waiting

    def carry_from(self, peer: OpaqueReplica) -> None:
        """A USB bundle from `peer`: everything it holds that this laptop lacks."""
        rows = peer.db.execute("SELECT origin, origin_seq, payload, visibility FROM ops").fetchall()
        self._store([HubOperation(o, s, bytes(p), v) for o, s, p, v in rows], "usb")

    def _store(self, operations: list[HubOperation], source: str) -> None:
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany("INSERT OR IGNORE INTO ops (origin, origin_seq, payload, "
                                "visibility, source) VALUES (?, ?, ?, ?, ?)",
                                [(op.origin, op.origin_seq, op.payload, op.visibility, source)
                                 for op in operations])

    def held(self, visibility: str | None = None) -> set[tuple[str, int, bytes]]:
        rows = self.db.execute("SELECT origin, origin_seq, payload, visibility FROM ops")
        return {(o, s, bytes(p)) for o, s, p, v in rows if visibility in (None, v)}

    def close(self) -> None:
        self.db.close()
