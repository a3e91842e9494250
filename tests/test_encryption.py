"""Encryption at rest: a lost or seized laptop reveals nothing, and the person who
knows the passphrase (or holds the recovery key) loses nothing."""

from __future__ import annotations

import json
import re

import pytest

from coordinator_app.core.crypto import encryption, keyring, keyslots
from coordinator_app.core.store import backup
from coordinator_app.core.store.connect import HEADER
from coordinator_app.core.store.db import open_database
from coordinator_app.core.store.recovery import remove_leftovers
from support.encryption import PASSPHRASE, connect_file, people_count
from support.files import mode_of, plain_text_hits, snapshot

NEW = "a different passphrase"


@pytest.fixture
def encrypted_demo(demo_file, cli, monkeypatch):
    """The demo database with a plain backup beside it, then encrypted by the command
    line; the recovery key it printed."""
    assert cli("backup", "create", db=demo_file).returncode == 0
    monkeypatch.setenv("COORDINATOR_NEW_PASSPHRASE", PASSPHRASE)
    done = cli("encrypt", db=demo_file)
    assert done.returncode == 0, done.stderr
    monkeypatch.delenv("COORDINATOR_NEW_PASSPHRASE")
    keyring.forget_all()
    return re.search(r"\b([A-Z2-7]{5}(?:-[A-Z2-7]{5}){7})\b", done.stdout).group(1)


def test_an_encrypted_database_and_its_backups_hold_no_name_or_phone(
        demo_file, encrypted_demo, cli, monkeypatch):
    just_encrypted = plain_text_hits(demo_file.parent)
    monkeypatch.setenv("COORDINATOR_PASSPHRASE", PASSPHRASE)
    assert cli("backup", "create", db=demo_file).returncode == 0
    # An edit while it is open: what reaches the write-ahead log is encrypted too.
    db = open_database(demo_file)
    try:
        from coordinator_app.core.records.models import Person
        from coordinator_app.core.records.service import Workspace

        Workspace(db).create(Person, full_name="Audrius Klišonis junior",
                             notes="Терехов +380 57 000 00 00")
        assert plain_text_hits(demo_file.parent) == []
    finally:
        db.close()
    assert just_encrypted == []
    assert plain_text_hits(demo_file.parent) == []
    assert mode_of(keyslots.slots_path(demo_file)) == 0o600
    files = sorted(p.name for p in (demo_file.parent / "backups").iterdir())
    assert len([f for f in files if f.endswith(".sqlite3")]) == 3  # old, safety, new
    assert all(f + ".keys" in files for f in files if f.endswith(".sqlite3"))


def test_the_check_finds_names_in_a_plain_database(demo_file):
    # The check above would be worth nothing if it could not see a name where one is.
    assert {"Klišonis", "Терехов", "+380"} <= {hit[1] for hit in plain_text_hits(
        demo_file.parent)}


def test_a_wrong_passphrase_is_refused_and_changes_nothing(demo_file, encrypted_demo, cli,
                                                           monkeypatch):
    before = snapshot(demo_file.parent)
    monkeypatch.setenv("COORDINATOR_PASSPHRASE", "not the passphrase at all")
    for command in (["list", "people"], ["search", "klisonis"], ["check"], ["demo"],
                    ["backup", "create"]):
        done = cli(*command, db=demo_file)
        assert done.returncode == 1, command
        assert "passphrase" in done.stderr and done.stdout == ""
        assert "Klišonis" not in done.stderr and "people" not in done.stderr.replace(
            "list people", "")
    assert snapshot(demo_file.parent) == before


def test_the_passphrase_or_the_recovery_key_opens_it(demo_file, encrypted_demo, cli,
                                                     monkeypatch):
    for secret in (PASSPHRASE, encrypted_demo, encrypted_demo.lower().replace("-", " ")):
        keyring.forget_all()
        monkeypatch.setenv("COORDINATOR_PASSPHRASE", secret)
        done = cli("search", "klisonis", "--json", db=demo_file)
        assert done.returncode == 0, done.stderr
        assert "Audrius Klišonis" in {item.get("title") or item.get("name")
                                      for item in json.loads(done.stdout)}
    assert cli("check", db=demo_file).returncode == 0


def test_without_a_passphrase_a_script_is_told_how_to_give_one(demo_file, encrypted_demo, cli):
    done = cli("list", "people", db=demo_file)
    assert done.returncode == 1 and "COORDINATOR_PASSPHRASE" in done.stderr


