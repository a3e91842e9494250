"""The process scripts/crash_harness.py kills: a Coordinator session that writes until it dies.

It opens the database as the app does at start-up (ui.safety.open_database_for_app
without its dialogs): it takes the one-writer lock, checks the file (quick_check
after an unclean end), migrates it, and then edits through the service layer
(Workspace.edit) as fast as it can: organisations created with a person working
there, renamed, their notes rewritten, deleted; now and then it takes the app's
timed backup. Each step is one line of JSON on standard output, written only
when the step is over, so that a line the parent has read is a promise:

    {"event": "locked", "unclean": true}   the lock is held (the last session ended uncleanly)
    {"event": "ready"}                      opened and migrated
    {"event": "begin", "n": 7, "op": "update", "records": [...]}
                                            edit 7 is about to be made; records are
                                            {"kind", "id", "values"} as it will leave them
    {"event": "ack", "n": 7}                edit 7's commit has returned
    {"event": "failed", "n": 7, "error": "ValidationError"}
                                            edit 7 was refused: none of it may be saved
    {"event": "backup"}, {"event": "backup-done"}
    {"event": "damaged", "problems": [...]} the start-up check found damage; it stops

A pipe keeps what was written to it when the writer is killed, so the parent
reads every acknowledgement the writer made.

    python scripts/crash_writer.py DB [--seed S] [--fault ack-before-commit|split-edit]

The faults are deliberately wrong writers that show the harness catches a loss
(an acknowledgement given before the commit) and a half-written edit (one edit
committed in two transactions).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FAULTS = ("ack-before-commit", "split-edit")
#: The change-set label of the writer's edits: the harness finds its records by it.
LABEL = "harness"
#: How long a faulty writer lingers where the fault can be seen.
FAULT_PAUSE = 0.4


def emit(event: str, **fields) -> None:
    print(json.dumps({"event": event, **fields}, ensure_ascii=False), flush=True)


def open_like_the_app(path: Path):
    from coordinator_app.core.crypto import keyring
    from coordinator_app.core.store.connect import is_encrypted
    from coordinator_app.core.store.db import open_database
    from coordinator_app.core.store.lock import DatabaseLock
    from coordinator_app.core.store.recovery import assess

    lock = DatabaseLock(path).acquire()
    emit("locked", unclean=lock.previous_unclean)
    if is_encrypted(path):  # an --encrypted run: unlocked first, as the app does
        keyring.unlock_file(path, os.environ["COORDINATOR_PASSPHRASE"])
    found = assess(path, unclean=lock.previous_unclean)
    if not found.sound:
        emit("damaged", problems=found.problems)
        raise SystemExit(3)
    db = open_database(path)
    db.on_close.append(lock.release)
    return db


def _text(rng: random.Random, tag: str) -> str:
    # Mostly short notes, sometimes long ones, so that some edits take a while to write.
    size = rng.choice((0, 10, 200, 2000, 20000))
    body = "".join(rng.choices("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя ", k=size))
    return f"{tag} {body}".strip()  # as stored: the service layer trims text


class Writer:
    """Plans each edit (its records and values) before making it, so it can announce it."""

    def __init__(self, workspace, rng: random.Random, fault: str | None):
        self.workspace = workspace
        self.rng = rng
        self.fault = fault
        self.orgs: list[str] = []
        self.people: list[str] = []
        self.n = 0

    def load_targets(self) -> None:
        """The live organisations and people earlier writers made (their label says so)."""
        from sqlalchemy import select

        from coordinator_app.core.records.models import Change, Organization, Person

        with self.workspace.read() as session:
            for cls, into in ((Organization, self.orgs), (Person, self.people)):
                made = select(Change.entity_id).where(
                    Change.label == LABEL, Change.action == "create", Change.entity == cls.KIND)
                into.extend(session.scalars(select(cls.id).where(
                    cls.id.in_(made), cls.deleted_at.is_(None))))

    def plan(self) -> tuple[str, list[dict]]:
        from coordinator_app.core.records.ids import new_id

        rng, n = self.rng, self.n
        roll = rng.random()
        if self.fault == "split-edit":
            roll = 0.0  # only inserts of two or more pairs: the ones it splits
        if roll < 0.45 or len(self.orgs) < 3:
            records = []
            pairs = rng.choice((1, 1, 1, 2, 3, 8))
            if self.fault == "split-edit":
                pairs = max(pairs, 2)
            for i in range(pairs):
                tag = f"{n}.{i}"
                records.append({"kind": "organization", "id": new_id(), "values": {
                    "name": f"Громада {tag} Klišonis", "notes": _text(rng, tag),
                    "deleted": False}})
                records.append({"kind": "person", "id": new_id(), "values": {
                    "full_name": f"Особа {tag}", "deleted": False}})
            return "insert", records
        if roll < 0.75:
            picked = rng.sample(self.orgs, min(len(self.orgs), rng.choice((1, 1, 2, 3))))
            return "update", [{"kind": "organization", "id": org, "values": {
                "name": f"Громада {n}.{i} Plungė", "notes": _text(rng, f"{n}.{i}")}}
                for i, org in enumerate(picked)]
        if roll < 0.87 and self.people:
            person = rng.choice(self.people)
            return "update", [{"kind": "person", "id": person,
                               "values": {"full_name": f"Особа {n} Терехов"}}]
        return "delete", [{"kind": "organization", "id": rng.choice(self.orgs),
                           "values": {"deleted": True}}]

    def apply(self, edit, op: str, records: list[dict]) -> None:
        if op == "insert":
            for org, person in zip(records[::2], records[1::2]):
                edit.create("organization", id=org["id"], name=org["values"]["name"],
                            notes=org["values"]["notes"], country="UA")
                edit.create("person", id=person["id"],
                            full_name=person["values"]["full_name"])
                edit.create("affiliation", person_id=person["id"],
                            organization_id=org["id"], position="mayor")
        elif op == "update":
            for record in records:
                values = {k: v for k, v in record["values"].items() if k != "deleted"}
                edit.update(record["kind"], record["id"], **values)
        else:
            for record in records:
                edit.delete(record["kind"], record["id"])

    def step(self) -> None:
        from coordinator_app.core.errors import CoordinatorError

        self.n += 1
        op, records = self.plan()
        emit("begin", n=self.n, op=op, records=records)
        try:
            if self.fault == "split-edit" and op == "insert":
                self._split(op, records)
            else:
                with self.workspace.edit(LABEL) as edit:
                    self.apply(edit, op, records)
                    if self.fault == "ack-before-commit":
                        emit("ack", n=self.n)
                        time.sleep(FAULT_PAUSE)
        except CoordinatorError as exc:
            # Refused (a deletion the rules forbid) or the database stayed busy: the
            # app shows the message and the person tries again; nothing was saved.
            emit("failed", n=self.n, error=type(exc).__name__)
            return
        if self.fault != "ack-before-commit":
            emit("ack", n=self.n)
        self._remember(op, records)

    def _split(self, op: str, records: list[dict]) -> None:
        for start in range(0, len(records), 2):
            if start:
                time.sleep(FAULT_PAUSE)
            with self.workspace.edit(LABEL) as edit:
                self.apply(edit, op, records[start:start + 2])

    def _remember(self, op: str, records: list[dict]) -> None:
        for record in records:
            into = self.orgs if record["kind"] == "organization" else self.people
            if op == "insert":
                into.append(record["id"])
            elif op == "delete":
                into.remove(record["id"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--fault", choices=FAULTS)
    args = parser.parse_args(argv)

    from coordinator_app.core.store import backup
    from coordinator_app.core.records.service import Workspace

    path = args.db.expanduser().resolve()
    db = open_like_the_app(path)
    emit("ready")
    writer = Writer(Workspace(db), random.Random(args.seed), args.fault)
    writer.load_targets()
    while True:
        writer.step()
        # The app's timed backup; a faulty writer takes none, so kills land in its edits.
        if not args.fault and writer.rng.random() < 0.1:
            emit("backup")
            backup.run_backup(path, "auto")
            emit("backup-done")


if __name__ == "__main__":
    raise SystemExit(main())
