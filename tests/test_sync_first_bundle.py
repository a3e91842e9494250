"""A first bundle read whole into an empty laptop, or into one far behind (its records
written set-wise, new ones in one INSERT a kind), gives the same records, conflicts
and current versions as reading the same operations one at a time."""

from __future__ import annotations

import gc
import random

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select

from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.records.journal import CREATE_SET
from coordinator_app.core.records.models import (
    Affiliation,
    Change,
    ContactPoint,
    Organization,
    Person,
    Project,
)
from coordinator_app.core.sample import demo
from coordinator_app.sync import bundle, operations, peers
from coordinator_app.sync.conflicts import open_conflicts, resolve
from coordinator_app.sync.keys import OwnKeys
from coordinator_app.sync.merge import apply, order_key
from support.sync import (
    close,
    current_countries,
    current_versions,
    digest,
    keys_of_two,
    laptops,
    records,
    send,
)

WORDS = ("Kharkiv", "Харків", "Plungė", "Kaunas", "Миколаїв", "  Šiauliai ", None)
EDITABLE = {Organization: ("name", "region", "notes", "country"),
            Person: ("full_name", "notes", "languages"),
            ContactPoint: ("value", "label")}


def _ids(workspace, cls) -> list[str]:
    with workspace.read() as session:
        return sorted(session.scalars(cls.__table__.select().with_only_columns(cls.id)).all())


def _step(workspaces, rng: random.Random) -> None:
    who = rng.choice(workspaces)
    action = rng.choice(("organization", "person", "contact", "edit", "edit", "edit",
                         "delete", "restore", "send", "send", "resolve"))
    try:
        if action == "organization":
            who.create(Organization, name=rng.choice(WORDS[:-1]),
                       country=rng.choice(("UA", "LT", None)))
        elif action == "person":
            who.create(Person, full_name=rng.choice(WORDS[:-1]), notes=rng.choice(WORDS))
        elif action == "contact":
            people = _ids(who, Person)
            if people:
                who.create(ContactPoint, person_id=rng.choice(people), kind="phone",
                           value=f"+380 57 {rng.randrange(10**6):06d}")
        elif action in ("edit", "delete", "restore"):
            cls = rng.choice(tuple(EDITABLE))
            found = _ids(who, cls)
            if not found:
                return
            record_id = rng.choice(found)
            if action == "edit":
                field = rng.choice(EDITABLE[cls])
                value = rng.choice(WORDS)
                if field in ("name", "full_name", "value"):
                    value = value or "Unnamed"
                elif field == "country":
                    value = rng.choice(("UA", "LT", "PL", None))
                who.update(cls, record_id, **{field: value})
            elif action == "delete":
                who.delete(cls, record_id)
            else:
                who.restore(cls, record_id)
        elif action == "send":
            target = rng.choice([w for w in workspaces if w is not who])
            send(who, target)
        else:
            with who.read() as session:
                found = open_conflicts(session)
            if found:
                resolve(who, found[0].id, rng.randint(1, len(found[0].versions)))
    except CoordinatorError:
        pass  # deleted already, not deleted, refused: a person could not do it either


def _every_operation(workspaces) -> list[operations.Operation]:
    found = {}
    for workspace in workspaces:
        with workspace.read() as session:
            for op in operations.after(session, {}):
                found[op.id] = op
    return list(found.values())


