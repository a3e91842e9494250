"""File → Sync…: write changes for the other laptops, read theirs, review conflicts.

A thin face over coordinator_app.sync: the dialog lists this laptop's fingerprint, the
peers with when each was last read, and every open conflict with its versions (who
and when); "Keep this version" resolves one as an undoable edit. Writing and reading a
bundle show their progress and can be cancelled; a cancelled read writes nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.text.formatting import format_datetime
from coordinator_app.i18n import _
from coordinator_app.ui.context import UiContext

SUFFIX = ".coordsync"


class Cancelled(Exception):
    """The person pressed Cancel on a progress dialog."""


def _shown(value) -> str:
    if value is None:
        return _("(empty)")
    return str(value)


class SyncDialog(QDialog):
    def __init__(self, context: UiContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("sync_dialog")
        self.setWindowTitle(_("Sync with other laptops"))
        self.resize(860, 560)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        buttons = QHBoxLayout()
        self.write_button = QPushButton(_("Write changes for everyone…"))
        self.write_button.clicked.connect(self.write_bundle)
        self.read_button = QPushButton(_("Read changes from file…"))
        self.read_button.clicked.connect(lambda: self.read_bundle())
        buttons.addWidget(self.write_button)
        buttons.addWidget(self.read_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.conflicts_title = QLabel()
        layout.addWidget(self.conflicts_title)
        self.tree = QTreeWidget()
        self.tree.setObjectName("sync_conflicts")
        self.tree.setHeaderLabels([_("Record and field"), _("Value"), _("When"), _("Laptop")])
        self.tree.setColumnWidth(0, 300)
        self.tree.setColumnWidth(1, 260)
        self.tree.setColumnWidth(2, 140)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.keep_button = QPushButton(_("Keep this version"))
        self.keep_button.setEnabled(False)
        self.keep_button.clicked.connect(self.keep_selected)
        row.addWidget(self.keep_button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row.addWidget(close)
        layout.addLayout(row)
        self.refresh()

    # -- what is shown -------------------------------------------------------------
    def refresh(self) -> None:
        from coordinator_app.sync import bundle
        from coordinator_app.sync.conflicts import open_conflicts
        from coordinator_app.sync.status import status

        found = status(self.context.workspace)
        lines = [_("This laptop's key fingerprint: {fingerprint}").format(
            fingerprint=found.fingerprint)]
        if not found.peers:
            lines.append(bundle.no_peers_text())
        for peer in found.peers:
            when = format_datetime(peer.last_received_at) if peer.last_received_at \
                else _("never")
            lines.append(_("{name}: last read {when}").format(name=peer.name, when=when))
        if found.clock_behind_ms:
            lines.append(_("This laptop's clock is behind changes it has already seen by "
                           "more than a day: check its date and time."))
        self.summary.setText("\n".join(lines))
        self.write_button.setEnabled(bool(found.peers))
        with self.context.workspace.read() as session:
            conflicts = open_conflicts(session)
        self.conflicts_title.setText(
            _("Open conflicts: {count}").format(count=len(conflicts)) if conflicts
            else _("No open conflicts."))
        self.tree.clear()
        peers = {p.device_id: p.name for p in found.peers if p.device_id}
        for conflict in conflicts:
            field = _("deleted or kept") if conflict.field == "deleted_at" else conflict.field
            top = QTreeWidgetItem([f"{conflict.label} — {field}"])
            top.setData(0, Qt.ItemDataRole.UserRole, conflict.id)
            for number, version in enumerate(conflict.versions, 1):
                if conflict.field == "deleted_at":
                    value = _("deleted") if version.value else _("kept")
                else:
                    value = _shown(version.value)
                laptop = _("this laptop") if version.origin == self.context.workspace.db.device_id \
                    else peers.get(version.origin, version.origin[:8])
                child = QTreeWidgetItem([
                    _("shown") if number == 1 else "", value,
                    format_datetime(version.at), laptop])
                child.setData(0, Qt.ItemDataRole.UserRole, (conflict.id, number))
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)

    def _selection_changed(self) -> None:
        item = self.tree.currentItem()
        chosen = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        self.keep_button.setEnabled(isinstance(chosen, tuple))

    # -- actions -----------------------------------------------------------------
    def keep_selected(self) -> None:
        from coordinator_app.sync.conflicts import resolve

        item = self.tree.currentItem()
        conflict_id, number = item.data(0, Qt.ItemDataRole.UserRole)
        try:
            change_set = resolve(self.context.workspace, conflict_id, number)
        except CoordinatorError as exc:
            self._refused(str(exc))
            return
        self.context.push_done(_("Resolve a conflict"), change_set)
        self.refresh()

    def _refused(self, text: str) -> None:
        # Opened, not run: a bundle read at start-up must not block the window behind it.
        box = QMessageBox(QMessageBox.Icon.Warning, _("Sync with other laptops"), text,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("sync_refused")
        box.open()

    def _progress(self, title: str) -> tuple[QProgressDialog, callable]:
        dialog = QProgressDialog(title, _("Cancel"), 0, 100, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)

        def step(done: int, total: int) -> None:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, max(total, 1)))
            QApplication.processEvents()
            if dialog.wasCanceled():
                raise Cancelled()

        return dialog, step

    def write_bundle(self, path: str | None = None) -> None:
        from coordinator_app.sync import bundle
        from coordinator_app.sync.record import ensure_seeded

        if not path:
            path, _chosen = QFileDialog.getSaveFileName(
                self, _("Write changes for everyone"), "changes" + SUFFIX,
                _("Sync files (*{suffix})").format(suffix=SUFFIX))
            if not path:
                return
        dialog, step = self._progress(_("Writing changes…"))
        try:
            ensure_seeded(self.context.workspace)
            written = bundle.write(self.context.workspace, path, progress=step)
        except Cancelled:
            return
        except CoordinatorError as exc:
            self._refused(str(exc))
            return
        finally:
            dialog.close()
        self.outcome = _("Wrote {count} changes for {peers} to {path}.").format(
            count=written.operations, peers=", ".join(written.recipients), path=written.path)
        self.summary.setText(self.outcome)
        self.refresh()

    def read_bundle(self, path: str | Path | None = None) -> None:
        from coordinator_app.sync import bundle

        if not path:
            path, _chosen = QFileDialog.getOpenFileName(
                self, _("Read changes from file"), "",
                _("Sync files (*{suffix})").format(suffix=SUFFIX))
            if not path:
                return
        dialog, step = self._progress(_("Reading changes…"))
        try:
            done = bundle.read(self.context.workspace, path, progress=step)
        except Cancelled:
            return
        except CoordinatorError as exc:
            self._refused(str(exc))
            return
        finally:
            dialog.close()
        if done.applied.change_set and done.applied.new:
            self.context.push_done(_("Read changes from another laptop"), done.applied.change_set)
        self.refresh()
        self.outcome = _("Read {new} new changes from {sender}; {records} records changed."
                         ).format(new=done.applied.new, sender=done.sender,
                                  records=done.applied.records)
        self.conflicts_title.setText(self.outcome + "  " + self.conflicts_title.text())
