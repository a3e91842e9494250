"""An attachment whose bytes the office server does not hold yet arrives as "file
not yet received", never as an empty file taken for the real one: opening it says
so, the integrity check does not call it damaged, and a later pull that finds the
bytes fills them in, checked against the SHA-256 the record names."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from sqlalchemy import select
from support.hub import association, register
from support.sync import empty_copies, send

from coordinator_app.core.records.attachments import (
    BytesMissing,
    attach_bytes,
    attachment_bytes,
    damaged_attachments,
    missing_ids,
)
from coordinator_app.core.records.models import Attachment, Organization
from coordinator_app.core.store.db import open_database
from coordinator_app.hub.exchange import exchange
from coordinator_app.hub.replica import LocalReplica
from coordinator_app.hub.state import SyncState
from coordinator_app.hub.transport import HubAttachment, push

UA = "Асоціація прифронтових міст та громад"
LT = "Lietuvos savivaldybių asociacija"
SCAN = "Меморандум, підписаний 11 лютого".encode() * 50


@pytest.fixture
def laptops(tmp_path):
    template = tmp_path / "empty.sqlite3"
    open_database(template).close()
    found = empty_copies(template, tmp_path, 3)
    yield found
    for laptop in found:
        laptop.db.close()


def _memorandum(workspace) -> str:
    city = workspace.create(Organization, name="Kharkiv City Council")
    with workspace.edit() as edit:
        return attach_bytes(edit, "organization", city.id, "memorandum.pdf", SCAN).id


def _content(workspace, attachment_id: str):
    with workspace.read() as session:
        return session.scalar(select(Attachment.content).where(Attachment.id == attachment_id))


def _sync(workspace, device) -> LocalReplica:
    replica = LocalReplica(workspace, backup=False)
    with device.connect() as conn:
        exchange(conn, replica, SyncState.load(device.url, device.device_id), url=device.url)
    return replica


def test_bytes_the_hub_lacks_are_waited_for_and_fetched_by_a_later_pull(
        laptops, hub_admin_url):
    kharkiv, plunge, _other = laptops
    association(hub_admin_url, UA)
    association(hub_admin_url, LT)
    sender = register(hub_admin_url, UA, kharkiv.db.device_id)
    reader = register(hub_admin_url, LT, plunge.db.device_id)
    scan = _memorandum(kharkiv)

    # The operations reach the hub before the file does.
    outgoing = LocalReplica(kharkiv, backup=False)
    batch = outgoing.operations_to_push({}, 10_000)
    with sender.connect() as conn:
        push(conn, sender.association_id, batch)

    first = _sync(plunge, reader)
    assert first.filled == 0
    assert _content(plunge, scan) is None  # not b"": no empty file posing as the scan
    with plunge.read() as session:
        assert missing_ids(session, [scan]) == {scan}
    with pytest.raises(BytesMissing, match="not been received yet"):
        attachment_bytes(plunge, scan)
    with sqlite3.connect(plunge.db.path) as raw:
        assert damaged_attachments(raw) == []  # waiting, not damaged

    # The file comes later: the next pull fetches it, though no operation is new.
    with sender.connect() as conn:
        push(conn, sender.association_id, [], outgoing.attachments_of(batch))
    second = _sync(plunge, reader)
    assert second.filled == 1
    assert second.change_sets()  # so the screens showing it refresh
    assert attachment_bytes(plunge, scan) == SCAN
    with plunge.read() as session:
        assert missing_ids(session, [scan]) == set()


def test_bytes_that_are_not_the_file_named_are_never_kept(laptops, hub_admin_url):
    kharkiv, plunge, _other = laptops
    association(hub_admin_url, UA)
    sender = register(hub_admin_url, UA, kharkiv.db.device_id)
    reader = register(hub_admin_url, UA, plunge.db.device_id)
    scan = _memorandum(kharkiv)
    outgoing = LocalReplica(kharkiv, backup=False)
    batch = outgoing.operations_to_push({}, 10_000)
    sha = hashlib.sha256(SCAN).hexdigest()
    with sender.connect() as conn:
        # Stored under the file's hash, but other bytes (a damaged upload).
        push(conn, sender.association_id, batch, [HubAttachment(sha, b"damaged", "shared")])
    replica = _sync(plunge, reader)
    assert replica.filled == 0
    assert _content(plunge, scan) is None


def test_a_laptop_passes_on_a_file_it_has_not_received_as_not_received(laptops):
    kharkiv, sumy, plunge = laptops
    scan = _memorandum(kharkiv)
    with kharkiv.edit() as edit:
        # As if this laptop had read the record before its file.
        edit.session.execute(Attachment.__table__.update().values(content=None))
    send(kharkiv, sumy)
    assert _content(sumy, scan) is None
    send(sumy, plunge)
    assert _content(plunge, scan) is None


def test_a_laptop_waiting_for_a_file_still_pushes_the_record_to_the_hub(
        laptops, hub_admin_url):
    kharkiv, sumy, plunge = laptops
    association(hub_admin_url, UA)
    relay = register(hub_admin_url, UA, sumy.db.device_id)
    reader = register(hub_admin_url, UA, plunge.db.device_id)
    scan = _memorandum(kharkiv)
    with kharkiv.edit() as edit:
        edit.session.execute(Attachment.__table__.update().values(content=None))
    send(kharkiv, sumy)  # by USB stick, from a laptop still waiting for the file

    assert _sync(sumy, relay).filled == 0  # pushed, with no file to push for it
    _sync(plunge, reader)
    with plunge.read() as session:
        assert missing_ids(session, [scan]) == {scan}


def test_the_attachment_list_says_a_file_is_not_yet_received_until_it_is(
        context, workspace, qtbot):
    from coordinator_app.core.records.attachments import fill_missing
    from coordinator_app.ui.widgets.attachments import AttachmentList

    scan = _memorandum(workspace)
    owner = workspace.get(Attachment, scan).owner_id
    with workspace.edit() as edit:
        edit.session.execute(Attachment.__table__.update().values(content=None))
    files = AttachmentList(context, kind="organization")
    qtbot.addWidget(files)
    with workspace.read() as session:
        files.reload(session, owner)
    item = files.list.item(0)
    assert "file not yet received; it will come with the next sync" in item.text()
    assert "not been received yet" in item.toolTip()
    files.list.setCurrentRow(0)
    assert not files.open_button.isEnabled() and not files.save_button.isEnabled()
    assert files.remove_button.isEnabled()

    with workspace.edit() as edit:
        assert fill_missing(edit.session, {hashlib.sha256(SCAN).hexdigest(): SCAN}) == 1
    with workspace.read() as session:
        files.reload(session, owner)
    files.list.setCurrentRow(0)
    assert files.list.item(0).text() == "memorandum.pdf  (3 KB)"
    assert files.open_button.isEnabled() and files.save_button.isEnabled()
