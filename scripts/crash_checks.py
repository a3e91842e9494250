"""What scripts/crash_harness.py checks after each kill, and what it knows should be saved.

- `next_open`: the app's own start-up code (ui.safety.open_database_for_app) opens
  the file: it takes the one-writer lock, which says whether the last session
  ended uncleanly, checks the file (quick_check) and migrates it. Any dialog it
  would show (damage, the database in use) is a failure; so is a missing file,
  unless a restore was killed between its two renames.
- `integrity_problems`: integrity_check and foreign_key_check of the database,
  quick_check of every finished backup.
- `journal_problems`: replaying the change journal from the start gives every
  record's current values, and every journal entry has its record, so no change
  set is half in the data.
- `read_state` and `settle`: every acknowledged edit is there with its final
  value, every finished `generate` is there whole, and the edit in flight at the
  kill is there wholly or not at all.
"""

from __future__ import annotations

import copy
import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from crash_writer import LABEL

# After crash_writer, which puts the project on the path.
from coordinator_app.core.records.journal_actions import CREATE_SET

Key = tuple[str, str]  # (kind, id)
#: The fields of the writer's records that the harness follows, besides "deleted".
FIELDS = {"organization": ("name", "notes"), "person": ("full_name",)}
#: The kinds `generate` is asked for by number; it writes their parts as it likes.
GENERATED_KINDS = ("organization", "person", "agreement", "project")
#: The change-set label core.sample.generate gives its one change set.
GENERATE_LABEL = "Generate"
#: Keeps the Qt application the start-up dialogs need alive between opens.
_QT: list = []


@dataclass
class State:
    """What should be in the database: the writer's records, by (kind, id), with their
    followed values, and `generate`'s change sets with their numbers of records."""

    records: dict[Key, dict] = field(default_factory=dict)
    generated: dict[str, dict[str, int]] = field(default_factory=dict)

    def copy(self) -> State:
        return copy.deepcopy(self)


@dataclass
class GenerateRun:
    """One `coordinator generate` of the trial: what it was asked for, and whether it
    said it finished (exit status 0), which is its acknowledgement."""

    asked: dict[str, int]
    finished: bool
    #: A restore that took the lock after it replaced the database; the backup the
    #: restore made first holds this run whole.
    kept_by_restore: bool = False
    matched: bool = False


@dataclass
class Verdict:
    lost: list[str] = field(default_factory=list)
    half_written: list[str] = field(default_factory=list)
    state: State = field(default_factory=State)

    @property
    def clean(self) -> bool:
        return not self.lost and not self.half_written


def _read_only(path: Path) -> sqlite3.Connection:
    from coordinator_app.core.store.connect import connect

    return connect(path, query="mode=ro")


def _passphrase(_path, error, _parent):
    """The passphrase dialog of an --encrypted run: typed once, as a person would."""
    return os.environ.get("COORDINATOR_PASSPHRASE") if error is None else None


# -- the next open ---------------------------------------------------------------------------

@dataclass
class NextOpen:
    unclean: bool
    problem: str | None
    #: The file was missing and the app restored its newest backup, as offered.
    restored: bool = False


def _last_session_unclean(db_path: Path) -> bool:
    """Read the lock's verdict with the lock itself, and leave it as it was found."""
    from coordinator_app.core.store.lock import DatabaseLock

    lock = DatabaseLock(db_path).acquire()
    unclean = lock.previous_unclean
    lock.release(clean=not unclean)
    return unclean


