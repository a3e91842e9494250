"""The main window as a laptop shows it, and finding records to open in it."""

from __future__ import annotations

from sqlalchemy import select

from coordinator_app.core.records.models import Organization
from coordinator_app.ui.context import UiContext
from support.editors import settle


def org_named(workspace, name: str) -> str:
    with workspace.read() as session:
        return session.scalar(select(Organization.id).where(Organization.name == name))


def laptop_window(qtbot, workspace):
    """The main window at 1366×768, where the editor has about half the width."""
    from coordinator_app.ui.main_window import MainWindow

    window = MainWindow(UiContext(workspace))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def active_window(qtbot, workspace, size: tuple[int, int] = (1280, 800)):
    """The main window at `size`, shown and active, so that keys pressed reach its
    shortcuts."""
    from coordinator_app.ui.main_window import MainWindow

    window = MainWindow(UiContext(workspace))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def open_in(qtbot, window, kind: str, record_id: str):
    window.show_page(kind)
    page = window.list_pages[kind]
    page.open_record(record_id)
    settle(qtbot)
    qtbot.wait(50)
    return page.editor


def record_id(workspace, cls, **where) -> str:
    with workspace.read() as session:
        query = select(cls.id)
        for name, value in where.items():
            column = getattr(cls, name)
            query = query.where(column.like(value) if "%" in value else column == value)
        return session.scalar(query)
