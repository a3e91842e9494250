"""Real laptops (database files merging real operations) syncing through the office
server and by USB stick at once: Kharkiv and Plungė through the server, Kharkiv
carrying a stick to Sumy and back, in random order, end with the same records and
conflicts everywhere, attachments' bytes included."""

from __future__ import annotations

import random

import pytest
from support.hub import association, register
from support.sync import digest, empty_copies, operation_ids, send

from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.records.attachments import attach_bytes, attachment_bytes
from coordinator_app.core.records.models import Attachment, Organization
from coordinator_app.core.store.db import open_database
from coordinator_app.hub.exchange import exchange
from coordinator_app.hub.replica import LocalReplica
from coordinator_app.hub.state import SyncState

UA = "Асоціація прифронтових міст та громад"
LT = "Lietuvos savivaldybių asociacija"


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("template")
    open_database(folder / "empty.sqlite3").close()
    return folder / "empty.sqlite3"


def _server_sync(workspace, device, **options):
    state = SyncState.load(device.url, device.device_id)
    replica = LocalReplica(workspace, backup=False)
    with device.connect() as conn:
        exchange(conn, replica, state, url=device.url, **options)
    return replica


def _organizations(workspace) -> list[str]:
    with workspace.read() as session:
        return sorted(session.scalars(Organization.__table__.select().with_only_columns(
            Organization.id)).all())


def _attachments(workspace) -> list[str]:
    with workspace.read() as session:
        return sorted(session.scalars(Attachment.__table__.select().with_only_columns(
            Attachment.id)).all())


def _edit(workspace, chance: random.Random) -> None:
    ids = _organizations(workspace)
    roll = chance.random()
    if roll < 0.3 or not ids:
        made = workspace.create(Organization, name=chance.choice(["Харків", "Plungė", "Суми"]))
        ids.append(made.id)
    target = chance.choice(ids)
    try:
        if roll < 0.7:
            workspace.update(Organization, target, region=chance.choice(
                ["Харківська", "Telšių", "Сумська", None]))
        elif roll < 0.8:
            workspace.delete(Organization, target)
        elif roll < 0.9:
            workspace.restore(Organization, target)
        else:
            with workspace.edit("Attach") as edit:
                attach_bytes(edit, "organization", target, "scan.pdf",
                             chance.randbytes(chance.randint(1, 3000)))
    except CoordinatorError:
        pass  # deleted, or not deleted: a person could not do it either


@pytest.mark.parametrize("seed", range(3))
def test_laptops_mixing_the_server_and_a_usb_stick_converge(
        template, tmp_path, hub_admin_url, seed):
    association(hub_admin_url, UA)
    association(hub_admin_url, LT)
    kharkiv, plunge, sumy = empty_copies(template, tmp_path, 3)
    on_hub = {id(kharkiv): register(hub_admin_url, UA, kharkiv.db.device_id),
              id(plunge): register(hub_admin_url, LT, plunge.db.device_id)}
    chance = random.Random(seed)
    try:
        for _step in range(40):
            action = chance.random()
            if action < 0.5:
                _edit(chance.choice([kharkiv, plunge, sumy]), chance)
            elif action < 0.75:
                laptop = chance.choice([kharkiv, plunge])
                _server_sync(laptop, on_hub[id(laptop)], send=chance.random() < 0.8,
                             receive=chance.random() < 0.8)
            elif action < 0.88:
                send(kharkiv, sumy)  # what a bundle on a stick carries
            else:
                send(sumy, kharkiv)
        # Then everything goes round: Sumy's changes reach Plungė only through
        # Kharkiv's stick and Kharkiv's pushes of them.
        send(sumy, kharkiv)
        for laptop in (kharkiv, plunge, kharkiv):
            _server_sync(laptop, on_hub[id(laptop)])
        send(kharkiv, sumy)
        assert digest(kharkiv) == digest(plunge) == digest(sumy)
        assert operation_ids(kharkiv) == operation_ids(plunge) == operation_ids(sumy)
        for attachment in _attachments(kharkiv):
            content = attachment_bytes(kharkiv, attachment) if _live(kharkiv, attachment) \
                else None
            if content is not None:
                assert attachment_bytes(plunge, attachment) == content
                assert attachment_bytes(sumy, attachment) == content
    finally:
        for laptop in (kharkiv, plunge, sumy):
            laptop.db.close()


def _live(workspace, attachment_id: str) -> bool:
    try:
        workspace.get(Attachment, attachment_id)
    except CoordinatorError:
        return False
    return True


def test_an_attachment_pushed_from_one_laptop_is_pulled_with_its_bytes(
        template, tmp_path, hub_admin_url):
    association(hub_admin_url, UA)
    association(hub_admin_url, LT)
    kharkiv, plunge = empty_copies(template, tmp_path, 2)
    try:
        memo = kharkiv.create(Organization, name="Харківська міська рада")
        scan = b"%PDF-1.4 memorandum scan " + bytes(range(256)) * 40
        with kharkiv.edit("Attach") as edit:
            attachment = attach_bytes(edit, "organization", memo.id, "memorandum.pdf", scan)
        _server_sync(kharkiv, register(hub_admin_url, UA, kharkiv.db.device_id))
        pulled = _server_sync(plunge, register(hub_admin_url, LT, plunge.db.device_id))
        assert pulled.total("new") >= 2
        assert attachment_bytes(plunge, attachment.id) == scan
    finally:
        kharkiv.db.close()
        plunge.db.close()
