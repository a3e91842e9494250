"""Opening a file from an older version tells a person what the upgrade is doing and
how far it is (the search index of 100,000 people takes minutes to rebuild): the
command line prints each step on stderr, the app shows a dialog that names the
step, counts the records and can be cancelled, which leaves the file as it was."""

from __future__ import annotations

import pytest

from coordinator_app.core.errors import Cancelled
from coordinator_app.core.records.service import Workspace
from coordinator_app.core.search import search_index
from coordinator_app.core.search.query import search
from coordinator_app.core.store import migrate
from coordinator_app.core.store.db import open_database

#: The revision before the search index was numbered by rows (0011 rebuilds it).
BEFORE_RENUMBERING = "0010"
PEOPLE = 7


@pytest.fixture
def older_file(db_path):
    """A file of seven people and an organisation as the version at 0010 left it."""
    db = open_database(db_path)
    with Workspace(db).edit("typed in by an older version") as edit:
        edit.create("organization", name="Харківська міська рада", country="UA")
        for n in range(PEOPLE):
            edit.create("person", full_name=f"Ігор Терехов {n}")
    db.close()
    migrate.downgrade(db_path, BEFORE_RENUMBERING)
    return db_path


def test_an_upgrade_names_each_step_and_counts_the_index_to_every_record(
        older_file, monkeypatch):
    monkeypatch.setattr(search_index, "REBUILD_STEP", 3)
    heard = []
    open_database(older_file, progress=lambda *step: heard.append(step)).close()
    steps = [step for step, _done, _total in heard]
    assert steps[0] == "Backing up the database before upgrading it"
    assert "Upgrading the database to this version" in steps
    counts = [(done, total) for step, done, total in heard
              if step == "Rebuilding the search index" and total]
    # The organisation, then seven people three at a time: four reports, rising.
    assert len(counts) == 4 and counts[-1] == (8, 8)
    assert [done for done, _total in counts] == sorted({done for done, _total in counts})


def test_an_up_to_date_file_opens_without_a_word(db_path):
    open_database(db_path).close()
    heard = []
    open_database(db_path, progress=lambda *step: heard.append(step)).close()
    assert heard == []


def test_a_cancelled_upgrade_leaves_the_file_at_its_version_and_it_opens_later(older_file):
    def cancel_while_indexing(step, done, total):
        if total:
            raise Cancelled("stopped")

    with pytest.raises(Cancelled):
        open_database(older_file, progress=cancel_while_indexing)
    assert migrate.current_revision(older_file) == BEFORE_RENUMBERING
    db = open_database(older_file)
    try:
        with Workspace(db).read() as session:
            assert len(search(session, "Terekhov", limit=20)) == PEOPLE
    finally:
        db.close()


def test_the_command_line_prints_the_steps_of_an_upgrade_on_stderr(older_file, cli):
    done = cli("list", "people", db=older_file)
    assert done.returncode == 0
    assert "Rebuilding the search index…" in done.stderr
    assert f"{PEOPLE + 1}/{PEOPLE + 1}" in done.stderr
    assert "Ігор Терехов 0" in done.stdout


def test_the_app_shows_the_step_and_its_count_and_cancelling_stops_the_upgrade(qtbot):
    from coordinator_app.ui.upgrade_progress import UpgradeProgress

    progress = UpgradeProgress()
    progress("Rebuilding the search index", 0, 0)
    dialog = progress.dialog
    assert dialog.isVisible() and dialog.labelText() == "Rebuilding the search index"
    progress("Rebuilding the search index", 40_000, 100_000)
    assert "40,000 of 100,000" in dialog.labelText()
    assert (dialog.value(), dialog.maximum()) == (40_000, 100_000)
    dialog.cancel()
    with pytest.raises(Cancelled):
        progress("Rebuilding the search index", 45_000, 100_000)
    progress.close()
    assert progress.dialog is None


def test_the_app_opens_an_older_file_through_the_upgrade_and_closes_the_dialog(
        older_file, qtbot):
    from PySide6.QtWidgets import QApplication, QProgressDialog

    from coordinator_app.ui import safety

    db = safety.open_database_for_app(older_file)
    try:
        assert db is not None
        assert migrate.current_revision(older_file) == migrate.head_revision()
        assert not [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QProgressDialog) and w.isVisible()]
    finally:
        db.close()
