"""The record editor marks conflicts the Conflicts tab alone showed before: over a
line of the record (a contact point changed on two laptops) and over a deleted
record (deleted on one laptop while edited on another), with the same choices."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from coordinator_app.core.records.models import ContactPoint, Organization
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.main_window import MainWindow
from support.sync import Office, open_laptop


def _office(tmp_path, cli, monkeypatch) -> tuple[Office, str]:
    office = Office(tmp_path, cli, monkeypatch, ["kharkiv", "plunge"])
    office.join_all()
    added = office.run("kharkiv", "add", "organizations", "--json",
                       "--set", "name=Kharkiv City Council")
    org = json.loads(added.stdout)["id"]
    office.carry("kharkiv", "plunge")
    return office, org


def _window(qtbot, workspace) -> MainWindow:
    window = MainWindow(UiContext(workspace))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_conflict_over_a_contact_is_marked_in_its_organisations_editor(
        qtbot, tmp_path, cli, monkeypatch):
    office, org = _office(tmp_path, cli, monkeypatch)
    added = office.run("kharkiv", "add", "contact_point", "--json", "--set",
                       f"organization={org}", "--set", "kind=email",
                       "--set", "value=office@city.kharkiv.ua")
    assert added.returncode == 0, added.stderr
    contact = json.loads(added.stdout)["id"]
    office.carry("kharkiv", "plunge")
    office.run("kharkiv", "edit", "contact_point", contact, "--set", "value=mayor@city.kharkiv.ua")
    office.run("plunge", "edit", "contact_point", contact, "--set", "value=info@city.kharkiv.ua")
    office.carry("kharkiv", "plunge")

    workspace = open_laptop(office, "plunge")
    try:
        window = _window(qtbot, workspace)
        window.open_record("organization", org)
        editor = window.list_pages["organization"].editor
        qtbot.waitUntil(lambda: len(editor.marks.strips) == 1, timeout=3000)
        strip = editor.marks.strips[0]
        said = strip.text.text()
        # Named by its address (not by its empty "label" column, which read "None").
        assert said.startswith(("⚠ Contact “info@city.kharkiv.ua” — ",
                                "⚠ Contact “mayor@city.kharkiv.ua” — ")), said
        assert " shown (" in said and "; other version: “" in said
        assert {"“mayor@city.kharkiv.ua”", "“info@city.kharkiv.ua”"} <= set(
            word for word in said.split() if word.startswith("“"))
        # At the top of the form, above the fields.
        assert editor.form.getWidgetPosition(strip)[0] == 0
        assert strip.edit is not None  # the contact is shown: Edit goes to its cell
        qtbot.mouseClick(strip.keep_other, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not editor.marks.strips, timeout=3000)
        kept = workspace.get(ContactPoint, contact).value
        assert kept in {"mayor@city.kharkiv.ua", "info@city.kharkiv.ua"}
        assert kept in said.split("other version: ")[1]  # the other one was kept
        window.context.undo_stack.undo()
        qtbot.waitUntil(lambda: len(editor.marks.strips) == 1, timeout=3000)
    finally:
        workspace.db.close()


def test_a_record_deleted_on_one_laptop_and_edited_on_another_is_settled_in_its_editor(
        qtbot, tmp_path, cli, monkeypatch):
    office, org = _office(tmp_path, cli, monkeypatch)
    office.run("plunge", "add", "organizations", "--set", "name=Plungė District")
    office.run("plunge", "edit", "organizations", org, "--set", "region=Kharkiv oblast")
    office.run("kharkiv", "delete", "organizations", org)
    office.carry("kharkiv", "plunge")

    workspace = open_laptop(office, "plunge")
    try:
        assert workspace.get(Organization, org, deleted=True).deleted_at is not None
        window = _window(qtbot, workspace)
        window.open_record("organization", org)
        editor = window.list_pages["organization"].editor
        qtbot.waitUntil(lambda: len(editor.marks.strips) == 1
                        and editor.marks.strips[0].isVisible(), timeout=3000)
        strip = editor.marks.strips[0]
        assert not editor.body.isEnabled()  # the deleted record's form is greyed out…
        assert strip.isEnabled()  # …its mark is not
        said = strip.text.text()
        assert said.startswith("⚠ deleted or kept: “deleted” shown (kharkiv, ")
        assert "; other version: “kept” (this laptop, " in said
        qtbot.mouseClick(strip.keep_other, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: editor.body.isEnabled(), timeout=3000)
        assert workspace.get(Organization, org).region == "Kharkiv oblast"
        qtbot.waitUntil(lambda: not editor.marks.strips, timeout=3000)
        assert not editor.marks.panel.isVisible()
    finally:
        workspace.db.close()
