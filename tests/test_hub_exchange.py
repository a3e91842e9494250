"""Laptops syncing through the hub: random edits, pushes, pulls and USB exchanges,
with the server stopped and started again in the middle, and a sync cut off
between two batches, end with every laptop holding every operation it may read."""

from __future__ import annotations

import random

import pytest
from support.hub import association, register
from support.hub_replica import OpaqueReplica

from coordinator_app.hub import exchange as hub_exchange
from coordinator_app.hub.connection import HubError, HubRefused, HubUnreachable
from coordinator_app.hub.exchange import exchange
from coordinator_app.hub.state import SyncState

UA = "Асоціація прифронтових міст та громад"
LT = "Lietuvos savivaldybių asociacija"


class Laptop:
    """A replica, its device role on the hub and its sync state."""

    def __init__(self, folder, hub_url, association_name):
        self.device = register(hub_url, association_name)
        self.replica = OpaqueReplica(folder / f"{self.device.device_id}.sqlite3",
                                     self.device.device_id)
        self.association = association_name

    def sync(self, **options):
        state = SyncState.load(self.device.url, self.device.device_id)
        with self.device.connect() as conn:
            return exchange(conn, self.replica, state, url=self.device.url, **options)


@pytest.fixture
def partnership(hub_admin_url):
    association(hub_admin_url, UA)
    association(hub_admin_url, LT)
    return hub_admin_url


def test_two_laptops_exchange_through_the_hub_and_a_second_sync_moves_nothing(
        partnership, tmp_path):
    kharkiv, plunge = Laptop(tmp_path, partnership, UA), Laptop(tmp_path, partnership, LT)
    kharkiv.replica.edit(30)
    kharkiv.replica.edit(5, "private")
    plunge.replica.edit(12)
    assert (kharkiv.sync().pushed, plunge.sync().pulled) == (35, 30)
    assert kharkiv.sync().pulled == 12
    assert (kharkiv.sync(), plunge.sync()) == (hub_exchange.Outcome(0, 0),) * 2
    assert plunge.replica.held() == kharkiv.replica.held("shared")
    assert SyncState.load(plunge.device.url, plunge.device.device_id).state.last_synced()


@pytest.mark.parametrize("seed", range(3))
def test_three_laptops_converge_with_the_server_restarted_in_the_middle(
        partnership, pg_cluster, tmp_path, seed):
    chance = random.Random(seed)
    kharkiv, sumy = Laptop(tmp_path, partnership, UA), Laptop(tmp_path, partnership, UA)
    plunge = Laptop(tmp_path, partnership, LT)
    laptops = [kharkiv, sumy, plunge]
    server_down, refused = False, 0
    try:
        for step in range(60):
            laptop = chance.choice(laptops)
            action = chance.random()
            if action < 0.4:
                laptop.replica.edit(chance.randint(1, 20),
                                    chance.choice(["shared", "shared", "private"]))
            elif action < 0.5:
                kharkiv.replica.carry_from(sumy.replica)  # a USB stick within one association
            elif action < 0.93 or step == 21:
                try:
                    laptop.sync(send=chance.random() < 0.8, receive=chance.random() < 0.8)
                except HubUnreachable:
                    assert server_down
                    refused += 1
            # down at step 20 at the latest, so that syncs are refused; up at 40
            wanted = {20: True, 40: False}.get(step, not server_down if action >= 0.93
                                                else server_down)
            if wanted != server_down:
                (pg_cluster.stop if wanted else pg_cluster.start)()
                server_down = wanted
    finally:
        if server_down:
            pg_cluster.start()
    for _ in range(2):
        for laptop in laptops:
            laptop.sync()
    assert refused > 0
    made = set().union(*(laptop.replica.held() for laptop in laptops))
    ukrainian = {op for op in made if op[0] in kharkiv.replica.origins() | sumy.replica.origins()}
    shared = set().union(*(laptop.replica.held("shared") for laptop in laptops))
    assert kharkiv.replica.held() == sumy.replica.held() == ukrainian | plunge.replica.held("shared")
    assert plunge.replica.held() == shared | {op for op in made
                                              if op[0] in plunge.replica.origins()}


def test_a_sync_cut_off_between_batches_sends_and_reads_the_rest_next_time(
        partnership, pg_cluster, tmp_path, monkeypatch):
    monkeypatch.setattr(hub_exchange, "PUSH_BATCH", 10)
    kharkiv, plunge = Laptop(tmp_path, partnership, UA), Laptop(tmp_path, partnership, LT)
    kharkiv.replica.edit(45)
    asked = 0

    def cable_pulled():
        nonlocal asked
        asked += 1
        if asked == 3:
            pg_cluster.stop()
        return False

    try:
        with pytest.raises(HubUnreachable, match="cannot be reached"):
            kharkiv.sync(cancelled=cable_pulled)
    finally:
        pg_cluster.start()
    assert SyncState.load(kharkiv.device.url, kharkiv.device.device_id).state.pushed == {
        kharkiv.device.device_id: 20}
    assert kharkiv.sync().pushed == 25
    assert plunge.sync().pulled == 45


