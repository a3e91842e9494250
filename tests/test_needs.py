"""Needs and pledges: what a community needs, what partners pledge, what is still
uncovered; on the dashboard, in search, in the organisation's editor, on paper."""

from __future__ import annotations

from datetime import date

import pytest

from coordinator_app.core.views import needs, records
from coordinator_app.core.sample.demo import KHARKIV
from coordinator_app.core.errors import ValidationError
from coordinator_app.core.records.models import AidDelivery, Need, Organization, Pledge, Project
from coordinator_app.core.search.query import search


@pytest.fixture
def kharkiv(workspace):
    return workspace.create(Organization, name=KHARKIV, country="UA").id


@pytest.fixture
def plunge(workspace):
    return workspace.create(Organization, name="Plungės rajono savivaldybė", country="LT").id


def _need(workspace, community, **values):
    values = {"item": "Diesel generators 30 kW", "quantity": 60, "unit": "pcs", **values}
    return workspace.create(Need, organization_id=community, **values).id


def test_what_is_pledged_and_delivered_leaves_the_rest_uncovered(workspace, kharkiv, plunge):
    need_id = _need(workspace, kharkiv)
    pledge = workspace.create(Pledge, need_id=need_id, organization_id=plunge, quantity=40)
    project = workspace.create(Project, title="Generators for Kharkiv")
    workspace.create(AidDelivery, project_id=project.id, item="Diesel generators 30 kW",
                     quantity=25, unit="pcs", pledge_id=pledge.id)
    gone = workspace.create(Pledge, need_id=need_id, organization_id=plunge, quantity=15)
    workspace.delete(Pledge, gone.id)  # a deleted pledge covers nothing

    with workspace.read() as session:
        [found] = needs.of_organization(session, kharkiv)
        assert (found.pledged, found.delivered, found.uncovered) == (40, 25, 20)
        assert needs.uncovered_text(found) == "20 of 60 pcs"
        [line] = needs.pledged_by(session, plunge)
        # Named as the English window reads it: the original, tagged with its language.
        assert (line.need_id, line.quantity, line.community) == (need_id, 40, f"{KHARKIV} · uk")


def test_open_needs_come_most_urgent_first_and_finished_ones_drop_out(workspace, kharkiv):
    normal = _need(workspace, kharkiv, item="Heaters", priority="normal",
                   needed_by=date(2026, 1, 1))
    urgent = _need(workspace, kharkiv, item="Generators", priority="urgent",
                   needed_by=date(2026, 3, 1))
    _need(workspace, kharkiv, item="Blankets", status="delivered")
    _need(workspace, kharkiv, item="Water", status="cancelled")
    with workspace.read() as session:
        assert [n.id for n in needs.in_progress(session)] == [urgent, normal]


def test_open_needs_read_in_the_reader_s_language_the_original_tagged_where_missing(
        workspace, kharkiv):
    _need(workspace, kharkiv, **{"item.uk": "Дизельні генератори 30 кВт"})
    with workspace.read() as session:
        ukrainian, = needs.in_progress(session, lang="uk")
        lithuanian, = needs.in_progress(session, lang="lt")
    assert (ukrainian.item, ukrainian.community) == ("Дизельні генератори 30 кВт", KHARKIV)
    assert lithuanian.item == "Diesel generators 30 kW · en"
    assert lithuanian.community == f"{KHARKIV} · uk"


def test_a_need_is_refused_whole_when_a_value_is_wrong(workspace, kharkiv):
    with pytest.raises(ValidationError, match="more than zero"):
        _need(workspace, kharkiv, quantity=0)
    with pytest.raises(ValidationError, match="is not one of"):
        _need(workspace, kharkiv, status="maybe")
    with workspace.read() as session:
        assert needs.of_organization(session, kharkiv) == []


def test_a_community_with_needs_is_not_deleted_from_under_them(workspace, kharkiv):
    _need(workspace, kharkiv)
    with pytest.raises(ValidationError, match="has this need, or a pledge to it, recorded"):
        workspace.delete(Organization, kharkiv)


def test_deleting_a_need_takes_its_pledges_and_undo_brings_them_back(workspace, kharkiv,
                                                                     plunge):
    need_id = _need(workspace, kharkiv)
    workspace.create(Pledge, need_id=need_id, organization_id=plunge, quantity=40)
    workspace.delete(Need, need_id)
    with workspace.read() as session:
        assert needs.pledged_by(session, plunge) == []
    workspace.undo(workspace.last_change_set)
    with workspace.read() as session:
        assert [p.quantity for p in needs.pledged_by(session, plunge)] == [40]


