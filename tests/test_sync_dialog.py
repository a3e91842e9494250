"""File → Sync with other laptops…: the conflicts side by side, keeping one version or
the other, writing changes for everyone or chosen laptops, and reading a file."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from coordinator_app.ui.context import UiContext
from coordinator_app.ui.sync_dialog import SyncDialog
from coordinator_app.ui.sync_peer_picker import PeerPicker
from support.sync import Office, office_with_a_conflict, open_laptop, open_sync_dialog


def _values(table, row: int) -> list[str]:
    return [table.item(row, column).text().split("\n")[0]
            for column in range(2, table.columnCount())]


def test_the_conflicts_tab_shows_both_versions_side_by_side_with_who_and_when(
        qtbot, tmp_path, cli, monkeypatch):
    office, _org = office_with_a_conflict(tmp_path, cli, monkeypatch)
    dialog, workspace = open_sync_dialog(qtbot, office, "plunge")
    try:
        assert dialog.tabs.tabText(1) == "Conflicts (1)"
        assert "kharkiv: last read" in dialog.summary.text()
        table = dialog.conflicts.table
        assert table.rowCount() == 1
        assert table.item(0, 0).text() == "Kharkiv City Council"
        assert table.horizontalHeaderItem(2).text() == "Shown version"
        assert table.horizontalHeaderItem(3).text() == "Other version"
        assert sorted(_values(table, 0)) == ["Kharkiv oblast", "Харківщина"]
        sources = {table.item(0, c).text().split("\n")[0]: table.item(0, c).text().split("\n")[1]
                   for c in (2, 3)}
        assert sources["Харківщина"].startswith("this laptop, ")
        assert sources["Kharkiv oblast"].startswith("kharkiv, ")
        assert not dialog.conflicts.keep_other.isEnabled()
    finally:
        workspace.db.close()


def test_keeping_the_other_version_resolves_the_conflict_as_one_undoable_step(
        qtbot, tmp_path, cli, monkeypatch):
    office, org = office_with_a_conflict(tmp_path, cli, monkeypatch)
    dialog, workspace = open_sync_dialog(qtbot, office, "plunge")
    try:
        table = dialog.conflicts.table
        shown, other = _values(table, 0)
        dialog.show_conflicts()
        table.setCurrentCell(0, 0)
        qtbot.mouseClick(dialog.conflicts.keep_other, Qt.MouseButton.LeftButton)
        assert dialog.conflicts.title.text() == "No open conflicts."
        assert dialog.tabs.tabText(1) == "Conflicts"
        assert workspace.get("organization", org).region == other
        assert dialog.context.undo_stack.count() == 1
        dialog.context.undo_stack.undo()
        assert workspace.get("organization", org).region == shown
    finally:
        workspace.db.close()


def test_keeping_the_shown_version_tells_the_other_laptop_too(qtbot, tmp_path, cli, monkeypatch):
    office, org = office_with_a_conflict(tmp_path, cli, monkeypatch)
    dialog, workspace = open_sync_dialog(qtbot, office, "plunge")
    try:
        shown = _values(dialog.conflicts.table, 0)[0]
        dialog.conflicts.table.setCurrentCell(0, 2)
        qtbot.mouseClick(dialog.conflicts.keep_shown, Qt.MouseButton.LeftButton)
        assert dialog.conflicts.table.rowCount() == 0
        assert workspace.get("organization", org).region == shown
    finally:
        workspace.db.close()
    office.carry("plunge", "kharkiv")
    listed = json.loads(office.run("kharkiv", "conflicts", "list", "--json").stdout)
    assert listed == []
    shown_there = json.loads(office.run("kharkiv", "show", "organizations", org,
                                        "--json").stdout)
    assert shown_there["region"] == shown


def test_edit_asks_the_window_to_open_the_record(qtbot, tmp_path, cli, monkeypatch):
    office, org = office_with_a_conflict(tmp_path, cli, monkeypatch)
    dialog, workspace = open_sync_dialog(qtbot, office, "plunge")
    try:
        dialog.conflicts.table.setCurrentCell(0, 1)
        with qtbot.waitSignal(dialog.edit_requested) as asked:
            qtbot.mouseClick(dialog.conflicts.edit, Qt.MouseButton.LeftButton)
        assert asked.args == ["organization", org]
        assert not dialog.isVisible()
    finally:
        workspace.db.close()


def test_writing_changes_for_a_chosen_laptop_asks_whom_then_where(
        qtbot, tmp_path, cli, monkeypatch):
    office = Office(tmp_path, cli, monkeypatch, ["kharkiv", "plunge", "sumy"])
    office.run("kharkiv", "add", "organizations", "--set", "name=Kharkiv City Council")
    office.join_all()
    dialog, workspace = open_sync_dialog(qtbot, office, "kharkiv")
    target = tmp_path / "stick" / "for-plunge"
    target.parent.mkdir()
    asked = {}

    def save_name(parent, title, suggested, filter_):
        asked.update(title=title, suggested=suggested)
        return str(target), filter_

    def pick(picker: PeerPicker) -> int:
        assert picker.everyone.isChecked()
        plunge = next(p.key_id for p in dialog.peers if p.name == "plunge")
        picker.tick(plunge)
        assert picker.some.isChecked()  # ticking a laptop chooses "only these"
        assert picker.chosen() == [plunge]
        picker.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    monkeypatch.setattr(PeerPicker, "exec", pick)
    try:
        listed = PeerPicker(dialog.peers).list
        assert [listed.item(n).text().split("  ·  ")[0] for n in range(listed.count())] == [
            "plunge: never", "sumy: never"]
        qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
        assert asked["title"] == "Write changes for plunge"
        assert "changes-for-plunge-" in asked["suggested"]
        written = target.with_name("for-plunge.coordsync")
        assert written.exists()
        assert "Wrote " in dialog.result.text() and "for plunge" in dialog.result.text()
    finally:
        workspace.db.close()
    # The chosen laptop reads it; the other cannot.
    assert office.run("plunge", "sync", "import", str(written)).returncode == 0
    refused = office.run("sumy", "sync", "import", str(written))
    assert refused.returncode != 0


def test_reading_a_bundle_in_the_dialog_brings_the_changes(qtbot, tmp_path, cli, monkeypatch):
    office = Office(tmp_path, cli, monkeypatch, ["kharkiv", "plunge"])
    office.run("kharkiv", "add", "organizations", "--set", "name=Kharkiv City Council")
    office.run("plunge", "add", "organizations", "--set", "name=Plungė District")
    office.join_all()
    path = tmp_path / "stick.coordsync"
    office.run("kharkiv", "sync", "export", "-o", str(path))
    dialog, workspace = open_sync_dialog(qtbot, office, "plunge")
    try:
        dialog.read_bundle(path)
        assert "new changes from kharkiv" in dialog.outcome
        assert dialog.outcome in dialog.result.text()
        names = json.loads(office.run("plunge", "list", "organizations", "--json").stdout)
        assert {n["name"] for n in names} == {"Kharkiv City Council", "Plungė District"}
    finally:
        workspace.db.close()


def test_undo_after_keeping_the_version_shown_lists_the_conflict_again(
        qtbot, tmp_path, cli, monkeypatch):
    office, org = office_with_a_conflict(tmp_path, cli, monkeypatch)
    dialog, workspace = open_sync_dialog(qtbot, office, "plunge")
    try:
        shown = _values(dialog.conflicts.table, 0)[0]
        dialog.conflicts.table.setCurrentCell(0, 2)
        qtbot.mouseClick(dialog.conflicts.keep_shown, Qt.MouseButton.LeftButton)
        assert dialog.conflicts.title.text() == "No open conflicts."
        dialog.context.undo_stack.undo()
        dialog.refresh()
        assert dialog.tabs.tabText(1) == "Conflicts (1)"
        assert _values(dialog.conflicts.table, 0)[0] == shown
        assert workspace.get("organization", org).region == shown
    finally:
        workspace.db.close()


def test_a_closed_and_deleted_dialog_no_longer_hears_of_edits(qtbot, workspace):
    from shiboken6 import delete

    context = UiContext(workspace)
    delete(SyncDialog(context))
    with qtbot.captureExceptions() as raised:
        workspace.create("organization", name="Plungė District", country="LT")
        context.data_changed.emit(None)
    assert raised == []


def test_a_partner_associations_laptop_is_said_to_get_no_private_records(
        qtbot, tmp_path, cli, monkeypatch):
    office = Office(tmp_path, cli, monkeypatch, ["kharkiv", "plunge", "sumy"])
    office.join_all()
    office.run("kharkiv", "sync", "keys", "import", str(tmp_path / "plunge.key"), "--partner")
    dialog, workspace = open_sync_dialog(qtbot, office, "kharkiv")
    try:
        lines = dialog.summary.text().splitlines()
        assert [line for line in lines if line.startswith("plunge: ")] == [
            "plunge: last read never  ·  partner association: gets no private records"]
        assert [line for line in lines if line.startswith("sumy: ")] == [
            "sumy: last read never"]
        listed = PeerPicker(dialog.peers).list
        shown = {listed.item(n).text().split(":")[0]: listed.item(n).text()
                 for n in range(listed.count())}
        assert shown["plunge"].endswith("  ·  partner association: gets no private records")
        assert "partner" not in shown["sumy"]
    finally:
        workspace.db.close()
