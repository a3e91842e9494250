"""The window's background rounds with the office server do the real exchange: an
edit made here reaches another laptop, and a colleague's change pulled in the
background shows in the open list and editor, without the window waiting."""

from __future__ import annotations

import pytest
from support.hub import association
from support.sync import laptops
from support.windows import active_window, open_in, org_named

from coordinator_app.core.records.models import Organization
from coordinator_app.core.store.backup import list_backups
from coordinator_app.hub.laptop import register_this_device, sync_once
from coordinator_app.hub.replica import LocalReplica
from coordinator_app.ui.server_sync import save_address

UA = "Асоціація прифронтових міст та громад"
LT = "Lietuvos savivaldybių asociacija"


@pytest.fixture
def partner(hub_admin_url, memory_keyring, tmp_path):
    """Plungė's laptop, registered in the Lithuanian association."""
    association(hub_admin_url, UA)
    association(hub_admin_url, LT)
    (tmp_path / "plunge").mkdir()
    (plunge,) = laptops(tmp_path / "plunge", 1)
    register_this_device(hub_admin_url, LT, plunge.db.device_id)
    yield plunge
    plunge.db.close()


def _server(admin_url: str) -> str:
    return "postgresql://" + admin_url.rpartition("@")[2]


def test_an_edit_goes_out_and_a_colleagues_change_shows_in_the_open_editor(
        qtbot, workspace, partner, hub_admin_url, own_qt_settings):
    server = _server(hub_admin_url)
    register_this_device(hub_admin_url, UA, workspace.db.device_id)
    workspace.create(Organization, name="Харківська міська рада", region="Харківська")
    save_address(server)
    window = active_window(qtbot, workspace)
    sync = window.server_sync
    qtbot.waitUntil(lambda: sync.status_text() == "synced just now", timeout=20_000)

    # Plungė reads it and corrects the region; its round pushes that back.
    sync_once(server, partner.db.device_id, LocalReplica(partner))
    kharkiv = org_named(partner, "Харківська міська рада")
    assert kharkiv is not None
    partner.update(Organization, kharkiv, region="Kharkiv oblast")
    sync_once(server, partner.db.device_id, LocalReplica(partner))

    editor = open_in(qtbot, window, "organization", kharkiv)
    assert editor.region.edit.text() == "Харківська"
    page = window.list_pages["organization"]
    with qtbot.waitSignal(sync.pulled, timeout=20_000):
        assert sync.sync_now()
    qtbot.waitUntil(lambda: editor.region.edit.text() == "Kharkiv oblast", timeout=5_000)
    assert page.model.rowCount() == 1
    # Merged as a bundle is: after a backup, and no edit of this laptop's to send back.
    assert sync.backed_up and list_backups(workspace.db.path)
    assert not sync._soon.isActive()
    assert window.context.undo_stack.count() == 0
    sync.stop()
