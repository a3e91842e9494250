"""A focus ring wherever the keyboard is: Fusion draws none around a flat tool button
(the → that opens a linked record, History's fold), so Tab seemed to vanish there.
The ring is the palette's highlight colour, light or dark theme alike."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle


class VisibleFocus(QProxyStyle):
    def drawComplexControl(self, control, option, painter, widget=None) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if (control == QStyle.ComplexControl.CC_ToolButton
                and option.state & QStyle.StateFlag.State_HasFocus):
            painter.save()
            painter.setPen(QPen(option.palette.color(QPalette.ColorRole.Highlight), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(option.rect.adjusted(1, 1, -1, -1), 3, 3)
            painter.restore()


def install(app: QApplication) -> None:
    """Give the application's own style a focus ring on tool buttons."""
    if not isinstance(app.style(), VisibleFocus):
        app.setStyle(VisibleFocus(app.style().name()))
