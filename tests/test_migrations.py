"""Schema migrations run at open, after a backup; data made at the first revision survives."""

from __future__ import annotations

import ast
import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import select

from coordinator_app.core.store import migrate
from coordinator_app.core.store.backup import default_backup_dir
from coordinator_app.core.store.db import open_database
from coordinator_app.core.store.engine import make_engine
from coordinator_app.core.text.collation import sort_key
from coordinator_app.core.errors import DatabaseError
from coordinator_app.core.records.models import Base, Organization, Person
from coordinator_app.core.search.query import search
from coordinator_app.core.views import listing
from coordinator_app.core.views.listing import ListQuery
from coordinator_app.core.records.service import Workspace
from support.schema import FIRST, make_first_revision_db

def test_the_migration_chain_has_one_head_starting_at_the_first_revision():
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert len(script.get_heads()) == 1, "two migrations claim the same parent"
    chain = [rev.revision for rev in script.walk_revisions()]
    assert chain[-1] == FIRST and chain[0] == migrate.head_revision()


def test_a_first_revision_database_is_upgraded_at_open_keeping_its_data(db_path):
    make_first_revision_db(db_path)
    assert migrate.current_revision(db_path) == FIRST

    db = open_database(db_path)
    try:
        assert migrate.current_revision(db_path) == migrate.head_revision()
        # The file was last written by an installation that is not this one: new edits
        # are this installation's, and what the old one wrote stays in the journal.
        assert db.device_id != "old-laptop"
        workspace = Workspace(db)
        with workspace.read() as session:
            person = session.get(Person, "person-1")
            assert person.full_name == "Ігор Терехов"
            assert person.affiliations[0].organization.name == "Харківська міська рада"
            # Later revisions fill what they add for the old rows too (the search index).
            assert [h.id for h in search(session, "Terekhov", kinds=["person"])] == ["person-1"]
        # ... and the upgraded file takes new edits.
        org = workspace.create(Organization, name="Plungės rajono savivaldybė")
        assert workspace.get(Organization, org.id).name == "Plungės rajono savivaldybė"
    finally:
        db.close()


def test_derived_data_of_a_first_revision_database_is_rebuilt_by_todays_code(db_path):
    make_first_revision_db(db_path)
    db = open_database(db_path)
    try:
        with Workspace(db).read() as session:
            # Sort keys (revision 0003) and the phone word of the index (0004) are
            # filled for the rows of the old file, by the code of today.
            assert session.get(Person, "person-1").sort_key == sort_key("Ігор Терехов")
            # An organisation's name is listed, and sorted, in each language (0015).
            city = session.scalars(select(Organization)).first()
            assert [city.sort_key_uk, city.sort_key_lt, city.sort_key_en] == [
                sort_key("Харківська міська рада")] * 3
            assert [h.id for h in search(session, "tel577252001")] == ["person-1"]
            stale = session.connection().exec_driver_sql(
                "select name from derived_state where stale != 0").fetchall()
        assert stale == []
    finally:
        db.close()


def test_migrations_are_frozen_and_import_nothing_of_the_app():
    """A migration carries the SQL of its day: calling today's code from one breaks
    upgrading an old file as soon as that code changes."""
    for script in sorted((migrate.SCRIPT_LOCATION / "versions").glob("*.py")):
        tree = ast.parse(script.read_text(encoding="utf-8"))
        imported = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names]
        imported += [node.module or "" for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom)]
        assert not [name for name in imported if name.startswith("coordinator_app")], script.name


def test_the_old_file_is_backed_up_before_migrating(db_path):
    make_first_revision_db(db_path)
    open_database(db_path).close()
    backups = sorted(default_backup_dir(db_path).glob("*before-migration-0001*"))
    assert len(backups) == 1
    saved = sqlite3.connect(backups[0])
    assert saved.execute("select version_num from alembic_version").fetchone() == (FIRST,)
    assert saved.execute("select name from organizations").fetchone() == (
        "Харківська міська рада",)
    saved.close()

    open_database(db_path).close()  # already at head: no second backup
    assert len(list(default_backup_dir(db_path).glob("*.sqlite3"))) == 1


