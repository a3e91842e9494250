"""A record's History: who changed what, when and on which computer, read from the
journal, with "Revert this change" as a new change that Undo takes back."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from coordinator_app.core.records import history
from coordinator_app.core.records.models import Agreement, AgreementParty, Organization
from support.dialogs import answer
from support.editors import open_editor, settle, type_into


def _kharkiv(workspace):
    with workspace.edit("add") as edit:
        city = edit.create(Organization, name="Kharkiv", kind="municipality")
    return city.id


def test_steps_read_newest_first_with_names_labels_and_dates(workspace):
    city = _kharkiv(workspace)
    with workspace.edit("add") as edit:
        association = edit.create(Organization, name="Асоціація прифронтових міст")
        agreement = edit.create(Agreement, title="Memorandum")
        edit.create(AgreementParty, agreement_id=agreement.id, organization_id=city)
    workspace.update("organization", city, parent_id=association.id, kind="association")
    workspace.update("agreement", agreement.id, status="signed", signed_on=date(2026, 2, 11))
    with workspace.read() as session:
        steps = history.steps(session, session.get(Organization, city))
        assert [step.label for step in steps] == ["Edit", "add"]
        changed = {c.field: (c.old, c.new) for c in steps[0].fields}
        assert changed == {"parent_id": ("", "Асоціація прифронтових міст"),
                           "kind": ("Municipality / community", "Association")}
        assert steps[0].device_id == workspace.db.device_id
        signed = history.steps(session, session.get(Agreement, agreement.id))[0]
        assert {c.field: c.new for c in signed.fields} == {"status": "Signed",
                                                            "signed_on": "11 Feb 2026"}


def test_the_panel_shows_a_change_and_reverts_it_as_an_undoable_change(qtbot, context):
    city = _kharkiv(context.workspace)
    editor = open_editor("organization", context, qtbot)
    editor.show_record(city)
    type_into(qtbot, editor.name, "Kharkiv City Council")
    settle(qtbot)
    panel = editor.history
    assert not panel.tree.isVisible()  # folded: nothing read until asked
    panel.toggle.click()
    assert panel.tree.isVisible()
    newest = panel.tree.topLevelItem(0)
    assert newest.text(1) == "Change “Name”" and newest.text(2) == "This computer"
    assert newest.child(0).text(1) == "Name: Kharkiv → Kharkiv City Council"
    assert not panel.revert_button.isEnabled()
    panel.tree.setCurrentItem(newest)
    assert panel.revert_button.isEnabled()
    panel.revert_button.click()
    settle(qtbot)
    assert context.workspace.get("organization", city).name == "Kharkiv"
    assert editor.name.edit.text() == "Kharkiv"
    assert context.undo_stack.undoText() == "Revert “Change “Name””"
    assert panel.tree.topLevelItem(0).text(1) == "Revert “Change “Name””"
    context.undo_stack.undo()  # the revert is a change like any other
    settle(qtbot)
    assert context.workspace.get("organization", city).name == "Kharkiv City Council"


def test_a_change_made_over_since_is_not_reverted_and_says_why(qtbot, context):
    city = _kharkiv(context.workspace)
    context.workspace.update("organization", city, name="Kharkiv City Council")
    context.workspace.update("organization", city, name="Харківська міська рада")
    editor = open_editor("organization", context, qtbot)
    editor.show_record(city)
    editor.history.toggle.click()
    editor.history.tree.setCurrentItem(editor.history.tree.topLevelItem(1))
    said = answer("OK")
    assert not editor.history.revert_selected()
    assert "changed again since" in said[0]
    assert context.workspace.get("organization", city).name == "Харківська міська рада"


def test_a_change_from_another_laptop_names_that_computer(qtbot, context):
    city = _kharkiv(context.workspace)
    with context.workspace.db.engine.begin() as connection:
        connection.execute(text("UPDATE changes SET device_id = :other"),
                           {"other": "5d1f2c3a-0000-4000-8000-000000000000"})
    editor = open_editor("organization", context, qtbot)
    editor.show_record(city)
    editor.history.toggle.click()
    assert editor.history.tree.topLevelItem(0).text(2) == "Another computer (5d1f2c3a)"


def test_changes_of_rows_a_record_owns_read_in_words_in_the_interfaces_language(
        qtbot, context):
    """A milestone's, a pledge's or a position's change names its field and its choice
    as the form does, in Ukrainian too: never a column's name or a stored code."""
    from coordinator_app.core.records.models import (
        Affiliation,
        ContactPoint,
        Milestone,
        Need,
        Person,
        Pledge,
        Project,
    )
    from coordinator_app.i18n import set_language

    workspace = context.workspace
    city = _kharkiv(workspace)
    with workspace.edit("add") as edit:
        sumy = edit.create(Organization, name="Sumy", kind="municipality").id
        mayor = edit.create(Person, full_name="Ігор Терехов")
        project = edit.create(Project, title="Generators")
        milestone = edit.create(Milestone, project_id=project.id, title="Delivery")
        need = edit.create(Need, organization_id=city, item="Generator", quantity=4)
        pledge = edit.create(Pledge, need_id=need.id, organization_id=sumy, quantity=2)
        position = edit.create(Affiliation, person_id=mayor.id, organization_id=city)
        phone = edit.create(ContactPoint, person_id=mayor.id, kind="phone",
                            value="+380501234567")
    workspace.update("milestone", milestone.id, status="done", due_on=date(2026, 3, 1))
    workspace.update("pledge", pledge.id, organization_id=city, expected_on=date(2026, 4, 1))
    workspace.update("affiliation", position.id, position="Mayor")
    workspace.update("contact_point", phone.id, kind="viber")

    def lines(kind, record_id):
        editor = open_editor(kind, context, qtbot)
        editor.show_record(record_id)
        editor.history.toggle.click()
        tree = editor.history.tree
        return [tree.topLevelItem(i).child(j).text(1) for i in range(tree.topLevelItemCount())
                for j in range(tree.topLevelItem(i).childCount())]

    set_language("uk")
    try:
        shown = lines("project", project.id) + lines("need", need.id) + \
            lines("person", mayor.id)
    finally:
        set_language("en")
    assert "Статус: Заплановано → Виконано" in shown, shown
    named = {line.split(":")[0] for line in shown}
    columns = {"status", "due_on", "organization_id", "expected_on", "position", "kind"}
    assert not named & columns, shown
    assert not any("planned" in line or "done" in line for line in shown), shown
