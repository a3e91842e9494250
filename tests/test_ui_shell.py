"""The main window as a person uses it: pages, lists, dashboard, search, first start,
and coming back to the record that was open. Real database files, real widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from coordinator_app.core.records.models import Organization, Person, PriorityArea
from coordinator_app.ui.context import UiContext
from coordinator_app.core.views.listing import COUNT_LIMIT
from coordinator_app.ui.list_model import BATCH
from coordinator_app.ui.main_window import MainWindow
from coordinator_app.ui.pages import pages
from support.bulk import insert_people


def open_window(qtbot, workspace, size=(1300, 800)) -> MainWindow:
    window = MainWindow(UiContext(workspace))
    qtbot.addWidget(window)
    if size:
        window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # shortcuts go to the active window
    qtbot.waitUntil(window.isActiveWindow)
    return window


def names(page) -> list[str]:
    return [page.model.index(row, 0).data() for row in range(page.model.rowCount())]


def person_id(workspace, name: str) -> str:
    with workspace.read() as session:
        return session.scalar(select(Person.id).where(Person.full_name == name))


def test_every_page_of_the_demo_shows_its_records_beside_the_editor(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    assert window.current_page_name() == "dashboard"
    for number, name in enumerate(pages(), start=1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.current_page_name() == name
        if name == "dashboard":
            continue
        page = window.list_pages[name]
        assert page.model.rowCount() > 0, name
        page.view.setFocus()
        qtbot.keyClick(page.view, Qt.Key.Key_Down)
        first = page.model.id_at(page.view.currentIndex().row())
        assert first is not None and page.editor.current_id() == first


def test_clicking_a_header_sorts_the_rows_in_sql(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    window.show_page("organization")
    page = window.list_pages["organization"]
    header = page.view.horizontalHeader()
    before = names(page)
    assert len(before) > 3
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(0) + 10, 5))
    assert names(page) == list(reversed(before))
    country = [c.key for c in page.model.spec.columns].index("country")
    page.view.sortByColumn(country, Qt.SortOrder.AscendingOrder)
    countries = [page.model.index(r, country).data() for r in range(page.model.rowCount())]
    assert countries == sorted(countries)
    assert page.model.query.sort_column == country
    # "Member of" is a looked-up name, not sortable: the click changes neither rows nor arrow.
    member = [c.key for c in page.model.spec.columns].index("parent")
    rows = names(page)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(member) + 10, 5))
    assert names(page) == rows and header.sortIndicatorSection() == country


def test_the_filter_box_restricts_the_rows(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = window.list_pages["person"]
    everyone = page.model.rowCount()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filter.hasFocus()
    qtbot.keyClicks(page.filter, "terekhov")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert names(page) == ["Ігор Терехов"]
    assert "1" in page.count_label.text()
    page.filter.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == everyone)


def test_a_list_of_100000_people_opens_one_page_at_a_time(qtbot, workspace, db_path):
    insert_people(db_path, 100_000)
    mayor = workspace.create("person", full_name="Ігор Терехов").id
    window = open_window(qtbot, workspace)
    window.show_page("person")
    page = window.list_pages["person"]
    model = page.model
    # Counting all 100,001 would read every row; the list counts past 10,000 no more.
    assert model.total == COUNT_LIMIT + 1
    assert page.count_label.text() == "More than 10,000 records"
    assert model.rowCount() == BATCH and model.reads == 1
    assert names(page)[:2] == ["Person 000000", "Person 000001"]
    page.view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 2 * BATCH)
    assert model.index(2 * BATCH - 1, 0).data() == "Person 000399"
    # Sorting and filtering re-run the query; they never read all the rows either.
    page.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == BATCH and names(page)[0] == "Ігор Терехов"  # Cyrillic last
    assert names(page)[1] == "Person 099999"
    page.filter.setText("terekhov")
    qtbot.waitUntil(lambda: model.total == 1)
    assert model.rowCount() == 1 and model.id_at(0) == mayor
    assert page.count_label.text() == "1 record matches"


def test_a_record_far_down_a_large_list_opens_in_one_read_not_page_by_page(
        qtbot, workspace, db_path):
    insert_people(db_path, 3_000)
    target = person_id(workspace, "Person 002500")
    window = open_window(qtbot, workspace)
    window.context.open_record("person", target)
    page = window.list_pages["person"]
    assert window.current_page_name() == "person"
    assert page.editor.current_id() == target
    assert page.model.id_at(page.view.currentIndex().row()) == target
    # The first page, then one read up to the record (and the view may ask for one more).
    assert page.model.reads <= 3 and page.model.rowCount() < 3_000


def test_dashboard_lines_open_their_records(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    section = window.dashboard.first_section_with_items()
    assert section is not None
    tree = section.tree
    item = tree.topLevelItem(0)
    kind, record_id, _at = item.data(0, Qt.ItemDataRole.UserRole)
    tree.setFocus()
    tree.setCurrentItem(item)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert window.current_page_name() == kind
    assert window.list_pages[kind].editor.current_id() == record_id
    # Every section was filled from the demo data; lists of commitments say how many.
    for section in window.dashboard.sections:
        if section.objectName() in ("recent", "projects"):
            assert section.tree.topLevelItemCount() > 0, section.objectName()
    overdue = window.dashboard.overdue
    assert overdue.count.text() == str(overdue.tree.topLevelItemCount() or "")


def test_ctrl_k_finds_and_opens_a_person(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = window._search
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.box, "Terekhov")
    qtbot.waitUntil(lambda: dialog.results.topLevelItemCount() > 0)
    current = dialog.results.currentItem()
    assert current is not None and "Терехов" in current.text(0)
    qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert window.current_page_name() == "person"
    page = window.list_pages["person"]
    assert page.editor.current_id() == person_id(demo_workspace, "Ігор Терехов")


def test_search_keys_move_through_results_grouped_by_kind(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    window.open_search()
    dialog = window._search
    dialog.box.setText("kharkiv")
    dialog.run_search()
    lines = dialog._lines()
    kinds = [line.data(0, Qt.ItemDataRole.UserRole)[0] for line in lines]
    assert len(set(kinds)) > 1
    # Grouped: once a kind is left, it does not come back.
    assert kinds == sorted(kinds, key=kinds.index)
    qtbot.keyClick(dialog.box, Qt.Key.Key_Down)
    assert dialog.results.currentItem() is lines[1]
    qtbot.keyClick(dialog.box, Qt.Key.Key_Up)
    assert dialog.results.currentItem() is lines[0]


def test_an_empty_database_starts_with_the_welcome_screen(qtbot, workspace):
    window = open_window(qtbot, workspace)
    assert window.stack.currentWidget() is window.welcome
    assert not window.navigation.isEnabled()
    qtbot.mouseClick(window.welcome.empty_button, Qt.MouseButton.LeftButton)
    assert window.current_page_name() == "dashboard" and window.navigation.isEnabled()
    with workspace.read() as session:
        assert session.scalar(select(func.count()).select_from(PriorityArea)) > 0
    window.close()
    again = open_window(qtbot, workspace)
    assert again.stack.currentWidget() is not again.welcome


def test_load_demo_data_from_the_welcome_screen(qtbot, workspace):
    window = open_window(qtbot, workspace)
    qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    assert window.current_page_name() == "dashboard"
    window.show_page("organization")
    assert window.list_pages["organization"].model.rowCount() > 5


def test_the_app_returns_to_the_page_and_record_that_were_open(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    target = person_id(demo_workspace, "Audrius Klišonis")
    window.context.open_record("person", target)
    window.show_page("agreement")
    window.list_pages["agreement"].view.setFocus()
    qtbot.keyClick(window.list_pages["agreement"].view, Qt.Key.Key_Down)
    agreement = window.list_pages["agreement"].editor.current_id()
    window.resize(640, 480)  # within the offscreen screen, which restoreGeometry respects
    window.close()

    again = open_window(qtbot, demo_workspace, size=None)
    assert again.current_page_name() == "agreement"
    assert again.list_pages["agreement"].editor.current_id() == agreement
    again.show_page("person")
    assert again.list_pages["person"].editor.current_id() == target
    assert (again.width(), again.height()) == (640, 480)


def test_lists_follow_edits_undo_and_redo(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    window.show_page("organization")
    page = window.list_pages["organization"]
    context = window.context
    first = page.model.id_at(0)
    # The list shows the interface language's name (English here): rename that one.
    context.apply("Rename",
                  lambda edit: edit.update(Organization, first, name_en="Aaa renamed community"))
    qtbot.waitUntil(lambda: "Aaa renamed community" in names(page))
    window.actions.undo.trigger()
    qtbot.waitUntil(lambda: "Aaa renamed community" not in names(page))
    qtbot.keyClick(window, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: "Aaa renamed community" in names(page))


def _answer_yes() -> None:
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        box.button(QMessageBox.StandardButton.Yes).click()
    else:
        QTimer.singleShot(20, _answer_yes)


def test_new_and_delete_from_the_keyboard(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    window.show_page("person")
    page = window.list_pages["person"]
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Down)
    doomed = page.editor.current_id()
    count = page.model.total
    QTimer.singleShot(20, _answer_yes)
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert page.model.total == count - 1
    assert doomed not in [page.model.id_at(r) for r in range(page.model.rowCount())]
    assert page.editor.current_id() not in (None, doomed)
    window.activateWindow()  # the offscreen platform does not do it when the dialog closes
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.editor.current_id() is None
    assert not page.view.currentIndex().isValid()


def test_dashboard_warns_when_there_is_no_backup(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    assert window.dashboard.backup_warning.isVisible()
    assert "backup" in window.dashboard.backup_warning.text().lower()


def test_run_app_opens_the_window_and_backs_up_at_exit(qtbot, db_path, monkeypatch):
    import sys
    import threading

    from coordinator_app.core.store.backup import list_backups
    from coordinator_app.core.store.db import open_database
    from coordinator_app.core.sample.demo import load_demo
    from coordinator_app.core.records.service import Workspace
    from coordinator_app.ui.app import run_app

    # run_app installs its crash hook; the test puts pytest's back afterwards.
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    db = open_database(db_path)
    load_demo(Workspace(db))
    db.close()
    seen = []

    def look_and_close() -> None:
        # The window's frame shows first; its data once the database is open.
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible() and w.context is not None]
        if not windows:
            QTimer.singleShot(50, look_and_close)
            return
        window = windows[0]
        seen.append((window.db_path, window.statusBar().offline.text(),
                     window.statusBar().backup.text(),
                     {size.width() for size in window.windowIcon().availableSizes()}))
        window.close()

    QTimer.singleShot(0, look_and_close)
    assert run_app(db_path, "en") == 0
    (path, offline, backup, icon_sizes), = seen
    assert path == db_path.resolve()
    assert {16, 32, 48, 256} <= icon_sizes  # the app's own icon, title bar to task switcher
    assert offline == "offline: all data on this computer" and backup
    assert list_backups(db_path)  # the demo was never backed up, so exit made one


def test_qt_calls_do_not_run_down_none_and_the_booleans(qtbot):
    """PySide6 6.12.0 dropped a reference to None on every void Qt call and to True/False
    on every bool signal, and Python aborted after a few thousand clicks; the version pin
    keeps it out, and this catches any release that brings it back."""
    import sys

    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QWidget

    class Flag(QObject):
        changed = Signal(bool)

    widget, flag, seen = QWidget(), Flag(), []
    qtbot.addWidget(widget)
    flag.changed.connect(lambda value: seen.append(value is True))
    before = {repr(s): sys.getrefcount(s) for s in (None, True, False)}
    for _ in range(2000):
        widget.setEnabled(True)
        flag.changed.emit(True)
        flag.changed.emit(False)
    seen.clear()
    after = {repr(s): sys.getrefcount(s) for s in (None, True, False)}
    assert all(after[name] >= before[name] - 50 for name in before), (before, after)


def test_typing_in_the_editor_flows_into_the_list_and_keeps_the_selection(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    window.show_page("organization")
    page = window.list_pages["organization"]
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Down)
    record_id = page.editor.current_id()
    # The editor opens in the interface's language, the one the list shows.
    name = page.editor.name.edit
    name.setFocus()
    name.selectAll()
    qtbot.keyClicks(name, "Aaa Pilot Community")
    qtbot.keyClick(name, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: "Aaa Pilot Community" in names(page))
    assert page.model.id_at(page.view.currentIndex().row()) == record_id
    assert page.editor.current_id() == record_id
    assert page.editor.isAncestorOf(QApplication.focusWidget())  # typing goes on undisturbed

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is name  # Ctrl+N, then just type
    qtbot.keyClicks(name, "Zzz Brand New Hromada")
    qtbot.keyClick(name, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: page.editor.current_id() is not None)
    created = page.editor.current_id()
    assert page.model.id_at(page.view.currentIndex().row()) == created
    assert "Zzz Brand New Hromada" in names(page)


def test_column_widths_share_the_list_width_and_keep_every_title_readable():
    from coordinator_app.ui.column_widths import share

    assert share(1000, [3, 1], [10, 10]) == [750, 250]
    # A narrow weight still gets room for its title; the rest shrink to fit.
    assert share(1000, [10, 10, 1], [50, 50, 200]) == [400, 400, 200]
    assert sum(share(777, [40, 22, 8, 18, 30], [60, 50, 70, 60, 80])) <= 777


def test_menu_opens_briefing_pack_and_settings(qtbot, demo_workspace):
    from coordinator_app.ui.settings_dialog import SettingsDialog

    window = open_window(qtbot, demo_workspace)
    window.actions.briefing.trigger()
    qtbot.waitUntil(lambda: any(w.isVisible() and type(w).__name__ == "BriefingDialog"
                                for w in QApplication.topLevelWidgets()))
    for widget in QApplication.topLevelWidgets():
        if type(widget).__name__ == "BriefingDialog":
            widget.reject()
    seen = []

    def close_settings() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, SettingsDialog):
            seen.append(dialog)
            dialog.reject()
        else:
            QTimer.singleShot(20, close_settings)

    QTimer.singleShot(20, close_settings)
    window.actions.settings.trigger()
    assert seen


def test_back_up_now_updates_the_status_bar_and_clears_the_dashboard_warning(
        qtbot, demo_workspace):
    from coordinator_app.core.store.backup import list_backups
    from coordinator_app.ui.backups import BackupScheduler

    scheduler = BackupScheduler(demo_workspace.db)
    scheduler.start()
    window = MainWindow(UiContext(demo_workspace), scheduler)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.dashboard.backup_warning.isVisible()
    window.actions.backup.trigger()
    assert list_backups(demo_workspace.db.path)
    assert "Last backup" in window.statusBar().backup.text()
    assert not window.dashboard.backup_warning.isVisible()


def test_the_shortcuts_list_names_every_command_with_its_keys(qtbot, demo_workspace):
    from coordinator_app.ui.window_actions import shortcut_rows

    window = open_window(qtbot, demo_workspace)
    rows = dict(shortcut_rows(window))
    assert rows["Ctrl+K"].startswith("Search")
    assert rows["Ctrl+1"] == "Dashboard" and rows["Ctrl+6"] == "Activities"
    assert any("Ctrl+Shift+Z" in keys for keys in rows)
    window.actions.pages[0].trigger()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "shortcuts") is not None)
    box = window.findChild(QMessageBox, "shortcuts")
    assert "Ctrl+K" in box.text()
    box.close()


def test_opening_a_record_hidden_by_the_filter_clears_the_filter(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    window.show_page("person")
    page = window.list_pages["person"]
    page.filter.setText("klisonis")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    target = person_id(demo_workspace, "Ігор Терехов")
    window.show_page("dashboard")
    window.context.open_record("person", target)
    assert window.current_page_name() == "person"
    assert page.filter.text() == "" and page.model.rowCount() > 1
    assert page.model.id_at(page.view.currentIndex().row()) == target
    assert page.view.hasFocus()  # Enter now edits it, arrows move on
