"""kill -9 while the database is being encrypted or its passphrase changed: the
database is the old one or the new one, never lost or half-made."""

from __future__ import annotations

import os
import random
import time

import pytest

from coordinator_app.core.crypto import keyring, keyslots
from coordinator_app.core.store.connect import HEADER
from coordinator_app.core.store.integrity import check_file
from coordinator_app.core.store.recovery import remove_leftovers
from support.encryption import PASSPHRASE, copy_database, people_count
from support.processes import coordinator

TRIALS = 10  # of each: 20 kills in all
NEW = "the passphrase after the change"


def _run_and_kill(db_path, args, env, delay):
    started = coordinator(db_path, *args, env=env)
    time.sleep(delay)
    started.kill()
    return started.wait()


def _timed(db_path, args, env):
    began = time.monotonic()
    assert coordinator(db_path, *args, env=env).wait() == 0
    return time.monotonic() - began


@pytest.mark.slow
def test_encrypting_killed_at_any_moment_leaves_the_plain_or_the_encrypted_database(
        demo_file, tmp_path):
    pristine = copy_database(demo_file, tmp_path / "pristine.sqlite3")
    people = people_count(pristine)
    env = dict(os.environ, COORDINATOR_NEW_PASSPHRASE=PASSPHRASE)
    full = _timed(demo_file, ["encrypt"], env)
    rng = random.Random(15)
    outcomes = []
    for _trial in range(TRIALS):
        keyring.forget_all()
        folder = tmp_path / f"trial{_trial}"
        folder.mkdir()
        db_path = copy_database(pristine, folder / "coordinator.sqlite3")
        _run_and_kill(db_path, ["encrypt"], env, rng.uniform(0.0, full))
        remove_leftovers(db_path)  # what the next start does first
        if db_path.read_bytes()[:16] == HEADER:
            outcomes.append("plain")
            assert not keyslots.slots_path(db_path).exists()
        else:
            outcomes.append("encrypted")
            keyring.unlock_file(db_path, PASSPHRASE)
        assert check_file(db_path).sound
        assert people_count(db_path) == people
    assert len(outcomes) == TRIALS
    print("plain / encrypted after the kill:", outcomes.count("plain"),
          outcomes.count("encrypted"))


@pytest.mark.slow
def test_a_passphrase_change_killed_at_any_moment_leaves_the_old_or_the_new_one(
        demo_file, tmp_path):
    keyring.forget_all()
    from coordinator_app.core.crypto.encryption import encrypt_database

    encrypt_database(demo_file, PASSPHRASE)
    people = people_count(demo_file)
    content = demo_file.read_bytes()
    pristine_keys = keyslots.slots_path(demo_file).read_bytes()
    env = dict(os.environ, COORDINATOR_PASSPHRASE=PASSPHRASE, COORDINATOR_NEW_PASSPHRASE=NEW)
    full = _timed(demo_file, ["passphrase"], env)
    rng = random.Random(16)
    opened_with = []
    for _trial in range(TRIALS):
        keyring.forget_all()
        keyslots.slots_path(demo_file).write_bytes(pristine_keys)
        # The key file is written at the very end, after two key derivations: most
        # kills are aimed at that end, some after it (the change then stands whole).
        _run_and_kill(demo_file, ["passphrase"], env, rng.uniform(0.5 * full, 1.5 * full))
        assert demo_file.read_bytes() == content  # the database itself is never rewritten
        for secret in (PASSPHRASE, NEW):
            try:
                keyring.unlock_file(demo_file, secret)
            except keyslots.WrongSecret:
                continue
            opened_with.append(secret)
            break
        else:
            pytest.fail("neither the old nor the new passphrase opens the database")
        assert people_count(demo_file) == people
    assert len(opened_with) == TRIALS
    print("opened with the old / new passphrase:", opened_with.count(PASSPHRASE),
          opened_with.count(NEW))
