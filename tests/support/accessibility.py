"""Whether a screen reader can name every control of a window: the walk the
accessibility tests make over editors, dialogs and pages."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

CONTROLS = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit,
            QPlainTextEdit, QTextEdit)


def spoken_name(widget: QWidget) -> str:
    """What a screen reader says the control is: its accessible name, a button's text,
    or the label whose buddy it is. (Qt's own Name of a combo box on Linux is its
    current text, a value, so that is not asked.)"""
    name = widget.accessibleName()
    if not name and isinstance(widget, QAbstractButton):
        name = widget.text()
    if not name:
        name = next((label.text() for label in widget.window().findChildren(QLabel)
                     if label.buddy() is widget), "")
    # "→" or "✕" on a button is read out as an arrow or a letter: no name.
    return name if any(ch.isalpha() for ch in name) else ""


def unnamed_controls(root: QWidget) -> list[str]:
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or widget.window() is not root.window():
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QComboBox,
                                                                         QAbstractSpinBox)):
            continue  # the combo box or spin box it is part of is the control
        if isinstance(widget.parent(), QAbstractItemView) or not widget.isVisibleTo(root):
            continue
        if not spoken_name(widget):
            found.append(f"{type(widget).__name__} {widget.objectName()!r} in "
                         f"{type(widget.parent()).__name__}")
    return found
