"""The crash harness's checks find what they look for: a change the journal does not
know, an edit saved in part, an acknowledged edit or a finished generate that is not
there, a database the next start would not open (scripts/crash_checks.py)."""

from __future__ import annotations

import sqlite3

from support.crash import harness_module

checks = harness_module("crash_checks")


def test_the_journal_agrees_with_all_the_service_layer_and_generate_write(demo_workspace):
    from coordinator_app.core.sample.generate import generate

    workspace = demo_workspace
    generate(workspace, people=50, organizations=3, agreements=4, projects=4, seed=1)
    org = workspace.create("organization", name="Громада Klišonis", country="UA")
    workspace.update("organization", org.id, notes="нотатки")
    with workspace.edit("two") as edit:
        person = edit.create("person", full_name="Ігор Терехов")
        edit.create("affiliation", person_id=person.id, organization_id=org.id)
    workspace.delete("organization", org.id)
    workspace.undo(workspace.last_change_set)
    assert checks.journal_problems(workspace.db.path) == []


def test_a_change_that_bypassed_the_journal_is_found(workspace):
    kept = workspace.create("organization", name="Громада 1", country="UA")
    gone = workspace.create("organization", name="Громада 2", country="UA")
    with workspace.db.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE organizations SET notes = 'x' WHERE id = ?",
                                   (kept.id,))
        connection.exec_driver_sql("DELETE FROM organizations WHERE id = ?", (gone.id,))
        connection.exec_driver_sql(
            "INSERT INTO tags (id, name, created_at, updated_at, device_id) "
            "VALUES ('t1', 'unjournaled', '2026-01-01', '2026-01-01', 'd')")
    problems = checks.journal_problems(workspace.db.path)
    assert sorted(problems) == sorted([
        f"organization {kept.id}: notes differ from the journal",
        f"organization {gone.id}: in the journal, not in the data",
        "tag t1: in the data, not in the journal",
    ])


def record(name: str, deleted: bool = False) -> dict:
    return {"name": name, "notes": None, "deleted": deleted}


def test_an_acknowledged_edit_missing_or_changed_is_lost():
    expected = checks.State(records={("organization", "a"): record("Нова"),
                                     ("organization", "b"): record("Стара", deleted=True)})
    actual = checks.State(records={("organization", "b"): record("Стара")})
    verdict = checks.settle(expected, actual, pending={}, refused={}, runs=[])
    assert sorted(verdict.lost) == ["organization a: missing", "organization b: deletion lost"]
    assert verdict.half_written == []


def test_the_edit_in_flight_may_be_saved_wholly_or_not_at_all_but_not_in_part():
    before = checks.State(records={("organization", "a"): record("A")})
    pending = {("organization", "a"): record("A2"), ("organization", "b"): record("B")}
    for saved, half in ((before.records, False), (pending, False),
                        ({("organization", "a"): record("A2")}, True)):
        verdict = checks.settle(before, checks.State(records=dict(saved)), pending=pending,
                                refused={}, runs=[])
        assert verdict.lost == []
        assert bool(verdict.half_written) is half, saved
        assert verdict.state.records == saved  # what is there is expected from then on


def test_a_refused_edit_that_was_saved_is_half_written():
    expected = checks.State(records={("organization", "a"): record("A")})
    refused = {("organization", "a"): record("A", deleted=True)}
    verdict = checks.settle(expected, checks.State(records=dict(refused)), pending={},
                            refused=refused, runs=[])
    assert verdict.half_written == ["organization a: a refused edit was saved"]