def test_a_new_database_is_made_at_head_without_a_backup(db_path):
    open_database(db_path).close()
    assert migrate.current_revision(db_path) == migrate.head_revision()
    assert not default_backup_dir(db_path).exists() or not any(
        default_backup_dir(db_path).iterdir())


def test_the_migrated_schema_matches_the_models(db_path):
    make_first_revision_db(db_path)
    open_database(db_path).close()
    engine = make_engine(db_path)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = [
                d for d in compare_metadata(context, Base.metadata)
                # Tables outside the models (the search index's FTS tables) are not drift.
                if not (d[0] == "remove_table") and not (
                    d[0] == "remove_index" and d[1].table.name not in Base.metadata.tables)
            ]
    finally:
        engine.dispose()
    assert differences == []


def test_a_database_from_a_newer_version_is_refused_untouched(db_path):
    open_database(db_path).close()
    raw = sqlite3.connect(db_path)
    with raw:
        raw.execute("update alembic_version set version_num = '9999'")
    raw.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError, match="newer version"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_another_programs_database_is_refused(db_path):
    raw = sqlite3.connect(db_path)
    raw.execute("create table recipes (name text)")
    raw.commit()
    raw.close()
    with pytest.raises(DatabaseError, match="not a Coordinator database"):
        open_database(db_path)


def test_a_file_that_is_not_sqlite_is_refused(db_path):
    db_path.write_bytes(b"%PDF-1.7 not a database")
    with pytest.raises(DatabaseError, match="not a Coordinator database"):
        open_database(db_path)


def test_a_failed_migration_leaves_the_old_schema_whole(db_path, monkeypatch):
    make_first_revision_db(db_path)
    raw = sqlite3.connect(db_path)
    with raw:  # a broken reference the next migration's foreign-key check will find
        raw.execute("pragma foreign_keys = off")
        raw.execute("update affiliations set organization_id = 'gone' where id = 'aff-1'")
    raw.close()
    with pytest.raises(DatabaseError, match="broken references"):
        open_database(db_path)
    assert migrate.current_revision(db_path) == FIRST
    raw = sqlite3.connect(db_path)
    assert raw.execute("select count(*) from people").fetchone() == (1,)
    raw.close()


def test_an_index_without_spelling_keys_is_made_again_with_them(db_path):
    """A file at 0004 has the index of that day (no `variants` column); 0005 makes
    the index again, so Russian-style spellings find what was there before."""
    make_first_revision_db(db_path)
    migrate.upgrade(db_path, "0004")
    raw = sqlite3.connect(db_path)
    with raw:  # the index exactly as revision 0004 left it, whatever the live code makes
        raw.execute("DROP TABLE search_index")
        raw.execute("CREATE VIRTUAL TABLE search_index USING fts5(kind, title, names, body, "
                    "tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')")
        raw.execute("DELETE FROM search_keys")
    raw.close()
    db = open_database(db_path)
    try:
        with Workspace(db).read() as session:
            assert [hit.id for hit in search(session, "Kharkov")] == ["org-1"]
            assert [hit.id for hit in search(session, "Igor Terekhov")] == ["person-1"]
        with db.engine.connect() as connection:
            columns = [row[1] for row in connection.exec_driver_sql(
                "PRAGMA table_info(search_index)")]
        assert "variants" in columns
    finally:
        db.close()
    migrate.downgrade(db_path, "0004")
    raw = sqlite3.connect(db_path)
    assert "variants" not in [row[1] for row in raw.execute("PRAGMA table_info(search_index)")]
    assert raw.execute("SELECT count(*) FROM search_index").fetchone() == (2,)
    raw.close()


