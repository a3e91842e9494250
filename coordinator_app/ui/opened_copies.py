"""Copies of attachments handed to other programs, and what became of them.

Opening an attachment writes a copy (0600, in a private temporary folder) for the
system's viewer or editor. People annotate a scan or fix a letter there and save:
those changes live only in the copy. So each copy's checksum is kept, and when the
person comes back to Coordinator (the app becomes active again), and before the
copies are removed at the end of the session, a copy that changed is offered to
keep: in place of the attachment, or beside it as an edited copy. Nothing is kept
without asking, and nothing changed is removed without asking either.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path
from weakref import WeakKeyDictionary

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from coordinator_app.core.store import private_temp
from coordinator_app.core.records.change_labels import Label
from coordinator_app.core.errors import CoordinatorError, message_of
from coordinator_app.core.store.file_modes import private_dir
from coordinator_app.core.records.filenames import safe_filename
from coordinator_app.core.store.safe_write import write_bytes
from coordinator_app.i18n import N_, _
from coordinator_app.ui.context import UiContext


@dataclass
class Copy:
    attachment_id: str
    filename: str
    path: Path
    #: The checksum of the content last written, kept or declined: a change is news
    #: only when the file differs from it.
    sha256: str


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None  # removed or unreadable: nothing to offer


class OpenedCopies(QObject):
    """The copies written this session for one database (see the module docstring)."""

    def __init__(self, context: UiContext):
        super().__init__(context)
        self.context = context
        self.copies: dict[str, Copy] = {}
        self.folder: Path | None = None
        self._asking = False
        QApplication.instance().applicationStateChanged.connect(self._state_changed)

    def write(self, attachment_id: str, filename: str, content: bytes) -> Path:
        """Write the attachment's content to a private file and remember it."""
        if self.folder is None:
            # The session's private folder: removed at close and, after a crash,
            # at the next start.
            self.folder = private_temp.new_folder("attachments")
        # Readable by this account only, like the database the bytes come from; the
        # stored name may predate the rules on names, or come from another system.
        folder = private_dir(self.folder / attachment_id[:8])
        path = write_bytes(folder / safe_filename(filename), content)
        self.copies[attachment_id] = Copy(attachment_id, filename, path,
                                          hashlib.sha256(content).hexdigest())
        return path

    def changed(self) -> list[Copy]:
        """The copies whose file now differs from what was written or last considered."""
        return [copy for copy in self.copies.values()
                if (digest := _digest(copy.path)) is not None and digest != copy.sha256]

    def review(self, parent: QWidget | None = None, *, closing: bool = False) -> None:
        """Offer to keep each changed copy; `closing`: the copies are about to go."""
        if self._asking:
            return
        self._asking = True
        try:
            for copy in self.changed():
                self._offer(copy, parent, closing)
        finally:
            self._asking = False

    def _offer(self, copy: Copy, parent: QWidget | None, closing: bool) -> None:
        content = copy.path.read_bytes()
        box = QMessageBox(QMessageBox.Icon.Question, _("Changed in another program"),
                          _("“{name}” was changed in another program after you opened it. "
                            "Keep the changes in Coordinator?").format(name=copy.filename),
                          parent=parent)
        box.setObjectName("changed_copy")
        replace = box.addButton(_("Replace the attachment"), QMessageBox.ButtonRole.AcceptRole)
        beside = box.addButton(_("Keep both"), QMessageBox.ButtonRole.ActionRole)
        declined = box.addButton(_("Discard the changes") if closing else _("Not now"),
                                 QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(replace)
        box.setEscapeButton(declined)
        box.exec()
        digest = hashlib.sha256(content).hexdigest()
        if box.clickedButton() not in (replace, beside):
            copy.sha256 = digest  # asked once for this version; a later save asks again
            return
        from coordinator_app.core.records.attachments import keep_edited

        replacing = box.clickedButton() is replace
        label = Label(N_("Replace “{name}”") if replacing
                      else N_("Keep an edited copy of “{name}”"), name=copy.filename)
        try:
            kept = self.context.apply(label,
                                      lambda edit: keep_edited(edit, copy.attachment_id,
                                                               content, replace=replacing))
        except CoordinatorError as exc:
            QMessageBox.warning(parent, _("Changed in another program"), message_of(exc))
            return
        # The copy now stands for the attachment that holds its content.
        del self.copies[copy.attachment_id]
        copy.attachment_id, copy.sha256 = kept.id, digest
        copy.filename = kept.filename
        self.copies[kept.id] = copy

    def close(self, parent: QWidget | None = None) -> None:
        """At the end of the session: offer what changed, then remove the copies."""
        self.review(parent, closing=True)
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
        self.copies.clear()

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        # Back from the other program: the moment a person expects their changes seen.
        if state == Qt.ApplicationState.ApplicationActive and self.copies:
            self.review(QApplication.activeWindow())


_sessions: WeakKeyDictionary[UiContext, OpenedCopies] = WeakKeyDictionary()


def opened_copies(context: UiContext) -> OpenedCopies:
    """The copies of `context`'s database, made on first use."""
    if context not in _sessions:
        _sessions[context] = OpenedCopies(context)
    return _sessions[context]


def close_copies(context: UiContext, parent: QWidget | None = None) -> None:
    """Offer what changed and remove the copies, if any were opened."""
    copies = _sessions.get(context)
    if copies is not None:
        copies.close(parent)
