"""Amounts between laptops on either side of migration 0016 (currencies' digits from
CLDR): operations keep amounts in the former units, so a forint budget means the same
sum on a laptop not yet upgraded, on an upgraded one, and in the operations a copy held
before it upgraded."""

from __future__ import annotations

import json

from sqlalchemy import event, select

from coordinator_app.core.records.models import Organization, Project, ProjectPartner, SyncHead
from coordinator_app.core.store.db import open_database
from coordinator_app.core.records.service import Workspace
from coordinator_app.sync import amounts, operations
from coordinator_app.sync.bundle import open_bundle, write
from coordinator_app.sync.conflicts import open_conflicts, resolve
from coordinator_app.sync.merge import apply
from coordinator_app.sync.record import last_stamp
from support.schema import as_written_before_0016
from support.sync import close, digest, keys_of_two, laptops, send

#: 1 250 000 forints: whole forints now, in fillér (hundredths) before 0016.
FORINTS = 1_250_000
FORMER = FORINTS * 100


def _budget(workspace: Workspace, project_id: str) -> int:
    with workspace.read() as session:
        return session.get(Project, project_id).budget_minor


def _hungarian_project(workspace: Workspace) -> Project:
    return workspace.create(Project, title="Generators for Kharkiv from Hungary",
                            currency="HUF", budget_minor=FORINTS)


def test_a_bundle_carries_a_forint_budget_in_the_units_a_laptop_before_0016_reads(tmp_path):
    kharkiv, plunge = laptops(tmp_path, 2)
    try:
        sender_keys, reader_keys = keys_of_two(kharkiv, plunge)
        project = _hungarian_project(kharkiv)
        kharkiv.update(Project, project.id, budget_minor=FORINTS + 3)
        path = tmp_path / "stick.coordsync"
        write(kharkiv, path, keys=sender_keys)
        carried = open_bundle(plunge, path, reader_keys).ops
        values = [op.value_of("budget_minor") for op in carried if op.record_id == project.id]
        # What a laptop still counting forints in hundredths reads as the same sums.
        assert values == [FORMER, (FORINTS + 3) * 100]
        apply(plunge, carried)
        assert _budget(plunge, project.id) == FORINTS + 3
        assert digest(kharkiv) == digest(plunge)
    finally:
        close([kharkiv, plunge])


def test_an_edit_from_a_laptop_before_0016_arrives_as_the_same_sum(tmp_path):
    """The operation crafted as a laptop still on revision 0015 writes it: the budget in
    hundredths of a forint, on top of the version it saw."""
    upgraded, old = laptops(tmp_path, 2)
    try:
        project = _hungarian_project(upgraded)
        send(upgraded, old)
        with old.read() as session:
            seen = [(origin, seq) for origin, seq in session.execute(
                select(SyncHead.origin, SyncHead.seq).where(SyncHead.record_id == project.id))]
            stamp = last_stamp(session) + 1
        edit = operations.Operation(
            origin=old.db.device_id, seq=1, hlc=stamp, kind="project",
            record_id=project.id, field="budget_minor", value=1_500_000 * 100,
            bases=tuple(seen))
        apply(upgraded, [edit])
        assert _budget(upgraded, project.id) == 1_500_000
    finally:
        close([upgraded, old])


def test_an_upgraded_copy_keeps_its_amounts_when_a_partner_edits_the_project(tmp_path):
    """A copy that held operations before 0016 rescaled its records: an edit arriving
    later makes the merge read the project's operations again, which must not bring
    back the budget in hundredths."""
    first, second = laptops(tmp_path, 2)
    try:
        project = _hungarian_project(first)
        partner = first.create(ProjectPartner, project_id=project.id,
                               organization_id=first.create("organization", name="Budapest").id,
                               contribution_minor=250_000)
        send(first, second)
        path = first.db.path
        first.db.close()
        as_written_before_0016(path)
        first = Workspace(open_database(path))  # upgraded again, past 0016
        assert _budget(first, project.id) == FORINTS

        second.update(Project, project.id, title="Generators for Kharkiv (Hungarian grant)")
        send(second, first)
        assert _budget(first, project.id) == FORINTS
        with first.read() as session:
            assert session.get(ProjectPartner, partner.id).contribution_minor == 250_000
        assert digest(first) == digest(second)
    finally:
        close([first, second])


