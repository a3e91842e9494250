"""How long the record editors take on a database of 100,000 people.

Prints each figure in milliseconds (median of several runs) and as a ratio to a
floor measured in the same run: one read session that fetches one person by id,
the least any editor can cost on this machine.

A second floor is Qt's own: a bare dialog holding as many plain line edits as
the person editor holds fields and cells, each emptied and then given a value
(the editor's two loads, with no database and no logic).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/editors.py [--people N] [--db FILE]

With --db, a database built before (demo and `coordinator generate`) is measured as
it is, instead of building one.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from timing import bench_workspace, database_options, finish, timed


#: Runs per figure: an editor opening is quick, so more runs steady the median.
RUNS = 9


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    database_options(parser)
    args = parser.parse_args()

    from PySide6.QtWidgets import (
        QAbstractSpinBox,
        QApplication,
        QComboBox,
        QDialog,
        QFormLayout,
        QLineEdit,
        QPlainTextEdit,
    )
    from sqlalchemy import func, select

    from coordinator_app.core.records.models import Affiliation, Agreement, Person, Project
    from coordinator_app.ui.context import UiContext
    from coordinator_app.ui.editors import editor_for

    app = QApplication(sys.argv)
    workspace = bench_workspace(args)
    context = UiContext(workspace)

    with workspace.read() as session:
        person_id = session.scalar(select(Person.id).where(Person.full_name == "Ігор Терехов"))
        agreement_id = session.scalar(select(Agreement.id).where(
            Agreement.title.like("Memorandum of Cooperation between%")))
        project_id = session.scalar(select(Project.id).where(Project.title.like("Generators%")))
        org_id, positions = session.execute(
            select(Affiliation.organization_id, func.count()).where(
                Affiliation.deleted_at.is_(None)).group_by(Affiliation.organization_id)
            .order_by(func.count().desc()).limit(1)).one()

    def floor() -> None:
        with workspace.read() as session:
            session.get(Person, person_id)

    editors = {kind: editor_for(kind)(context) for kind in ("person", "agreement", "project",
                                                              "organization")}
    # The figures for opening include two loads each: a blank form, then the record.
    for editor in editors.values():
        editor.resize(1000, 900)
        editor.show()
    app.processEvents()

    def show(kind: str, record_id: str):
        def action() -> None:
            editor = editors[kind]
            editor.show_record(None)
            editor.show_record(record_id)
        return action

    flip = iter(range(10**6))

    def commit_field() -> None:
        editor = editors["person"]
        editor.notes.edit.setPlainText(f"Benchmark note {next(flip)}")
        editor.notes._commit()
        app.processEvents()  # the deferred reload of every open editor

    def pick_search() -> None:
        table = editors["agreement"].signatories
        picker = table.cell(table.new_row(), 0)
        picker.edit.setText("Tere")
        picker.run_search()
        picker.completer.popup().hide()

    def write_floor() -> None:
        workspace.update(Person, person_id, notes=f"Floor note {next(flip)}")

    inputs = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox)
    editors["person"].show_record(person_id)
    fields = sum(len(editors["person"].findChildren(kind)) for kind in inputs)
    bare = QDialog()
    bare_layout = QFormLayout(bare)
    bare_edits = [QLineEdit() for _ in range(fields)]
    for edit in bare_edits:
        bare_layout.addRow(edit)
    bare.resize(1000, 900)
    bare.show()
    app.processEvents()

    def bare_fill() -> None:
        for edit in bare_edits:
            edit.setText("")
        for number, edit in enumerate(bare_edits):
            edit.setText(f"Value {number}")

    floor_ms = timed(floor, runs=31)
    bare_ms = timed(bare_fill, runs=31)
    write_ms = timed(write_floor, RUNS)
    opening = {
        "open a person (positions, contacts, tags)": show("person", person_id),
        "open the demo memorandum (all sections)": show("agreement", agreement_id),
        "open the demo generators project": show("project", project_id),
        f"open the organisation with most people ({positions})":
            show("organization", org_id),
    }
    figures = {name: timed(action, RUNS) for name, action in opening.items()}
    processor = {name: timed(action, RUNS, time.process_time) for name, action in opening.items()}
    history = editors["agreement"].history

    def open_history() -> None:
        history.toggle.setChecked(False)
        history.toggle.setChecked(True)  # reads the journal of the record and its rows

    editors["agreement"].show_record(agreement_id)
    figures["History panel of the demo memorandum"] = timed(open_history, RUNS)
    history.toggle.setChecked(False)
    editors["organization"].hide()
    # As in the window: one editor shown, the others hidden behind it.
    editors["person"].show_record(person_id)
    editors["agreement"].hide()
    editors["project"].hide()
    figures["commit one field (write + reload the editor)"] = timed(commit_field, RUNS)
    editors["agreement"].show()
    editors["agreement"].show_record(agreement_id)
    figures["picker: search people for “Tere”"] = timed(pick_search, RUNS)

    print(f"floor (one person by id in its own session): {floor_ms:.2f} ms")
    print(f"Qt floor (a bare dialog of {fields} line edits emptied, then filled): "
          f"{bare_ms:.2f} ms")
    print(f"write floor (one field through the service, synchronous to disk): {write_ms:.1f} ms")
    for name, ms in figures.items():
        print(f"{name:<45} {ms:8.1f} ms  {ms / floor_ms:8.0f}× floor"
              f"  {ms / bare_ms:6.1f}× Qt floor")
    for name, ms in processor.items():
        print(f"{name + ', processor time':<60} {ms:8.1f} ms")
    print(f"load average {os.getloadavg()[0]:.1f}")
    slowest = max(figures.values())
    print(f"slowest: {slowest:.1f} ms ({'within' if slowest < 100 else 'over'} the 100 ms aim)")
    bare.close()
    for editor in editors.values():
        editor.close()
        editor.deleteLater()
    app.processEvents()
    finish(workspace)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
