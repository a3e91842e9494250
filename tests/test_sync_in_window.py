"""Sync where people work: the status bar's conflicts badge and when each laptop was
last synced, a conflicted field marked in the record editor with its versions and
"Keep this one / Keep the other / Edit", and a sync file dropped on the window."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from coordinator_app.core.text.formatting import format_ago
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.main_window import MainWindow
from coordinator_app.ui.sync_dialog import SyncDialog
from support.sync import Office, office_with_a_conflict, open_laptop


def _window(qtbot, workspace) -> MainWindow:
    window = MainWindow(UiContext(workspace))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def _sync_dialog(window) -> SyncDialog | None:
    found = [d for d in window.findChildren(SyncDialog) if d.isVisible()]
    return found[-1] if found else None


def test_how_long_ago_is_said_in_the_interface_language():
    now = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)
    assert format_ago(now - timedelta(days=2, hours=3), "en", now) == "2 days ago"
    assert format_ago(now - timedelta(days=2), "uk", now) == "2 дні тому"
    assert format_ago(now - timedelta(seconds=20), "en", now) == "just now"


def test_the_status_bar_counts_open_conflicts_and_a_click_opens_them(
        qtbot, tmp_path, cli, monkeypatch):
    office, _org = office_with_a_conflict(tmp_path, cli, monkeypatch)
    workspace = open_laptop(office, "plunge")
    try:
        window = _window(qtbot, workspace)
        badge = window.sync_status.badge
        qtbot.waitUntil(badge.isVisible, timeout=5000)  # counted in the background
        assert badge.text() == "⚠ 1 conflict"
        peers = window.sync_status.peers
        assert peers.text() == "USB sync — kharkiv: just now"
        assert "kharkiv: " in peers.toolTip()
        qtbot.mouseClick(badge, Qt.MouseButton.LeftButton)
        dialog = _sync_dialog(window)
        assert dialog.tabs.currentWidget() is dialog.conflicts
        dialog.conflicts.table.setCurrentCell(0, 0)
        qtbot.mouseClick(dialog.conflicts.keep_shown, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not badge.isVisible(), timeout=3000)
    finally:
        workspace.db.close()


def test_a_copy_with_no_other_laptops_shows_no_sync_status(qtbot, workspace):
    window = _window(qtbot, workspace)
    assert not window.sync_status.badge.isVisible()
    assert not window.sync_status.peers.isVisible()


def test_the_editor_marks_a_conflicted_field_and_keeps_the_other_version_from_there(
        qtbot, tmp_path, cli, monkeypatch):
    office, org = office_with_a_conflict(tmp_path, cli, monkeypatch)
    workspace = open_laptop(office, "plunge")
    try:
        window = _window(qtbot, workspace)
        window.open_record("organization", org)
        editor = window.list_pages["organization"].editor
        marks = editor.marks
        qtbot.waitUntil(lambda: len(marks.strips) == 1, timeout=3000)
        strip = marks.strips[0]
        region = editor.binder.by_name["region"]
        qtbot.waitUntil(strip.isVisible, timeout=3000)
        assert region.values()["region"] == "Харківщина"
        assert strip.text.text().startswith("⚠ Changed on two laptops. "
                                            "Other version: “Kharkiv oblast” (kharkiv, ")
        # The strip sits right under the field it is about.
        row, _role = editor.form.getWidgetPosition(region)
        assert editor.form.getWidgetPosition(strip)[0] == row + 1
        tip = region.toolTip()
        assert "• Харківщина (this laptop, " in tip and "shown)" in tip
        assert "• Kharkiv oblast (kharkiv, " in tip and "other)" in tip
        qtbot.mouseClick(strip.keep_other, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: region.values()["region"] == "Kharkiv oblast", timeout=3000)
        qtbot.waitUntil(lambda: not marks.strips, timeout=3000)
        assert region.toolTip() == ""
        qtbot.waitUntil(lambda: not window.sync_status.badge.isVisible(), timeout=3000)
        # One undoable step, as any edit.
        window.context.undo_stack.undo()
        qtbot.waitUntil(lambda: region.values()["region"] == "Харківщина", timeout=3000)
    finally:
        workspace.db.close()


def test_edit_on_a_conflicted_field_puts_the_cursor_there_and_a_new_value_settles_it(
        qtbot, tmp_path, cli, monkeypatch):
    from support.editors import type_into

    office, org = office_with_a_conflict(tmp_path, cli, monkeypatch)
    workspace = open_laptop(office, "plunge")
    try:
        window = _window(qtbot, workspace)
        window.activateWindow()
        window.open_record("organization", org)
        editor = window.list_pages["organization"].editor
        marks = editor.marks
        qtbot.waitUntil(lambda: len(marks.strips) == 1, timeout=3000)
        region = editor.binder.by_name["region"]
        qtbot.mouseClick(marks.strips[0].edit, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: region.edit.hasFocus(), timeout=3000)
        type_into(qtbot, region, "Kharkiv Oblast, Ukraine")
        qtbot.waitUntil(lambda: not marks.strips, timeout=3000)
        assert workspace.get("organization", org).region == "Kharkiv Oblast, Ukraine"
    finally:
        workspace.db.close()


def _drag(window, path) -> tuple[QDragEnterEvent, QDropEvent]:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    centre = QPoint(window.width() // 2, window.height() // 2)
    enter = QDragEnterEvent(centre, Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    drop = QDropEvent(centre.toPointF(), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    # The events hold the data by reference only.
    enter.data, drop.data = data, data
    return enter, drop


def test_a_sync_file_dropped_on_the_window_is_read_after_one_question(
        qtbot, tmp_path, cli, monkeypatch):
    office = Office(tmp_path, cli, monkeypatch, ["kharkiv", "plunge"])
    office.run("kharkiv", "add", "organizations", "--set", "name=Kharkiv City Council")
    office.join_all()
    path = tmp_path / "from-kharkiv.coordsync"
    assert office.run("kharkiv", "sync", "export", "-o", str(path)).returncode == 0
    other = tmp_path / "notes.txt"
    other.write_text("not a sync file")
    workspace = open_laptop(office, "plunge")
    try:
        window = _window(qtbot, workspace)
        refused, _drop = _drag(window, other)
        QApplication.sendEvent(window, refused)
        assert not refused.isAccepted()
        enter, drop = _drag(window, path)
        QApplication.sendEvent(window, enter)
        assert enter.isAccepted()
        QApplication.sendEvent(window, drop)
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "confirm_sync_read") is not None
                        and window.findChild(QMessageBox, "confirm_sync_read").isVisible(),
                        timeout=3000)
        box = window.findChild(QMessageBox, "confirm_sync_read")
        assert "from-kharkiv.coordsync" in box.text()
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: _sync_dialog(window) is not None, timeout=3000)
        dialog = _sync_dialog(window)
        assert "new changes from kharkiv" in dialog.result.text()
        assert window.context.undo_stack.undoText() == "Read changes from another laptop"
        qtbot.waitUntil(lambda: window.sync_status.peers.text()
                        == "USB sync — kharkiv: just now", timeout=3000)
    finally:
        workspace.db.close()


def test_a_status_bar_gone_with_a_language_change_no_longer_hears_of_edits(qtbot, workspace):
    from shiboken6 import delete

    from coordinator_app.ui.sync_status import SyncStatus

    context = UiContext(workspace)
    gone = SyncStatus(context)
    gone.stop()
    delete(gone)  # as the window's rebuild for another language leaves it
    with qtbot.captureExceptions() as raised:
        workspace.create("organization", name="Plungė District", country="LT")
        context.data_changed.emit(None)
        qtbot.wait(10)
    assert raised == []
