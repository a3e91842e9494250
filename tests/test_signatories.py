"""An agreement's signatories: whom each signs for, as the form offers it."""

from __future__ import annotations

import re

import pytest

from coordinator_app.core.records.models import Agreement, AgreementParty, Organization, Person, Signatory
from coordinator_app.ui.editors import editor_for
from support.editors import settle, type_into

ID_LIKE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}")


@pytest.fixture
def editor(context, qtbot):
    editor = editor_for("agreement")(context)
    qtbot.addWidget(editor)
    editor.resize(1000, 900)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def signed_agreement(workspace) -> str:
    with workspace.edit() as edit:
        kharkiv = edit.create(Organization, name="Kharkiv City Council")
        terekhov = edit.create(Person, full_name="Ігор Терехов")
        agreement = edit.create(Agreement, title="Memorandum of Cooperation")
        edit.create(AgreementParty, agreement_id=agreement.id, organization_id=kharkiv.id)
        edit.create(Signatory, agreement_id=agreement.id, person_id=terekhov.id,
                    organization_id=kharkiv.id)
    return agreement.id


def offered(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_a_new_agreement_offers_no_party_it_does_not_have(editor, workspace, qtbot):
    editor.show_record(signed_agreement(workspace))
    settle(qtbot)
    editor.show_record(None)
    type_into(qtbot, editor.title, "Letter of intent")
    settle(qtbot)
    signs_for = editor.signatories.cell(editor.signatories.new_row(), 1).combo
    assert not any(ID_LIKE.search(text) for text in offered(signs_for)), offered(signs_for)
    assert offered(signs_for) == []



def test_a_signatory_signs_for_their_own_party_with_their_position(editor, workspace, qtbot):
    from coordinator_app.core.records.models import Affiliation
    from support.editors import pick

    with workspace.edit() as edit:
        kharkiv = edit.create(Organization, name="Kharkiv City Council")
        plunge = edit.create(Organization, name="Plungės rajono savivaldybė")
        klisonis = edit.create(Person, full_name="Audrius Klišonis")
        edit.create(Affiliation, person_id=klisonis.id, organization_id=plunge.id,
                    position="Mayor of Plungė")
        agreement = edit.create(Agreement, title="Memorandum of Cooperation")
        for party in (kharkiv, plunge):  # Kharkiv first: the choice offered first
            edit.create(AgreementParty, agreement_id=agreement.id, organization_id=party.id)
    editor.show_record(agreement.id)
    settle(qtbot)
    table = editor.signatories
    pick(qtbot, table.cell(table.new_row(), 0), "Klisonis")
    settle(qtbot)
    with workspace.read() as session:
        from sqlalchemy import select

        [signatory] = session.scalars(select(Signatory)).all()
        assert (signatory.organization_id, signatory.title_at_signing) == (
            plunge.id, "Mayor of Plungė")
