"""Files attached to a record: add one from disk, open it, remove it.

The bytes live in the database; opening writes a copy (0600, in a 0700 temporary
folder) and hands it to the system's viewer.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from coordinator_app.core import related
from coordinator_app.core.errors import CoordinatorError, message_of
from coordinator_app.core.file_modes import private_dir
from coordinator_app.core.filenames import safe_filename
from coordinator_app.core.safe_write import reason_text, write_bytes
from coordinator_app.core.models import Attachment
from coordinator_app.i18n import _, pgettext
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.widgets.fields import ErrorLabel

ID_ROLE = Qt.ItemDataRole.UserRole + 1


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
        self._temp: tempfile.TemporaryDirectory | None = None
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
        self.remove_button = QPushButton(_("Remove"), self)
        self.remove_button.clicked.connect(self.remove_selected)
        for button in (self.add_button, self.open_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        self.list.currentRowChanged.connect(lambda _row: self._enable())

    def reload(self, session: Session, record_id: str | None) -> None:
        self.record_id = record_id
        current = self.selected_id()
        self.list.clear()
        if record_id is not None:
            for att in related.attachments(session, self.kind, record_id):
                item = QListWidgetItem(f"{att.filename}  ({size_text(att.size)})", self.list)
                item.setData(ID_ROLE, att.id)
                item.setToolTip(att.description or att.media_type)
                if att.id == current:
                    self.list.setCurrentItem(item)
        rows = max(self.list.count(), 2)
        self.list.setFixedHeight(min(rows, 8) * (self.list.fontMetrics().height() + 6)
                                 + 2 * self.list.frameWidth())
        self._enable()

    def _enable(self) -> None:
        chosen = self.selected_id() is not None
        self.open_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else None

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Attach a file"))
        if path:
            self.add_file(path)

    def add_file(self, path: str | Path) -> bool:
        from coordinator_app.core.attachments import add_attachment

        if self.record_id is None:
            return False
        record_id = self.record_id
        try:
            self.context.apply(_("Attach “{name}”").format(name=Path(path).name),
                               lambda edit: add_attachment(edit, self.kind, record_id, path))
        except CoordinatorError as exc:
            self.error.show_message(message_of(exc))
            return False
        self.error.show_message(None)
        return True

    def export_selected(self) -> Path | None:
        """Write the chosen attachment to a private temporary file and return its path."""
        from coordinator_app.core.attachments import attachment_bytes

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
        if self._temp is None:
            # Removed when the editor goes away, so opened copies do not pile up.
            self._temp = tempfile.TemporaryDirectory(prefix="coordinator-")
        try:
            # Readable by this account only, like the database the bytes come from.
            folder = private_dir(Path(self._temp.name) / attachment_id[:8])
            # The stored name may predate the rules on names, or come from another system.
            return write_bytes(folder / safe_filename(filename), content)
        except OSError as exc:
            self.error.show_message(_("“{name}” could not be opened: {reason}").format(
                name=filename, reason=reason_text(exc)))
        except CoordinatorError as exc:
            self.error.show_message(message_of(exc))
        return None

    def open_selected(self) -> None:
        target = self.export_selected()
        if target is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def remove_selected(self) -> None:
        attachment_id = self.selected_id()
        if attachment_id is None:
            return
        try:
            self.context.apply(_("Remove attachment"),
                               lambda edit: edit.delete(Attachment, attachment_id))
        except CoordinatorError as exc:
            self.error.show_message(message_of(exc))
