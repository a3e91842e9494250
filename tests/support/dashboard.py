"""The dashboard as the first window paints it: read through plain sqlite3 and filled
before the database is open for editing."""

from __future__ import annotations

from datetime import date


def filled_before_open(qtbot, context):
    """The dashboard page filled from its own reading of `context`'s file, not yet
    attached to the context, and what that reading found."""
    from coordinator_app.core.store.connect import connect
    from coordinator_app.core.views import dashboard
    from coordinator_app.ui.dashboard import DashboardPage

    connection = connect(context.workspace.db.path)
    try:
        found = dashboard.read(connection, date.today())
    finally:
        connection.close()
    page = DashboardPage(None, db_path=context.workspace.db.path)
    qtbot.addWidget(page)
    page.fill(found, date.today())
    return page, found
