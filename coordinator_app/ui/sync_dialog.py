"""File → Sync…: write changes for the other laptops, read theirs, review conflicts.

A thin face over coordinator_app.sync, in two tabs. Laptops: this laptop's fingerprint,
each peer and when a file from it was last read, "Write changes for…" (everyone or the
laptops ticked, then the file on the stick) and "Read changes from file…"; "Add a
laptop…" (its join key file, and whether it is our association's or a partner's, as
`sync keys import --ours|--partner`), "Change association…" for a known one, and "Save
this laptop's join key…" for the others to add this one (ui.sync_join). Conflicts:
every open conflict with its versions side by side (ui.sync_conflicts). Writing and
reading a file show their progress and can be cancelled; a cancelled read writes nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.text.formatting import format_datetime
from coordinator_app.i18n import _
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.sync_conflicts import ConflictsTable, Titles

SUFFIX = ".coordsync"


class Cancelled(Exception):
    """The person pressed Cancel on a progress dialog."""


class SyncDialog(QDialog):
    #: The person chose Edit on a conflict: the record to open (kind, id).
    edit_requested = Signal(str, str)

    def __init__(self, context: UiContext, parent=None, titles: Titles | None = None):
        super().__init__(parent)
        self.context = context
        self.outcome = ""
        self.peers: list = []
        #: The open "Add a laptop" and "Change association" questions, if any.
        self.adding = self.changing = None
        self.setObjectName("sync_dialog")
        self.setWindowTitle(_("Sync with other laptops"))
        self.resize(900, 580)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)

        laptops = QWidget()
        column = QVBoxLayout(laptops)
        self.summary = QLabel()
        self.summary.setObjectName("sync_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.summary)
        buttons = QHBoxLayout()
        self.write_button = QPushButton(_("Write changes for…"))
        self.write_button.setObjectName("write_changes")
        self.write_button.clicked.connect(lambda: self.write_for())
        self.read_button = QPushButton(_("Read changes from file…"))
        self.read_button.setObjectName("read_changes")
        self.read_button.clicked.connect(lambda: self.read_bundle())
        buttons.addWidget(self.write_button)
        buttons.addWidget(self.read_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        keys = QHBoxLayout()
        self.add_button = QPushButton(_("Add a laptop…"))
        self.add_button.setObjectName("add_laptop")
        self.add_button.clicked.connect(lambda: self.add_laptop())
        self.association_button = QPushButton(_("Change association…"))
        self.association_button.setObjectName("change_association")
        self.association_button.clicked.connect(lambda: self.change_association())
        self.save_key_button = QPushButton(_("Save this laptop's join key…"))
        self.save_key_button.setObjectName("save_join_key")
        self.save_key_button.clicked.connect(lambda: self.save_join_key())
        for button in (self.add_button, self.association_button, self.save_key_button):
            keys.addWidget(button)
        keys.addStretch(1)
        column.addLayout(keys)
        hint = QLabel(_("Write changes for… puts what the other laptops have not seen yet in "
                        "one file, for example on a USB stick. On the other laptop, read it "
                        "with Read changes from file…, or drop the file on the window. Only "
                        "the laptops it was written for can read it."))
        hint.setWordWrap(True)
        hint.setEnabled(False)  # drawn in the palette's muted text colour
        column.addWidget(hint)
        self.result = QLabel()
        self.result.setObjectName("sync_result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.result)
        column.addStretch(1)
        self.tabs.addTab(laptops, _("Laptops"))

        self.conflicts = ConflictsTable(context, titles)
        self.conflicts.edit_requested.connect(self._edit)
        self.tabs.addTab(self.conflicts, "")

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        # A slot, not a lambda: Qt drops it with the dialog, while the context lives on.
        context.data_changed.connect(self._data_changed)
        self.refresh()

    # -- what is shown -------------------------------------------------------------
    @Slot(object)
    def _data_changed(self, _changes) -> None:
        self.refresh()

    def refresh(self) -> None:
        from coordinator_app.sync import bundle
        from coordinator_app.sync.status import status

        try:
            found = status(self.context.workspace, count_conflicts=False)
        except CoordinatorError as exc:  # keys sealed with another database's key
            self.summary.setText(str(exc))
            for button in (self.write_button, self.read_button, self.add_button,
                           self.association_button, self.save_key_button):
                button.setEnabled(False)
            found = None
        if found is not None:
            self.peers = found.peers
            lines = [_("This laptop's key fingerprint: {fingerprint}").format(
                fingerprint=found.fingerprint)]
            if not found.peers:
                lines.append(bundle.no_peers_text())
            for peer in found.peers:
                when = format_datetime(peer.last_received_at) if peer.last_received_at \
                    else _("never")
                line = _("{name}: last read {when}").format(name=peer.name, when=when)
                if peer.partner:  # it never gets what our association keeps to itself
                    line += "  ·  " + _("partner association: gets no private records")
                lines.append(line)
            if found.clock_behind_ms:
                lines.append(_("This laptop's clock is behind changes it has already seen "
                               "by more than a day: check its date and time."))
            self.summary.setText("\n".join(lines))
            self.write_button.setEnabled(bool(found.peers))
            self.association_button.setEnabled(bool(found.peers))
        with self.context.workspace.read() as session:
            self.conflicts.refresh(session)
        count = len(self.conflicts.conflicts)
        self.tabs.setTabText(1, _("Conflicts ({count})").format(count=count) if count
                             else _("Conflicts"))

    def show_conflicts(self, conflict_id: str | None = None) -> None:
        self.tabs.setCurrentWidget(self.conflicts)
        if conflict_id:
            self.conflicts.select(conflict_id)

    def _edit(self, kind: str, record_id: str) -> None:
        self.edit_requested.emit(kind, record_id)
        self.accept()

    # -- actions -----------------------------------------------------------------
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

    def write_for(self) -> None:
        """Ask for whom (everyone or chosen laptops), then where, then write."""
        from coordinator_app.ui.sync_peer_picker import PeerPicker

        picker = PeerPicker(self.peers, self)
        if picker.exec() != QDialog.DialogCode.Accepted:
            return
        to = picker.chosen()
        names = [p.name for p in self.peers if to is None or p.key_id in to]
        title = _("Write changes for {names}").format(names=", ".join(names))
        path, _chosen = QFileDialog.getSaveFileName(
            self, title, str(Path.home() / suggested_name(names if to else None)),
            _("Sync files (*{suffix})").format(suffix=SUFFIX))
        if path:
            self.write_bundle(path, to)

    def write_bundle(self, path: str | Path, to: list[str] | None = None) -> None:
        """Write the changes the laptops `to` (key ids; everyone when None) lack."""
        from coordinator_app.sync import bundle
        from coordinator_app.sync.record import ensure_seeded

        if not str(path).endswith(SUFFIX):
            path = str(path) + SUFFIX
        dialog, step = self._progress(_("Writing changes…"))
        try:
            ensure_seeded(self.context.workspace)
            written = bundle.write(self.context.workspace, path, to, progress=step)
        except Cancelled:
            return
        except CoordinatorError as exc:
            self._refused(str(exc))
            return
        finally:
            dialog.close()
        self.outcome = _("Wrote {count} changes for {peers} to {path}.").format(
            count=written.operations, peers=", ".join(written.recipients), path=written.path)
        if written.withheld:
            self.outcome += "\n" + written.withheld_text()
        self.refresh()
        self.result.setText(self.outcome)

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
        if done.files_arrived:
            self.outcome += " " + bundle.arrived_text(done.files_arrived)
        if self.conflicts.conflicts:
            self.outcome += " " + _("Open conflicts: {count}").format(
                count=len(self.conflicts.conflicts))
        self.result.setText(self.outcome)

    # -- join keys -------------------------------------------------------------------
    def add_laptop(self, path: str | Path | None = None) -> None:
        """Read a laptop's join key file, then ask whose laptop it is (AddLaptopDialog,
        opened: `self.adding`); the laptop is added once that is answered."""
        from coordinator_app.sync import peers
        from coordinator_app.sync.keys import own_keys, read_join_file
        from coordinator_app.ui.sync_join import AddLaptopDialog

        if not path:
            path, _chosen = QFileDialog.getOpenFileName(self, _("Add a laptop"), str(Path.home()))
            if not path:
                return
        try:
            keys = read_join_file(path)
            own_id = own_keys(self.context.db.path).id
            with self.context.workspace.read() as session:
                peers.check_new(session, keys, own_id)
        except CoordinatorError as exc:
            self._refused(str(exc))
            return
        # Each question answers for its own key, should another be opened meanwhile.
        adding = self.adding = AddLaptopDialog(keys, self)
        adding.accepted.connect(lambda: self._add(keys, adding.choice.chosen()))
        adding.open()

    def _add(self, keys, partner: bool) -> None:
        from coordinator_app.sync import peers

        try:
            peer = peers.add(self.context.workspace, keys, partner=partner)
        except CoordinatorError as exc:
            self._refused(str(exc))
            return
        self.refresh()
        self.outcome = _("Added “{name}”.").format(name=peer.name) + " " + _association(peer)
        self.result.setText(self.outcome)

    def change_association(self, key_id: str | None = None) -> None:
        """Ask whether a known laptop is ours or a partner's (AssociationDialog, opened:
        `self.changing`), then say so for it."""
        from coordinator_app.ui.sync_join import AssociationDialog

        if not self.peers:
            return
        changing = self.changing = AssociationDialog(self.peers, self)
        if key_id:
            changing.show_peer(key_id)
        changing.accepted.connect(
            lambda: self._set_partner(changing.peer().key_id, changing.choice.chosen()))
        changing.open()

    def _set_partner(self, key_id: str, partner: bool) -> None:
        from coordinator_app.sync import peers

        try:
            peer = peers.set_partner(self.context.workspace, key_id, partner)
        except CoordinatorError as exc:
            self._refused(str(exc))
            return
        self.refresh()
        self.outcome = _("“{name}”:").format(name=peer.name) + " " + _association(peer)
        self.result.setText(self.outcome)

    def save_join_key(self, path: str | Path | None = None, name: str | None = None) -> None:
        """Write this laptop's join key (named `name`, the computer's name by default)
        for the others to add it."""
        import socket

        from coordinator_app.sync.keys import own_keys, write_join_file

        name = name or socket.gethostname()
        if not path:
            path, _chosen = QFileDialog.getSaveFileName(
                self, _("Save this laptop's join key"),
                str(Path.home() / _("join-key-{name}.txt").format(name=name)))
            if not path:
                return
        try:
            public = own_keys(self.context.db.path).public(name)
            write_join_file(path, public)
        except CoordinatorError as exc:
            self._refused(str(exc))
            return
        self.outcome = _("Wrote the join key of “{name}” to {path}. Fingerprint: {fingerprint}"
                         ).format(name=public.name, path=path, fingerprint=public.fingerprint)
        self.result.setText(self.outcome)


def _association(peer) -> str:
    if peer.partner:
        return _("A partner association's laptop: files written for it leave out the "
                 "records our association keeps private.")
    return _("A laptop of our association: it reads every change.")


def suggested_name(names: list[str] | None) -> str:
    """"changes-for-Plungė-2026-11-30.coordsync", or "changes-for-everyone-…"."""
    from datetime import date

    who = "-".join(names) if names else _("everyone")
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in who)
    return _("changes-for-{who}-{day}").format(who=safe, day=date.today().isoformat()) + SUFFIX
