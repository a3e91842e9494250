"""Files attached to a record: add one from disk, open it, save a copy, remove it.

The bytes live in the database; opening writes a copy (see ui.opened_copies, which
also notices changes made to it in the other program) and hands it to the system's
viewer. When no program on the computer opens it, the person is told so and
offered to save a copy where they choose.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from coordinator_app.core.records.change_labels import Label
from coordinator_app.core.views import related
from coordinator_app.core.errors import CoordinatorError, message_of
from coordinator_app.core.records.filenames import safe_filename
from coordinator_app.core.store.safe_write import reason_text, write_bytes
from coordinator_app.core.records.models import Attachment
from coordinator_app.i18n import N_, _, pgettext
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.widgets.fields import ErrorLabel

ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: Whether the item's bytes have not arrived yet (a synced record came before its file).
MISSING_ROLE = Qt.ItemDataRole.UserRole + 2


def size_text(size: int) -> str:
    if size < 1024:
        return _("{n} bytes").format(n=size)
    if size < 1024 * 1024:
        return _("{n} KB").format(n=round(size / 1024))
    return _("{n} MB").format(n=round(size / 1024 / 1024, 1))


class AttachmentList(QWidget):
    def __init__(self, context: UiContext, *, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.kind = kind
        self.record_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        layout.addWidget(self.list)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(_("Add file…"), self)
        self.add_button.clicked.connect(self.choose_file)
        # The verb; "Open" alone is also the status of an unfinished commitment.
        self.open_button = QPushButton(pgettext("verb", "Open"), self)
        self.open_button.clicked.connect(self.open_selected)
        self.save_button = QPushButton(_("Save a copy…"), self)
        self.save_button.clicked.connect(self.choose_copy_path)
        self.remove_button = QPushButton(_("Remove"), self)
        self.remove_button.clicked.connect(self.remove_selected)
        for button in (self.add_button, self.open_button, self.save_button,
                       self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        #: Where a copy was saved (not an error, so not in red).
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note.hide()
        layout.addWidget(self.note)
        self.list.currentRowChanged.connect(lambda _row: self._enable())

    def reload(self, session: Session, record_id: str | None) -> None:
        if record_id != self.record_id:
            self.note.hide()  # it spoke of another record's file
        self.record_id = record_id
        current = self.selected_id()
        self.list.clear()
        if record_id is not None:
            from coordinator_app.core.records.attachments import missing_ids, missing_text

            found = related.attachments(session, self.kind, record_id)
            missing = missing_ids(session, [att.id for att in found])
            for att in found:
                text = f"{att.filename}  ({size_text(att.size)})"
                if att.id in missing:
                    text += "  — " + _("file not yet received; it will come with the next sync")
                item = QListWidgetItem(text, self.list)
                item.setData(ID_ROLE, att.id)
                item.setData(MISSING_ROLE, att.id in missing)
                item.setToolTip(missing_text(att.filename) if att.id in missing
                                else att.description or att.media_type)
                if att.id in missing:
                    item.setForeground(self.palette().placeholderText())
                if att.id == current:
                    self.list.setCurrentItem(item)
        rows = max(self.list.count(), 2)
        self.list.setFixedHeight(min(rows, 8) * (self.list.fontMetrics().height() + 6)
                                 + 2 * self.list.frameWidth())
        self._enable()

    def _enable(self) -> None:
        item = self.list.currentItem()
        chosen = item is not None
        # A file not received yet has nothing to open or save, but it can be removed.
        readable = chosen and not item.data(MISSING_ROLE)
        self.open_button.setEnabled(readable)
        self.save_button.setEnabled(readable)
        self.remove_button.setEnabled(chosen)

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else None

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Attach a file"))
        if path:
            self.add_file(path)

    def add_file(self, path: str | Path) -> bool:
        from coordinator_app.core.records.attachments import add_attachment

        if self.record_id is None:
            return False
        record_id = self.record_id
        try:
            self.context.apply(Label(N_("Attach “{name}”"), name=Path(path).name),
                               lambda edit: add_attachment(edit, self.kind, record_id, path))
        except CoordinatorError as exc:
            self.error.show_message(message_of(exc))
            return False
        self.error.show_message(None)
        return True

    def _selected_content(self) -> tuple[str, str, bytes] | None:
        """(id, file name, bytes) of the chosen attachment; None (and why) if unreadable."""
        from coordinator_app.core.records.attachments import attachment_bytes

        attachment_id = self.selected_id()
        if attachment_id is None:
            return None
        try:
            content = attachment_bytes(self.context.workspace, attachment_id)
            with self.context.workspace.read() as session:
                filename = session.get(Attachment, attachment_id).filename
        except CoordinatorError as exc:
            self.error.show_message(message_of(exc))
            return None
        return attachment_id, filename, content

    def export_selected(self) -> Path | None:
        """Write the chosen attachment to a private temporary file and return its path."""
        from coordinator_app.ui.opened_copies import opened_copies

        chosen = self._selected_content()
        if chosen is None:
            return None
        attachment_id, filename, content = chosen
        try:
            return opened_copies(self.context).write(attachment_id, filename, content)
        except OSError as exc:
            self.error.show_message(_("“{name}” could not be opened: {reason}").format(
                name=filename, reason=reason_text(exc)))
        except CoordinatorError as exc:
            self.error.show_message(message_of(exc))
        return None

    def open_selected(self) -> bool:
        """Hand a copy to the program the system opens such files with; say so plainly,
        and offer to save a copy instead, when there is none."""
        target = self.export_selected()
        if target is None:
            return False
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
            self.error.show_message(None)
            return True
        box = QMessageBox(QMessageBox.Icon.Information, pgettext("verb", "Open"),
                          _("No program on this computer opens “{name}”. Save a copy, then "
                            "open it with a program of your choice.").format(name=target.name),
                          parent=self)
        box.setObjectName("no_program")
        save = box.addButton(_("Save a copy…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(save)
        box.exec()
        if box.clickedButton() is save:
            self.choose_copy_path()
        return False

    def choose_copy_path(self) -> None:
        chosen = self._selected_content()
        if chosen is None:
            return
        _id, filename, _content = chosen
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save a copy"), str(Path.home() / safe_filename(filename)))
        if path:
            self.save_copy(path)

    def save_copy(self, path: str | Path) -> Path | None:
        """Write the chosen attachment to `path` (replacing only a regular file there)."""
        chosen = self._selected_content()
        if chosen is None:
            return None
        _id, filename, content = chosen
        try:
            written = write_bytes(path, content)
        except OSError as exc:
            self.error.show_message(_("“{name}” could not be saved: {reason}").format(
                name=filename, reason=reason_text(exc)))
            return None
        except CoordinatorError as exc:
            self.error.show_message(message_of(exc))
            return None
        self.error.show_message(None)
        self.note.setText(_("Saved a copy as {path}").format(path=written))
        self.note.show()
        return written

    def remove_selected(self) -> None:
        attachment_id = self.selected_id()
        if attachment_id is None:
            return
        try:
            self.context.apply(Label(N_("Remove attachment")),
                               lambda edit: edit.delete(Attachment, attachment_id))
        except CoordinatorError as exc:
            self.error.show_message(message_of(exc))
