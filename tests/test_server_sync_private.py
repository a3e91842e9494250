"""Records an association keeps to itself, through the office server as device
roles: Kharkiv's private note reaches Sumy (same association) and never Plungė (a
partner), and Plungė, who never reads those operations, still takes every shared
one of Kharkiv's, before and after them, with no gap held back."""

from __future__ import annotations

from datetime import date

import pytest
from support.hub import association, register
from support.sync import digest, empty_copies, records

from coordinator_app.core.records.attachments import attach_bytes, attachment_bytes
from coordinator_app.core.records.models import Activity, Organization
from coordinator_app.core.store.db import open_database
from coordinator_app.hub.exchange import exchange
from coordinator_app.hub.replica import LocalReplica
from coordinator_app.hub.state import SyncState
from coordinator_app.hub.transport import pull
from coordinator_app.sync.operations import is_private_origin, private_origin
from coordinator_app.sync.record import keep_private

UA = "Асоціація прифронтових міст та громад"
LT = "Lietuvos savivaldybių asociacija"


@pytest.fixture
def copies(tmp_path, hub_admin_url):
    association(hub_admin_url, UA)
    association(hub_admin_url, LT)
    template = tmp_path / "empty.sqlite3"
    open_database(template).close()
    found = empty_copies(template, tmp_path, 3)
    yield found
    for laptop in found:
        laptop.db.close()


def _sync(workspace, device):
    replica = LocalReplica(workspace, backup=False)
    with device.connect() as conn:
        outcome = exchange(conn, replica, SyncState.load(device.url, device.device_id),
                           url=device.url)
    return outcome, replica


def _names(workspace, cls) -> set[str]:
    return {values.get("name") or values.get("title")
            for key, values in records(workspace).items() if key.startswith(cls.KIND + ":")}


def test_a_private_record_reaches_its_association_only_and_partners_see_no_gap(
        copies, hub_admin_url):
    kharkiv, sumy, plunge = copies
    devices = [register(hub_admin_url, UA, kharkiv.db.device_id),
               register(hub_admin_url, UA, sumy.db.device_id),
               register(hub_admin_url, LT, plunge.db.device_id)]
    city = kharkiv.create(Organization, name="Харківська міська рада")
    with kharkiv.edit("Private note") as edit:
        keep_private(edit)
        note = edit.create(Activity, title="Наша позиція перед переговорами",
                           kind="meeting", occurs_on=date(2026, 2, 11))
        attach_bytes(edit, "activity", note.id, "notes.txt", "лише для нас".encode())
    # Later edits of the private record stay private; the shared ones go on after it.
    kharkiv.update(Activity, note.id, notes="Не розголошувати")
    kharkiv.update(Organization, city.id, region="Харківська")

    outcome, _replica = _sync(kharkiv, devices[0])
    assert outcome.pushed > 0
    _sync(sumy, devices[1])
    _outcome, pulled = _sync(plunge, devices[2])

    assert "Наша позиція перед переговорами" in _names(sumy, Activity)
    assert _names(plunge, Activity) == set()
    assert _names(plunge, Organization) == {"Харківська міська рада"}
    assert records(plunge)[f"organization:{city.id}"]["region"] == "Харківська"
    assert digest(sumy) == digest(kharkiv)
    # Nothing waits for operations a partner will never read: its cursor moved past all.
    with devices[2].connect() as conn:
        cursor = SyncState.load(devices[2].url, devices[2].device_id).state.pulled
        from coordinator_app.hub.transport import Cursor

        assert pull(conn, Cursor.parse(cursor)) == ([], Cursor.parse(cursor))
    with devices[2].connect() as conn:
        held = conn.execute("SELECT count(*) FROM coordinator.operations "
                            "WHERE visibility = 'private'").fetchone()[0]
        files = conn.execute("SELECT count(*) FROM coordinator.attachments").fetchone()[0]
    assert (held, files) == (0, 0)  # the partner's role reads none of them
    with devices[1].connect() as conn:
        origins = {row[0] for row in conn.execute(
            "SELECT DISTINCT origin::text FROM coordinator.operations "
            "WHERE visibility = 'private'")}
    assert origins == {private_origin(kharkiv.db.device_id)}
    assert all(is_private_origin(origin) for origin in origins)
    assert not is_private_origin(kharkiv.db.device_id)
    attachment = next(key.split(":")[1] for key in records(sumy) if key.startswith("attachment:"))
    assert attachment_bytes(sumy, attachment) == "лише для нас".encode()

    # More shared edits after the private ones: the partner takes them at once.
    kharkiv.update(Organization, city.id, website="https://www.city.kharkiv.ua")
    _sync(kharkiv, devices[0])
    _sync(plunge, devices[2])
    assert records(plunge)[f"organization:{city.id}"]["website"] == \
        "https://www.city.kharkiv.ua"
