"""The dialog shown while a database from an older version is upgraded as it opens.

An upgrade that rebuilds the search index takes minutes at 100,000 people; the
window would otherwise sit still on "Opening the database…" with no word of why.
The dialog appears only when a step is reported (an up-to-date file opens without
it), names the step, counts the records done, and can be cancelled: the upgrade
is one transaction, so cancelling leaves the file as it was (its backup is kept).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from coordinator_app.core.errors import Cancelled
from coordinator_app.core.text.formatting import format_number
from coordinator_app.i18n import _


class UpgradeProgress:
    """A core.store.derived.Progress that shows itself in a dialog over `parent`."""

    def __init__(self, parent: QWidget | None = None):
        self.parent = parent
        self.dialog: QProgressDialog | None = None

    def __call__(self, step: str, done: int, total: int) -> None:
        dialog = self.dialog or self._make()
        if total:
            dialog.setLabelText(_("{step}: {done} of {total} records").format(
                step=step, done=format_number(done), total=format_number(total)))
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))
        else:  # a step with no measure: the bar only shows that work goes on
            dialog.setLabelText(step)
            dialog.setMaximum(0)
            dialog.setValue(0)
        QApplication.processEvents()
        if dialog.wasCanceled():
            raise Cancelled(_("The upgrade was cancelled; the database was left as it was."))

    def _make(self) -> QProgressDialog:
        dialog = QProgressDialog(self.parent)
        dialog.setObjectName("upgrade_progress")
        dialog.setWindowTitle(_("Upgrading the database"))
        dialog.setCancelButtonText(_("Cancel"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(420)
        dialog.show()
        self.dialog = dialog
        return dialog

    def close(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