@pytest.mark.parametrize("revision", migrate.revisions()[1:])
def test_a_file_an_older_version_left_opens_and_finds_its_records(db_path, revision):
    """Each older schema as its own version left it, search index included (the
    revisions' own downgrades take a file back there): opening it upgrades it, and
    its records are found by name, other spelling and phone number."""
    from coordinator_app.core.views.duplicates import likely_duplicates

    db = open_database(db_path)
    with Workspace(db).edit("typed in by an older version") as edit:
        org = edit.create("organization", name="Харківська міська рада", country="UA")
        person = edit.create("person", full_name="Ігор Терехов", latin_name="Ihor Terekhov")
        edit.create("contact_point", person_id=person.id, kind="phone", value="+380 57 725 2222")
    db.close()
    migrate.downgrade(db_path, revision)
    assert migrate.current_revision(db_path) == revision

    db = open_database(db_path)
    try:
        assert migrate.current_revision(db_path) == migrate.head_revision()
        with Workspace(db).read() as session:
            assert [hit.id for hit in search(session, "Kharkov")] == [org.id]
            assert [hit.id for hit in search(session, "Terekhov")] == [person.id]
            # A list's filter reaches the rows through the index's row numbers (0010).
            rows, total = listing.first_page(session, ListQuery("person", text="Terekhov"), 50)
            assert [row.id for row in rows] == [person.id] and total == 1
            same_phone = likely_duplicates(session, "person",
                                           {"full_name": "Хтось", "phones": ["057 725 2222"]})
            assert [hit.id for hit in same_phone] == [person.id]
    finally:
        db.close()


def test_the_index_migration_keys_names_as_the_live_search_does():
    """Migration 0005 carries its own copy of folding and spelling keys; while it is
    the newest revision that builds the index, what it writes is what search reads.
    (A change to the keys comes with a new revision that builds the index again.)"""
    import importlib.util

    from coordinator_app.core.text import folding, gazetteer, spelling

    path = migrate.SCRIPT_LOCATION / "versions" / "0005_search_spelling_keys.py"
    spec = importlib.util.spec_from_file_location("index_migration", path)
    frozen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(frozen)
    names = [value for row in gazetteer.rows(gazetteer.FOLDER / "places.tsv")
             for value in row.values() if value]
    names += ["Kauno miesto savivaldybė", "Мар’їнка", "Пётр Рыбаков", "Audrius Klišonis",
              "Šiaulių rajono savivaldybė", "O'Connor & Co. (2024)"]
    for name in names:
        assert frozen.keys_text(name) == spelling.keys_text(name), name
        assert frozen.index_text(name) == folding.index_text(name), name


def test_text_kept_before_languages_becomes_the_original_in_the_language_its_letters_say(
        db_path):
    from coordinator_app.core.records import languages

    db = open_database(db_path)
    with Workspace(db).edit("typed in by an older version") as edit:
        ids = [edit.create("organization", name=name).id for name in (
            "Харківська міська рада", "Plungės rajono savivaldybė", "Bridge to the East")]
    db.close()
    migrate.downgrade(db_path, "0007")
    db = open_database(db_path)
    try:
        with Workspace(db).read() as session:
            found = [(languages.original(o, "name"), o.name_uk, o.name_lt, o.name_en)
                     for o in (session.get(Organization, i) for i in ids)]
            assert found == [("uk", None, None, None), ("lt", None, None, None),
                             ("en", None, None, None)]
            # The index was built again, reading the new columns.
            assert [h.id for h in search(session, "Plunges")] == [ids[1]]
    finally:
        db.close()


def test_an_attachment_kept_empty_for_want_of_its_bytes_waits_for_them_after_0013(db_path):
    """Before 0013 a synced attachment whose bytes had not come was written empty;
    the upgrade makes it "not yet received", and leaves a file that is empty alone."""
    from coordinator_app.core.records.attachments import attach_bytes

    db = open_database(db_path)
    with Workspace(db).edit() as edit:
        org = edit.create("organization", name="Kharkiv City Council")
        scan = attach_bytes(edit, "organization", org.id, "scan.pdf", b"%PDF-1.7 scan").id
        empty = attach_bytes(edit, "organization", org.id, "empty.txt", b"").id
    db.close()
    migrate.downgrade(db_path, "0012")
    raw = sqlite3.connect(db_path)
    with raw:  # as the sync of that day wrote a record whose bytes had not come
        raw.execute("UPDATE attachments SET content = X'' WHERE id = ?", (scan,))
    raw.close()

    open_database(db_path).close()
    raw = sqlite3.connect(db_path)
    stored = dict(raw.execute("SELECT id, content FROM attachments"))
    raw.close()
    assert stored == {scan: None, empty: b""}


