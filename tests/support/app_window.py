"""The main window, shown and active, so that keys pressed reach its shortcuts."""

from __future__ import annotations

from coordinator_app.ui.context import UiContext


def active_window(qtbot, workspace, size: tuple[int, int] = (1280, 800)):
    from coordinator_app.ui.main_window import MainWindow

    window = MainWindow(UiContext(workspace))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # shortcuts go to the active window
    qtbot.waitUntil(window.isActiveWindow)
    return window


def open_in(qtbot, window, kind: str, record_id: str):
    """Show `record_id` on its page; returns the page's editor."""
    window.show_page(kind)
    page = window.list_pages[kind]
    page.open_record(record_id)
    qtbot.wait(20)
    return page.editor