def test_changing_the_passphrase_rewraps_the_key_and_leaves_the_database_alone(
        demo_file, encrypted_demo, cli, monkeypatch):
    content = demo_file.read_bytes()
    monkeypatch.setenv("COORDINATOR_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("COORDINATOR_NEW_PASSPHRASE", NEW)
    assert cli("passphrase", db=demo_file).returncode == 0
    assert demo_file.read_bytes() == content
    keyring.forget_all()
    with pytest.raises(keyslots.WrongSecret):
        keyring.unlock_file(demo_file, PASSPHRASE)
    keyring.unlock_file(demo_file, NEW)
    keyring.forget_all()
    keyring.unlock_file(demo_file, encrypted_demo)  # the recovery key still opens it


def test_a_short_or_mistyped_new_passphrase_is_refused(demo_file, cli, monkeypatch):
    before = snapshot(demo_file.parent)
    monkeypatch.setenv("COORDINATOR_NEW_PASSPHRASE", "short")
    done = cli("encrypt", db=demo_file)
    assert done.returncode == 1 and "at least 10 characters" in done.stderr
    assert snapshot(demo_file.parent) == before
    assert keyslots.passphrase_problem("long enough pass", "long enough pasS")


def test_turning_encryption_on_encrypts_older_plain_backups_and_set_aside_files(
        demo_file, cli, monkeypatch):
    assert cli("backup", "create", db=demo_file).returncode == 0
    aside = demo_file.parent / "set-aside" / "demo-20260101T000000000000Z-before-restore"
    aside.mkdir(parents=True)
    (aside / demo_file.name).write_bytes(demo_file.read_bytes())
    monkeypatch.setenv("COORDINATOR_NEW_PASSPHRASE", PASSPHRASE)
    done = cli("encrypt", db=demo_file)
    assert "2 older backups were encrypted too" in done.stdout
    assert plain_text_hits(demo_file.parent) == []
    keyring.forget_all()
    keyring.unlock_file(aside / demo_file.name, PASSPHRASE)
    assert people_count(aside / demo_file.name) == people_count(demo_file) > 0


def test_older_plain_backups_can_be_removed_instead(demo_file, cli, monkeypatch):
    assert cli("backup", "create", db=demo_file).returncode == 0
    monkeypatch.setenv("COORDINATOR_NEW_PASSPHRASE", PASSPHRASE)
    done = cli("encrypt", "--remove-plain-backups", db=demo_file)
    assert "1 older unencrypted backup was deleted" in done.stdout
    names = [b.reason for b in backup.list_backups(demo_file)]
    assert names == ["before-encryption"]
    assert plain_text_hits(demo_file.parent) == []


def test_decrypt_warns_and_keeps_the_encrypted_backups(demo_file, encrypted_demo, cli,
                                                      monkeypatch):
    monkeypatch.setenv("COORDINATOR_PASSPHRASE", PASSPHRASE)
    refused = cli("decrypt", db=demo_file)
    assert refused.returncode == 1 and "plain text" in refused.stderr
    assert demo_file.read_bytes()[:16] != HEADER
    done = cli("decrypt", "--yes", db=demo_file)
    assert done.returncode == 0, done.stderr
    assert demo_file.read_bytes()[:16] == HEADER
    assert not keyslots.slots_path(demo_file).exists()
    keyring.forget_all()
    assert cli("search", "klisonis", db=demo_file).returncode == 0
    for made in backup.list_backups(demo_file):
        assert made.path.read_bytes()[:16] != HEADER
        assert keyslots.slots_path(made.path).exists()


def test_a_backup_is_refused_when_the_key_file_is_missing(demo_file, encrypted_demo, cli,
                                                         monkeypatch):
    monkeypatch.setenv("COORDINATOR_PASSPHRASE", PASSPHRASE)
    keyring.unlock_file(demo_file, PASSPHRASE)
    keys = keyslots.slots_path(demo_file).read_bytes()
    keyslots.slots_path(demo_file).unlink()
    before = snapshot(demo_file.parent)
    with pytest.raises(Exception, match="key file"):
        backup.create_backup(demo_file)
    assert snapshot(demo_file.parent) == before
    keyslots.slots_path(demo_file).write_bytes(keys)


def test_a_restore_asks_for_the_passphrase_the_backup_was_made_with(
        demo_file, encrypted_demo, cli, monkeypatch):
    monkeypatch.setenv("COORDINATOR_PASSPHRASE", PASSPHRASE)
    assert cli("backup", "create", db=demo_file).returncode == 0
    made = backup.list_backups(demo_file)[0].path
    monkeypatch.setenv("COORDINATOR_NEW_PASSPHRASE", NEW)
    assert cli("passphrase", db=demo_file).returncode == 0
    keyring.forget_all()
    monkeypatch.setenv("COORDINATOR_PASSPHRASE", NEW)
    refused = cli("backup", "restore", str(made), db=demo_file)
    assert refused.returncode == 1 and "not right" in refused.stderr
    monkeypatch.setenv("COORDINATOR_PASSPHRASE", PASSPHRASE)
    done = cli("backup", "restore", str(made), db=demo_file)
    assert done.returncode == 0, done.stderr
    # The restored database comes with its key slots: the backup's passphrase opens it.
    keyring.forget_all()
    assert cli("search", "klisonis", db=demo_file).returncode == 0


def test_a_key_file_beside_a_plain_database_is_a_leftover_removed_at_open(demo_file):
    keyslots.slots_path(demo_file).write_text("{}")
    (demo_file.parent / (demo_file.name + ".encrypting")).write_bytes(b"x" * 100)
    remove_leftovers(demo_file)
    assert not keyslots.slots_path(demo_file).exists()
    assert not (demo_file.parent / (demo_file.name + ".encrypting")).exists()


def test_a_damaged_key_file_is_named(demo_file, encrypted_demo, cli, monkeypatch):
    keyslots.slots_path(demo_file).write_text("not json")
    monkeypatch.setenv("COORDINATOR_PASSPHRASE", PASSPHRASE)
    done = cli("list", "people", db=demo_file)
    assert done.returncode == 1 and "key file" in done.stderr


def test_a_slot_moved_to_another_key_file_does_not_open(demo_file):
    key, other = keyslots.new_key(), keyslots.new_key()
    slots = keyslots.new_slots(key, PASSPHRASE, keyslots.new_recovery_key())
    forged = keyslots.KeySlots(key_id=keyslots.key_id(other), slots=slots.slots)
    with pytest.raises(keyslots.WrongSecret):
        keyslots.unlock(forged, PASSPHRASE)
    assert keyslots.unlock(slots, PASSPHRASE) == key


def test_encrypting_twice_is_refused(demo_file, encrypted_demo):
    keyring.unlock_file(demo_file, PASSPHRASE)
    with pytest.raises(Exception, match="already encrypted"):
        encryption.encrypt_database(demo_file, PASSPHRASE)


def test_encrypting_keeps_every_index_row_pointing_at_its_record(demo_file, cli, monkeypatch):
    """The list filter reads a match's row from the index's own number (its record's
    row in its table): the export into the encrypted file must keep every row where
    it was, gaps in the numbering included, or a filter would show other people."""
    from coordinator_app.core.records import registry
    from coordinator_app.core.search import search_index
    from coordinator_app.core.search.search_index import SLOTS

    raw = connect_file(demo_file)
    with raw:  # rows numbered with gaps, as a copy renumbering them would close
        raw.execute("UPDATE people SET rowid = rowid * 7 + 1000")
    raw.close()
    db = open_database(demo_file)
    with db.engine.begin() as connection:
        search_index.rebuild(connection)
    db.close()
    monkeypatch.setenv("COORDINATOR_NEW_PASSPHRASE", PASSPHRASE)
    assert cli("encrypt", db=demo_file).returncode == 0
    keyring.forget_all()
    keyring.unlock_file(demo_file, PASSPHRASE)
    connection = connect_file(demo_file)
    try:
        for kind in search_index.SLOT:
            table = registry.model(kind).__tablename__
            indexed, pointing = connection.execute(
                f"SELECT count(*), count(t.id) FROM search_keys k LEFT JOIN {table} t "
                f"ON t.rowid = k.entry / {SLOTS} AND t.id = k.record_id "
                f"WHERE k.kind = ?", (kind,)).fetchone()
            assert indexed == pointing, kind
        assert connection.execute("SELECT min(rowid) FROM people").fetchone() == (1007,)
    finally:
        connection.close()
