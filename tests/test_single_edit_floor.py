"""The floor `benchmarks/single_edit.py` weighs a saved form against writes the very rows
the form writes, no fewer and no more: a floor that wrote less would flatter the form's
cost, one that wrote more would hide it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from coordinator_app.core.records.models import Person
from coordinator_app.core.store.connect import connect
from coordinator_app.core.store.engine import connection_pragmas

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import single_edit  # noqa: E402

#: Tables an edit writes, and how each one's rows of one record are read (but its
#: creation's, which hold its own id and stamps).
_ROWS = {
    "changes": "SELECT action, entity, field, old, new FROM changes "
               "WHERE entity_id = :id AND action != 'create' ORDER BY seq",
    "sync_operations": "SELECT kind, field, value, json_array_length(bases), known "
                       "FROM sync_operations WHERE record_id = :id AND field != '' ORDER BY hlc",
    "sync_heads": "SELECT kind, field FROM sync_heads WHERE record_id = :id ORDER BY field",
    "search_index": "SELECT i.kind, i.title, i.names, i.body, i.variants FROM search_index i "
                    "JOIN search_keys k ON k.entry = i.rowid WHERE k.record_id = :id",
    "people": "SELECT full_name, notes, sort_key FROM people WHERE id = :id",
}
_TOTALS = ("changes", "sync_operations", "sync_heads", "search_index", "search_keys",
           "search_terms", "people")


def _raw(workspace):
    raw = connect(workspace.db.path, isolation_level=None)
    for pragma in connection_pragmas(sys.platform):
        raw.execute(pragma)
    return raw


def _of(raw, record_id: str) -> dict:
    return {table: raw.execute(sql, {"id": record_id}).fetchall() for table, sql in _ROWS.items()}


def _totals(raw) -> dict:
    return {table: raw.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in _TOTALS}


def test_the_floor_writes_the_rows_a_saved_form_writes(workspace):
    people = [workspace.create(Person, full_name="Олена Коваленко", notes="перша нотатка").id
              for _ in range(2)]
    note = "Зустріч у Плунге"
    for round_ in range(2):  # the first edit of the note, then one that supersedes it
        raw = _raw(workspace)
        try:
            before = _totals(raw)
            workspace.update(Person, people[0], notes=f"{note} {round_}")
            saved = _totals(raw)
            single_edit.write_same_rows(raw, single_edit.same_rows(raw, people[1],
                                                                    f"{note} {round_}"))
            floor = _totals(raw)
            form_rows, floor_rows = _of(raw, people[0]), _of(raw, people[1])
        finally:
            raw.close()
        assert {table: saved[table] - before[table] for table in _TOTALS} == {
            table: floor[table] - saved[table] for table in _TOTALS}
        assert form_rows == floor_rows
    assert [json.loads(row[4]) for row in form_rows["changes"]] == [
        f"{note} 0", f"{note} 1"]
    assert [row[1] for row in form_rows["sync_heads"]] == ["", "deleted_at", "notes"]
