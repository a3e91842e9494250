"""What `sync status` and the app's status bar tell: this copy's device, its clock,
its peers and what each has seen, and the open conflicts."""

from __future__ import annotations

from dataclasses import dataclass

from coordinator_app.core.records.service import Workspace
from coordinator_app.sync import clock, conflicts, operations, peers
from coordinator_app.sync.keys import own_keys
from coordinator_app.sync.record import last_stamp


@dataclass
class Status:
    device_id: str
    key_id: str
    fingerprint: str
    vector: dict[str, int]
    peers: list[peers.Peer]
    #: None when not counted (status(…, count_conflicts=False)).
    conflicts: int | None
    #: How far this laptop's clock is behind the newest change it has seen, when far off.
    clock_behind_ms: int | None


def status(workspace: Workspace, *, count_conflicts: bool = True) -> Status:
    """What sync knows of this copy; counting the conflicts reads every current
    version (a second at 100,000 people), left out for a screen that lists them anyway."""
    keys = own_keys(workspace.db.path)
    with workspace.read() as session:
        vector = operations.vector_of(session)
        known = peers.all_peers(session)
        open_count = conflicts.count(session) if count_conflicts else None
        stamp = last_stamp(session)
    behind = clock.millis(stamp) - clock.wall_ms()
    return Status(workspace.db.device_id, keys.id, keys.public("").fingerprint, vector, known,
                  open_count, behind if behind > clock.MAX_DRIFT_MS else None)


def as_json(found: Status) -> dict:
    return {
        "device_id": found.device_id, "key_id": found.key_id, "fingerprint": found.fingerprint,
        "seen": found.vector, "conflicts": found.conflicts,
        "clock_behind_ms": found.clock_behind_ms,
        "peers": [{
            "key_id": p.key_id, "name": p.name, "fingerprint": p.fingerprint,
            "device_id": p.device_id, "seen": p.seen,
            "last_received_at": p.last_received_at.isoformat() if p.last_received_at else None,
            "last_sent_at": p.last_sent_at.isoformat() if p.last_sent_at else None,
            "clock_off_ms": p.clock_off_ms, "partner": p.partner,
        } for p in found.peers],
    }
