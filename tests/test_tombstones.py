"""A deleted record does not show through any relation: not in `show`, search, report
facts, lists or the dashboard, whichever end of a link was deleted, and it shows
again once it is brought back. Every foreign key of every model is walked, so a
relation added later is checked too (tests/support/linked_world.py must fill it).

Before, a deleted person still took part in activities (found by search under their
name, listed by `show activities`) and a deleted organisation still partnered in
projects."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from coordinator_app.core.errors import ValidationError
from support.linked_world import build, foreign_keys, views


@pytest.fixture
def world(workspace):
    return build(workspace)


def appears(marker: str, text: str) -> bool:
    # The search index holds text folded to lower case.
    return marker.lower() in text.lower()


def where(marker: str, shown: dict[str, str], world) -> list[str]:
    return [world.marker(record_id) or record_id or "lists, dashboard or briefing"
            for record_id, text in shown.items() if appears(marker, text)]


def test_the_world_fills_every_foreign_key_of_every_model(world):
    with world.workspace.read() as session:
        for cls, key, _target in foreign_keys():
            column = getattr(cls, key)
            assert session.scalar(select(func.count()).where(column.is_not(None))), (
                f"{cls.__name__}.{key} is empty in the linked world: fill it there")


def test_every_marker_shows_while_everything_is_live(world):
    everything = "\n".join(views(world.workspace, set(world.markers)).values())
    for marker in world.markers.values():
        assert appears(marker, everything), marker


def test_a_deleted_record_shows_through_no_relation_and_returns_when_restored(world):
    targets: dict[str, tuple[type, list[str]]] = {}
    with world.workspace.read() as session:
        for cls, holder_id in world.holders:
            holder = session.get(cls, holder_id)
            for c, key, target_cls in foreign_keys():
                if c is cls and getattr(holder, key):
                    targets.setdefault(getattr(holder, key), (target_cls, []))[1].append(
                        f"{cls.__name__}.{key}")
    problems = []
    for target_id, (target_cls, relations) in targets.items():
        marker, cluster = world.marker(target_id), world.cluster(target_id)
        world.set_deleted(target_cls, target_id, True)
        shown = views(world.workspace, cluster)
        if any(appears(marker, text) for text in shown.values()):
            problems.append(f"deleted {target_cls.__name__} {marker} (through "
                            f"{', '.join(relations)}) shows in: {where(marker, shown, world)}")
        world.set_deleted(target_cls, target_id, False)
        shown = views(world.workspace, cluster)
        assert any(appears(marker, text) for text in shown.values()), (
            f"{target_cls.__name__} {marker} does not show again once restored")
    assert not problems, "\n".join(problems)


def test_a_deleted_link_shows_neither_end_from_the_other(world):
    pairs = world.linked_pairs()
    problems = []
    for cls, holder_id in world.holders:
        world.set_deleted(cls, holder_id, True)
        shown = views(world.workspace, world.cluster(holder_id))
        own = world.marker(holder_id)
        if own and any(appears(own, text) for text in shown.values()):
            problems.append(f"deleted {cls.__name__} {own} shows in: {where(own, shown, world)}")
        ends = world.ends(holder_id)
        for viewer in ends:
            for other in ends:
                marker = world.marker(other)
                if other == viewer or marker is None or pairs.get((viewer, other)) != 1:
                    continue  # another record links these two as well
                if appears(marker, shown.get(viewer, "")):
                    problems.append(f"{world.marker(viewer)} still shows {marker} through a "
                                    f"deleted {cls.__name__}")
        world.set_deleted(cls, holder_id, False)
    assert not problems, "\n".join(problems)


def test_a_deleted_person_and_organisation_leave_activities_and_projects(
        workspace, db_path, capsys):
    from coordinator_app.cli import main
    from coordinator_app.core.records.models import (
        Activity,
        ActivityParticipant,
        Organization,
        Person,
        Project,
        ProjectPartner,
    )

    with workspace.edit() as edit:
        person = edit.create(Person, full_name="Oksana Hrytsenko")
        org = edit.create(Organization, name="Zhytomyr City Council")
        visit = edit.create(Activity, title="Visit to Plunge", occurs_on="2026-03-02")
        edit.create(ActivityParticipant, activity_id=visit.id, person_id=person.id)
        edit.create(ActivityParticipant, activity_id=visit.id, organization_id=org.id)
        heaters = edit.create(Project, title="Heaters for schools", lead_id=org.id)
        edit.create(ProjectPartner, project_id=heaters.id, organization_id=org.id)

    def cli_json(*args):
        assert main(["--db", str(db_path), *args, "--json"]) == 0
        return json.loads(capsys.readouterr().out)

    assert cli_json("show", "activities", "Visit to Plunge")["participants"] == [
        "Oksana Hrytsenko", "Zhytomyr City Council"]
    workspace.delete(Person, person.id)
    workspace.delete(Organization, org.id)
    assert cli_json("search", "Hrytsenko") == []
    assert cli_json("search", "Zhytomyr") == []
    assert cli_json("show", "activities", "Visit to Plunge")["participants"] == []
    project = cli_json("show", "projects", "Heaters for schools")
    assert project["partners"] == [] and project["lead"] is None

    # The project stays editable, and the deleted organisation cannot be chosen anew.
    workspace.update(Project, heaters.id, title="Heaters for Zhytomyr schools")
    with pytest.raises(ValidationError, match="no longer exists"):
        workspace.create(ProjectPartner, project_id=heaters.id, organization_id=org.id)

    workspace.restore(Person, person.id)
    workspace.restore(Organization, org.id)
    assert [hit["id"] for hit in cli_json("search", "Hrytsenko")] == [person.id, visit.id]
    assert cli_json("show", "projects", heaters.id)["partners"] == [
        {"organization": "Zhytomyr City Council", "role": "partner"}]
