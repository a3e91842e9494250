"""Laptops for sync tests: several database files, exchanging operations, and a
digest of what each shows, to compare copies after an exchange."""

from __future__ import annotations

import hashlib
import json
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import select

from coordinator_app.core.records import registry
from coordinator_app.core.store.db import open_database
from coordinator_app.core.records.journal import journaled_columns, plain
from coordinator_app.core.records.models import SyncHead
from coordinator_app.core.records.service import Workspace
from coordinator_app.sync import operations
from coordinator_app.sync.bundle import attachment_contents
from coordinator_app.sync.conflicts import open_conflicts
from coordinator_app.sync.merge import apply


def laptops(folder: Path, count: int) -> list[Workspace]:
    """`count` copies, each a database file of its own with its own device id."""
    found = []
    for number in range(count):
        path = folder / f"laptop-{number}.sqlite3"
        found.append(Workspace(open_database(path)))
    return found


def close(workspaces: list[Workspace]) -> None:
    for workspace in workspaces:
        workspace.db.close()


def missing(source: Workspace, target: Workspace) -> list[operations.Operation]:
    """The operations `source` holds that `target` lacks."""
    with target.read() as session:
        vector = operations.vector_of(session)
    with source.read() as session:
        return list(operations.after(session, vector))


def send(source: Workspace, target: Workspace):
    """What a bundle from `source` read on `target` does: its operations and the
    bytes of the attachments they create."""
    ops = missing(source, target)
    with source.read() as session:
        blobs = attachment_contents(session, ops)
    return apply(target, ops, blobs=blobs)


def exchange_all(workspaces: list[Workspace]) -> None:
    """Every copy reads every other's operations, round after round until a round
    brings nothing new (settling merges may write a few edits), so all hold all."""
    for _round in range(6):
        moved = 0
        for source in workspaces:
            for target in workspaces:
                if source is not target:
                    moved += send(source, target).new
        if _round > 0 and moved == 0:
            return
    raise AssertionError("copies still write new operations after six rounds")


def records(workspace: Workspace, *, deleted: bool = False) -> dict[str, dict]:
    """Every live record's fields (with `deleted`, every record's), by kind and id;
    stamps of this copy left out."""
    found = {}
    with workspace.read() as session:
        for spec in registry.KINDS:
            cls = spec.model
            names = journaled_columns(cls)
            table = cls.__table__
            query = select(*(table.c[n] for n in names))
            if not deleted:
                query = query.where(table.c.deleted_at.is_(None))
            for row in session.execute(query):
                values = {n: plain(v) for n, v in zip(names, row)}
                found[f"{spec.name}:{values['id']}"] = values
    return found


