"""Databases as older versions of Coordinator wrote them."""

from __future__ import annotations

import sqlite3

from coordinator_app.core.store import migrate

FIRST = "0001"
STAMP = "2026-02-11 09:30:00.000000"


def make_first_revision_db(path) -> None:
    """A database as the first release wrote it, with records typed in by hand."""
    migrate.upgrade(path, FIRST)
    raw = sqlite3.connect(path)
    with raw:
        raw.execute("insert into replica (id, device_id, created_at) values (1, ?, ?)",
                    ("old-laptop", STAMP))
        raw.execute(
            "insert into organizations (id, name, other_names, kind, country, created_at, "
            "updated_at, device_id) values ('org-1', 'Харківська міська рада', 'Kharkiv', "
            "'municipality', 'UA', ?, ?, 'old-laptop')", (STAMP, STAMP))
        raw.execute(
            "insert into people (id, full_name, latin_name, created_at, updated_at, device_id) "
            "values ('person-1', 'Ігор Терехов', 'Ihor Terekhov', ?, ?, 'old-laptop')",
            (STAMP, STAMP))
        raw.execute(
            "insert into affiliations (id, person_id, organization_id, position, created_at, "
            "updated_at, device_id) values ('aff-1', 'person-1', 'org-1', 'Міський голова', "
            "?, ?, 'old-laptop')", (STAMP, STAMP))
        raw.execute(
            "insert into contact_points (id, person_id, kind, value, created_at, updated_at, "
            "device_id) values ('phone-1', 'person-1', 'phone', '+380 57 725 20 01', ?, ?, "
            "'old-laptop')", (STAMP, STAMP))
    raw.close()


def as_written_before_0016(path) -> None:
    """The file as a version before 0016 (currencies' digits from CLDR) left it: taken
    back to revision 0015 (whose downgrade keeps forint amounts in hundredths again), and
    the operations that created its projects and partners holding those amounts, as that
    version recorded them (for records created and not edited since). Opening it
    migrates it past 0016 again."""
    migrate.downgrade(path, "0015")
    raw = sqlite3.connect(path)
    with raw:
        for kind, table, field in (("project", "projects", "budget_minor"),
                                   ("project_partner", "project_partners",
                                    "contribution_minor")):
            raw.execute(
                f"UPDATE sync_operations SET value = json_set(value, '$.{field}', "
                f"(SELECT {field} FROM {table} x WHERE x.id = sync_operations.record_id)) "
                f"WHERE kind = ? AND field = ''", (kind,))
    raw.close()
