"""Units of measure read in the reader's language: "60 pcs" is "60 шт." in the
Ukrainian window and "60 vnt." in a Lithuanian report, whichever language the unit
was typed in; a unit outside the vocabulary reads as typed."""

from __future__ import annotations

import pytest

from coordinator_app import i18n
from coordinator_app.core.records import units
from coordinator_app.core.records.models import Need, Organization, Pledge
from coordinator_app.core.views import needs
from coordinator_app.core.views.listing import ListQuery, page


@pytest.mark.parametrize("typed", ["pcs", "шт.", "Шт", "vnt.", "VNT"])
def test_a_unit_typed_in_any_language_reads_in_the_reader_s(typed):
    assert units.code(typed) == "pcs"
    assert (units.label(typed, "uk"), units.label(typed, "lt"),
            units.label(typed, "en")) == ("шт.", "vnt.", "pcs")


def test_a_unit_stored_as_its_code_reads_without_every_languages_catalogue(monkeypatch):
    # The first window shows needs' units: reading the catalogues of the languages it
    # does not speak cost it some 15 ms.
    monkeypatch.setattr(i18n, "_catalogues", {})
    units._codes.cache_clear()
    try:
        assert units.label("pcs", "uk") == "шт."
        assert "lt" not in i18n._catalogues
    finally:
        units._codes.cache_clear()


def test_a_unit_outside_the_vocabulary_reads_as_typed():
    assert units.code("kits of 10") == "kits of 10"
    assert units.label("kits of 10", "uk") == "kits of 10"
    assert units.label(None, "uk") == ""


def test_needs_read_their_unit_in_the_interface_language(workspace):
    with workspace.edit("need") as edit:
        kharkiv = edit.create(Organization, name="Харківська міська рада").id
        plunge = edit.create(Organization, name="Plungės rajono savivaldybė").id
        need = edit.create(Need, organization_id=kharkiv, item="Генератори", quantity=60,
                           unit="pcs")
        edit.create(Pledge, need_id=need.id, organization_id=plunge, quantity=40)
    i18n.set_language("uk")
    query = ListQuery("need")
    column = [c.key for c in query.spec.columns].index("quantity")
    with workspace.read() as session:
        assert page(session, query, 0, 10)[0].cells[column] == "60 шт."
        (found,) = needs.of_organization(session, kharkiv)
        assert needs.uncovered_text(found) == "20 з 60 шт."
        (pledged,) = needs.pledged_by(session, plunge)
    assert pledged.community == "Харківська міська рада"


def test_the_unit_field_shows_the_interface_language_and_keeps_the_code(qtbot):
    from coordinator_app.ui.widgets.fields import UnitField

    i18n.set_language("uk")
    field = UnitField("unit")
    qtbot.addWidget(field)
    field.set_values({"unit": "pcs"})
    assert field.edit.text() == "шт."
    assert field.values() == {"unit": "pcs"}  # unchanged: nothing to save
    field.edit.setText("vnt.")
    assert field.values() == {"unit": "pcs"}
    field.edit.setText("kits of 10")
    assert field.values() == {"unit": "kits of 10"}
    field.set_values({"unit": "kits of 10"}, force=True)
    assert field.edit.text() == "kits of 10"


def test_a_delivery_reads_its_item_and_unit_in_the_report_s_language(demo_workspace):
    """The demo's generators to Kharkiv, as a Ukrainian and a Lithuanian briefing pack
    list them; the item is kept in each language like a need's."""
    from sqlalchemy import select

    from coordinator_app.core.records.models import Project
    from coordinator_app.reports.facts import project_fact

    with demo_workspace.read() as session:
        project = session.scalar(select(Project).where(Project.title.like("Generators%")))
        ukrainian = project_fact(session, project, "uk").deliveries
        lithuanian = project_fact(session, project, "lt").deliveries
    assert ("Дизельні генератори 30 кВт", "шт.") in {(d.item, d.unit) for d in ukrainian}
    assert ("Dyzeliniai generatoriai 30 kW", "vnt.") in {(d.item, d.unit) for d in lithuanian}
    assert ("Дизельне пальне", "л") in {(d.item, d.unit) for d in ukrainian}
