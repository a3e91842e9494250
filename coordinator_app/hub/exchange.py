"""One sync with the hub: push what the laptop has that the hub may lack, then pull
and merge what other laptops pushed.

The engine knows operations only as opaque payloads; a `Replica` turns the local
database's operations into them and merges foreign ones (the same merge as for
USB bundles), so a laptop can mix both and still converge. What the hub holds is
known as a version vector (per origin, the highest sequence sent to it or read
from it), and the pull cursor; both advance only after each batch is stored or
applied: a sync cut off anywhere (the server
stopped, the cable pulled) leaves the next one to send or read that batch again,
which changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Protocol

import psycopg
from psycopg import Connection

from coordinator_app.hub.connection import HubRefused, membership, refusal
from coordinator_app.hub.state import SyncState
from coordinator_app.hub.transport import (
    PULL_BATCH,
    Cursor,
    HubAttachment,
    HubOperation,
    fetch_attachments,
    pull_all,
    push,
)
from coordinator_app.i18n import _

PUSH_BATCH = 20_000


class Replica(Protocol):
    """The laptop's side of an exchange."""

    device_id: str

    def operations_to_push(self, seen: dict[str, int], limit: int) -> list[HubOperation]:
        """Up to `limit` operations held here that a peer whose version vector is
        `seen` ({origin: highest sequence held}) lacks, each origin's in sequence
        order: this device's own and ones carried from others by USB."""

    def attachments_of(self, operations: list[HubOperation]) -> list[HubAttachment]:
        """The bytes of the attachments `operations` (as given by `operations_to_push`)
        create, pushed with them."""

    def apply(self, operations: list[HubOperation],
              fetch: Callable[[list[str]], dict[str, bytes]]) -> list[HubOperation]:
        """Merge operations pulled from the hub, all or none; one seen before changes
        nothing; `fetch(hashes)` reads the attachments they create from the hub.
        Returns those that cannot be applied yet because an earlier one of their
        origin is still missing: they are offered again with the next batch."""

    def complete_attachments(self, fetch: Callable[[list[str]], dict[str, bytes]]) -> int:
        """Ask `fetch` for the bytes of the attachments held without them (the hub
        lacked them when their records came) and keep those it has; how many."""


@dataclass(frozen=True)
class Outcome:
    pushed: int
    pulled: int


def exchange(conn: Connection, replica: Replica, state: SyncState, *, send: bool = True,
             receive: bool = True, cancelled: Callable[[], bool] = lambda: False,
             url: str = "") -> Outcome:
    """Push, then pull; `cancelled` is asked between batches."""
    try:
        return _exchange(conn, replica, state, send, receive, cancelled)
    except psycopg.OperationalError as exc:
        raise refusal(exc, url or _conninfo_url(conn)) from None


def _exchange(conn, replica, state, send, receive, cancelled) -> Outcome:
    me = membership(conn)
    if me.device_id != replica.device_id:
        raise HubRefused(_("This login belongs to another device on the hub; register "
                           "this device to sync it."))
    pushed = _push_all(conn, me.association_id, replica, state, cancelled) if send else 0
    pulled = 0
    known = state.state.pushed  # what the hub is known to hold: sent or read from it
    if receive:
        waiting: list[HubOperation] = []
        for batch, cursor in pull_all(conn, Cursor.parse(state.state.pulled), PULL_BATCH):
            offered = waiting + batch
            waiting = replica.apply(offered, lambda hashes: fetch_attachments(conn, hashes))
            pulled += len(batch)
            held_back = {(op.origin, op.origin_seq) for op in waiting}
            _advance(known, [op for op in offered  # not to be sent back
                             if (op.origin, op.origin_seq) not in held_back])
            if not waiting:
                # Past operations held back the cursor stays, so that they are read
                # again by the next sync if this one ends before they apply.
                state.state.pulled = str(cursor)
            state.save()
            if cancelled():
                break
        if not cancelled():
            replica.complete_attachments(lambda hashes: fetch_attachments(conn, hashes))
    if not cancelled():
        state.mark_synced()
        state.save()
    return Outcome(pushed, pulled)


def _push_all(conn: Connection, association_id, replica: Replica, state: SyncState,
              cancelled: Callable[[], bool]) -> int:
    """Push batch after batch; how many operations the hub did not have. Each batch
    is read and encoded here while the one before is stored on the hub (a thread
    waits for the server): the laptop's work and the server's overlap instead of
    adding up. The state records a batch only once the hub has committed it, and
    `cancelled` is asked with no batch under way, so a stop leaves none half sent."""
    offered = dict(state.state.pushed)  # what the hub holds, or is being sent
    pushed = 0
    with ThreadPoolExecutor(max_workers=1) as sender:
        sending: tuple[Future, list[HubOperation]] | None = None
        while True:
            batch = replica.operations_to_push(offered, PUSH_BATCH)
            more = bool(batch) and _advance(offered, batch)
            attachments = replica.attachments_of(batch) if more else []
            if sending:
                pushed += _committed(state, *sending)
                sending = None
            if not more or cancelled():
                break
            sending = (sender.submit(push, conn, association_id, batch, attachments), batch)
    return pushed


def _committed(state: SyncState, sent: Future, batch: list[HubOperation]) -> int:
    """Wait for the push of `batch`, then record that the hub holds it."""
    stored = sent.result()
    _advance(state.state.pushed, batch)
    state.save()
    return stored


def following_on(held: dict[str, int], operations: list[HubOperation]
                 ) -> tuple[list[HubOperation], list[HubOperation]]:
    """Split pulled operations into those that follow on from `held` (each origin's
    highest sequence held), each origin's in order and each once, and those an
    earlier one of their origin is still missing for: what a replica applies now,
    and what it hands back to wait for the next batch."""
    top = dict(held)
    ready: list[HubOperation] = []
    waiting: list[HubOperation] = []
    previous = None
    for op in sorted(operations, key=lambda op: (op.origin, op.origin_seq)):
        if op[:2] == previous:
            # Stored twice on the hub: pushed at the same moment by laptops of two
            # associations, each into its own partition (hub.schema). Merged once.
            continue
        previous = op[:2]
        last = top.get(op.origin, 0)
        if op.origin_seq <= last + 1:
            ready.append(op)
            top[op.origin] = max(last, op.origin_seq)
        else:
            waiting.append(op)
    return ready, waiting


def _advance(vector: dict[str, int], operations: list[HubOperation]) -> bool:
    """Raise `vector` to cover `operations`; whether it moved (a replica that offers
    only what the vector covers has nothing more to send)."""
    moved = False
    for op in operations:
        if op.origin_seq > vector.get(op.origin, 0):
            vector[op.origin] = op.origin_seq
            moved = True
    return moved


def _conninfo_url(conn: Connection) -> str:
    info = conn.info
    return f"postgresql://{info.host}:{info.port}/{info.dbname}"
