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
