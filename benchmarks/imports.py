"""Import speed: a CSV of N contacts (name, organisation, position, phone, e-mail,
as a sheet typed by municipal staff, in cp1251 with semicolons) read, matched and
written into an empty database; then the same file again (all unchanged); then
another file of as many people, new but for every tenth (a colleague's address book:
the same e-mail with the surname typed in Latin), matched against the database the
first file made.

    python benchmarks/imports.py [--rows 10000]

Prints wall and processor seconds of each step: on a busy machine the wall time
grows with the load, the processor time much less. The floor, measured in the
same run, is what the written rows cost SQLite itself: the same people,
organisations, contacts, positions and journal rows inserted into an empty copy
of the same database with the standard library's sqlite3 `executemany`, in one
transaction with the app's pragmas. The import is written through the service
(Edit.create_many: validated, journalled, indexed for search); its ratio to the
floor is the price of that. Target: the whole import of 10,000 rows in 10 s, of
the first file and of the other one alike.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import shutil
import sqlite3
import sys
import uuid
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FIRST = ("Олена", "Ігор", "Тарас", "Марія", "Андрій", "Наталія", "Юрій", "Світлана")
LAST = ("Коваленко", "Шевченко", "Бондаренко", "Ткаченко", "Мельник", "Кравченко")


def sheet(rows: int) -> bytes:
    rng = random.Random(1)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["Прізвище", "Ім'я", "Організація", "Посада", "Телефон", "E-mail"])
    for i in range(rows):
        writer.writerow([f"{rng.choice(LAST)}-{i}", rng.choice(FIRST), f"Громада {i % 200}",
                         "спеціаліст", f"067{i:07d}", f"p{i}@hromada.example"])
    return out.getvalue().encode("cp1251")


#: Name parts of the second file: each pair once, none of them a name of the first.
GIVEN = ("Audrius", "Rasa", "Jonas", "Ieva", "Tomas", "Greta", "Mantas", "Lina", "Paulius",
         "Asta", "Darius", "Rūta", "Vytautas", "Inga", "Marius", "Eglė", "Andrius", "Jūratė",
         "Karolis", "Vaida")
FAMILY = ("Kazlauskas", "Jankauskas", "Petrauskas", "Stankevičius", "Vasiliauskas",
          "Žukauskas", "Butkus", "Paulauskas", "Urbonas", "Kavaliauskas", "Navickas",
          "Ramanauskas", "Savickas", "Rimkus", "Baranauskas", "Sinkevičius", "Lukoševičius",
          "Mockus", "Balčiūnas", "Kairys")


def other_sheet(rows: int) -> bytes:
    """The second file (see the docstring): UTF-8 with commas, as a phone's export."""
    from coordinator_app.core.text.folding import to_latin

    rng = random.Random(1)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["First Name", "Last Name", "Organization", "E-mail Address", "Mobile Phone"])
    for i in range(rows):
        if i % 10 == 0:
            # The first file's person i, in Latin letters with a slip (Kovalenk-10 Olena).
            family, given = rng.choice(LAST), rng.choice(FIRST)
            writer.writerow([to_latin(given).title(), to_latin(family[:-1]).title() + f"-{i}",
                             "", f"p{i}@hromada.example", ""])
            continue
        rng.choice(LAST), rng.choice(FIRST)
        given, family = GIVEN[i % len(GIVEN)], FAMILY[(i // len(GIVEN)) % len(FAMILY)]
        writer.writerow([given, f"{family} {i}", f"Savivaldybė {i % 60}", f"n{i}@lt.example",
                         f"+3706{i:07d}"])
    return out.getvalue().encode("utf-8")


def step(name: str, action, times: dict | None = None):
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    spent = (time.perf_counter() - wall, time.process_time() - cpu)
    print(f"{name:<28} {spent[0]:7.2f} s wall {spent[1]:7.2f} s processor")
    if times is not None:
        times[name.strip()] = spent
    return result


def floor(path: Path, rows: int, device: str) -> None:
    """The same records written with bare sqlite3 executemany (see the docstring)."""
    rng = random.Random(1)
    now = "2026-01-01 00:00:00.000000"

    def stamps(record_id):
        return (record_id, now, now, device)

    orgs = [stamps(str(uuid.uuid4())) + (f"Громада {i}",) for i in range(200)]
    people, contacts, positions, journal = [], [], [], []
    for i in range(rows):
        person = str(uuid.uuid4())
        people.append(stamps(person) + (f"{rng.choice(LAST)}-{i} {rng.choice(FIRST)}",))
        contacts.append(stamps(str(uuid.uuid4())) + (person, "phone", f"+38067{i:07d}"))
        contacts.append(stamps(str(uuid.uuid4())) + (person, "email", f"p{i}@hromada.example"))
        positions.append(stamps(str(uuid.uuid4())) + (person, orgs[i % 200][0], "спеціаліст"))
    change_set = str(uuid.uuid4())
    for seq, record in enumerate(orgs + people + contacts + positions, start=1):
        journal.append((str(uuid.uuid4()), seq, change_set, "Import", "create", "record",
                        record[0], None, None, "{}", now, device))
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA synchronous=FULL")
    with connection:
        connection.executemany(
            "INSERT INTO organizations (id, created_at, updated_at, device_id, name, sort_key,"
            " kind) VALUES (?, ?, ?, ?, ?, '', 'municipality')", orgs)
        connection.executemany(
            "INSERT INTO people (id, created_at, updated_at, device_id, full_name, sort_key)"
            " VALUES (?, ?, ?, ?, ?, '')", people)
        connection.executemany(
            "INSERT INTO contact_points (id, created_at, updated_at, device_id, person_id, kind,"
            " value) VALUES (?, ?, ?, ?, ?, ?, ?)", contacts)
        connection.executemany(
            "INSERT INTO affiliations (id, created_at, updated_at, device_id, person_id,"
            " organization_id, position) VALUES (?, ?, ?, ?, ?, ?, ?)", positions)
        connection.executemany(
            "INSERT INTO changes (id, seq, change_set, label, action, entity, entity_id, field,"
            " old, new, at, device_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", journal)
    connection.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["COORDINATOR_HOME"] = folder
        from coordinator_app.core.store.db import open_database
        from coordinator_app.core.records.service import Workspace
        from coordinator_app.interchange.apply import apply_plan
        from coordinator_app.interchange.plan import make_plan
        from coordinator_app.interchange.sources import open_data

        data = sheet(args.rows)
        db = open_database(Path(folder) / "import.sqlite3")
        empty = Path(folder) / "floor.sqlite3"
        shutil.copyfile(db.path, empty)
        workspace = Workspace(db)
        times: dict[str, tuple[float, float]] = {}
        for attempt in ("first import", "same file again"):
            print(f"{attempt}, {args.rows} rows:")
            items = step("  read", lambda: open_data(data, "contacts.csv").records(),
                         times if attempt == "first import" else None)

            def match():
                with workspace.read() as session:
                    return make_plan(session, "person", items)

            plan = step("  match", match, times if attempt == "first import" else None)
            step("  back up and write", lambda: apply_plan(workspace, plan),
                 times if attempt == "first import" else None)
        print(f"another file, {args.rows} rows, into the database of {args.rows}:")
        other_times: dict[str, tuple[float, float]] = {}
        other = step("  read", lambda: open_data(other_sheet(args.rows), "phone.csv").records(),
                     other_times)

        def match_other():
            with workspace.read() as session:
                return make_plan(session, "person", other)

        plan = step("  match against the database", match_other, other_times)
        counts = plan.counts()
        print(f"  {counts['new']} new, {counts['update'] + counts['unchanged']} matched, "
              f"{counts['possible']} possible duplicates")
        step("  back up and write", lambda: apply_plan(workspace, plan), other_times)
        device = db.device_id
        db.close()
        print("floor:")
        step("  sqlite3 executemany", lambda: floor(empty, args.rows, device), times)
        for index, what in ((0, "wall"), (1, "processor")):
            whole = sum(times[name][index] for name in ("read", "match", "back up and write"))
            base = times["sqlite3 executemany"][index]
            write = times["back up and write"][index]
            other_whole = sum(spent[index] for spent in other_times.values())
            print(f"another file, {what}: whole {other_whole:.2f} s (target 10 s: "
                  f"{'met' if other_whole <= 10 else 'NOT met'}), matching "
                  f"{other_times['match against the database'][index]:.2f} s")
            print(f"first import, {what}: whole {whole:.2f} s (target 10 s: "
                  f"{'met' if whole <= 10 else 'NOT met'}); writing {write / base:.1f} x the "
                  f"floor, the whole import {whole / base:.1f} x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