def test_generate_runs_are_there_whole_once_finished_and_stopped_only_between_steps():
    asked = {"person": 100, "organization": 2}
    earlier = checks.State(generated={"old": {"person": 10}})

    def verdict(generated: dict, finished: bool):
        return checks.settle(earlier, checks.State(generated=generated), pending={},
                             refused={}, runs=[checks.GenerateRun(dict(asked), finished)])

    assert verdict({"old": {"person": 10}, "new": dict(asked)}, finished=True).clean
    assert verdict({"old": {"person": 10}}, finished=False).clean  # killed before its commit
    assert verdict({"old": {"person": 10}, "new": dict(asked)}, finished=False).clean
    assert verdict({"old": {"person": 10}}, finished=True).lost
    assert verdict({"new": dict(asked)}, finished=True).lost == [
        "generated change set old: missing"]
    # Stopped after its first committed step, the organisations; never inside a step.
    assert verdict({"old": {"person": 10}, "new": {"organization": 2}}, finished=False).clean
    assert verdict({"old": {"person": 10}, "new": {"organization": 1}},
                   finished=False).half_written
    assert verdict({"old": {"person": 10}, "new": {"person": 40, "organization": 2}},
                   finished=False).half_written
    assert verdict({"old": {"person": 10}, "new": {"organization": 2}}, finished=True).lost
    # A restore after it replaced the database; the backup the restore made keeps it.
    replaced = checks.settle(earlier, checks.State(generated={"old": {"person": 10}}),
                             pending={}, refused={},
                             runs=[checks.GenerateRun(dict(asked), True, kept_by_restore=True)])
    assert replaced.clean


def test_the_state_read_back_follows_the_writers_records_by_their_journal_label(workspace):
    with workspace.edit(harness_module("crash_writer").LABEL) as edit:
        org = edit.create("organization", name="Громада 1", notes="n", country="UA")
        person = edit.create("person", full_name="Особа 1")
    other = workspace.create("organization", name="Чужа", country="LT")
    workspace.delete("organization", org.id)
    state = checks.read_state(workspace.db.path, known=[("organization", other.id)])
    assert state.records == {
        ("organization", org.id): {"name": "Громада 1", "notes": "n", "deleted": True},
        ("person", person.id): {"full_name": "Особа 1", "deleted": False},
        ("organization", other.id): {"name": "Чужа", "notes": None, "deleted": False},
    }


def test_the_next_open_knows_an_unclean_end_and_opens_the_file(workspace):
    from coordinator_app.core.store.lock import DatabaseLock

    path = workspace.db.path
    workspace.db.close()
    DatabaseLock(path).acquire().release(clean=False)  # as a killed session leaves it
    opened = checks.next_open(path)
    assert opened == checks.NextOpen(unclean=True, problem=None)
    assert checks.next_open(path) == checks.NextOpen(unclean=False, problem=None)


def test_the_next_open_reports_a_database_it_would_not_open(workspace):
    path = workspace.db.path
    with workspace.edit("many") as edit:
        for i in range(300):
            edit.create("organization", name=f"Громада {i}", notes="x" * 3000, country="UA")
    workspace.db.close()
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    with path.open("r+b") as handle:  # the middle of the file turns to noise
        handle.seek(path.stat().st_size // 2)
        handle.write(b"\xff" * 20000)
    opened = checks.next_open(path)
    assert opened.problem and "damaged" in opened.problem
    assert checks.integrity_problems(path, [])


def test_a_database_a_killed_restore_left_missing_is_restored_only_when_expected(workspace):
    from coordinator_app.core.store import backup
    from coordinator_app.core.store.recovery import set_aside

    path = workspace.db.path
    org = workspace.create("organization", name="Громада", country="UA")
    workspace.db.close()
    backup.create_backup(path, reason="before-restore")
    set_aside(path)  # what restore_backup has done when a kill lands before its last rename
    assert "not there" in checks.next_open(path).problem
    assert not path.exists()
    opened = checks.next_open(path, missing_is_expected=True)
    assert opened.problem is None and opened.restored
    assert checks.read_state(path, [("organization", org.id)]).records


def test_records_of_a_bulk_create_are_replayed_from_its_one_row(workspace):
    # A bulk create keeps no copy of its records' fields: what changed since is checked,
    # and how many it made.
    with workspace.edit("Import") as edit:
        first, second = edit.create_many("person", [{"full_name": "Ігор Терехов"},
                                                    {"full_name": "Audrius Klišonis"}])
    workspace.update("person", first, notes="нотатки")
    assert checks.journal_problems(workspace.db.path) == []
    with workspace.db.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE people SET notes = 'x' WHERE id = ?", (first,))
        connection.exec_driver_sql("DELETE FROM people WHERE id = ?", (second,))
    problems = checks.journal_problems(workspace.db.path)
    assert len(problems) == 2
    assert f"person {first}: notes differ from the journal" in problems
    assert any(problem.startswith("person: 1 records created at") for problem in problems)
