"""People, agreements, projects and activities with their related records, built
through the editors' widgets and checked in the database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from coordinator_app.core.records.models import (
    Activity,
    ActivityParticipant,
    Affiliation,
    Agreement,
    AgreementParty,
    AgreementPriorityArea,
    AidDelivery,
    Attachment,
    Commitment,
    ContactPoint,
    Organization,
    Person,
    PriorityArea,
    Project,
    ProjectAgreement,
    Signatory,
    Source,
)
from coordinator_app.ui.widgets.relations import FIRST_ROWS
from support.editors import choose, open_editor, pick, settle, type_into



@pytest.fixture
def orgs(workspace):
    kharkiv = workspace.create(Organization, name="Харківська міська рада",
                               other_names="Kharkiv City Council", country="UA")
    plunge = workspace.create(Organization, name="Plungės rajono savivaldybė", country="LT")
    return kharkiv.id, plunge.id



def rows(workspace, cls, **where):
    with workspace.read() as session:
        query = select(cls).where(cls.deleted_at.is_(None))
        for name, value in where.items():
            query = query.where(getattr(cls, name) == value)
        return session.scalars(query.order_by(cls.created_at)).all()


def test_a_person_with_a_position_and_a_phone(context, workspace, orgs, qtbot):
    kharkiv, _plunge = orgs
    editor = open_editor("person", context, qtbot)
    type_into(qtbot, editor.full_name, "Ігор Терехов")
    type_into(qtbot, editor.latin_name, "Ihor Terekhov")
    type_into(qtbot, editor.languages, "uk, en")
    person = workspace.get(Person, editor.current_id())
    assert (person.full_name, person.latin_name, person.languages) == (
        "Ігор Терехов", "Ihor Terekhov", "uk, en")

    table = editor.affiliations
    row = table.new_row()
    type_into(qtbot, table.cell(row, 1), "Mayor")  # no organisation yet: nothing written
    assert rows(workspace, Affiliation) == []
    pick(qtbot, table.cell(row, 0), "Kharkiv")
    settle(qtbot)
    [affiliation] = rows(workspace, Affiliation)
    assert (affiliation.person_id, affiliation.organization_id, affiliation.position) == (
        person.id, kharkiv, "Mayor")
    row = 0
    type_into(qtbot, table.cell(row, 2), "2010-10-31")
    type_into(qtbot, table.cell(row, 3), "2009-01-01")
    assert "cannot end before it starts" in table.error.text()
    assert table.cell(row, 3).edit.text() == "2009-01-01"
    assert rows(workspace, Affiliation)[0].end_on is None
    type_into(qtbot, table.cell(row, 3), "")
    assert rows(workspace, Affiliation)[0].start_on == date(2010, 10, 31)

    contacts = editor.contacts
    row = contacts.new_row()
    choose(qtbot, contacts.cell(row, 0), "Signal")
    type_into(qtbot, contacts.cell(row, 1), "+380 50 123 4567")
    type_into(qtbot, contacts.cell(row, 2), "personal")
    settle(qtbot)
    [contact] = rows(workspace, ContactPoint, person_id=person.id)
    assert (contact.kind, contact.value, contact.label) == ("signal", "+380 50 123 4567",
                                                            "personal")


def test_an_agreement_with_parties_signatories_and_commitments(
        context, workspace, orgs, qtbot):
    kharkiv, plunge = orgs
    terekhov = workspace.create(Person, full_name="Ігор Терехов", latin_name="Ihor Terekhov")
    editor = open_editor("agreement", context, qtbot)
    type_into(qtbot, editor.title, "Memorandum of Cooperation")
    agreement_id = editor.current_id()
    assert not editor.signatories.cell(0, 1).combo.count()  # no parties to sign for yet

    parties = editor.parties
    pick(qtbot, parties.cell(parties.new_row(), 0), "Kharkiv")
    settle(qtbot)
    pick(qtbot, parties.cell(parties.new_row(), 0), "Plunge")
    settle(qtbot)
    choose(qtbot, parties.cell(1, 1), "Coordinator")
    settle(qtbot)
    assert [(p.organization_id, p.role) for p in rows(workspace, AgreementParty)] == [
        (kharkiv, "party"), (plunge, "coordinator")]

    signatories = editor.signatories
    row = signatories.new_row()
    pick(qtbot, signatories.cell(row, 0), "Terekhov")
    settle(qtbot)
    [signatory] = rows(workspace, Signatory)
    assert (signatory.person_id, signatory.organization_id) == (terekhov.id, kharkiv)
    # The parties are named in the interface language (English): each in its own, tagged.
    choose(qtbot, signatories.cell(0, 1), "Plungės rajono savivaldybė · lt")
    type_into(qtbot, signatories.cell(0, 2), "Mayor of Kharkiv")
    settle(qtbot)
    [signatory] = rows(workspace, Signatory)
    assert (signatory.organization_id, signatory.title_at_signing) == (plunge,
                                                                       "Mayor of Kharkiv")

    commitments = editor.commitments
    row = commitments.new_row()
    type_into(qtbot, commitments.cell(row, 0), "Exchange lists of needs")
    settle(qtbot)
    choose(qtbot, commitments.cell(0, 1), "Харківська міська рада · uk")
    pick(qtbot, commitments.cell(0, 2), "Terekhov")
    type_into(qtbot, commitments.cell(0, 3), "01.10.2026")
    choose(qtbot, commitments.cell(0, 4), "In progress")
    settle(qtbot)
    [commitment] = rows(workspace, Commitment)
    assert (commitment.description, commitment.party_id, commitment.owner_id,
            commitment.due_on, commitment.status) == (
        "Exchange lists of needs", kharkiv, terekhov.id, date(2026, 10, 1), "in_progress")

    # A signed agreement needs its date: the message appears beside "Signed on".
    choose(qtbot, editor.status, "Signed")
    assert "date of signing" in editor.signed_on.error.text()
    assert workspace.get(Agreement, agreement_id).status == "draft"
    type_into(qtbot, editor.signed_on, "2026-02-11")  # then "Signed" goes through too
    assert editor.status.combo.currentText() == "Signed"
    assert not editor.signed_on.error.isVisibleTo(editor)
    agreement = workspace.get(Agreement, agreement_id)
    assert (agreement.status, agreement.signed_on) == ("signed", date(2026, 2, 11))


def test_priority_areas_attachments_sources_and_linked_projects_of_an_agreement(
        context, workspace, tmp_path, qtbot):
    energy = workspace.create(PriorityArea, name="Energy resilience")
    project = workspace.create(Project, title="Generators for Kharkiv")
    editor = open_editor("agreement", context, qtbot)
    type_into(qtbot, editor.title, "Memorandum")
    agreement_id = editor.current_id()

    editor.priority_areas.set_checked("Energy resilience", True)
    settle(qtbot)
    [link] = rows(workspace, AgreementPriorityArea)
    assert (link.agreement_id, link.priority_area_id) == (agreement_id, energy.id)
    editor.priority_areas.set_checked("Energy resilience", False)
    settle(qtbot)
    assert rows(workspace, AgreementPriorityArea) == []

    pick(qtbot, editor.projects.cell(0, 0), "Generators")
    settle(qtbot)
    [linked] = rows(workspace, ProjectAgreement)
    assert (linked.agreement_id, linked.project_id) == (agreement_id, project.id)

    scan = tmp_path / "memorandum-scan.txt"
    scan.write_text("signed copy", encoding="utf-8")
    assert editor.attachments.add_file(scan)
    settle(qtbot)
    [attachment] = rows(workspace, Attachment, owner_id=agreement_id)
    assert attachment.filename == "memorandum-scan.txt"
    editor.attachments.list.setCurrentRow(0)
    opened = editor.attachments.export_selected()
    assert Path(opened).read_text(encoding="utf-8") == "signed copy"
    assert not editor.attachments.add_file(tmp_path / "missing.pdf")
    assert "no file" in editor.attachments.error.text()

    sources = editor.sources
    type_into(qtbot, sources.cell(0, 0), "Press release")
    settle(qtbot)
    type_into(qtbot, sources.cell(0, 1), "https://example.org/news")
    settle(qtbot)
    [source] = rows(workspace, Source, owner_id=agreement_id)
    assert (source.owner_kind, source.title, source.url) == (
        "agreement", "Press release", "https://example.org/news")


def test_a_project_with_budget_partner_and_an_aid_delivery(context, workspace, orgs, qtbot):
    kharkiv, plunge = orgs
    editor = open_editor("project", context, qtbot)
    type_into(qtbot, editor.title, "Generators for Kharkiv")
    project_id = editor.current_id()
    type_into(qtbot, editor.budget.code, "eur")
    type_into(qtbot, editor.budget, "186 000,50")
    project = workspace.get(Project, project_id)
    assert (project.budget_minor, project.currency) == (18600050, "EUR")
    type_into(qtbot, editor.budget, "lots")
    assert "not an amount of money" in editor.budget.error.text()
    assert workspace.get(Project, project_id).budget_minor == 18600050
    type_into(qtbot, editor.budget, "186000.50")
    assert not editor.budget.error.isVisibleTo(editor)
    pick(qtbot, editor.location, "Kharkiv")
    assert workspace.get(Project, project_id).location_id == kharkiv

    partners = editor.partners
    pick(qtbot, partners.cell(0, 0), "Plunge")
    settle(qtbot)
    choose(qtbot, partners.cell(0, 1), "Donor")
    type_into(qtbot, partners.cell(0, 2), "52000")
    settle(qtbot)
    [partner] = rows(workspace, Project.partners.property.mapper.class_, project_id=project_id)
    assert (partner.organization_id, partner.role, partner.contribution_minor) == (
        plunge, "donor", 5200000)

    deliveries = editor.deliveries
    row = deliveries.new_row()
    type_into(qtbot, deliveries.cell(row, 0), "Diesel generators")
    type_into(qtbot, deliveries.cell(row, 1), "0")
    assert "more than zero" in deliveries.error.text()
    assert rows(workspace, AidDelivery) == []
    type_into(qtbot, deliveries.cell(row, 1), "40")
    settle(qtbot)
    [delivery] = rows(workspace, AidDelivery)
    type_into(qtbot, deliveries.cell(0, 2), "pcs")
    pick(qtbot, deliveries.cell(0, 3), "Plunge")
    pick(qtbot, deliveries.cell(0, 4), "Kharkiv")
    type_into(qtbot, deliveries.cell(0, 5), "2025-12-18")
    settle(qtbot)
    [delivery] = rows(workspace, AidDelivery)
    assert (delivery.project_id, delivery.item, delivery.quantity, delivery.unit,
            delivery.from_id, delivery.to_id, delivery.delivered_on) == (
        project_id, "Diesel generators", 40.0, "pcs", plunge, kharkiv, date(2025, 12, 18))

    # Removing a row is a tombstone; undo brings it back into the table.
    deliveries.binders[0]  # the row exists
    deliveries.remove_button(0).click()
    settle(qtbot)
    assert rows(workspace, AidDelivery) == []
    assert deliveries.new_row() == 0  # only the blank row is left
    assert deliveries.table.isRowHidden(1 * deliveries.shape.lines)  # the second record
    context.undo_stack.undo()
    settle(qtbot)
    assert len(rows(workspace, AidDelivery)) == 1
    assert deliveries.cell(0, 0).edit.text() == "Diesel generators"


def test_an_activity_needs_title_and_date_and_takes_people_or_organisations(
        context, workspace, orgs, qtbot):
    kharkiv, _plunge = orgs
    person = workspace.create(Person, full_name="Audrius Klišonis")
    editor = open_editor("activity", context, qtbot)
    type_into(qtbot, editor.title, "Signing in Kharkiv")
    assert editor.current_id() is None  # a date is needed too
    type_into(qtbot, editor.occurs_on, "11.02.2026")
    activity = workspace.get(Activity, editor.current_id())
    assert (activity.title, activity.occurs_on) == ("Signing in Kharkiv", date(2026, 2, 11))

    table = editor.participants
    pick(qtbot, table.cell(0, 0), "Klisonis")
    settle(qtbot)
    pick(qtbot, table.cell(table.new_row(), 0), "Kharkiv")
    settle(qtbot)
    participants = rows(workspace, ActivityParticipant, activity_id=activity.id)
    assert [(p.person_id, p.organization_id) for p in participants] == [
        (person.id, None), (None, kharkiv)]


def test_dates_show_in_the_readers_format_and_a_bad_date_is_refused(
        context, workspace, qtbot):
    editor = open_editor("agreement", context, qtbot)
    type_into(qtbot, editor.title, "Memorandum")
    type_into(qtbot, editor.signed_on, "2026-02-11")
    settle(qtbot)
    editor.title.edit.setFocus()
    settle(qtbot)
    assert editor.signed_on.edit.text() == "11 Feb 2026"
    type_into(qtbot, editor.expires_on, "someday")
    assert "is not a date" in editor.expires_on.error.text()
    assert workspace.get(Agreement, editor.current_id()).expires_on is None


def test_a_cyrillic_name_is_offered_its_official_latin_spelling(context, workspace, qtbot):
    editor = open_editor("person", context, qtbot)
    type_into(qtbot, editor.full_name, "Ігор Терехов")
    settle(qtbot)
    assert editor.use_latin.isVisibleTo(editor)
    editor.use_latin.click()
    settle(qtbot)
    assert workspace.get(Person, editor.current_id()).latin_name == "Ihor Terekhov"
    assert not editor.use_latin.isVisibleTo(editor)
    latin = open_editor("person", context, qtbot)
    type_into(qtbot, latin.full_name, "Audrius Klišonis")
    settle(qtbot)
    assert not latin.use_latin.isVisibleTo(latin)


def test_a_long_table_shows_its_first_rows_then_all_on_request(context, workspace, qtbot):
    org = workspace.create(Organization, name="Association of Frontline Cities")
    with workspace.edit() as edit:
        for number in range(30):
            person = edit.create(Person, full_name=f"Member {number:02d}")
            edit.create(Affiliation, person_id=person.id, organization_id=org.id,
                        position="Mayor")
    editor = open_editor("organization", context, qtbot)
    editor.show_record(org.id)
    table = editor.people
    assert table.new_row() == FIRST_ROWS
    # Each row names its own person, the names all read in one go.
    assert [table.cell(row, 0).edit.text() for row in range(FIRST_ROWS)] == [
        f"Member {number:02d}" for number in range(FIRST_ROWS)]
    assert table.more.isVisibleTo(editor)
    assert str(30 - FIRST_ROWS) in table.more.text()
    table.more.click()
    assert table.new_row() == 30
    assert not table.more.isVisibleTo(editor)
    assert table.cell(29, 0).edit.text() == "Member 29"


def test_rows_hidden_by_a_blank_form_show_nothing_of_their_last_record(
        context, workspace, qtbot):
    big = workspace.create(Organization, name="Association of Frontline Cities")
    small = workspace.create(Organization, name="Plungė District Municipality")
    with workspace.edit() as edit:
        for number in range(5):
            person = edit.create(Person, full_name=f"Member {number}")
            edit.create(Affiliation, person_id=person.id, organization_id=big.id,
                        position="Mayor")
        edit.create(Affiliation, person_id=edit.create(Person, full_name="Ona").id,
                    organization_id=small.id, position="Adviser")
    editor = open_editor("organization", context, qtbot)
    editor.show_record(big.id)
    editor.show_record(None)
    editor.show_record(small.id)
    table = editor.people
    assert table.new_row() == 1
    assert table.cell(0, 0).edit.text() == "Ona"
    assert table.cell(0, 1).edit.text() == "Adviser"
    blank = [table.cell(1, column) for column in range(4)]
    assert [cell.edit.text() for cell in blank] == ["", "", "", ""]
    editor.people.flush()
    editor.show_record(big.id)
    assert len(rows(workspace, Affiliation)) == 6  # nothing written by the hidden rows


def test_a_party_not_yet_in_the_database_is_added_from_the_picker(context, workspace, qtbot):
    editor = open_editor("agreement", context, qtbot)
    type_into(qtbot, editor.title, "Memorandum")
    pick(qtbot, editor.parties.cell(0, 0), "Kaunas City Municipality",
         title="Add a new organisation")
    settle(qtbot)
    [org] = rows(workspace, Organization)
    assert org.name == "Kaunas City Municipality"
    [party] = rows(workspace, AgreementParty)
    assert party.organization_id == org.id
    assert editor.parties.cell(0, 0).edit.text() == "Kaunas City Municipality"
