"""An import matched with the database and written whole: new, same (update) or possible
duplicate; nothing twice; one change set; nothing at all when it is refused or cancelled."""

from __future__ import annotations

import pytest
from support.interchange import (
    counts,
    import_bytes,
    import_file,
    people,
    plan_bytes,
    plan_file,
    sample,
)

from coordinator_app.core.store.backup import list_backups
from coordinator_app.core.errors import ValidationError
from coordinator_app.core.records.models import Organization, Person
from coordinator_app.interchange.apply import apply_plan
from coordinator_app.interchange.plan import MERGED, NEW, POSSIBLE, UNCHANGED, UPDATE
from coordinator_app.interchange.problems import Cancelled


def test_importing_the_same_file_twice_creates_nothing_the_second_time(workspace):
    plan, outcome = import_file(workspace, sample("partner-contacts.xlsx"))
    assert outcome.created == 3 and outcome.organizations == 3
    before = counts(workspace)
    again, second = import_file(workspace, sample("partner-contacts.xlsx"))
    assert {e.action for e in again.entries} == {UNCHANGED}
    assert second.change_set is None and counts(workspace) == before


def test_the_same_person_in_another_alphabet_is_updated_not_added(workspace):
    with workspace.edit() as edit:
        kharkiv = edit.create(Organization, name="Харківська міська рада", country="UA")
        ihor = edit.create(Person, full_name="Ihor Terekhov")
        edit.create("affiliation", person_id=ihor.id, organization_id=kharkiv.id,
                    position="Міський голова")
    plan = plan_file(workspace, sample("outlook-2.1.vcf"))
    (entry,) = plan.entries
    assert entry.action == UPDATE and entry.target_id == ihor.id
    assert "same as “Ihor Terekhov”" in entry.describe()
    assert plan.organization_ids and not plan.new_organizations  # the council is known
    apply_plan(workspace, plan, backup=False)
    found = people(workspace)
    assert list(found) == ["Ihor Terekhov"]
    # The stored name stays; the Cyrillic spelling is the same name to search already.
    assert found["Ihor Terekhov"]["other_names"] is None
    assert ("email", "mayor@city.kharkiv.example") in found["Ihor Terekhov"]["contacts"]
    assert found["Ihor Terekhov"]["positions"] == [("Харківська міська рада", "Міський голова")]


def test_a_similar_name_is_a_possible_duplicate_the_person_decides(workspace):
    olena = workspace.create(Person, full_name="Олена Іванівна Шевчено")
    plan = plan_file(workspace, sample("android-2.1.vcf"))
    entry = next(e for e in plan.entries if e.item.label.startswith("Олена"))
    assert entry.action == POSSIBLE and entry.candidates[0].id == olena.id
    assert "possible duplicate of “Олена Іванівна Шевчено”" in entry.describe()
    # Left undecided it is skipped; chosen, it updates the record picked.
    outcome = apply_plan(workspace, plan, backup=False)
    assert outcome.skipped == 1 and len(people(workspace)) == 2
    plan = plan_file(workspace, sample("android-2.1.vcf"))
    entry = next(e for e in plan.entries if e.item.label.startswith("Олена"))
    entry.choice = olena.id
    apply_plan(workspace, plan, backup=False)
    updated = people(workspace)["Олена Іванівна Шевчено"]
    assert ("phone", "+380671234567") in updated["contacts"]
    assert updated["other_names"] == "Олена Іванівна Шевченко"


def test_a_person_repeated_in_the_file_is_made_once_with_everything_given(workspace):
    plan, outcome = import_file(workspace, sample("google-3.0.vcf"))
    assert [e.action for e in plan.entries] == [NEW, MERGED]
    assert "same as row 1 of the file" in plan.entries[1].describe()
    (maksym,) = people(workspace).values()
    assert ("telegram", "@maksym_tk") in maksym["contacts"]
    assert [c for c in maksym["contacts"] if c == ("phone", "+380955554433")] == [
        ("phone", "+380955554433")]


def test_the_import_is_one_change_set_that_one_undo_takes_back(workspace):
    before = counts(workspace)
    _plan, outcome = import_file(workspace, sample("partner-contacts.xlsx"))
    assert counts(workspace)["person"] == 3
    workspace.undo(outcome.change_set)
    after = counts(workspace)
    assert {k: after[k] for k in ("person", "organization", "contact_point")} == {
        k: before[k] for k in ("person", "organization", "contact_point")}


def test_a_backup_is_made_before_the_import(workspace):
    import_file(workspace, sample("partner-contacts.xlsx"))
    assert [b.reason for b in list_backups(workspace.db.path)] == ["before-import"]


def test_rows_with_problems_refuse_the_import_unless_skipped(workspace):
    plan = plan_file(workspace, sample("staff-semicolon-cp1251.csv"))
    before = counts(workspace)
    with pytest.raises(ValidationError) as error:
        apply_plan(workspace, plan, backup=False)
    message = str(error.value)
    assert "staff-semicolon-cp1251.csv, row 4, column “Ел. пошта”" in message
    assert counts(workspace) == before
    outcome = apply_plan(workspace, plan, skip_bad=True, backup=False)
    assert outcome.created == 2 and outcome.skipped == 1


def test_a_row_a_rule_refuses_rolls_back_every_row(workspace):
    data = ("Name,Kind,Country\nГромада А,municipality,UA\nГромада Б,municipality,UA\n"
            "Громада В,municipality,QQ\n").encode()
    plan, _ = None, None
    from coordinator_app.interchange.plan import make_plan
    from coordinator_app.interchange.sources import open_data

    source = open_data(data, "orgs.csv")
    with workspace.read() as session:
        plan = make_plan(session, "organization", source.records())
    assert plan.entries[2].item.problems[0].column == "Country"
    before = counts(workspace)
    with pytest.raises(ValidationError, match="orgs.csv, row 4"):
        apply_plan(workspace, plan, backup=False)
    assert counts(workspace) == before


def test_cancelling_writes_nothing(workspace):
    plan = plan_file(workspace, sample("partner-contacts.xlsx"))
    before = counts(workspace)
    with pytest.raises(Cancelled):
        apply_plan(workspace, plan, backup=False, cancelled=lambda: True)
    assert counts(workspace) == before


def test_organisation_rows_and_the_people_who_work_there_in_one_file(workspace):
    data = ("Kind;Name;Organization;Position;E-mail\n"
            "person;Rūta Žemaitienė;Šiaulių miesto savivaldybė;Patarėja;ruta@siauliai.example\n"
            ).encode()
    plan, outcome = import_bytes(workspace, data, "mixed.csv")
    assert outcome.created == 1 and outcome.organizations == 1
    assert people(workspace)["Rūta Žemaitienė"]["positions"] == [
        ("Šiaulių miesto savivaldybė", "Patarėja")]


def test_two_rows_chosen_as_the_same_person_both_add_to_that_person(workspace):
    olena = workspace.create(Person, full_name="Olena Kovalenko")
    data = ("First Name,Last Name,E-mail Address\nOlena,Kovalenco,a@hromada.example\n"
            "Olena,Kowalenko,b@hromada.example\n").encode()
    plan = plan_bytes(workspace, data, "contacts.csv")
    assert [e.action for e in plan.entries] == [POSSIBLE, POSSIBLE]
    for entry in plan.entries:
        entry.choice = olena.id
    apply_plan(workspace, plan, backup=False)
    # The second row is compared with what the first made of the record, so the
    # spelling the first added is kept, not written over.
    stored = workspace.get(Person, olena.id)
    assert stored.other_names.split("\n") == ["Olena Kovalenco", "Olena Kowalenko"]
