"""File → Sync with other laptops…: the conflicts to review, keeping a version, and
reading a bundle from the stick."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from coordinator_app.core.records.service import Workspace
from coordinator_app.core.store.db import open_database
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.sync_dialog import SyncDialog
from support.sync import Office


def _office_with_a_conflict(tmp_path, cli, monkeypatch) -> tuple[Office, str]:
    office = Office(tmp_path, cli, monkeypatch, ["kharkiv", "plunge"])
    office.run("kharkiv", "add", "organizations", "--set", "name=Kharkiv City Council")
    office.run("plunge", "add", "organizations", "--set", "name=Plungė District")
    office.join_all()
    office.carry("kharkiv", "plunge")
    listed = json.loads(office.run("plunge", "list", "organizations", "--json").stdout)
    org = next(item["id"] for item in listed if item["name"] == "Kharkiv City Council")
    office.run("kharkiv", "edit", "organizations", org, "--set", "region=Kharkiv oblast")
    office.run("plunge", "edit", "organizations", org, "--set", "region=Харківщина")
    office.carry("kharkiv", "plunge")
    return office, org


def _dialog(qtbot, office: Office, laptop: str):
    office.monkeypatch.setenv("COORDINATOR_HOME", str(office.folder / laptop / "home"))
    workspace = Workspace(open_database(office.db(laptop)))
    dialog = SyncDialog(UiContext(workspace))
    qtbot.addWidget(dialog)
    dialog.resize(1280, 800)
    dialog.show()
    return dialog, workspace


def test_the_dialog_lists_a_conflict_and_keeping_a_version_resolves_it(
        qtbot, tmp_path, cli, monkeypatch):
    office, org = _office_with_a_conflict(tmp_path, cli, monkeypatch)
    dialog, workspace = _dialog(qtbot, office, "plunge")
    try:
        assert "Open conflicts: 1" in dialog.conflicts_title.text()
        assert "kharkiv: last read" in dialog.summary.text()
        top = dialog.tree.topLevelItem(0)
        assert top.text(0) == "Kharkiv City Council — region"
        values = [top.child(n).text(1) for n in range(top.childCount())]
        assert sorted(values) == ["Kharkiv oblast", "Харківщина"]
        assert not dialog.keep_button.isEnabled()
        chosen = values.index("Kharkiv oblast")
        dialog.tree.setCurrentItem(top.child(chosen))
        assert dialog.keep_button.isEnabled()
        qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
        assert dialog.conflicts_title.text() == "No open conflicts."
        assert workspace.get("organization", org).region == "Kharkiv oblast"
        # Keeping a version is one step of the undo stack, like any edit.
        assert dialog.context.undo_stack.count() == 1
    finally:
        workspace.db.close()


def test_reading_a_bundle_in_the_dialog_brings_the_changes(qtbot, tmp_path, cli, monkeypatch):
    office = Office(tmp_path, cli, monkeypatch, ["kharkiv", "plunge"])
    office.run("kharkiv", "add", "organizations", "--set", "name=Kharkiv City Council")
    office.run("plunge", "add", "organizations", "--set", "name=Plungė District")
    office.join_all()
    path = tmp_path / "stick.coordsync"
    office.run("kharkiv", "sync", "export", "-o", str(path))
    dialog, workspace = _dialog(qtbot, office, "plunge")
    try:
        dialog.read_bundle(path)
        assert "new changes from kharkiv" in dialog.outcome
        names = json.loads(office.run("plunge", "list", "organizations", "--json").stdout)
        assert {n["name"] for n in names} == {"Kharkiv City Council", "Plungė District"}
    finally:
        workspace.db.close()


def test_undo_after_keeping_the_version_shown_lists_the_conflict_again(
        qtbot, tmp_path, cli, monkeypatch):
    office, org = _office_with_a_conflict(tmp_path, cli, monkeypatch)
    dialog, workspace = _dialog(qtbot, office, "plunge")
    try:
        top = dialog.tree.topLevelItem(0)
        shown = top.child(0).text(1)
        dialog.tree.setCurrentItem(top.child(0))
        qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
        assert dialog.conflicts_title.text() == "No open conflicts."
        dialog.context.undo_stack.undo()
        dialog.refresh()
        assert "Open conflicts: 1" in dialog.conflicts_title.text()
        top = dialog.tree.topLevelItem(0)
        assert top.child(0).text(1) == shown
        assert workspace.get("organization", org).region == shown
    finally:
        workspace.db.close()
