"""The turn of the day while the app stays open.

A person's current country (core.records.current_country) depends on the day: a
position that ended yesterday is not current today. Opening the file on a later
day works it out again; a laptop left running over midnight does it at midnight
here, and tells the screens that show people.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QObject, QTimer

from coordinator_app.core.errors import CoordinatorError
from coordinator_app.ui.context import Changes, UiContext

#: Past midnight, so that the day has turned whatever the timer's slack.
AFTER_MIDNIGHT = timedelta(seconds=5)
#: When the file cannot be written now (locked, being encrypted), the next try.
RETRY_MS = 60_000


class DayTurn(QObject):
    def __init__(self, context: UiContext):
        super().__init__(context)
        self.context = context
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(lambda: self.turn())
        self._arm()

    def _arm(self) -> None:
        now = datetime.now()
        midnight = datetime.combine(now.date() + timedelta(days=1), time()) + AFTER_MIDNIGHT
        self.timer.start(max(1000, int((midnight - now).total_seconds() * 1000)))

    def turn(self, today: date | None = None) -> None:
        """Work out again what the day changes, and tell the screens."""
        from coordinator_app.core.store.db import catch_up_countries

        try:
            catch_up_countries(self.context.db, today or date.today())
        except CoordinatorError:
            self.timer.start(RETRY_MS)
            return
        self.context.data_changed.emit(Changes(frozenset({"person"})))
        self._arm()
