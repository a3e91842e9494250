"""Dates in forms: shown as the reader's language writes them, typed as YYYY-MM-DD
or DD.MM.YYYY, or picked on a calendar. Empty means "no date"."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QToolButton, QWidget, QWidgetAction

from coordinator_app.i18n import _
from coordinator_app.ui.widgets.fields import Field


def format_date(value: date | None) -> str:
    if value is None:
        return ""
    try:
        from coordinator_app.core.text.formatting import format_date as formatted
    except ImportError:  # pragma: no cover - the formatting module ships with the app
        return value.isoformat()
    return formatted(value)


def qt_date_format(lang: str | None = None) -> str:
    """The date pattern of core.text.formatting as Qt's date editors spell it (CLDR's "y"
    is the whole year, Qt's "yyyy"), so a date editor reads as every other date."""
    from coordinator_app import i18n
    from coordinator_app.core.text.formatting import NUMERIC_DATE

    return re.sub(r"y+", "yyyy", NUMERIC_DATE[lang or i18n.current_language()])


_DMY = re.compile(r"^\s*(\d{1,2})[./](\d{1,2})[./](\d{4})\s*$")


def parse_date(text: str) -> date | str | None:
    """ISO or day.month.year; anything else goes to the services as typed, which
    refuse it with a message that says what a date looks like."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    match = _DMY.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            pass
    return text


class DateField(Field):
    """A date or nothing. Shown as the reader's language writes it; typed as
    YYYY-MM-DD or DD.MM.YYYY."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__((name,), parent)
        self.value: date | None = None
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(_("YYYY-MM-DD"))
        metrics = self.edit.fontMetrics()
        self.edit.setMaximumWidth(metrics.horizontalAdvance("0000-00-00 MMM") + 24)
        # Never narrower than a date, nor than the hint of an empty one ("MMMM-MM-DD" in
        # Lithuanian was cut): a table squeezes its other columns first.
        widest = max(format_date(date(2026, 9, 28)), "0000-00-00", self.edit.placeholderText(),
                     key=metrics.horizontalAdvance)
        self.edit.setMinimumWidth(metrics.horizontalAdvance(widest) + 12)
        self.edit.textChanged.connect(self._typed)
        self.edit.editingFinished.connect(self._commit)
        self._focus_filter = _FocusIn(self._focus_in)
        self.edit.installEventFilter(self._focus_filter)
        self.add_input(self.edit, 0)
        self.calendar_button = QToolButton(self)
        self.calendar_button.setText("▾")
        self.calendar_button.setAutoRaise(True)
        self.calendar_button.setToolTip(_("Choose the date on a calendar"))
        self.calendar_button.setAccessibleName(_("Choose the date on a calendar"))
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.calendar_button.clicked.connect(self.open_calendar)
        self._row.addWidget(self.calendar_button)
        self._row.addStretch(1)
        self._menu: QMenu | None = None
        self._calendar: QCalendarWidget | None = None

    def open_calendar(self) -> None:
        # Built on first use: a form or table holds many dates and few are picked.
        if self._menu is None:
            self._menu = QMenu(self)
            self._calendar = QCalendarWidget(self._menu)
            self._calendar.setGridVisible(True)
            self._calendar.clicked.connect(self._picked)
            self._calendar.activated.connect(self._picked)
            action = QWidgetAction(self._menu)
            action.setDefaultWidget(self._calendar)
            self._menu.addAction(action)
        current = self.value or date.today()
        self._calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        self._menu.popup(self.calendar_button.mapToGlobal(
            self.calendar_button.rect().bottomLeft()))
        self._calendar.setFocus()

    def _picked(self, chosen: QDate) -> None:
        if self._menu is not None:
            self._menu.close()
        self.edit.setText(date(chosen.year(), chosen.month(), chosen.day()).isoformat())
        self.dirty = True
        self._commit()

    def _typed(self, *_args: object) -> None:
        if not self._loading:
            self.dirty = True  # no commit on a pause: half a date is not a date

    def _focus_in(self) -> None:
        if not self.dirty and self.value is not None:
            self._loading = True
            self.edit.setText(self.value.isoformat())
            self._loading = False

    def values(self) -> dict[str, Any]:
        if not self.dirty:
            return {self.names[0]: self.value}
        return {self.names[0]: parse_date(self.edit.text())}

    def _show(self, values: dict[str, Any]) -> None:
        value = values.get(self.names[0])
        self.value = value if isinstance(value, date) else None
        self.edit.setText(self.value.isoformat() if self.edit.hasFocus() and self.value
                          else format_date(self.value))

    def _commit(self) -> None:
        self._timer.stop()
        if self.dirty:
            self.committed.emit()
        elif not self.edit.hasFocus():
            self._loading = True
            self.edit.setText(format_date(self.value))
            self._loading = False


class _FocusIn(QObject):
    def __init__(self, callback: Callable[[], None]):
        super().__init__()
        self.callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            self.callback()
        return False