def test_the_current_versions_are_kept_in_their_key_alone_after_0021_with_every_row(db_path):
    """0021 remakes sync_heads WITHOUT ROWID (every column is its key): the versions a
    copy held before are all there after, and its downgrade brings the old table back."""
    from coordinator_app.sync.record import ensure_seeded

    db = open_database(db_path)
    workspace = Workspace(db)
    with workspace.edit() as edit:
        org = edit.create("organization", name="Kharkiv City Council", country="UA")
        edit.create("person", full_name="Ігор Терехов")
    ensure_seeded(workspace)
    workspace.update(Organization, org.id, name="Харківська міська рада")
    db.close()

    def heads_and_table():
        raw = sqlite3.connect(db_path)
        try:
            rows = raw.execute("SELECT kind, record_id, field, origin, seq FROM sync_heads "
                               "ORDER BY kind, record_id, field, origin, seq").fetchall()
            sql = raw.execute("SELECT sql FROM sqlite_master WHERE name = 'sync_heads'"
                              ).fetchone()[0]
        finally:
            raw.close()
        return rows, "WITHOUT ROWID" in sql

    heads, without_rowid = heads_and_table()
    assert without_rowid and len(heads) >= 3  # two creations and the renaming edit
    migrate.downgrade(db_path, "0020")
    assert heads_and_table() == (heads, False)
    open_database(db_path).close()
    assert heads_and_table() == (heads, True)


def test_the_index_of_waiting_operations_holds_only_them_after_0022_and_is_read(db_path):
    """0022 keeps in ix_sync_operations_known only the operations kept for an upgrade
    (known = 0); the merge's query of them reads that index, not every operation."""
    from sqlalchemy.dialects import sqlite

    from coordinator_app.core.records.models import SyncOperation
    from coordinator_app.sync import merge

    open_database(db_path).close()
    migrate.downgrade(db_path, "0021")
    open_database(db_path).close()
    query = select(SyncOperation.origin).where(merge._WAITING).compile(
        dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
    raw = sqlite3.connect(db_path)
    try:
        sql = raw.execute("SELECT sql FROM sqlite_master WHERE name = 'ix_sync_operations_known'"
                          ).fetchone()[0]
        plan = " ".join(row[3] for row in raw.execute(f"EXPLAIN QUERY PLAN {query}"))
    finally:
        raw.close()
    assert sql.endswith("WHERE known = 0")
    assert "USING INDEX ix_sync_operations_known" in plan or \
        "USING COVERING INDEX ix_sync_operations_known" in plan


def test_a_bulk_creates_one_journal_row_is_a_create_per_record_again_below_0023(db_path):
    """0023: a bulk create journals one row for all the records of a kind it wrote; the
    downgrade writes a `create` each again, with the fields each was created with, in
    its place among the journal's rows."""
    from coordinator_app.core.records.journal import _snapshot, journaled_columns

    db = open_database(db_path)
    workspace = Workspace(db)
    single = workspace.create(Organization, name="Plungė")
    with workspace.edit("Import") as edit:
        ids = edit.create_many(Person, [{"full_name": "Ігор Терехов", "notes": "перший"},
                                        {"full_name": 'Audrius "A" Klišonis'}])
    with workspace.read() as session:
        expected = [_snapshot(Person, {key: getattr(session.get(Person, record_id), key)
                                       for key in journaled_columns(Person)})
                    for record_id in ids]
    workspace.update(Person, ids[0], notes="другий")
    db.close()

    def journal():
        raw = sqlite3.connect(db_path)
        try:
            return raw.execute("SELECT seq, action, entity_id, field, new FROM changes "
                               "ORDER BY seq").fetchall()
        finally:
            raw.close()

    assert [row[1] for row in journal()] == ["create", "create_set", "update"]
    migrate.downgrade(db_path, "0022")
    rows = journal()
    assert [row[:4] for row in rows] == [
        (1, "create", single.id, None), (2, "create", ids[0], None),
        (3, "create", ids[1], None), (4, "update", ids[0], "notes")]
    assert [rows[1][4], rows[2][4]] == expected
    open_database(db_path).close()
    assert journal() == rows