def next_open(db_path: Path, *, missing_is_expected: bool = False) -> NextOpen:
    """Open the database as the app does at start-up; the problem, if it would not.

    Every dialog is answered with Quit, so it counts as a failure, except one: a
    restore killed between its two renames leaves no database (recovery.restore_backup
    says so), and with `missing_is_expected` the offer of the newest backup is taken,
    as a person would."""
    from coordinator_app.core.errors import DatabaseError

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QMessageBox

    from coordinator_app.core.store import migrate
    from coordinator_app.i18n import _
    from coordinator_app.ui.safety import open_database_for_app

    if not _QT:
        _QT.append(QApplication.instance() or QApplication([]))
    try:
        unclean = _last_session_unclean(db_path)
    except DatabaseError as exc:
        return NextOpen(False, f"the lock: {exc}")
    said: list[str] = []
    restored: list[bool] = []

    def ask(box: QMessageBox):
        if missing_is_expected and box.windowTitle() == _("Database missing"):
            restored.append(True)
            return next(b for b in box.buttons()
                        if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
        said.append(" ".join(filter(None, (box.text(), box.informativeText()))))
        return None

    db = open_database_for_app(db_path, ask=ask, choose_file=lambda *_args: None,
                               ask_secret=_passphrase)
    if db is None:
        return NextOpen(unclean, said[0] if said else "the app gave up opening it")
    try:
        with db.engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM changes").scalar()
    finally:
        db.close()
    if not migrate.at_head(db_path):
        return NextOpen(unclean, "after opening, the schema is not the newest")
    return NextOpen(unclean, None, restored=bool(restored))


# -- the file --------------------------------------------------------------------------------

def integrity_problems(db_path: Path, backup_folders: Iterable[Path]) -> list[str]:
    from coordinator_app.core.store.integrity import check_file

    problems = list(check_file(db_path).problems)
    for folder in backup_folders:
        # A backup cut off by a kill is only ever a .partial file; finished ones are whole.
        for path in sorted(folder.glob("*.sqlite3")):
            problems.extend(f"backup {path.name}: {problem}"
                            for problem in check_file(path, quick=True).problems)
    return problems


def journal_problems(db_path: Path) -> list[str]:
    """Where the data and the change journal disagree (ids and field names only)."""
    from sqlalchemy import create_engine, select

    from coordinator_app.core.records.journal import journaled_columns, plain
    from coordinator_app.core.records.registry import MODELS

    problems: list[str] = []
    replayed: dict[Key, dict] = {}
    engine = create_engine("sqlite://", creator=lambda: _read_only(db_path))
    try:
        with engine.connect() as connection:
            for action, kind, record_id, name, new, at in connection.exec_driver_sql(
                    "SELECT action, entity, entity_id, field, new, at FROM changes "
                    "ORDER BY seq").fetchall():
                if action == CREATE_SET:
                    # A bulk create keeps no copy of its records' fields: each is
                    # replayed from the changes after it, and their number checked.
                    made = [record_id for (record_id,) in connection.exec_driver_sql(
                        f"SELECT id FROM {_table(kind)} WHERE created_at = ?", (at,))]
                    if len(made) != json.loads(new)["count"]:
                        problems.append(f"{kind}: {len(made)} records created at {at}, "
                                        f"the journal says {json.loads(new)['count']}")
                    for record_id in made:
                        if (kind, record_id) in replayed:
                            problems.append(f"{kind} {record_id}: created twice in the journal")
                        replayed[(kind, record_id)] = {}
                    continue
                key = (kind, record_id)
                if action == "create":
                    if key in replayed:
                        problems.append(f"{kind} {record_id}: created twice in the journal")
                    replayed[key] = json.loads(new)
                elif key not in replayed:
                    problems.append(f"{kind} {record_id}: changed in the journal before "
                                    "it was created")
                    replayed[key] = {}
                else:
                    replayed[key][name] = None if new is None else json.loads(new)
            for cls in MODELS:
                kind = cls.KIND
                columns = journaled_columns(cls)
                table = cls.__table__
                for row in connection.execute(select(*(table.c[c] for c in columns))):
                    values = row._mapping
                    expected = replayed.pop((kind, values["id"]), None)
                    if expected is None:
                        problems.append(f"{kind} {values['id']}: in the data, not in the "
                                        "journal")
                        continue
                    # A column a later migration added is in no earlier snapshot.
                    differing = [c for c in columns
                                 if c in expected and plain(values[c]) != expected[c]]
                    if differing:
                        problems.append(f"{kind} {values['id']}: {', '.join(differing)} "
                                        "differ from the journal")
    finally:
        engine.dispose()
    problems.extend(f"{kind} {record_id}: in the journal, not in the data"
                    for kind, record_id in replayed)
    return problems


def read_state(db_path: Path, known: Iterable[Key]) -> State:
    """The writer's records (those its journal label says it made, and `known` ones)
    and generate's change sets, as they are in the file."""
    state = State()
    connection = _read_only(db_path)
    try:
        for kind, fields in FIELDS.items():
            table = _table(kind)
            columns = ", ".join(("id",) + fields + ("deleted_at",))
            rows = connection.execute(
                f"SELECT {columns} FROM {table} WHERE id IN (SELECT entity_id FROM changes "
                "WHERE label = ? AND action = 'create' AND entity = ?)", (LABEL, kind)).fetchall()
            wanted = {record_id for k, record_id in known if k == kind}
            found = {row[0] for row in rows}
            for record_id in wanted - found:
                rows += connection.execute(f"SELECT {columns} FROM {table} WHERE id = ?",
                                           (record_id,)).fetchall()
            for row in rows:
                values = dict(zip(fields, row[1:-1]))
                values["deleted"] = row[-1] is not None
                state.records[(kind, row[0])] = values
        # A bulk create's one row counts its records.
        for change_set, kind, count in connection.execute(
                "SELECT change_set, entity, sum(CASE action WHEN ? THEN "
                "json_extract(new, '$.count') ELSE 1 END) FROM changes WHERE label = ? AND "
                "action IN ('create', ?) AND "
                f"entity IN ({', '.join('?' * len(GENERATED_KINDS))}) "
                "GROUP BY change_set, entity",
                (CREATE_SET, GENERATE_LABEL, CREATE_SET, *GENERATED_KINDS)):
            state.generated.setdefault(change_set, {})[kind] = count
    finally:
        connection.close()
    return state


def _table(kind: str) -> str:
    from coordinator_app.core.records.registry import model

    return model(kind).__tablename__


# -- what should be there --------------------------------------------------------------------

def settle(expected: State, actual: State, pending: dict[Key, dict],
           refused: dict[Key, dict], runs: list[GenerateRun]) -> Verdict:
    """Compare the database with what should be in it.

    `expected` holds every acknowledged edit; `pending` the records of the edit in
    flight at the kill, as it would have left them (all of it is saved, or none);
    `refused` those of edits that failed (none of it may be saved). The verdict's
    state is what the database holds, to be expected from then on.
    """
    verdict = Verdict(state=State(records=dict(actual.records),
                                  generated=dict(actual.generated)))
    for key in expected.records.keys() | actual.records.keys():
        if key in pending:
            continue
        want, got = expected.records.get(key), actual.records.get(key)
        if want == got:
            continue
        kind, record_id = key
        if got is not None and refused.get(key) == got:
            verdict.half_written.append(f"{kind} {record_id}: a refused edit was saved")
        elif want is None:
            verdict.half_written.append(f"{kind} {record_id}: saved, but no edit made it")
        else:
            verdict.lost.append(f"{kind} {record_id}: {_difference(want, got)}")
    if pending:
        before = {key: expected.records.get(key) for key in pending}
        now = {key: actual.records.get(key) for key in pending}
        if now != before and now != pending:
            verdict.half_written.append(
                f"the edit in flight was saved in part ({sum(now[k] == pending[k] for k in now)}"
                f" of {len(pending)} records)")
    _settle_generated(expected, actual, runs, verdict)
    return verdict


def _difference(want: dict, got: dict | None) -> str:
    if got is None:
        return "missing"
    if want["deleted"] != got["deleted"]:
        return "deleted" if got["deleted"] else "deletion lost"
    return ", ".join(name for name in want if want[name] != got.get(name)) + " lost"


def _steps_of(counts: dict[str, int], asked: dict[str, int]) -> bool:
    """Whether `counts` are the steps a stopped generate run for `asked` had committed:
    it commits its organisations, then its people a CHUNK at a time, then the
    agreements and projects with the last step, which makes the run whole."""
    from coordinator_app.core.sample.generate import CHUNK

    people = counts.get("person", 0)
    return (counts.get("organization") == asked.get("organization")
            and not set(counts) - {"organization", "person"}
            and people <= asked.get("person", 0)
            and (people % CHUNK == 0 or people == asked.get("person")))


def _settle_generated(expected: State, actual: State, runs: list[GenerateRun],
                      verdict: Verdict) -> None:
    for change_set, counts in expected.generated.items():
        if change_set not in actual.generated:
            verdict.lost.append(f"generated change set {change_set}: missing")
        elif actual.generated[change_set] != counts:
            verdict.half_written.append(f"generated change set {change_set}: "
                                        f"{actual.generated[change_set]}, was {counts}")
    for change_set, counts in actual.generated.items():
        if change_set in expected.generated:
            continue
        run = next((r for r in runs if not r.matched and r.asked == counts), None) or next(
            (r for r in runs if not r.matched and not r.finished
             and _steps_of(counts, r.asked)), None)
        if run is None:
            verdict.half_written.append(f"generated change set {change_set}: {counts}, "
                                        "which no generate run asked for")
        else:
            run.matched = True
    for run in runs:
        if run.finished and not run.matched and not run.kept_by_restore:
            verdict.lost.append(f"generate of {run.asked} finished, but is not in the database")