def digest(workspace: Workspace) -> str:
    """One hash of every record's fields (deleted ones too: a deletion may be undone)
    and of the open conflicts."""
    with workspace.read() as session:
        conflicts = sorted((c.kind, c.record_id, c.field,
                            tuple(sorted((v.origin, v.seq) for v in c.versions)))
                           for c in open_conflicts(session))
    text = json.dumps([records(workspace, deleted=True), conflicts], sort_keys=True,
                      default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def current_countries(workspace: Workspace) -> dict[str, str | None]:
    """Each person's current country as stored (derived here, never synced)."""
    with workspace.read() as session:
        return dict(session.connection().exec_driver_sql(
            "SELECT id, current_country FROM people").fetchall())


def current_versions(workspace: Workspace) -> list[tuple]:
    """Every stored current version of every field (sync_heads), in order."""
    with workspace.read() as session:
        return sorted(session.execute(select(
            SyncHead.kind, SyncHead.record_id, SyncHead.field, SyncHead.origin, SyncHead.seq
        )).all())


def operation_ids(workspace: Workspace) -> set[tuple[str, int]]:
    with workspace.read() as session:
        return {op.id for op in operations.after(session, {})}


class Office:
    """Laptops as people have them: each its own installation (data folder, keys) and
    database, driven through the command line `cli` (tests/conftest.py)."""

    def __init__(self, folder: Path, cli, monkeypatch, names: list[str]):
        self.folder, self.cli, self.monkeypatch = folder, cli, monkeypatch
        self.names = names
        for name in names:
            (folder / name).mkdir()

    def db(self, name: str) -> Path:
        return self.folder / name / "coordinator.sqlite3"

    def run(self, name: str, *args: str):
        self.monkeypatch.setenv("COORDINATOR_HOME", str(self.folder / name / "home"))
        return self.cli(*args, db=self.db(name))

    def join_all(self) -> None:
        """Every laptop imports every other's join key."""
        for name in self.names:
            assert self.run(name, "sync", "keys", "export", str(self.folder / f"{name}.key"),
                            "--name", name).returncode == 0
        for name in self.names:
            for other in self.names:
                if other != name:
                    done = self.run(name, "sync", "keys", "import", str(self.folder / f"{other}.key"))
                    assert done.returncode == 0, done.stderr

    @contextmanager
    def workspace(self, name: str):
        """The laptop's database opened here, as its own installation opens it."""
        self.monkeypatch.setenv("COORDINATOR_HOME", str(self.folder / name / "home"))
        workspace = Workspace(open_database(self.db(name)))
        try:
            yield workspace
        finally:
            workspace.db.close()

    def carry(self, source: str, target: str, *extra: str):
        """Write a bundle on `source` and read it on `target`; returns the import's result."""
        path = self.folder / f"{source}-to-{target}.coordsync"
        wrote = self.run(source, "sync", "export", "-o", str(path), *extra)
        assert wrote.returncode == 0, wrote.stderr
        return self.run(target, "sync", "import", str(path), "--json")


def empty_copies(template: Path, folder: Path, count: int) -> list[Workspace]:
    """`count` laptops started from one migrated empty file (copied, so each gets a
    device id of its own): quicker than migrating each."""
    import shutil

    found = []
    for number in range(count):
        path = folder / f"copy-{number}.sqlite3"
        shutil.copyfile(template, path)
        found.append(Workspace(open_database(path)))
    return found


def office_with_a_conflict(folder: Path, cli, monkeypatch) -> tuple[Office, str]:
    """Two laptops, kharkiv and plunge, that each changed the region of "Kharkiv City
    Council" before plunge read kharkiv's file: plunge holds an open conflict. Returns
    the office and the organisation's id."""
    office = Office(folder, cli, monkeypatch, ["kharkiv", "plunge"])
    office.run("kharkiv", "add", "organizations", "--set", "name=Kharkiv City Council")
    office.run("plunge", "add", "organizations", "--set", "name=Plungė District")
    office.join_all()
    office.carry("kharkiv", "plunge")
    listed = json.loads(office.run("plunge", "list", "organizations", "--json").stdout)
    org = next(item["id"] for item in listed if item["name"] == "Kharkiv City Council")
    office.run("kharkiv", "edit", "organizations", org, "--set", "region=Kharkiv oblast")
    office.run("plunge", "edit", "organizations", org, "--set", "region=Харківщина")
    office.carry("kharkiv", "plunge")
    return office, org


def open_laptop(office: Office, laptop: str) -> Workspace:
    """The database of `laptop` opened as its app opens it (its data folder, its keys)."""
    office.monkeypatch.setenv("COORDINATOR_HOME", str(office.folder / laptop / "home"))
    return Workspace(open_database(office.db(laptop)))


def open_sync_dialog(qtbot, office: Office, laptop: str):
    """One laptop's Sync dialog, shown at 1280×800, and its workspace (to close)."""
    from coordinator_app.ui.context import UiContext
    from coordinator_app.ui.sync_dialog import SyncDialog

    workspace = open_laptop(office, laptop)
    dialog = SyncDialog(UiContext(workspace))
    qtbot.addWidget(dialog)
    dialog.resize(1280, 800)
    dialog.show()
    return dialog, workspace


def keys_of_two(source: Workspace, target: Workspace):
    """Keys for two laptops that have imported each other's join key."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from coordinator_app.sync import peers
    from coordinator_app.sync.keys import OwnKeys

    source_keys = OwnKeys(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())
    target_keys = OwnKeys(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())
    peers.add(source, target_keys.public("target"))
    peers.add(target, source_keys.public("source"))
    return source_keys, target_keys
