"""The padlock that marks a record our association keeps to itself, drawn here.

Drawn rather than typed as "🔒": the fonts a laptop has often lack that emoji, which
then shows as an empty box. Drawn in the palette's text colour, so it reads on a
black-and-white screen and in a dark theme alike.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QApplication

_cache: dict[str, QIcon] = {}


def lock_icon() -> QIcon:
    colour = QApplication.palette().windowText().color()
    key = colour.name()
    if key not in _cache:
        icon = QIcon()
        for size in (16, 24, 32, 48):
            icon.addPixmap(_drawn(size, colour))
        _cache[key] = icon
    return _cache[key]


def _drawn(size: int, colour: QColor) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    unit = size / 16
    # The shackle: an arch over the body.
    pen = QPen(colour, 1.6 * unit)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    shackle = QPainterPath()
    shackle.moveTo(4.8 * unit, 8 * unit)
    shackle.lineTo(4.8 * unit, 5.2 * unit)
    shackle.arcTo(QRectF(4.8 * unit, 1.6 * unit, 6.4 * unit, 7 * unit), 180, -180)
    shackle.lineTo(11.2 * unit, 8 * unit)
    painter.drawPath(shackle)
    # The body, with a keyhole left open.
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    body = QPainterPath()
    body.addRoundedRect(QRectF(2.8 * unit, 7.4 * unit, 10.4 * unit, 7.6 * unit),
                        1.4 * unit, 1.4 * unit)
    hole = QPainterPath()
    hole.addEllipse(QRectF(7 * unit, 9.4 * unit, 2 * unit, 2 * unit))
    hole.addRect(QRectF(7.6 * unit, 10.6 * unit, 0.8 * unit, 2.6 * unit))
    painter.drawPath(body.subtracted(hole))
    painter.end()
    return pixmap
