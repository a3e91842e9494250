"""Deleting a record that others still need: the editor says why before asking
anything, in sentences, with the records in the way a click away."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from coordinator_app.core.records.models import Agreement, AgreementParty, Organization, Signatory
from coordinator_app.ui.in_the_way import InTheWayDialog
from support.windows import active_window, open_in
from support.dialogs import when_a_dialog_opens
from support.editors import settle


def a_party(workspace) -> tuple[str, list[str]]:
    """An organisation of the demo that is a party to agreements, and their ids."""
    with workspace.read() as session:
        org_id = session.scalar(
            select(AgreementParty.organization_id).join(
                Organization, Organization.id == AgreementParty.organization_id)
            .where(Organization.name.like("Plung%")))
        agreements = list(session.scalars(select(AgreementParty.agreement_id).where(
            AgreementParty.organization_id == org_id, AgreementParty.deleted_at.is_(None))))
    return org_id, agreements




def test_deleting_a_party_says_why_not_with_links_before_asking(qtbot, demo_workspace):
    window = active_window(qtbot, demo_workspace)
    org_id, agreements = a_party(demo_workspace)
    assert agreements
    editor = open_in(qtbot, window, "organization", org_id)
    texts: list[str] = []

    def read_and_close(dialog) -> None:
        texts.append(dialog.text.text() if isinstance(dialog, InTheWayDialog) else "")
        dialog.reject()

    seen = when_a_dialog_opens(read_and_close)
    assert not editor.delete_current()
    qtbot.waitUntil(lambda: bool(seen))
    assert isinstance(seen[0], InTheWayDialog)  # not a Yes/No question
    [text] = texts
    assert "organization.id" not in text
    assert "is a party to" in text and text.rstrip("</p>").endswith("first.")
    for agreement_id in agreements:
        assert f'href="agreement/{agreement_id}"' in text
    assert demo_workspace.get(Organization, org_id).deleted_at is None


def test_a_link_in_the_refusal_opens_the_agreement(qtbot, demo_workspace):
    window = active_window(qtbot, demo_workspace)
    org_id, agreements = a_party(demo_workspace)
    editor = open_in(qtbot, window, "organization", org_id)
    seen = when_a_dialog_opens(lambda dialog: dialog.text.linkActivated.emit(
        f"agreement/{agreements[0]}"))
    editor.delete_current()
    qtbot.waitUntil(lambda: bool(seen))
    settle(qtbot)
    assert window.current_page_name() == "agreement"
    assert window.list_pages["agreement"].editor.current_id() == agreements[0]


def test_a_record_nothing_needs_is_still_asked_about(qtbot, demo_workspace):
    window = active_window(qtbot, demo_workspace)
    with demo_workspace.edit() as edit:
        lone = edit.create(Organization, name="Nobody's partner")
    editor = open_in(qtbot, window, "organization", lone.id)
    seen = when_a_dialog_opens(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    assert editor.delete_current()
    assert isinstance(seen[0], QMessageBox)
    assert demo_workspace.get(Organization, lone.id, deleted=True).deleted_at is not None


def test_removing_a_party_row_that_signs_says_why_without_a_field_name(qtbot, demo_workspace):
    window = active_window(qtbot, demo_workspace)
    with demo_workspace.read() as session:
        signatory = session.scalars(select(Signatory)).first()
        party = session.scalar(select(AgreementParty.id).where(
            AgreementParty.agreement_id == signatory.agreement_id,
            AgreementParty.organization_id == signatory.organization_id))
        agreement_id = signatory.agreement_id
    editor = open_in(qtbot, window, "agreement", agreement_id)
    editor.parties.remove(party)
    message = editor.parties.error.text()
    assert message == ("This party still has signatories or commitments in the agreement. "
                       "Remove those first.")
    assert demo_workspace.get(Agreement, agreement_id).deleted_at is None
