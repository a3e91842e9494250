"""Import speed: a CSV of N contacts (name, organisation, position, phone, e-mail,
as a sheet typed by municipal staff, in cp1251 with semicolons) read, matched and
written into an empty database; then the same file again (all unchanged).

    python benchmarks/imports.py [--rows 10000]

Prints wall and processor seconds of each step: on a busy machine the wall time
grows with the load, the processor time much less.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import sys
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


def step(name: str, action):
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    print(f"{name:<28} {time.perf_counter() - wall:7.2f} s wall {time.process_time() - cpu:7.2f}"
          " s processor")
    return result


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
        workspace = Workspace(db)
        for attempt in ("first import", "same file again"):
            print(f"{attempt}, {args.rows} rows:")
            items = step("  read", lambda: open_data(data, "contacts.csv").records())

            def match():
                with workspace.read() as session:
                    return make_plan(session, "person", items)

            plan = step("  match", match)
            step("  back up and write", lambda: apply_plan(workspace, plan))
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
