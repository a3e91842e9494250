"""Sync with the office server in the background, and what the status bar says of it.

Nothing waits on the network: each round runs in a thread (ui.background), starts
when the window opens, every few minutes, and soon after an edit, and ends in a
status ("synced 2 minutes ago", "offline") the status bar shows. A server that is
down, or a cable pulled mid-sync, is one more "offline" until the next round.

A round pushes this laptop's changes, then pulls and merges others' (hub.replica);
what a pull wrote is handed back (`pulled`) for the window to refresh the lists and
editors that show it, as after reading a bundle.
"""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QObject, QTimer, Signal

from coordinator_app.i18n import _
from coordinator_app.ui.background import Background
from coordinator_app.ui.settings_store import app_settings

#: Settings key of the server's address (no user, no password: those are the
#: device's own, in the system keyring).
ADDRESS = "server/address"
#: Seconds between rounds, and after an edit before one.
EVERY = 180
AFTER_EDIT = 10


def saved_address() -> str:
    return str(app_settings().value(ADDRESS, "") or "").strip()


def save_address(address: str) -> None:
    app_settings().setValue(ADDRESS, address.strip())


def synced_text(when: datetime, now: datetime | None = None) -> str:
    """"synced 2 minutes ago", in the interface's language."""
    from coordinator_app.core.text.formatting import format_ago

    if ((now or datetime.now(timezone.utc)) - when).total_seconds() < 60:
        return _("synced just now")
    return _("synced {when}").format(when=format_ago(when, now=now))


class ServerSync(QObject):
    """The background rounds of one open database (`device_id`)."""

    status_changed = Signal()
    #: A round merged others' changes: the change sets it wrote.
    pulled = Signal(list)

    def __init__(self, device_id: str, replica_factory=None, parent: QObject | None = None):
        super().__init__(parent)
        self.device_id = device_id
        #: Makes the replica a round exchanges through; None: the round only checks
        #: that the hub takes this device.
        self.replica_factory = replica_factory
        self.address = saved_address()
        self.synced_at: datetime | None = None
        self.problem: str | None = None
        self.reachable = False
        #: Whether a round has backed the database up before merging (once a session).
        self.backed_up = False
        self._replica = None
        self._announcing = False
        self._cancelled = False
        self.worker = Background(self)
        self.worker.done.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.timer = QTimer(self)
        self.timer.setInterval(EVERY * 1000)
        self.timer.timeout.connect(self.sync_now)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(AFTER_EDIT * 1000)
        self._soon.timeout.connect(self.sync_now)
        self._refresh = QTimer(self)  # "2 minutes ago" grows old
        self._refresh.setInterval(30_000)
        self._refresh.timeout.connect(self.status_changed)
        self._load_last_synced()

    def _load_last_synced(self) -> None:
        self.synced_at = None
        if not self.address:
            return  # the database driver is not even imported
        from coordinator_app.hub.connection import HubError, address
        from coordinator_app.hub.laptop import server_url
        from coordinator_app.hub.state import SyncState

        try:
            state = SyncState.load(address(server_url(self.address)), self.device_id)
        except HubError:
            return
        self.synced_at = state.state.last_synced()

    def start(self) -> None:
        if self.address:
            self.timer.start()
            self._refresh.start()
            QTimer.singleShot(0, self.sync_now)

    def stop(self) -> None:
        """The window closes: no new round; one under way stops after its batch."""
        self._cancelled = True
        for timer in (self.timer, self._soon, self._refresh):
            timer.stop()

    def set_address(self, address: str) -> None:
        save_address(address)
        self.address = saved_address()
        self.problem, self.reachable = None, False
        self._load_last_synced()
        self.stop()
        self._cancelled = False
        self.start()
        self.status_changed.emit()

    def changed_here(self) -> None:
        """An edit was saved: send it soon (edits close together go in one round)."""
        if self.address and not self._cancelled and not self._announcing:
            self._soon.start()

    def sync_now(self) -> bool:
        if not self.address or self._cancelled:
            return False
        from coordinator_app.hub.laptop import sync_once

        if self.worker.busy():
            return False
        address, device = self.address, self.device_id
        replica = self._replica = self.replica_factory() if self.replica_factory else None
        return self.worker.start(lambda: sync_once(
            address, device, replica, cancelled=lambda: self._cancelled))

    def _done(self, outcome) -> None:
        self.problem, self.reachable = None, True
        if outcome is not None:
            self._load_last_synced()
        self._hand_back()
        self.status_changed.emit()

    def _hand_back(self) -> None:
        """Tell the window what the round merged; batches merged before a failure
        (the link lost midway) stay merged, so they are told too."""
        replica, self._replica = self._replica, None
        if getattr(replica, "backup", None) is not None:
            self.backed_up = True
        change_sets = replica.change_sets() if hasattr(replica, "change_sets") else []
        if change_sets and not self._cancelled:
            # What the window does about them is no edit of this laptop's to send back.
            self._announcing = True
            try:
                self.pulled.emit(change_sets)
            finally:
                self._announcing = False

    def _failed(self, error: Exception) -> None:
        from coordinator_app.core.errors import CoordinatorError
        from coordinator_app.core.store.logs import log

        self._hand_back()
        self.reachable = False
        if isinstance(error, CoordinatorError):
            self.problem = str(error)
        else:
            # the type only: a driver's message may quote what was sent
            log.warning("server sync failed: %s", type(error).__name__)
            self.problem = _("The sync with the server failed ({kind}).").format(
                kind=type(error).__name__)
        self.status_changed.emit()

    def status_text(self) -> str:
        """What the status bar says; empty when no server is set."""
        if not self.address:
            return ""
        if self.problem is not None:
            return _("offline")
        if self.synced_at is not None:
            return synced_text(self.synced_at)
        return _("server reachable") if self.reachable else _("connecting to the server…")

    def status_tip(self) -> str:
        if self.problem is not None:
            return self.problem
        return _("Office server: {address}").format(address=self.address)
