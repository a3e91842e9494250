"""The other laptops of the association: their public keys, and what each has seen.

What a peer has seen is what it said it held (its version vector) in the latest
bundle read from it; a bundle written for it is not taken as delivered, since a
stick may never arrive. Sending too much costs a little space, as reading the same
operations twice changes nothing; sending too little would lose edits.

A peer is a laptop of our association or of a partner association (`partner`), as
the person who imported its join key said, the way the office server knows each
device's association from the role it was registered with. A file any partner can
read leaves out the operations of private streams (sync.operations.private_origin):
the records our association keeps to itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from coordinator_app.core.errors import CoordinatorError, NotFound
from coordinator_app.core.records.models import SyncPeer
from coordinator_app.core.records.service import Workspace
from coordinator_app.i18n import _, ngettext
from coordinator_app.sync.operations import is_private_origin, rows_after, vector_of

if TYPE_CHECKING:
    from coordinator_app.sync.keys import PublicKeys


@dataclass(frozen=True)
class Peer:
    key_id: str
    name: str
    fingerprint: str
    seen: dict[str, int]
    device_id: str | None
    last_received_at: datetime | None
    last_sent_at: datetime | None
    clock_off_ms: int | None
    box_key: bytes
    sign_key: bytes
    partner: bool = False
    #: The SHA-256 of the attachments it said it waits for the bytes of.
    wants: list[str] = field(default_factory=list)


def _peer(row: SyncPeer) -> Peer:
    # The keys module loads the cryptography library, which the status bar's list of
    # peers at start-up has no other use for.
    from coordinator_app.sync.keys import fingerprint

    return Peer(row.key_id, row.name, fingerprint(row.sign_key, row.box_key),
                json.loads(row.seen), row.device_id, row.last_received_at, row.last_sent_at,
                row.clock_off_ms, row.box_key, row.sign_key, bool(row.partner),
                json.loads(row.wants or "[]"))


def all_peers(session: Session) -> list[Peer]:
    return [_peer(row) for row in session.scalars(select(SyncPeer).order_by(SyncPeer.name))]


def add(workspace: Workspace, keys: PublicKeys, *, partner: bool | None = None) -> Peer:
    """Remember a laptop's public keys (again: its name is updated, what it saw kept);
    `partner`: whether it is a partner association's (None: as known, else ours)."""
    with workspace.edit() as edit:
        row = edit.session.get(SyncPeer, keys.id)
        if row is None:
            row = SyncPeer(key_id=keys.id, name=keys.name, sign_key=keys.sign, box_key=keys.box,
                           seen="{}", seen_hlc=0, partner=0)
            edit.session.add(row)
        row.name = keys.name
        if partner is not None:
            row.partner = int(partner)
        edit.session.flush()
        return _peer(row)


def check_new(session: Session, keys: PublicKeys, own_id: str) -> None:
    """Refuse, saying what to do, a join key that is this laptop's own or one already
    known: adding a laptop is done once, changing its association is done on it."""
    if keys.id == own_id:
        raise CoordinatorError(_(
            "This is this laptop's own join key. Import the join key written on the other "
            "laptop (coordinator sync keys export FILE there)."))
    row = session.get(SyncPeer, keys.id)
    if row is not None:
        raise CoordinatorError(_(
            "This laptop is already known as “{name}”. To say whether it belongs to our "
            "association or a partner association, use Change association…").format(
                name=row.name))


def set_partner(workspace: Workspace, key_id: str, partner: bool) -> Peer:
    """Say that the known laptop `key_id` belongs to a partner association (or ours)."""
    with workspace.edit() as edit:
        row = edit.session.get(SyncPeer, key_id)
        if row is None:
            raise NotFound(_("No laptop with the key {key} is known here.").format(key=key_id))
        row.partner = int(partner)
        edit.session.flush()
        return _peer(row)


def choose(session: Session, wanted: list[str] | None) -> list[Peer]:
    """Peers by name, key id or the start of either; all of them when `wanted` is empty."""
    peers = all_peers(session)
    if not wanted:
        return peers
    chosen = []
    for text in wanted:
        folded = text.strip().casefold()
        found = [p for p in peers if p.name.casefold() == folded or p.key_id.startswith(folded)]
        if len(found) != 1:
            raise NotFound(_("no single peer named “{name}”; known peers: {names}").format(
                name=text, names=", ".join(p.name for p in peers) or "—"))
        chosen.append(found[0])
    return chosen


def common_vector(peers: list[Peer]) -> dict[str, int]:
    """What every one of `peers` has seen: a bundle for all of them starts there."""
    if not peers:
        return {}
    origins = set.intersection(*(set(p.seen) for p in peers))
    return {origin: min(p.seen[origin] for p in peers) for origin in origins}


def reads_private(peers: list[Peer]) -> bool:
    """Whether a file for all of `peers` may carry what our association keeps to itself."""
    return not any(peer.partner for peer in peers)


def runs_for(session: Session, peers: list[Peer]):
    """The operations a file for all of `peers` carries, as (origin, rows) of
    operations.rows_after: those not every one of them has seen, without the private
    streams' when any of them is a partner's."""
    private = reads_private(peers)
    for origin, rows in rows_after(session, common_vector(peers)):
        if private or not is_private_origin(origin):
            yield origin, rows

def withheld(session: Session, peers: list[Peer]) -> int:
    """How many private operations a file for all of `peers` leaves out (runs_for):
    none unless one of them is a partner's."""
    if reads_private(peers):
        return 0
    common = common_vector(peers)
    return sum(max(0, top - common.get(origin, 0))
               for origin, top in vector_of(session).items() if is_private_origin(origin))


def withheld_text(count: int, partners: list[str]) -> str:
    """"12 private changes were not written: Plungė is a partner's laptop."."""
    changes = ngettext("{count} private change was not written",
                       "{count} private changes were not written", count).format(count=count)
    laptops = ngettext("{names} is a partner association's laptop",
                       "{names} are partner associations' laptops", len(partners)).format(
        names=", ".join(partners))
    return _("{changes}: {laptops}.").format(changes=changes, laptops=laptops)
