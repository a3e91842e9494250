"""Is this database sound? The checks behind `coordinator check` and the start-up check."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coordinator_app.core.store.connect import errors
from coordinator_app.core.store.dbfile import FileKind, connect_read_only, identify
from coordinator_app.core.errors import DatabaseError
from coordinator_app.i18n import _

#: Files no check of SQLite's can call sound: they are no database at all.
NOT_A_DATABASE = frozenset({FileKind.MISSING, FileKind.FOLDER, FileKind.SPECIAL,
                            FileKind.UNREADABLE, FileKind.LOG_UNREADABLE, FileKind.EMPTY,
                            FileKind.NOT_SQLITE})


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        return not self.problems


def check_file(path: Path, *, quick: bool = False, foreign_keys: bool = True) -> Report:
    """SQLite's own checks plus foreign keys, on a read-only connection.

    `foreign_keys=False` leaves out the reference check: it finds no damage to the
    file and takes longer than quick_check itself at 100,000 people (start-up)."""
    report = Report()
    found = identify(path)
    if found.kind in NOT_A_DATABASE:
        # SQLite reads an empty file, or /dev/zero, as an empty database that passes.
        report.problems.append(found.problem())
        return report
    try:
        # Read-only, so that a check never changes what it checks; read-only media too.
        connection = connect_read_only(path, checkpoint=False)
        try:
            pragma = "quick_check" if quick else "integrity_check"
            verdicts = [row[0] for row in connection.execute(f"PRAGMA {pragma}")]
            if verdicts != ["ok"]:
                report.problems.extend(verdicts[:20])
            broken = connection.execute("PRAGMA foreign_key_check").fetchall() \
                if foreign_keys else []
            if broken:
                report.problems.append(
                    _("{count} records refer to records that do not exist (first: {table})")
                    .format(count=len(broken), table=broken[0][0]))
        finally:
            connection.close()
    except (*errors("DatabaseError"), DatabaseError) as exc:
        report.problems.append(_("the file cannot be read as a database: {reason}").format(
            reason=exc))
    return report
