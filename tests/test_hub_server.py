"""The office server, as each laptop's own non-superuser role sees it: who reads and
writes what, an operation stored once, and pulls that never skip a row."""

from __future__ import annotations

import gc
import random
import re
import threading
import time
import uuid

import psycopg
import pytest
from support.hub import admin, association, non_superuser_owner, operations, register

from coordinator_app.core.errors import CoordinatorError
from coordinator_app.hub import devices, schema
from coordinator_app.hub.connection import HubRefused, membership
from coordinator_app.hub.transport import (
    PULL_QUERY,
    Cursor,
    listen,
    plan_pull,
    pull,
    pull_all,
    push,
    wait_for_wake_up,
)

UA = "Асоціація прифронтових міст та громад"
LT = "Lietuvos savivaldybių asociacija"


@pytest.fixture
def partnership(hub_admin_url):
    association(hub_admin_url, UA)
    association(hub_admin_url, LT)
    return hub_admin_url


def pulled(device, after=Cursor()):
    with device.connect() as conn:
        return [op for batch, _ in pull_all(conn, after) for op in batch]


def test_init_is_idempotent_and_adds_a_partner_association(hub_admin_url):
    first = association(hub_admin_url, UA)
    again = association(hub_admin_url, "  Асоціація прифронтових   міст та громад ")
    partner = association(hub_admin_url, LT)
    assert again == first
    assert partner.id != first.id
    with admin(hub_admin_url) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM coordinator.associations "
                                            "ORDER BY name")]
    assert names == sorted([UA, LT])


def test_an_administrator_who_is_no_superuser_makes_the_hub_and_registers_devices(
        hub_admin_url):
    owner_url = non_superuser_owner(hub_admin_url)
    association(owner_url, UA)
    association(owner_url, LT)
    kharkiv, plunge = register(owner_url, UA), register(owner_url, LT)
    with kharkiv.connect() as conn:
        assert push(conn, kharkiv.association_id, operations(kharkiv.device_id, 1, 3)) == 3
    assert len(pulled(plunge)) == 3
    with admin(owner_url) as conn:
        assert conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
                            ).fetchone() == (False,)
        devices.remove_device(conn, kharkiv.device_id)
    with pytest.raises(HubRefused):
        kharkiv.connect()


def test_device_roles_are_plain_logins_that_cannot_take_another_role(partnership):
    kharkiv = register(partnership, UA)
    plunge = register(partnership, LT)
    with plunge.connect() as conn:
        assert conn.execute("SELECT rolsuper OR rolbypassrls OR rolcreaterole FROM pg_roles "
                            "WHERE rolname = current_user").fetchone() == (False,)
        assert membership(conn).association == LT
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(f'SET ROLE "{kharkiv.role}"')


def test_another_associations_private_rows_are_never_read(partnership):
    kharkiv, sumy = register(partnership, UA), register(partnership, UA)
    plunge = register(partnership, LT)
    with kharkiv.connect() as conn:
        push(conn, kharkiv.association_id, operations(kharkiv.device_id, 1, 3, "shared")
             + operations(kharkiv.device_id, 4, 2, "private"))
    assert [op.origin_seq for op in pulled(plunge)] == [1, 2, 3]
    assert [op.origin_seq for op in pulled(sumy)] == [1, 2, 3, 4, 5]
    with plunge.connect() as conn:
        assert conn.execute("SELECT count(*) FROM coordinator.operations "
                            "WHERE visibility = 'private'").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM coordinator.devices "
                            "WHERE association_id = %s", (kharkiv.association_id,)
                            ).fetchone() == (0,)


def test_a_device_cannot_write_as_another_association(partnership):
    kharkiv, plunge = register(partnership, UA), register(partnership, LT)
    forged = operations(plunge.device_id, 1, 2, "private")
    with plunge.connect() as conn:
        # refused by the other association's partition (its grant)
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
            push(conn, kharkiv.association_id, forged)
        # and through the parent table, by its row-level security
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("INSERT INTO coordinator.operations (origin, origin_seq, "
                         "association_id, visibility, payload) VALUES "
                         "(%s, 9, %s, 'shared', 'x')", (plunge.device_id, kharkiv.association_id))
        # nor name another pusher, or choose the server's columns
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO coordinator.operations (origin, origin_seq, "
                         "association_id, visibility, payload, pushed_by) VALUES "
                         "(%s, 9, %s, 'shared', 'x', %s)",
                         (plunge.device_id, plunge.association_id, kharkiv.role))
    assert pulled(kharkiv) == []


