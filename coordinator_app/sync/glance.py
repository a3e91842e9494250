"""What the status bar shows of sync at a glance, read with plain SQL on a DB-API
connection: the other laptops and when each was last heard from, and whether any
field has several current versions (only then can there be a conflict to count).

The window shows both as soon as it opens, before SQLAlchemy and the models are
loaded (sync.peers and sync.conflicts read through them): nearly always there is
no conflict, and counting none needs neither.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, NamedTuple


class HeardFrom(NamedTuple):
    """Another laptop as the status bar names it (the fields of sync.peers.Peer it reads)."""

    name: str
    last_received_at: datetime | None


def heard_from(connection: Any) -> list[HeardFrom]:
    """Every other laptop known, by name."""
    return [HeardFrom(name, None if when is None else
                      datetime.fromisoformat(when).replace(tzinfo=timezone.utc))
            for name, when in connection.execute(
                "SELECT name, last_received_at FROM sync_peers ORDER BY name")]


def maybe_conflicts(connection: Any) -> bool:
    """Whether any field of any record has several current versions."""
    return connection.execute(
        "SELECT 1 FROM sync_heads GROUP BY kind, record_id, field HAVING count(*) > 1 "
        "LIMIT 1").fetchone() is not None
