"""What sits above a form: the record's name, and a thin bar for news that must not
block ("this record was deleted", "this looks like someone already in the database")."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from coordinator_app.i18n import _


class Heading(QLabel):
    """A record's name above its form, on one line: cut with "…" where it does not fit
    (a memorandum's title runs to three lines), whole in its tooltip."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.full_text = ""
        self.setMinimumWidth(1)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(
            self.full_text, Qt.TextElideMode.ElideRight, max(self.width(), 40)))


class NoticeBar(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = ""
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        layout.addWidget(self.text, 1)
        self.action = QPushButton(self)
        self.action.hide()
        layout.addWidget(self.action)
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(_("Dismiss"))
        close.setAccessibleName(_("Dismiss"))
        close.clicked.connect(self.hide_notice)
        layout.addWidget(close)
        self._callback: Callable[[], None] | None = None
        self.action.clicked.connect(self._act)
        self.hide()

    def show_notice(self, text: str, action: str | None = None,
                    callback: Callable[[], None] | None = None, kind: str = "") -> None:
        self.kind = kind
        self.text.setText(text)
        self._callback = callback
        self.action.setText(action or "")
        self.action.setVisible(bool(action))
        self.show()

    def hide_notice(self) -> None:
        self.kind = ""
        self._callback = None
        self.hide()

    def _act(self) -> None:
        if self._callback is not None:
            self._callback()