def test_a_device_writes_its_own_partition_only_and_reads_none_directly(partnership):
    kharkiv, plunge = register(partnership, UA), register(partnership, LT)
    theirs, own = schema.partition(kharkiv.association_id), schema.partition(
        plunge.association_id)
    with kharkiv.connect() as conn:
        push(conn, kharkiv.association_id, operations(kharkiv.device_id, 1, 2, "private"))
    with plunge.connect() as conn:
        for statement in (
                psycopg.sql.SQL("INSERT INTO {} (origin, origin_seq, association_id, "
                                "visibility, payload) VALUES (%s, 1, %s, 'shared', 'x')"),
                # a partition read directly would skip the parent's row-level security
                psycopg.sql.SQL("SELECT count(*) FROM {} WHERE %s::text <> %s::text")):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement.format(theirs),
                             (plunge.device_id, kharkiv.association_id))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(psycopg.sql.SQL("SELECT count(*) FROM {}").format(own))
        # its own partition takes only the columns a device writes, and its association
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(psycopg.sql.SQL(
                "INSERT INTO {} (origin, origin_seq, association_id, visibility, payload, "
                "pushed_by) VALUES (%s, 1, %s, 'shared', 'x', %s)").format(own),
                (plunge.device_id, plunge.association_id, kharkiv.role))
        with pytest.raises(psycopg.errors.CheckViolation, match="partition constraint"):
            conn.execute(psycopg.sql.SQL(
                "INSERT INTO {} (origin, origin_seq, association_id, visibility, payload) "
                "VALUES (%s, 1, %s, 'shared', 'x')").format(own),
                (plunge.device_id, kharkiv.association_id))
        assert conn.execute("SELECT count(*) FROM coordinator.operations").fetchone() == (0,)


