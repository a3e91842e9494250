"""The laptop's database as the hub's exchange sees it (hub.exchange.Replica): its
operations encoded as for a USB bundle (sync.operations), and those pulled merged
exactly as a bundle's are (sync.merge.apply: one transaction per batch, journaled
with a change set of its own, so history shows it and undo takes it back).

A round that brings new operations first backs the database up, once, as reading
a bundle does. What each applied batch did is kept (`applied`), for the command
line to report and the window to refresh what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import repeat
from operator import itemgetter
from pathlib import Path

from sqlalchemy import select

from coordinator_app.core.records.attachments import fill_missing, missing_hashes
from coordinator_app.core.records.change_labels import Label
from coordinator_app.core.records.models import Attachment
from coordinator_app.core.records.service import Workspace
from coordinator_app.core.store.backup import create_backup
from coordinator_app.hub.exchange import following_on
from coordinator_app.hub.transport import HubAttachment, HubOperation
from coordinator_app.i18n import N_, _
from coordinator_app.sync import merge, operations
from coordinator_app.sync.bulk import made_in_bulk
from coordinator_app.sync.operations import (
    CREATE,
    Operation,
    OperationError,
    is_private_origin,
)
from coordinator_app.sync.record import ensure_seeded

#: The change set's label of a pull, as history and the undo menu show it.
PULLED = N_("Read changes from the office server")


class LocalReplica:
    """One round's view of `workspace`; make a new one for each round."""

    #: Operations merged per transaction while a person may be editing (the app): a
    #: write waits for the one under way, so it must end quickly.
    SHORT_BATCH = 500

    def __init__(self, workspace: Workspace, *, backup: bool = True,
                 progress: Callable[[int, int], None] | None = None,
                 batch: int | None = None) -> None:
        self.workspace = workspace
        #: Operations per merge (one transaction, one change set); None: each pulled batch.
        self.batch = batch
        self.device_id = workspace.db.device_id
        self.backup_wanted = backup
        self.progress = progress
        #: The backup made before the first batch that brought something.
        self.backup: Path | None = None
        self.applied: list[merge.Applied] = []
        #: The attachments created by operations offered to push, by operation id.
        self._creates: dict[tuple[str, int], str] = {}
        self._seeded = False
        #: Attachments whose bytes this round brought after their records.
        self.filled = 0
        self._fill_change_set: str | None = None

    def operations_to_push(self, seen: dict[str, int], limit: int) -> list[HubOperation]:
        if not self._seeded:
            # Records made before this copy kept operations travel too (as for a bundle).
            ensure_seeded(self.workspace)
            self._seeded = True
        found: list[HubOperation] = []
        with self.workspace.read() as session, made_in_bulk():
            # Driver rows encoded a run at a time (operations.encoded_rows): an
            # Operation made for each cost more than sending it.
            for origin, rows in operations.rows_after(session, seen):
                # A private stream's operations are read by this association's devices alone.
                visibility = "private" if is_private_origin(origin) else "shared"
                rows = rows[:limit - len(found)]
                # tuple.__new__ over zipped columns, as a pull makes them: no Python
                # call per operation.
                found.extend(map(tuple.__new__, repeat(HubOperation), zip(
                    repeat(origin), map(itemgetter(0), rows),
                    operations.encoded_rows(origin, rows), repeat(visibility))))
                if Attachment.KIND in map(itemgetter(2), rows):
                    self._creates.update(((origin, seq), record_id)
                                         for seq, _hlc, kind, record_id, field, *_rest in rows
                                         if kind == Attachment.KIND and field == CREATE)
                if len(found) >= limit:
                    break
        return found

    def attachments_of(self, batch: list[HubOperation]) -> list[HubAttachment]:
        visibility = {self._creates[key]: op.visibility for op in batch
                      if (key := (op.origin, op.origin_seq)) in self._creates}
        found: list[HubAttachment] = []
        ids = sorted(visibility)
        with self.workspace.read() as session:
            for start in range(0, len(ids), 200):
                for record_id, sha, content in session.execute(
                        select(Attachment.id, Attachment.sha256, Attachment.content)
                        .where(Attachment.id.in_(ids[start:start + 200]),
                               # Bytes not received here yet cannot be passed on.
                               Attachment.content.is_not(None))):
                    # Under the hash its creation records: what a pulling laptop asks for.
                    found.append(HubAttachment(sha, content, visibility[record_id]))
        return found

    def apply(self, offered: list[HubOperation],
              fetch: Callable[[list[str]], dict[str, bytes]]) -> list[HubOperation]:
        with self.workspace.read() as session:
            held = operations.vector_of(session)
        ready, waiting = following_on(held, offered)
        with made_in_bulk():
            fresh = [_decoded(op) for op in ready if op.origin_seq > held.get(op.origin, 0)]
        if not fresh:
            return waiting
        blobs = _blobs(fresh, fetch)
        if self.backup_wanted and self.backup is None:
            self.backup = create_backup(self.workspace.db.path, reason="sync")
        step = self.batch or len(fresh)
        for start in range(0, len(fresh), step):
            # Each origin's in sequence order (following_on), so every part follows on.
            self.applied.append(merge.apply(self.workspace, fresh[start:start + step],
                                            blobs=blobs, label=Label(PULLED),
                                            progress=self.progress))
        return waiting

    def complete_attachments(self, fetch: Callable[[list[str]], dict[str, bytes]]) -> int:
        with self.workspace.read() as session:
            wanted = missing_hashes(session)
        if not wanted:
            return 0
        contents = fetch(wanted)
        if not contents:
            return 0
        with self.workspace.edit() as edit:
            self.filled = fill_missing(edit.session, contents)
        if self.filled:
            self._fill_change_set = self.workspace.last_change_set
        return self.filled

    def change_sets(self) -> list[str]:
        """The change sets the applied batches wrote (those that brought something), and
        the one that gave attachments their bytes, so that screens showing them refresh."""
        found = [done.change_set for done in self.applied if done.change_set and done.new]
        return found + ([self._fill_change_set] if self._fill_change_set else [])

    def total(self, name: str) -> int:
        return sum(getattr(done, name) for done in self.applied)


def _decoded(pulled: HubOperation) -> Operation:
    op = operations.decode(pulled.payload)
    if op.id != (pulled.origin, pulled.origin_seq):
        # The hub's key and the payload must agree, or the gap rule would be fooled.
        raise OperationError(_("an operation is damaged"))
    return op


def _blobs(ops: list[Operation], fetch: Callable[[list[str]], dict[str, bytes]]
           ) -> dict[str, bytes]:
    """The content of each attachment `ops` create, by record id, from the hub."""
    hashes = {op.record_id: op.value.get("sha256") for op in ops
              if op.kind == Attachment.KIND and op.field == CREATE
              and isinstance(op.value, dict) and isinstance(op.value.get("sha256"), str)}
    if not hashes:
        return {}
    contents = fetch(sorted(set(hashes.values())))
    return {record_id: contents[sha] for record_id, sha in hashes.items() if sha in contents}
