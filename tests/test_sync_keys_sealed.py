"""A laptop's sync keys when its database is encrypted: sealed with the database's key,
so the data folder of a lost laptop gives no key that reads or signs its bundles."""

from __future__ import annotations

import pytest

from coordinator_app.core.crypto import keyring
from coordinator_app.core.store.db import open_database
from coordinator_app.sync.keys import FILE, SEALED, KeysLocked, own_keys
from support.encryption import PASSPHRASE
from support.sync import Office


def _keys_file(office: Office, laptop: str):
    return office.folder / laptop / "home" / FILE


def _files_holding(folder, secret: bytes) -> list[str]:
    return [str(path) for path in folder.rglob("*")
            if path.is_file() and secret in path.read_bytes()]


@pytest.fixture
def office(tmp_path, cli, monkeypatch):
    office = Office(tmp_path, cli, monkeypatch, ["kharkiv", "plunge"])
    office.run("kharkiv", "add", "organizations", "--set", "name=Kharkiv City Council")
    office.run("plunge", "add", "organizations", "--set", "name=Plungė District")
    office.join_all()
    return office


def _encrypt(office: Office, laptop: str) -> None:
    office.monkeypatch.setenv("COORDINATOR_NEW_PASSPHRASE", PASSPHRASE)
    done = office.run(laptop, "encrypt")
    assert done.returncode == 0, done.stderr
    office.monkeypatch.delenv("COORDINATOR_NEW_PASSPHRASE")
    keyring.forget_all()  # as a new start of the app: nothing unlocked


def test_encrypting_the_database_seals_the_sync_keys_and_syncing_goes_on(office):
    plain = _keys_file(office, "kharkiv").read_bytes()
    assert len(plain) == 64
    _encrypt(office, "kharkiv")
    sealed = _keys_file(office, "kharkiv").read_bytes()
    assert sealed.startswith(SEALED)
    # Neither private key is anywhere in the data folder or beside the database.
    for secret in (plain[:32], plain[32:]):
        assert _files_holding(office.folder / "kharkiv", secret) == []
    # With the passphrase the same keys write a bundle the other laptop reads: its
    # peers need not exchange join keys again.
    office.monkeypatch.setenv("COORDINATOR_PASSPHRASE", PASSPHRASE)
    done = office.carry("kharkiv", "plunge")
    assert done.returncode == 0, done.stderr
    names = office.run("plunge", "list", "organizations").stdout
    assert "Kharkiv City Council" in names
    # ...and it reads what the other laptop writes for it.
    back = office.carry("plunge", "kharkiv")
    assert back.returncode == 0, back.stderr


def test_sealed_keys_do_not_open_without_the_database_key(office):
    _encrypt(office, "kharkiv")
    office.monkeypatch.setenv("COORDINATOR_HOME", str(office.folder / "kharkiv" / "home"))
    # A database nobody has unlocked in this process, and a plain one: neither opens them.
    with pytest.raises(KeysLocked):
        own_keys(None)
    other = open_database(office.folder / "other.sqlite3")
    try:
        with pytest.raises(KeysLocked):
            own_keys(other.path)
    finally:
        other.close()
    # The database's passphrase opens them again.
    office.monkeypatch.setenv("COORDINATOR_PASSPHRASE", PASSPHRASE)
    keyring.forget_all()
    assert office.run("kharkiv", "sync", "status").returncode == 0


def test_a_plain_keys_file_is_sealed_the_first_time_an_encrypted_database_uses_it(office):
    """Keys made after the database was encrypted elsewhere, or a switch cut off before
    the keys were sealed: the next use seals them."""
    _encrypt(office, "kharkiv")
    path = _keys_file(office, "kharkiv")
    office.monkeypatch.setenv("COORDINATOR_HOME", str(office.folder / "kharkiv" / "home"))
    keyring.unlock_file(office.db("kharkiv"), PASSPHRASE)
    raw = own_keys(office.db("kharkiv"))
    path.write_bytes(bytes(raw.signer.private_bytes_raw() + raw.box.private_bytes_raw()))
    again = own_keys(office.db("kharkiv"))
    assert path.read_bytes().startswith(SEALED)
    assert again.id == raw.id


def test_decrypting_the_database_leaves_the_keys_plain_again(office):
    before = _keys_file(office, "kharkiv").read_bytes()
    _encrypt(office, "kharkiv")
    office.monkeypatch.setenv("COORDINATOR_PASSPHRASE", PASSPHRASE)
    done = office.run("kharkiv", "decrypt", "--yes")
    assert done.returncode == 0, done.stderr
    assert _keys_file(office, "kharkiv").read_bytes() == before
    office.monkeypatch.delenv("COORDINATOR_PASSPHRASE")
    assert office.carry("kharkiv", "plunge").returncode == 0
