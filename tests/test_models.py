"""Invariant 1 and 3 of DESIGN.md: ids made on the device, UTC stamps, the device that
changed a record, tombstones; SQLite opened durable, with foreign keys."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

import pytest
from sqlalchemy import Integer, inspect, select, text
from sqlalchemy.exc import IntegrityError, StatementError

from coordinator_app.core.views import records
from coordinator_app.core.store.db import open_database
from coordinator_app.core.store.engine import BUSY_TIMEOUT_MS
from coordinator_app.core.errors import DatabaseError, NotFound
from coordinator_app.core.records.models import Agreement, Organization, Person, Project
from coordinator_app.core.records.registry import MODELS
from coordinator_app.core.records.service import Workspace
from coordinator_app.core.store.connect import errors
from support.encryption import connect_file


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.KIND)
def test_every_record_kind_carries_the_merge_columns(cls):
    columns = inspect(cls).columns
    assert [c.name for c in inspect(cls).primary_key] == ["id"]
    assert not isinstance(columns["id"].type, Integer)  # never an auto-increment
    for name in ("created_at", "updated_at", "device_id", "deleted_at"):
        assert name in columns, f"{cls.KIND} has no {name}"
    assert not columns["created_at"].nullable and not columns["device_id"].nullable


def test_ids_are_uuid4_made_before_the_database_sees_the_record(workspace):
    seen = []
    with workspace.edit() as edit:
        org = edit.create(Organization, name="Plungės rajono savivaldybė")
        seen.append(org.id)
    assert uuid.UUID(seen[0]).version == 4
    other = workspace.create(Organization, name="Kauno miesto savivaldybė")
    assert other.id != org.id


def test_stamps_are_utc_and_updated_moves_while_created_stays(workspace, db_path):
    before = datetime.now(timezone.utc)
    org = workspace.create(Organization, name="Харківська міська рада")
    assert org.created_at.tzinfo == timezone.utc and org.created_at >= before
    changed = workspace.update(Organization, org.id, region="Харківська область")
    assert changed.created_at == org.created_at
    assert changed.updated_at > org.updated_at
    raw = connect_file(db_path).execute(
        "select created_at from organizations where id = ?", (org.id,)).fetchone()[0]
    # Stored as naive UTC text; read back as the same moment, aware.
    assert datetime.fromisoformat(raw).replace(tzinfo=timezone.utc) == org.created_at


def test_a_naive_time_is_refused_rather_than_guessed(workspace):
    org = workspace.create(Organization, name="Plungė")
    with pytest.raises(StatementError, match="naive datetime"):
        with workspace.db.sessions() as session, session.begin():
            session.get(Organization, org.id).deleted_at = datetime(2026, 1, 1)


def test_each_record_names_the_device_that_last_changed_it(db_path, tmp_path):
    db = open_database(db_path)
    device = db.device_id
    org = Workspace(db).create(Organization, name="Plungė")
    db.close()
    assert org.device_id == device and uuid.UUID(device)

    reopened = open_database(db_path)
    assert reopened.device_id == device  # the same copy keeps its identity
    reopened.close()
    elsewhere = open_database(tmp_path / "other-laptop.sqlite3")
    assert elsewhere.device_id != device
    elsewhere.close()


def test_delete_leaves_a_tombstone_that_lists_and_lookups_skip(workspace, db_path):
    person = workspace.create(Person, full_name="Rūta Petrauskienė")
    workspace.delete(Person, person.id)
    row = connect_file(db_path).execute(
        "select full_name, deleted_at from people where id = ?", (person.id,)).fetchone()
    assert row[0] == "Rūta Petrauskienė" and row[1] is not None
    with workspace.read() as session:
        assert session.scalars(records.live(Person)).all() == []
        with pytest.raises(NotFound):
            records.resolve(session, Person, "Rūta Petrauskienė")
    with pytest.raises(NotFound):
        workspace.get(Person, person.id)
    with pytest.raises(NotFound):
        workspace.update(Person, person.id, languages="lt")
    workspace.restore(Person, person.id)
    assert workspace.get(Person, person.id).deleted_at is None


def test_money_is_whole_minor_units(workspace):
    project = workspace.create(Project, title="Generators", budget_minor="18600000",
                               currency="eur")
    assert project.budget_minor == 18_600_000 and project.currency == "EUR"
    assert inspect(Project).columns["budget_minor"].type.python_type is int


# --- the SQLite connection ---------------------------------------------------------------

def test_connections_are_durable_and_enforce_foreign_keys(workspace):
    with workspace.read() as session:
        pragma = lambda name: session.execute(text(f"PRAGMA {name}")).scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == BUSY_TIMEOUT_MS
    with workspace.edit() as edit:  # a writing connection is configured the same way
        assert edit.session.execute(text("PRAGMA synchronous")).scalar() == 2
        assert edit.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
    # ... and so are the plain connections the app writes derived state through before
    # the engine is made (the device id, the day people's countries were worked out).
    with workspace.db.writing() as connection:
        assert connection.execute("PRAGMA synchronous").fetchone()[0] == 2
        assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_bulk_write_has_a_big_page_cache_and_leaves_the_connection_as_it_was(workspace):
    from coordinator_app.core.store.engine import BULK_CACHE_KIB, bulk_cache

    with workspace.db.engine.connect() as connection:
        def cache():
            return connection.exec_driver_sql("PRAGMA cache_size").scalar()

        usual = cache()
        with bulk_cache(connection):
            assert cache() == -BULK_CACHE_KIB
        assert cache() == usual  # the pool hands the connection on as it was


@pytest.mark.parametrize(("platform", "fullfsync"), [("darwin", 1), ("linux", 0), ("win32", 0)])
def test_on_macos_commits_are_flushed_past_the_drives_cache(db_path, platform, fullfsync):
    from coordinator_app.core.store.engine import make_engine

    open_database(db_path).close()
    engine = make_engine(db_path, platform=platform)
    try:
        with engine.connect() as connection:
            def pragma(name):
                return connection.exec_driver_sql(f"PRAGMA {name}").scalar()

            assert pragma("fullfsync") == fullfsync
            assert pragma("checkpoint_fullfsync") == fullfsync
            assert pragma("synchronous") == 2 and pragma("journal_mode") == "wal"
    finally:
        engine.dispose()


def test_the_database_itself_refuses_a_dangling_reference(workspace):
    with pytest.raises(IntegrityError):
        with workspace.db.engine.begin() as connection:
            connection.execute(text(
                "insert into affiliations (id, person_id, organization_id, created_at, "
                "updated_at, device_id) values ('a', 'no-person', 'no-org', "
                "'2026-01-01', '2026-01-01', 'd')"))


def test_an_edit_holds_the_write_lock_from_its_start(workspace, db_path):
    """A second writer waits for the first instead of failing on a stale snapshot."""
    other = connect_file(db_path, timeout=0, isolation_level=None)
    with workspace.edit():
        with pytest.raises(errors("OperationalError"), match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")
    other.execute("ROLLBACK")
    other.close()


def test_two_workspaces_on_one_file_see_each_others_commits(db_path):
    first, second = open_database(db_path), open_database(db_path)
    try:
        Workspace(first).create(Agreement, title="Memorandum", signed_on="2026-02-11")
        with Workspace(second).read() as session:
            assert session.scalars(select(Agreement.title)).all() == ["Memorandum"]
    finally:
        first.close()
        second.close()


def test_a_commit_is_on_disk_when_edit_returns(workspace, db_path):
    """Read back through a fresh connection that bypasses the engine's pool."""
    org = workspace.create(Organization, name="Šiaulių miesto savivaldybė")
    fresh = connect_file(db_path)
    assert fresh.execute("select name from organizations where id = ?",
                         (org.id,)).fetchone() == ("Šiaulių miesto savivaldybė",)
    fresh.close()


def test_reading_does_not_take_the_write_lock(workspace, db_path):
    """Another writer starts while a reader reads (its BEGIN goes to the driver, so it is
    the lock, not SQLAlchemy's statements, that shows it)."""
    workspace.create(Organization, name="Šiaulių miesto savivaldybė")
    other = connect_file(db_path, timeout=0, isolation_level=None)
    with workspace.read() as session:
        assert session.scalars(select(Organization.name)).all() == [
            "Šiaulių miesto savivaldybė"]
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    other.close()


def test_an_edit_kept_from_the_write_lock_says_so_and_writes_nothing(workspace, db_path,
                                                                     monkeypatch):
    from coordinator_app.core.store import engine

    # The workspace's connections wait a twentieth of a second for the lock, not five.
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 50)
    workspace.db.engine.dispose()
    other = connect_file(db_path, timeout=0, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseError, match="locked"):
            workspace.create(Organization, name="Šiaulių miesto savivaldybė")
    finally:
        other.execute("ROLLBACK")
        other.close()
    with workspace.read() as session:
        assert session.scalars(select(Organization)).all() == []
