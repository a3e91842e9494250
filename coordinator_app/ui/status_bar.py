"""The status bar: which database file is open, when it was last backed up, and
that everything is on this computer (no network is awaited), or, with an office
server set, when this laptop last synced with it ("offline" when it cannot); and the
open sync conflicts and when each other laptop was last synced by stick."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from coordinator_app.i18n import _


class StatusBar(QStatusBar):
    def __init__(self, db_path: Path, scheduler=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("status_bar")
        self.database = QLabel(_("Database: {name}").format(name=Path(db_path).name))
        self.database.setObjectName("database")
        self.database.setToolTip(str(db_path))
        self.database.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backup = QLabel()
        self.backup.setObjectName("backup")
        self.offline = QLabel(_("offline: all data on this computer"))
        self.offline.setObjectName("offline")
        self.offline.setToolTip(_("Coordinator never needs a network: every record is kept "
                                  "in the database file on this computer."))
        for label in (self.database, self.backup, self.offline):
            label.setContentsMargins(8, 0, 8, 0)
            self.addPermanentWidget(label)
        if scheduler is not None:
            scheduler.status_changed.connect(self.show_backup)
            self.show_backup(scheduler.status_text())

    def follow_sync(self, sync_status) -> None:
        """Show the open conflicts' badge and when each laptop was last synced by stick
        (ui.sync_status); `sync_status` lives as long as this bar."""
        sync_status.setParent(self)
        self.insertPermanentWidget(0, sync_status.badge)
        # Beside "offline: all data on this computer": both say how this copy is shared.
        self.insertPermanentWidget(3, sync_status.peers)

    def follow_server(self, server_sync) -> None:
        """Show `server_sync`'s status in place of "offline: all data on this computer"."""
        self._server_sync = server_sync
        server_sync.status_changed.connect(self.show_server)
        self.show_server()

    def show_server(self) -> None:
        text = self._server_sync.status_text()
        if not text:
            self.offline.setText(_("offline: all data on this computer"))
            self.offline.setToolTip(_("Coordinator never needs a network: every record is "
                                      "kept in the database file on this computer."))
            return
        self.offline.setText(text)
        self.offline.setToolTip(self._server_sync.status_tip())

    def show_backup(self, text: str) -> None:
        self.backup.setText(text)
        self.backup.setToolTip(text)
