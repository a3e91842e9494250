"""Settings → Server and the status bar: a laptop registers itself with the office
server, tests its connection, and shows "synced 2 minutes ago" or "offline"
without the window ever waiting on the network."""

from __future__ import annotations

import socket
import time
from datetime import datetime, timedelta, timezone

import pytest
from support.hub import association
from support.hub_replica import OpaqueReplica
from support.postgres import _free_port
from support.windows import active_window

from coordinator_app import i18n
from coordinator_app.ui.server_sync import ServerSync, save_address, synced_text

UA = "Асоціація прифронтових міст та громад"


def server_of(admin_url: str) -> str:
    return "postgresql://" + admin_url.rpartition("@")[2]


@pytest.fixture
def hub(hub_admin_url, memory_keyring):
    association(hub_admin_url, UA)
    return hub_admin_url


def register_in_settings(qtbot, window, hub_admin_url, dialog_answers):
    from coordinator_app.ui.server_settings import RegisterDevice
    from coordinator_app.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    section = dialog.server
    section.address.setText(server_of(hub_admin_url))
    admin_password = hub_admin_url.split("//")[1].split("@")[0].split(":")[1]

    def fill(register: RegisterDevice):
        register.association.setText(UA)
        register.password.setText(admin_password)
        register.start()

    dialog_answers(RegisterDevice, fill)
    section.register.click()
    assert "is registered in “" + UA in section.result.text()
    section.test.click()
    qtbot.waitUntil(lambda: section.result.text().startswith("Connected"), timeout=10_000)
    return dialog


@pytest.fixture
def dialog_answers(monkeypatch, qtbot):
    """Runs `fill(dialog)` on the next dialog of a class once it is shown, and
    waits for it to close (registration finishes in the background)."""
    def answer(cls, fill):
        original = cls.exec

        def exec_(self):
            self.show()
            fill(self)
            qtbot.waitUntil(lambda: not self.isVisible(), timeout=15_000)
            return self.result()

        monkeypatch.setattr(cls, "exec", exec_)
        return original
    return answer


def test_a_laptop_registers_itself_and_its_connection_test_says_who_it_is(
        qtbot, workspace, hub, dialog_answers, memory_keyring, tmp_path):
    window = active_window(qtbot, workspace)
    dialog = register_in_settings(qtbot, window, hub, dialog_answers)
    assert f"as a device of “{UA}”" in dialog.server.result.text()
    assert len(memory_keyring.entries) == 1  # the device's; the administrator's is kept nowhere
    stored = next(iter(memory_keyring.entries.values()))
    assert stored not in hub
    dialog.server.grab().save(str(tmp_path / "server-settings.png"))
    dialog.accept()
    assert window.server_sync.address == server_of(hub)
    # the window's round exchanges this laptop's operations at once
    qtbot.waitUntil(lambda: window.statusBar().offline.text() == "synced just now",
                    timeout=10_000)


def test_a_wrong_administrator_password_is_said_in_the_dialog(qtbot, workspace, hub):
    from coordinator_app.ui.server_settings import RegisterDevice

    register = RegisterDevice(server_of(hub), workspace.db.device_id)
    qtbot.addWidget(register)
    register.association.setText(UA)
    register.password.setText("Sekret42")
    register.start()
    qtbot.waitUntil(lambda: "refused" in register.message.text(), timeout=10_000)
    assert "Sekret42" not in register.message.text()
    assert register.buttons.isEnabled()


def test_a_server_that_is_down_shows_offline_and_the_window_goes_on(qtbot, workspace,
                                                                    memory_keyring):
    window = active_window(qtbot, workspace)
    bar = window.statusBar()
    assert bar.offline.text() == "offline: all data on this computer"
    started = time.monotonic()
    window.server_sync.set_address(f"postgresql://127.0.0.1:{_free_port()}/hub")
    assert time.monotonic() - started < 0.5
    qtbot.waitUntil(lambda: bar.offline.text() == "offline", timeout=10_000)
    assert "not registered" in bar.offline.toolTip()


def test_a_server_that_never_answers_leaves_the_window_free(qtbot, workspace, hub):
    """A cable pulled: the connection hangs until its time-out, in the background."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts the connection, never says a word
    try:
        from coordinator_app.hub import credentials
        from coordinator_app.hub.connection import address
        from coordinator_app.hub.devices import device_role

        url = f"postgresql://127.0.0.1:{silent.getsockname()[1]}/hub"
        credentials.store(address(url), device_role(workspace.db.device_id), "x")
        sync = ServerSync(workspace.db.device_id)
        sync.set_address(url)
        started = time.monotonic()
        assert sync.sync_now()
        # a round under way: another is skipped, not queued behind it
        assert not sync.sync_now()
        qtbot.wait(200)
        assert time.monotonic() - started < 1
        qtbot.waitUntil(lambda: sync.status_text() == "offline", timeout=15_000)
        assert "cannot be reached" in sync.status_tip()
        sync.stop()
    finally:
        silent.close()


def test_a_round_with_a_replica_says_synced_just_now(qtbot, workspace, hub, tmp_path):
    from coordinator_app.hub.laptop import register_this_device

    register_this_device(hub, UA, workspace.db.device_id)
    replica = OpaqueReplica(tmp_path / "ops.sqlite3", workspace.db.device_id)
    replica.edit(3)
    save_address(server_of(hub))
    sync = ServerSync(workspace.db.device_id, replica_factory=lambda: replica)
    sync.start()
    qtbot.waitUntil(lambda: sync.status_text() == "synced just now", timeout=10_000)
    sync.stop()


@pytest.mark.parametrize(("language", "said"), [("en", "synced 2 minutes ago"),
                                                ("uk", "синхронізовано 2 хвилини тому"),
                                                ("lt", "sinchronizuota prieš 2 minutes")])
def test_the_time_since_the_last_sync_reads_in_the_interface_language(language, said):
    i18n.set_language(language)
    now = datetime(2026, 2, 11, 12, 0, tzinfo=timezone.utc)
    assert synced_text(now - timedelta(minutes=2, seconds=5), now) == said