def _one_at_a_time(workspace, ops) -> None:
    """Each operation in a transaction of its own, in the order of their clocks: each
    origin's in sequence, and a record made before a contact that names it (a
    transaction must leave every link whole)."""
    for op in sorted(ops, key=order_key):
        apply(workspace, [op])


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_a_first_bundle_read_whole_equals_reading_its_operations_one_by_one(seed, tmp_path):
    rng = random.Random(seed)
    (tmp_path / "history").mkdir()
    (tmp_path / "copies").mkdir()
    history, copies = laptops(tmp_path / "history", 3), laptops(tmp_path / "copies", 3)
    try:
        for _number in range(70):
            _step(history, rng)
        ops = _every_operation(history)
        one_by_one, whole, behind = copies
        _one_at_a_time(one_by_one, ops)
        shuffled = list(ops)
        rng.shuffle(shuffled)
        applied = apply(whole, shuffled)
        # Far behind: an early part read op by op, the rest in one go.
        _one_at_a_time(behind, sorted(ops, key=order_key)[:rng.randint(1, len(ops) // 3)])
        apply(behind, ops)

        assert applied.new == len(ops) and applied.records == len(records(whole, deleted=True))
        assert records(whole, deleted=True), "the history made no records"
        assert digest(whole) == digest(one_by_one) == digest(behind)
        assert current_versions(whole) == current_versions(one_by_one) == current_versions(behind)
    finally:
        close(history + copies)


def test_a_first_bundle_writes_the_records_others_refer_to_before_them(tmp_path):
    # Written the other way round, every person of a first bundle of 100,000 made
    # SQLite look for the contacts and affiliations waiting for it.
    sender, receiver = laptops(tmp_path, 2)
    try:
        with sender.edit() as edit:
            org = edit.create(Organization, name="Plungė District")
            for number in range(3):
                person = edit.create(Person, full_name=f"Audrius {number}")
                edit.create(ContactPoint, person_id=person.id, kind="phone",
                            value=f"+370 448 {number:05d}")
                edit.create(Affiliation, person_id=person.id, organization_id=org.id)
        send(sender, receiver)
        with receiver.read() as session:
            written = [kind for kind, in session.execute(
                select(Change.entity).where(Change.action.in_(("create", CREATE_SET)))
                .order_by(Change.seq))]
        assert written.index("contact_point") > max(
            number for number, kind in enumerate(written) if kind == "person")
        assert written.index("affiliation") > max(
            number for number, kind in enumerate(written) if kind in ("person", "organization"))
    finally:
        close([sender, receiver])


def test_a_first_bundle_is_read_with_the_cycle_collector_paused_and_then_resumes_it(tmp_path):
    # Each few hundred objects made start a pass over everything the process holds,
    # and reading a first bundle makes several per operation.
    sender, receiver = laptops(tmp_path, 2)
    try:
        sender_keys, receiver_keys = keys_of_two(sender, receiver)
        with sender.edit() as edit:
            edit.create_many(Person, [{"full_name": f"Audrius {number}"}
                                      for number in range(2000)])
        path = tmp_path / "first.coordsync"
        bundle.write(sender, path, keys=sender_keys)
        passes = []

        def count(phase, _info):
            if phase == "start":
                passes.append(phase)

        gc.collect()  # from no count: the few objects made around the reading start no pass
        gc.callbacks.append(count)
        try:
            read = bundle.read(receiver, path, keys=receiver_keys, backup=False)
        finally:
            gc.callbacks.remove(count)
        assert read.applied.records == 2000
        # one pass when it resumes, where each few hundred objects started one
        assert len(passes) <= 1 and gc.isenabled()
    finally:
        close([sender, receiver])


def _stored_operations(workspace) -> list[tuple]:
    """Every row of sync_operations as stored, in order."""
    with workspace.read() as session:
        return session.connection().exec_driver_sql(
            "SELECT origin, seq, hlc, kind, record_id, field, value, bases, known "
            "FROM sync_operations ORDER BY origin, seq").fetchall()


def test_a_first_bundle_written_from_its_creations_equals_the_general_merge(tmp_path):
    # Records made and not edited since are written straight from their creations'
    # values; the same bundle read back the general way (every record's versions
    # worked out from its operations read back) must give the very same copy.

    sender, fast, general = laptops(tmp_path, 3)
    try:
        sender_keys, fast_keys = keys_of_two(sender, fast)
        general_keys = OwnKeys(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())
        peers.add(sender, general_keys.public("general"))
        peers.add(general, sender_keys.public("source"))
        demo.load_demo(sender)
        # Amounts travel in operations' units (sync.amounts): one made only, one edited.
        made = sender.create(Project, title="Boilers from Hungary", currency="HUF",
                             budget_minor=980_000)
        project = sender.create(Project, title="Generators from Hungary", currency="HUF",
                                budget_minor=1_250_000)
        # Edited and deleted records beside those made only: both ways in one bundle.
        people = _ids(sender, Person)
        sender.update(Person, people[0], notes="Called back on Tuesday")
        sender.delete(ContactPoint, _ids(sender, ContactPoint)[0])
        sender.update(Project, project.id, budget_minor=1_300_000)
        first = tmp_path / "first.coordsync"
        bundle.write(sender, first, keys=sender_keys)

        read = bundle.read(fast, first, keys=fast_keys, backup=False)
        opened = bundle.open_bundle(general, first, keys=general_keys)
        applied = apply(general, opened.ops, blobs=opened.blobs, in_hand=False)

        assert read.applied.records == applied.records > 250
        assert records(fast, deleted=True) == records(general, deleted=True)
        assert digest(fast) == digest(general) == digest(sender)
        assert current_versions(fast) == current_versions(general)
        assert _stored_operations(fast) == _stored_operations(general)
        # Derived, never synced: people's current countries, worked out in hand or in SQL.
        assert current_countries(fast) == current_countries(general)
        assert any(current_countries(fast).values())
        with fast.read() as session:
            assert session.get(Project, project.id).budget_minor == 1_300_000
            assert session.get(Project, made.id).budget_minor == 980_000
    finally:
        close([sender, fast, general])
