"""A sync file dragged from the stick onto the main window: recognised by its name,
asked about once ("Read the changes in …?"), then read as File → Sync → Read changes
from file… reads it, with the same progress, cancel and refusals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from coordinator_app.i18n import _
from coordinator_app.ui.sync_dialog import SUFFIX


def dropped_bundle(data: QMimeData) -> Path | None:
    """The one sync file among what is dragged, or None (nothing else is taken)."""
    if not data.hasUrls():
        return None
    found = [Path(url.toLocalFile()) for url in data.urls()
             if url.isLocalFile() and url.toLocalFile().lower().endswith(SUFFIX)]
    return found[0] if len(found) == 1 else None


def confirm_read(path: Path, parent: QWidget, read: Callable[[], None]) -> QMessageBox:
    """Ask whether to read `path`; `read` runs on Yes. Returns the question (opened)."""
    box = QMessageBox(QMessageBox.Icon.Question, _("Read changes from file"),
                      _("Read the changes in “{name}” from another laptop? A backup is made "
                        "first, and Undo takes them back.").format(name=path.name),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setObjectName("confirm_sync_read")
    box.setDefaultButton(QMessageBox.StandardButton.Yes)

    def answered(_result: int) -> None:
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
            read()

    box.finished.connect(answered)
    QTimer.singleShot(0, box, box.open)
    return box
