"""Driving editors as a user would: typing, leaving fields, choosing from pickers."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from coordinator_app.ui.editors import editor_for
from coordinator_app.ui.widgets.country import CountryField
from coordinator_app.ui.widgets.fields import Field
from coordinator_app.ui.widgets.picker import RecordPicker


def open_editor(kind: str, context, qtbot):
    """The editor of `kind`, shown at a size where every section fits."""
    editor = editor_for(kind)(context)
    qtbot.addWidget(editor)
    editor.resize(1000, 900)
    editor.show()
    return editor


def type_into(qtbot, field: Field, text: str) -> None:
    """Replace the text of a field and leave it (Enter), as a user would."""
    edit = getattr(field, "edit", field)  # a Field, or one input of a Field
    edit.setFocus()
    edit.clear()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    elif hasattr(edit, "setText"):
        edit.setText(text)  # QTest types ASCII only
    else:
        edit.setPlainText(text)
    if hasattr(edit, "editingFinished"):
        edit.editingFinished.emit()
    else:
        field._commit()  # a multi-line field commits when it loses focus


def choose(qtbot, combo_field, label: str) -> None:
    combo = combo_field.combo
    index = combo.findText(label)
    assert index >= 0, f"{label!r} not offered: {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def pick(qtbot, picker: RecordPicker | CountryField, text: str, title: str | None = None) -> None:
    """Type part of a name into a picker and choose the match from the list that opens."""
    picker.edit.setFocus()
    picker.edit.clear()
    qtbot.keyClicks(picker.edit, text)  # ASCII: search folds "Plunge" to find "Plungė"
    popup = picker.completer.popup()
    qtbot.waitUntil(lambda: picker.model.rowCount() > 0 and popup.isVisible(), timeout=3000)
    row = 0
    if title is not None:
        rows = [picker.model.item(i).text() for i in range(picker.model.rowCount())]
        row = next(i for i, shown in enumerate(rows) if shown.startswith(title))
    popup.setCurrentIndex(picker.completer.completionModel().index(row, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not popup.isVisible(), timeout=3000)


def answer_next_question(button: QMessageBox.StandardButton) -> None:
    """Click `button` in the next message box that opens (the delete confirmation)."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(button).click()
        else:
            QTimer.singleShot(20, click)

    QTimer.singleShot(0, click)


def settle(qtbot) -> None:
    """Let deferred reloads run."""
    qtbot.wait(10)