def test_a_cancelled_sync_keeps_what_it_sent_and_is_not_counted_as_synced(
        partnership, tmp_path, monkeypatch):
    monkeypatch.setattr(hub_exchange, "PUSH_BATCH", 10)
    kharkiv = Laptop(tmp_path, partnership, UA)
    kharkiv.replica.edit(25)
    calls = iter([False, False, True])
    assert kharkiv.sync(cancelled=lambda: next(calls, True)).pushed == 20
    state = SyncState.load(kharkiv.device.url, kharkiv.device.device_id).state
    assert (state.pushed, state.last_synced()) == ({kharkiv.device.device_id: 20}, None)


def test_a_laptop_with_another_devices_login_is_refused(partnership, tmp_path):
    kharkiv, sumy = Laptop(tmp_path, partnership, UA), Laptop(tmp_path, partnership, UA)
    sumy.device = kharkiv.device
    with pytest.raises(HubRefused, match="another device"):
        sumy.sync()


def test_an_unreachable_server_is_said_within_seconds(tmp_path):
    from support.postgres import _free_port

    from coordinator_app.hub.connection import connect

    with pytest.raises(HubError, match="cannot be reached"):
        connect(f"postgresql://127.0.0.1:{_free_port()}/hub", user="x", password="y",
                timeout=2)


def test_an_operation_read_before_an_earlier_one_of_its_origin_waits_for_it(
        partnership, tmp_path, monkeypatch):
    """A relay's transaction took its id first but stored the origin's next operation
    after the origin's own upload: the hub's order puts it first."""
    import threading

    from coordinator_app.hub.transport import Cursor, pull, push

    monkeypatch.setattr(hub_exchange, "PULL_BATCH", 2)
    kharkiv, sumy = Laptop(tmp_path, partnership, UA), Laptop(tmp_path, partnership, UA)
    plunge = Laptop(tmp_path, partnership, LT)
    kharkiv.replica.edit(6)
    sumy.replica.carry_from(kharkiv.replica)
    own = kharkiv.replica.operations_to_push({}, 100)
    with sumy.device.connect() as relay, kharkiv.device.connect() as origin:
        relay.execute("BEGIN")
        relay.execute("SELECT pg_current_xact_id()")  # the older transaction id
        origin.execute("BEGIN")
        origin.execute("SELECT pg_current_xact_id()")
        with origin.transaction():
            push(origin, kharkiv.device.association_id, own[:5])
        relaying = threading.Thread(target=lambda: push(relay, sumy.device.association_id,
                                                        own))
        relaying.start()  # waits on the origin's rows, then stores the sixth
        origin.execute("COMMIT")
        relaying.join(10)
        relay.execute("COMMIT")
    with plunge.device.connect() as conn:
        first, _ = pull(conn, Cursor(), limit=1)
    assert first[0].origin_seq == 6  # the hub's order, as the test means it
    assert plunge.sync().pulled == 6
    assert plunge.replica.held() == kharkiv.replica.held()
    assert plunge.sync().pulled == 0


def test_operations_that_skip_a_number_of_their_origin_wait_for_it():
    from coordinator_app.hub.exchange import following_on
    from coordinator_app.hub.transport import HubOperation

    def op(origin, seq):
        return HubOperation(origin, seq, b"")

    ready, waiting = following_on({"a": 2}, [op("a", 4), op("b", 2), op("a", 3), op("b", 1),
                                             op("a", 2), op("c", 5)])
    assert [(o.origin, o.origin_seq) for o in ready] == [("a", 2), ("a", 3), ("a", 4),
                                                         ("b", 1), ("b", 2)]
    assert [(o.origin, o.origin_seq) for o in waiting] == [("c", 5)]


def test_an_operation_stored_twice_on_the_hub_is_merged_once():
    """Two laptops of two associations pushing the same operation at the same moment
    store it in both associations' partitions: a pull reads it twice."""
    from coordinator_app.hub.exchange import following_on
    from coordinator_app.hub.transport import HubOperation

    def op(origin, seq, visibility="shared"):
        return HubOperation(origin, seq, f"{origin}{seq}".encode(), visibility)

    ready, waiting = following_on({"a": 1}, [op("a", 2), op("b", 1), op("a", 2), op("a", 3),
                                             op("b", 1), op("c", 4), op("c", 4)])
    assert [(o.origin, o.origin_seq) for o in ready] == [("a", 2), ("a", 3), ("b", 1)]
    assert [(o.origin, o.origin_seq) for o in waiting] == [("c", 4)]
