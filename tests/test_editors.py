"""Editing records through the editors, checked in the database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from coordinator_app.core.records.models import ContactPoint, Organization, Tag, TagLink
from coordinator_app.core.records.registry import TOP_LEVEL
from coordinator_app.ui.editors import RecordEditor, editor_for
from support.editors import answer_next_question, choose, pick, settle, type_into



@pytest.fixture
def org_editor(context, qtbot):
    editor = editor_for("organization")(context)
    qtbot.addWidget(editor)
    editor.resize(900, 800)
    editor.show()
    return editor


def test_every_kind_has_an_editor(context, qtbot):
    assert {spec.name for spec in TOP_LEVEL} >= {
        "organization", "person", "agreement", "project", "activity"}
    for spec in TOP_LEVEL:
        editor = editor_for(spec.name)(context)
        qtbot.addWidget(editor)
        assert isinstance(editor, RecordEditor)
        assert editor.current_id() is None


def test_typing_a_name_creates_the_organisation_and_each_field_is_saved(
        org_editor, workspace, qtbot):
    with qtbot.waitSignal(org_editor.record_created) as created:
        type_into(qtbot, org_editor.name, "Kharkiv City Council")
    org_id = created.args[0]
    assert org_editor.current_id() == org_id
    type_into(qtbot, org_editor.country, "ua")
    choose(qtbot, org_editor.kind, "Municipality / community")
    type_into(qtbot, org_editor.website, "https://www.city.kharkiv.ua")
    type_into(qtbot, org_editor.notes, "Second-largest city of Ukraine.")
    type_into(qtbot, org_editor.tags, "energy, recovery")
    settle(qtbot)
    org = workspace.get(Organization, org_id)
    assert (org.name, org.country, org.website, org.notes) == (
        "Kharkiv City Council", "UA", "https://www.city.kharkiv.ua",
        "Second-largest city of Ukraine.")
    assert org_editor.country.edit.text() == "Ukraine"  # shows what was stored, by name
    with workspace.read() as session:
        tags = session.scalars(select(Tag.name).join(TagLink, TagLink.tag_id == Tag.id).where(
            TagLink.entity_id == org_id)).all()
    assert sorted(tags) == ["energy", "recovery"]
    assert org_editor.heading.full_text == "Kharkiv City Council"


@pytest.mark.parametrize("typed", ["Lit", "lt", "Lie"])
def test_the_country_is_picked_from_the_start_of_its_name_or_its_code(
        org_editor, workspace, qtbot, typed):
    type_into(qtbot, org_editor.name, "Plungė")
    pick(qtbot, org_editor.country, typed, "Lithuania")
    settle(qtbot)
    assert workspace.get(Organization, org_editor.current_id()).country == "LT"
    assert org_editor.country.edit.text() == "Lithuania"
    assert org_editor.country.edit.accessibleName() == "Country"


def test_a_whole_country_name_typed_and_left_is_stored_as_its_code(
        org_editor, workspace, qtbot):
    type_into(qtbot, org_editor.name, "Kharkiv City Council")
    type_into(qtbot, org_editor.country, "Україна")
    assert workspace.get(Organization, org_editor.current_id()).country == "UA"


def test_the_country_picker_finds_a_cyrillic_name_and_shows_names_in_ukrainian(
        context, qtbot, workspace):
    from coordinator_app import i18n

    i18n.set_language("uk")
    editor = editor_for("organization")(context)
    qtbot.addWidget(editor)
    editor.show()
    type_into(qtbot, editor.name, "Плунге")
    field = editor.country
    field.edit.setFocus()
    field.edit.setText("Лит")
    field.edit.textEdited.emit("Лит")  # keystrokes of Cyrillic cannot be simulated
    qtbot.waitUntil(lambda: field.completer.popup().isVisible(), timeout=3000)
    assert field.model.item(0).text() == "Литва — LT"
    qtbot.keyClick(field.completer.popup(), Qt.Key.Key_Return)
    settle(qtbot)
    assert workspace.get(Organization, editor.current_id()).country == "LT"
    assert field.edit.text() == "Литва"


def test_the_start_of_a_country_name_is_not_saved_after_a_pause(org_editor, workspace, qtbot):
    type_into(qtbot, org_editor.name, "Plungė")
    org_editor.country.edit.setFocus()
    qtbot.keyClicks(org_editor.country.edit, "Lit")
    qtbot.wait(1200)  # longer than the pause after which whole values are saved
    assert not org_editor.country.error.isVisibleTo(org_editor)
    assert workspace.get(Organization, org_editor.current_id()).country is None


def test_a_pause_in_typing_commits_without_leaving_the_field(org_editor, workspace, qtbot):
    with qtbot.waitSignal(org_editor.record_created, timeout=3000) as created:
        org_editor.name.edit.setFocus()
        qtbot.keyClicks(org_editor.name.edit, "Plunge")
    assert workspace.get(Organization, created.args[0]).name == "Plunge"


def test_a_refused_value_is_shown_beside_the_field_and_nothing_is_written(
        org_editor, workspace, qtbot):
    type_into(qtbot, org_editor.name, "Plungė")
    org_id = org_editor.current_id()
    type_into(qtbot, org_editor.country, "xx")
    assert org_editor.country.error.isVisibleTo(org_editor)
    assert "ISO 3166" in org_editor.country.error.text()
    assert org_editor.country.edit.text() == "xx"  # kept, so it can be fixed
    settle(qtbot)
    assert org_editor.country.edit.text() == "xx"  # a reload does not wipe it either
    assert workspace.get(Organization, org_id).country is None
    type_into(qtbot, org_editor.country, "lt")
    assert not org_editor.country.error.isVisibleTo(org_editor)
    assert workspace.get(Organization, org_id).country == "LT"


def test_a_blank_form_writes_nothing_until_it_has_its_required_value(
        org_editor, workspace, qtbot):
    type_into(qtbot, org_editor.region, "Kharkiv oblast")
    assert org_editor.current_id() is None
    with workspace.read() as session:
        assert session.scalars(select(Organization)).all() == []
    type_into(qtbot, org_editor.name, "Kharkiv")
    org = workspace.get(Organization, org_editor.current_id())
    assert (org.name, org.region) == ("Kharkiv", "Kharkiv oblast")


def test_contacts_of_an_organisation(org_editor, workspace, qtbot):
    type_into(qtbot, org_editor.name, "Kharkiv")
    table = org_editor.contacts
    row = table.new_row()
    choose(qtbot, table.cell(row, 0), "E-mail")
    type_into(qtbot, table.cell(row, 1), "not-an-address")
    assert "not an e-mail address" in table.error.text()
    type_into(qtbot, table.cell(row, 1), "office@city.kharkiv.ua")
    settle(qtbot)
    with workspace.read() as session:
        contact = session.scalars(select(ContactPoint)).one()
    assert (contact.kind, contact.value, contact.organization_id) == (
        "email", "office@city.kharkiv.ua", org_editor.current_id())
    assert table.new_row() == 1  # the contact, then a blank row for the next


def test_delete_asks_then_undo_brings_it_back_and_redo_deletes_again(
        org_editor, context, workspace, qtbot):
    type_into(qtbot, org_editor.name, "Plungė")
    org_id = org_editor.current_id()

    answer_next_question(QMessageBox.StandardButton.No)
    assert org_editor.delete_current() is False
    assert workspace.get(Organization, org_id).deleted_at is None

    answer_next_question(QMessageBox.StandardButton.Yes)
    assert org_editor.delete_current() is True
    assert workspace.get(Organization, org_id, deleted=True).deleted_at is not None
    settle(qtbot)
    assert org_editor.notice.isVisibleTo(org_editor)
    assert not org_editor.body.isEnabled()

    context.undo_stack.undo()
    settle(qtbot)
    assert workspace.get(Organization, org_id).deleted_at is None
    assert org_editor.body.isEnabled()
    assert org_editor.name.edit.text() == "Plungė"

    context.undo_stack.redo()
    settle(qtbot)
    assert workspace.get(Organization, org_id, deleted=True).deleted_at is not None


def test_undo_of_a_field_edit_shows_the_old_value(org_editor, context, workspace, qtbot):
    type_into(qtbot, org_editor.name, "Plunge")
    type_into(qtbot, org_editor.name, "Plungė")
    context.undo_stack.undo()
    settle(qtbot)
    assert workspace.get(Organization, org_editor.current_id()).name == "Plunge"
    assert org_editor.name.edit.text() == "Plunge"
    context.undo_stack.redo()
    settle(qtbot)
    assert org_editor.name.edit.text() == "Plungė"


def test_a_change_made_elsewhere_shows_in_the_open_editor(org_editor, context, qtbot):
    type_into(qtbot, org_editor.name, "Kaunas")
    org_id = org_editor.current_id()
    context.apply("Rename",
                  lambda edit: edit.update(Organization, org_id, region="Kaunas county"))
    settle(qtbot)
    assert org_editor.region.edit.text() == "Kaunas county"


def test_switching_records_commits_what_was_typed_first(org_editor, workspace, qtbot):
    type_into(qtbot, org_editor.name, "Kharkiv")
    kharkiv = org_editor.current_id()
    other = workspace.create(Organization, name="Plunge")
    org_editor.region.edit.setText("Kharkiv oblast")  # typed, not yet left, no pause yet
    org_editor.show_record(other.id)
    assert workspace.get(Organization, kharkiv).region == "Kharkiv oblast"
    assert org_editor.name.edit.text() == "Plunge"
    assert org_editor.region.edit.text() == ""


def test_a_hidden_editor_catches_up_when_shown(org_editor, context, workspace, qtbot):
    type_into(qtbot, org_editor.name, "Kaunas")
    org_id = org_editor.current_id()
    org_editor.hide()
    context.apply("Edit",
                  lambda edit: edit.update(Organization, org_id, name="Kauno miesto savivaldybė"))
    settle(qtbot)
    assert org_editor.name.edit.text() == "Kaunas"
    org_editor.show()
    assert org_editor.name.edit.text() == "Kauno miesto savivaldybė"


def test_a_pause_commit_leaves_the_cursor_and_the_typed_space_alone(org_editor, workspace, qtbot):
    edit = org_editor.name.edit
    edit.setFocus()
    qtbot.keyClicks(edit, "Kharkiv ")
    qtbot.waitUntil(lambda: org_editor.current_id() is not None, timeout=3000)
    settle(qtbot)
    qtbot.keyClicks(edit, "City")
    edit.editingFinished.emit()
    assert edit.text() == "Kharkiv City"
    assert workspace.get(Organization, org_editor.current_id()).name == "Kharkiv City"


def test_people_of_an_organisation_are_their_positions(org_editor, workspace, qtbot):
    from coordinator_app.core.records.models import Affiliation, Person
    from support.editors import pick

    person = workspace.create(Person, full_name="Ihor Terekhov")
    type_into(qtbot, org_editor.name, "Kharkiv City Council")
    table = org_editor.people
    pick(qtbot, table.cell(0, 0), "Terekhov")
    settle(qtbot)
    type_into(qtbot, table.cell(0, 1), "Mayor")
    settle(qtbot)
    with workspace.read() as session:
        [position] = session.scalars(select(Affiliation)).all()
    assert (position.person_id, position.organization_id, position.position) == (
        person.id, org_editor.current_id(), "Mayor")


def test_a_deleted_record_can_be_restored_from_its_notice(org_editor, context, workspace, qtbot):
    from coordinator_app.core.records.models import ContactPoint

    type_into(qtbot, org_editor.name, "Plunge")
    org_id = org_editor.current_id()
    workspace.create(ContactPoint, organization_id=org_id, kind="email", value="info@plunge.lt")
    answer_next_question(QMessageBox.StandardButton.Yes)
    org_editor.delete_current()
    settle(qtbot)
    assert org_editor.notice.action.isVisibleTo(org_editor)
    org_editor.notice.action.click()
    settle(qtbot)
    assert workspace.get(Organization, org_id).deleted_at is None
    with workspace.read() as session:
        assert session.scalars(select(ContactPoint)).one().deleted_at is None
    assert org_editor.body.isEnabled()
    assert not org_editor.notice.isVisibleTo(org_editor)


def test_hiding_the_editor_commits_what_was_typed(org_editor, workspace, qtbot):
    type_into(qtbot, org_editor.name, "Kharkiv")
    org_editor.notes.edit.setPlainText("Typed just before the window closed")
    org_editor.hide()
    assert workspace.get(Organization, org_editor.current_id()).notes == \
        "Typed just before the window closed"


def test_an_association_lists_its_member_communities(org_editor, context, workspace, qtbot):
    association = workspace.create(Organization, name="Association of Frontline Cities",
                                   kind="association")
    kharkiv = workspace.create(Organization, name="Kharkiv", parent_id=association.id)
    workspace.create(Organization, name="Sumy", parent_id=association.id)
    org_editor.show_record(association.id)
    names = [org_editor.members.list.item(i).text()
             for i in range(org_editor.members.list.count())]
    assert names == ["Kharkiv", "Sumy"]
    with qtbot.waitSignal(context.open_requested) as opened:
        org_editor.members.list.itemActivated.emit(org_editor.members.list.item(0))
    assert opened.args == ["organization", kharkiv.id]


def _number_hint(editor) -> str:
    return editor.contacts.cell(editor.contacts.new_row(), 1).edit.placeholderText()


def test_the_phone_hint_follows_the_organisation_country(org_editor, workspace, qtbot):
    type_into(qtbot, org_editor.name, "Some association")
    assert _number_hint(org_editor) == "+ …"
    pick(qtbot, org_editor.country, "Lit", "Lithuania")
    settle(qtbot)
    assert _number_hint(org_editor) == "+370 …"
    org = workspace.create(Organization, name="Харківська міська рада", country="UA")
    org_editor.show_record(org.id)
    assert _number_hint(org_editor) == "+380 …"


def test_the_phone_hint_follows_the_country_of_a_persons_organisation(
        context, workspace, qtbot):
    from coordinator_app.core.records.models import Affiliation, Person

    with workspace.edit() as edit:
        plunge = edit.create(Organization, name="Plungės rajono savivaldybė", country="LT")
        mayor = edit.create(Person, full_name="Audrius Klišonis")
        edit.create(Affiliation, person_id=mayor.id, organization_id=plunge.id,
                    position="Meras")
        nobody = edit.create(Person, full_name="Someone without a position")
    editor = editor_for("person")(context)
    qtbot.addWidget(editor)
    editor.show()
    editor.show_record(mayor.id)
    assert _number_hint(editor) == "+370 …"
    editor.show_record(nobody.id)
    assert _number_hint(editor) == "+ …"
