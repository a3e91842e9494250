"""A hub made by the previous version (schema 1, one operations table) is brought up
to date by `hub init`: its rows, the laptops' cursors and its security stay, and a
laptop pushes to it before and after."""

from __future__ import annotations

import psycopg
import pytest
from support import hub_v1
from support.hub import admin, association, non_superuser_owner, operations, register

from coordinator_app.hub import schema
from coordinator_app.hub.transport import Cursor, pull_all, push

UA = "Асоціація прифронтових міст та громад"
LT = "Lietuvos savivaldybių asociacija"


def pulled(device, after=Cursor()):
    with device.connect() as conn:
        seen, cursor = [], after
        for batch, cursor in pull_all(conn, after):
            seen += batch
        return seen, cursor


def facts(admin_url):
    with admin(admin_url) as conn:
        version = conn.execute("SELECT schema_version FROM coordinator.hub").fetchone()[0]
        partitioned = conn.execute(
            "SELECT count(*) FROM pg_partitioned_table "
            "WHERE partrelid = 'coordinator.operations'::regclass").fetchone()[0]
        rows = conn.execute("SELECT seq, origin, origin_seq, xid::text, pushed_by "
                            "FROM coordinator.operations ORDER BY seq").fetchall()
    return version, partitioned, rows


@pytest.fixture
def old_hub(hub_admin_url):
    with admin(hub_admin_url) as conn:
        hub_v1.create(conn)
        hub_v1.add_association(conn, UA)
        hub_v1.add_association(conn, LT)
    return hub_admin_url


def test_hub_init_upgrades_a_version_1_hub_keeping_rows_cursors_and_security(old_hub):
    kharkiv, sumy, plunge = register(old_hub, UA), register(old_hub, UA), register(old_hub, LT)
    with kharkiv.connect() as conn:  # today's laptop, yesterday's hub
        assert push(conn, kharkiv.association_id, operations(kharkiv.device_id, 1, 3)
                    + operations(kharkiv.device_id, 4, 2, "private")) == 5
    before, cursor = pulled(plunge)
    assert [op.origin_seq for op in before] == [1, 2, 3]
    version, partitioned, rows = facts(old_hub)
    assert (version, partitioned) == (1, 0)

    assert association(old_hub, UA).name == UA
    upgraded = facts(old_hub)
    assert upgraded[:2] == (schema.SCHEMA_VERSION, 1)
    assert upgraded[2] == rows  # sequence, transaction and pusher kept
    assert association(old_hub, LT).name == LT  # a second init changes nothing
    assert facts(old_hub) == upgraded

    assert pulled(plunge, cursor)[0] == []  # its cursor still points past what it read
    with kharkiv.connect() as conn:
        assert push(conn, kharkiv.association_id, operations(kharkiv.device_id, 6, 3)) == 3
    with plunge.connect() as conn:  # relayed: stored once, whichever association sends it
        assert push(conn, plunge.association_id, operations(kharkiv.device_id, 1, 2)) == 0
        assert conn.execute("SELECT count(*) FROM coordinator.operations "
                            "WHERE visibility = 'private'").fetchone() == (0,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            push(conn, kharkiv.association_id, operations(plunge.device_id, 1, 1))
    assert [op.origin_seq for op in pulled(plunge, cursor)[0]] == [6, 7, 8]
    assert [op.origin_seq for op in pulled(sumy)[0]] == list(range(1, 9))
    with admin(old_hub) as conn, pytest.raises(psycopg.errors.RaiseException,
                                               match="append-only"):
        conn.execute("DELETE FROM coordinator.operations")


def test_an_administrator_who_is_no_superuser_upgrades_a_hub_with_all_its_rows(hub_admin_url):
    """A managed server's administrator owns the database and makes roles, but is no
    superuser: the old table's forced row-level security would hide its rows from
    them, and so would the new one's before they are moved; and the devices' table
    must not be forced on them, or they cannot register a laptop."""
    owner_url = non_superuser_owner(hub_admin_url)
    with admin(owner_url) as conn:
        assert conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
                            ).fetchone() == (False,)
        hub_v1.create(conn)
        hub_v1.add_association(conn, UA)
        hub_v1.add_association(conn, LT)
    # version 1 forced the devices' policy on the owner too: only a superuser registered
    kharkiv, plunge = register(hub_admin_url, UA), register(hub_admin_url, LT)
    with kharkiv.connect() as conn:
        push(conn, kharkiv.association_id, operations(kharkiv.device_id, 1, 4)
             + operations(kharkiv.device_id, 5, 2, "private"))

    association(owner_url, LT)
    with admin(hub_admin_url) as conn:  # the superuser counts what the owner cannot read
        assert conn.execute("SELECT count(*) FROM coordinator.operations").fetchone() == (6,)
    assert [op.origin_seq for op in pulled(plunge)[0]] == [1, 2, 3, 4]
    sumy = register(owner_url, UA)  # the owner registers devices now
    assert [op.origin_seq for op in pulled(sumy)[0]] == [1, 2, 3, 4, 5, 6]
