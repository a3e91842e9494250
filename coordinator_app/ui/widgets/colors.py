"""Colours the app draws with beside the palette's own, light and dark theme alike
(a module of its own, so that the first window's dashboard takes its red without
loading the form fields)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette


def error_color(palette: QPalette) -> QColor:
    """A red that reads on the window colour, light or dark theme."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return QColor("#ff8a80") if dark else QColor("#b3261e")