def test_operations_are_append_only_even_for_their_pusher(partnership):
    kharkiv, sumy = register(partnership, UA), register(partnership, UA)
    with kharkiv.connect() as conn:
        push(conn, kharkiv.association_id, operations(kharkiv.device_id, 1, 1))
        for statement in ("UPDATE coordinator.operations SET payload = 'x'",
                          "DELETE FROM coordinator.operations",
                          "TRUNCATE coordinator.operations"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    with admin(partnership) as conn, pytest.raises(psycopg.errors.RaiseException,
                                                   match="append-only"):
        conn.execute("DELETE FROM coordinator.operations")
    assert len(pulled(sumy)) == 1


def test_an_operation_pushed_twice_is_stored_once(partnership):
    kharkiv, plunge = register(partnership, UA), register(partnership, LT)
    batch = operations(kharkiv.device_id, 1, 50)
    with kharkiv.connect() as conn:
        assert push(conn, kharkiv.association_id, batch) == 50
        assert push(conn, kharkiv.association_id, batch[10:] + operations(
            kharkiv.device_id, 51, 5) + batch[:3]) == 5
    with plunge.connect() as conn:  # relayed by a laptop that had them by USB
        assert push(conn, plunge.association_id, batch[:5]) == 0
    with kharkiv.connect() as conn:  # a repeat within one batch
        again = operations(kharkiv.device_id, 56, 3)
        assert push(conn, kharkiv.association_id, again + again[:1] + batch[:2]) == 3
    seen = pulled(plunge)
    assert [op.origin_seq for op in seen] == list(range(1, 59))
    assert seen[0].payload == batch[0].payload


def test_a_pull_waits_for_a_held_transaction_and_then_misses_nothing(partnership):
    """The slow pusher takes its sequence number first and commits last: a cursor on
    the number alone would have read past it."""
    slow, quick = register(partnership, UA), register(partnership, LT)
    reader = register(partnership, LT)
    with slow.connect() as held, quick.connect() as other:
        held.execute("BEGIN")
        held.execute("SELECT pg_current_xact_id()")
        with held.transaction():  # a savepoint inside the held transaction
            push(held, slow.association_id, operations(slow.device_id, 1, 3))
        push(other, quick.association_id, operations(quick.device_id, 1, 3))
        first = pulled(reader)
        held.execute("COMMIT")
    with reader.connect() as conn:
        seen, cursor = pull(conn, Cursor())
        later, _ = pull(conn, cursor)
    assert first == []  # the quick rows are past the horizon until the slow one ends
    assert sorted((op.origin, op.origin_seq) for op in seen) == sorted(
        [(slow.device_id, n) for n in (1, 2, 3)] + [(quick.device_id, n) for n in (1, 2, 3)])
    assert later == []


def test_concurrent_pushes_never_make_a_puller_skip_a_row(partnership):
    pushers = [register(partnership, UA if n % 2 else LT) for n in range(4)]
    reader = register(partnership, LT)
    rounds, per_round = 15, 7
    errors: list[BaseException] = []

    def pushing(device, seed):
        chance = random.Random(seed)
        try:
            with device.connect() as conn:
                for n in range(rounds):
                    with conn.transaction():
                        push(conn, device.association_id,
                             operations(device.device_id, 1 + n * per_round, per_round))
                        conn.execute("SELECT pg_sleep(%s)", (chance.random() * 0.03,))
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    threads = [threading.Thread(target=pushing, args=(d, i)) for i, d in enumerate(pushers)]
    for thread in threads:
        thread.start()
    seen, cursor = [], Cursor()
    with reader.connect() as conn:
        while any(t.is_alive() for t in threads):
            batch, cursor = pull(conn, cursor, limit=11)
            seen += batch
            time.sleep(0.002)
        for thread in threads:
            thread.join()
        for batch, cursor in pull_all(conn, cursor, limit=11):
            seen += batch
    assert errors == []
    keys = [(op.origin, op.origin_seq) for op in seen]
    assert len(keys) == len(set(keys)) == len(pushers) * rounds * per_round


def test_a_push_wakes_up_a_listening_laptop(partnership):
    kharkiv, plunge = register(partnership, UA), register(partnership, LT)
    with plunge.connect() as waiting:
        listen(waiting)
        assert not wait_for_wake_up(waiting, 0.1)
        with kharkiv.connect() as conn:
            push(conn, kharkiv.association_id, operations(kharkiv.device_id, 1, 1))
        assert wait_for_wake_up(waiting, 5)


def test_a_removed_device_can_no_longer_log_in_and_its_pushes_stay(partnership):
    kharkiv, sumy = register(partnership, UA), register(partnership, UA)
    with kharkiv.connect() as conn:
        push(conn, kharkiv.association_id, operations(kharkiv.device_id, 1, 2, "private"))
    with admin(partnership) as conn:
        devices.remove_device(conn, kharkiv.device_id)
        with pytest.raises(CoordinatorError, match="not registered"):
            devices.remove_device(conn, kharkiv.device_id)
    with pytest.raises(HubRefused):
        kharkiv.connect()
    assert len(pulled(sumy)) == 2
    with sumy.connect() as conn:
        push(conn, sumy.association_id, operations(sumy.device_id, 1, 1))
    again = register(partnership, UA, kharkiv.device_id)
    assert [op.origin for op in pulled(again)] == [sumy.device_id]


def test_registration_says_what_is_wrong(partnership, hub_admin_url):
    with admin(partnership) as conn:
        with pytest.raises(CoordinatorError, match="no association “Nowhere”"):
            devices.add_device(conn, "Nowhere", str(uuid.uuid4()))
        with pytest.raises(CoordinatorError, match="not a device id"):
            devices.add_device(conn, UA, "laptop-7")
        device = str(uuid.uuid4())
        devices.add_device(conn, UA, device)
        with pytest.raises(CoordinatorError, match="already registered"):
            devices.add_device(conn, LT, device)
        with pytest.raises(CoordinatorError, match="empty"):
            schema.init_hub(conn, "   ")


def test_a_pull_batch_walks_the_index_even_before_the_table_has_statistics(partnership):
    kharkiv, plunge = register(partnership, UA), register(partnership, LT)
    with kharkiv.connect() as conn:
        push(conn, kharkiv.association_id, operations(kharkiv.device_id, 1, 30_000))
    with plunge.connect() as conn, conn.transaction():
        plan_pull(conn)
        plan = "\n".join(row[0] for row in conn.execute(
            psycopg.sql.SQL("EXPLAIN {}").format(PULL_QUERY), ("0", 0, 20_000)))
    # each association's partition along its copy of the (xid, seq) index, merged in order
    walked = re.findall(r"Index Scan using (operations_\w+_xid_seq_idx)", plan)
    assert len(set(walked)) == 2, plan
    assert "Merge Append" in plan
    assert not re.search(r"->\s+Sort\b", plan), plan


def test_a_pull_reads_its_rows_with_the_cycle_collector_paused_and_then_resumes_it(partnership):
    kharkiv, plunge = register(partnership, UA), register(partnership, LT)
    with kharkiv.connect() as conn:
        push(conn, kharkiv.association_id, operations(kharkiv.device_id, 1, 5_000))
    passes = []

    def count(phase, _info):
        if phase == "start":
            passes.append(phase)

    with plunge.connect() as conn:
        gc.collect()  # from no count: the few objects made around the rows start no pass
        gc.callbacks.append(count)
        try:
            seen, _ = pull(conn, Cursor())
        finally:
            gc.callbacks.remove(count)
        assert len(seen) == 5_000
        # one pass when it resumes, where each few hundred rows started one
        assert len(passes) <= 1 and gc.isenabled()
        gc.disable()  # paused by someone else: left so
        try:
            pull(conn, Cursor())
            assert not gc.isenabled()
        finally:
            gc.enable()