def test_search_finds_a_need_by_item_and_by_its_community_renamed(workspace, kharkiv):
    need_id = _need(workspace, kharkiv)
    with workspace.read() as session:
        hits = search(session, "generators", kinds=["need"])
        assert [h.id for h in hits] == [need_id] and KHARKIV in hits[0].subtitle
    workspace.update(Organization, kharkiv, name="Kharkiv City Council")
    with workspace.read() as session:
        assert [h.id for h in search(session, "Kharkiv City", kinds=["need"])] == [need_id]


def test_show_lists_a_needs_pledges_by_organisation(workspace, kharkiv, plunge):
    need_id = _need(workspace, kharkiv)
    workspace.create(Pledge, need_id=need_id, organization_id=plunge, quantity=40,
                     expected_on=date(2025, 12, 18))
    with workspace.read() as session:
        shown = records.describe(session, session.get(Need, need_id))
    assert shown["organization"] == KHARKIV
    assert shown["pledges"] == [{"organization": "Plungės rajono savivaldybė", "quantity": 40.0,
                                 "expected_on": "2025-12-18", "notes": None}]


def test_the_demo_has_the_generators_and_heaters_needs_of_the_memorandum(demo_workspace):
    with demo_workspace.read() as session:
        found = needs.coverage(session, lang="uk")
    items = {(n.community, n.item) for n in found}
    assert (KHARKIV, "Дизельні генератори 30 кВт") in items
    assert any("обігрівачі" in item for _community, item in items)
    generators = next(n for n in found if n.community == KHARKIV and "30 кВт" in n.item)
    assert (generators.pledged, generators.delivered, generators.uncovered) == (40, 40, 20)


def test_the_organisation_editor_lists_its_needs_and_its_pledges(demo_context, qtbot):
    from support.editors import open_editor

    with demo_context.workspace.read() as session:
        kharkiv = records.resolve(session, Organization, KHARKIV).id
        plunge = records.resolve(session, Organization, "Plungės rajono savivaldybė").id
    editor = open_editor("organization", demo_context, qtbot)
    editor.show_record(kharkiv)
    qtbot.waitUntil(lambda: editor.needs.list.count() >= 2)
    shown = [editor.needs.list.item(i).text() for i in range(editor.needs.list.count())]
    assert any("Diesel generators 30 kW" in line and "20 of 60 pcs" in line for line in shown)
    editor.show_record(plunge)
    qtbot.waitUntil(lambda: "Diesel generators 30 kW" in editor.pledges.list.item(0).text())


def test_the_need_editor_says_how_far_the_need_is_covered(context, qtbot, kharkiv, plunge):
    from support.editors import open_editor, settle

    need_id = _need(context.workspace, kharkiv)
    editor = open_editor("need", context, qtbot)
    editor.show_record(need_id)
    assert editor.coverage.text() == "Pledged 0 pcs, delivered 0 pcs; still uncovered: 60 of 60 pcs"
    context.apply("Pledge", lambda edit: edit.create(Pledge, need_id=need_id,
                                                     organization_id=plunge, quantity=40))
    settle(qtbot)
    qtbot.waitUntil(lambda: "20 of 60 pcs" in editor.coverage.text())


def test_a_delivery_typed_in_a_project_fulfils_the_pledge_chosen(context, qtbot, kharkiv,
                                                                  plunge):
    from support.editors import choose, open_editor, settle, type_into

    need_id = _need(context.workspace, kharkiv)
    pledge = context.workspace.create(Pledge, need_id=need_id, organization_id=plunge,
                                      quantity=40)
    project = context.workspace.create(Project, title="Generators for Kharkiv")
    editor = open_editor("project", context, qtbot)
    editor.show_record(project.id)
    deliveries = editor.deliveries
    row = deliveries.new_row()
    type_into(qtbot, deliveries.cell(row, 0), "Diesel generators 30 kW")
    type_into(qtbot, deliveries.cell(row, 1), "25")
    settle(qtbot)
    offered = ("Plungės rajono savivaldybė · lt → Харківська міська рада · uk: "
               "Diesel generators 30 kW, 40 pcs")
    choose(qtbot, deliveries.cell(0, 7), offered)
    settle(qtbot)
    with context.workspace.read() as session:
        [delivery] = session.query(AidDelivery).all()
        assert delivery.pledge_id == pledge.id
        assert needs.of_need(session, need_id).delivered == 25