def test_a_conflict_over_a_forint_budget_shows_and_keeps_whole_forints(tmp_path):
    a, b = laptops(tmp_path, 2)
    try:
        project = _hungarian_project(a)
        send(a, b)
        a.update(Project, project.id, budget_minor=1_300_000)
        b.update(Project, project.id, budget_minor=1_400_000)
        send(a, b)
        send(b, a)
        with a.read() as session:
            (conflict,) = open_conflicts(session)
        assert sorted(version.value for version in conflict.versions) == [1_300_000, 1_400_000]
        resolve(a, conflict.id, keep=next(number for number, version in
                                          enumerate(conflict.versions, 1)
                                          if version.value == 1_300_000))
        send(a, b)
        assert _budget(a, project.id) == _budget(b, project.id) == 1_300_000
    finally:
        close([a, b])


def test_a_budget_whose_currency_becomes_forints_stays_the_same_number_everywhere(tmp_path):
    """Changing the currency alone keeps the amounts' numbers: 125 000 cents of a euro
    become 125 000 forints, here and on the laptop that reads the change."""
    a, b = laptops(tmp_path, 2)
    try:
        project = a.create(Project, title="Heaters for Kharkiv schools", currency="EUR",
                           budget_minor=125_000)
        partner = a.create(ProjectPartner, project_id=project.id,
                           organization_id=a.create("organization", name="Budapest").id,
                           contribution_minor=50_000)
        send(a, b)
        a.update(Project, project.id, currency="HUF")
        send(a, b)
        assert _budget(b, project.id) == 125_000
        with b.read() as session:
            assert session.get(ProjectPartner, partner.id).contribution_minor == 50_000
        b.update(Project, project.id, currency="EUR")
        send(b, a)
        assert _budget(a, project.id) == 125_000
        assert digest(a) == digest(b)
    finally:
        close([a, b])


def _operation_value(workspace: Workspace, record_id: str) -> dict:
    with workspace.read() as session:
        return json.loads(session.connection().exec_driver_sql(
            "SELECT value FROM sync_operations WHERE record_id = ?", (record_id,)).scalar())


def test_partners_created_in_bulk_keep_their_amounts_in_the_units_of_operations(workspace):
    # The copy keeps operations already: a bulk create is then recorded set-wise where
    # no amount of it is kept otherwise by operations.
    org = workspace.create(Organization, name="Plungės rajono savivaldybė")
    with workspace.edit("Import") as edit:
        forints, euros = edit.create_many(Project, [
            {"title": "Generators from Hungary", "currency": "HUF", "budget_minor": FORINTS},
            {"title": "Heaters from Lithuania", "currency": "EUR", "budget_minor": 500_000}])
        [in_euros] = edit.create_many(ProjectPartner, [
            {"project_id": euros, "organization_id": org.id, "contribution_minor": 70_000}])
        [in_forints] = edit.create_many(ProjectPartner, [
            {"project_id": forints, "organization_id": org.id, "contribution_minor": FORINTS}])
    assert _operation_value(workspace, forints)["budget_minor"] == FORMER
    assert _operation_value(workspace, euros)["budget_minor"] == 500_000
    assert _operation_value(workspace, in_euros)["contribution_minor"] == 70_000
    # Its project's currency counted in hundredths before 0016.
    assert _operation_value(workspace, in_forints)["contribution_minor"] == FORMER


def test_a_blank_amount_is_read_without_asking_for_a_currency(workspace):
    # A first bundle brings thousands of project partners with no contribution: none of
    # them asks the database for its project's currency, which could change nothing.
    org = workspace.create(Organization, name="Plungės rajono savivaldybė")
    project = _hungarian_project(workspace)
    asked = []

    def heard(_connection, _cursor, statement, *_rest):
        asked.append(statement)

    with workspace.read() as session:
        event.listen(workspace.db.engine, "before_cursor_execute", heard)
        try:
            blank = {"project_id": project.id, "organization_id": org.id,
                     "contribution_minor": None}
            assert amounts.converted(session, "project_partner", "a-partner", blank,
                                     amounts.from_operation) is blank
            assert asked == []
            given = {**blank, "contribution_minor": FORMER}
            assert amounts.converted(session, "project_partner", "a-partner", given,
                                     amounts.from_operation)["contribution_minor"] == FORINTS
            assert asked  # the project's currency, looked up for an amount there is
        finally:
            event.remove(workspace.db.engine, "before_cursor_execute", heard)
