"""How long the record lists and the dashboard take on 100,000 people.

Prints each figure in milliseconds (median of several runs) and as a ratio to a
floor measured in the same run: reading 200 ids straight from the sort index,
the least any first page can cost on this machine.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/lists.py [--people N] [--db FILE]

With --db, a database built before (`coordinator generate`) is measured as it is,
instead of building one.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from timing import bench_workspace, database_options, finish, timed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    database_options(parser)
    args = parser.parse_args()

    from sqlalchemy import text

    from coordinator_app.core.views import dashboard, facets, listing
    from coordinator_app.core.views.listing import ListQuery

    workspace = bench_workspace(args)
    with workspace.read() as session:
        args.people = session.scalar(text("SELECT count(*) FROM people"))

    def floor() -> None:
        with workspace.read() as session:
            session.execute(text("SELECT id FROM people WHERE deleted_at IS NULL "
                                 "ORDER BY sort_key LIMIT 200")).all()

    def first_page(query: ListQuery, offset: int = 0, after=None):
        def run() -> None:
            with workspace.read() as session:
                listing.page(session, query, offset, 200, after=after)
        return run

    def shown(query: ListQuery):
        # As the list opens or changes its facets: the first page and its count.
        def run() -> None:
            with workspace.read() as session:
                listing.first_page(session, query, 200)
        return run

    def country_options() -> None:
        with workspace.read() as session:
            facets.options(session, "person", "country")

    def in_country(*codes: str) -> ListQuery:
        return ListQuery("person", facets=facets.normalised([("country", codes)]))

    def counted(query: ListQuery):
        def run() -> None:
            with workspace.read() as session:
                listing.count(session, query)
        return run

    deep = min(50_000, args.people - 1)
    with workspace.read() as session:
        some_id = listing.page(session, ListQuery("person"), 60_000 % max(args.people, 1), 1)[0].id
        deep_mark = listing.page(session, ListQuery("person"), deep, 1)[0].mark
        org_mark = listing.page(session, ListQuery("organization", lang="lt"),
                                min(1000, args.people // 100), 1)[0].mark

    def position() -> None:
        with workspace.read() as session:
            listing.position_of(session, ListQuery("person"), some_id)

    def dashboard_queries() -> None:
        with workspace.read() as session:
            today = date.today()
            dashboard.overdue_commitments(session, today)
            dashboard.commitments_due_soon(session, today)
            dashboard.agreements_expiring(session, today)
            dashboard.projects_by_status(session)
            dashboard.recent_changes(session)

    base = timed(floor, 15)
    plain = timed(shown(ListQuery("person")), 9)
    latin = [c.key for c in listing.SPECS["person"].columns].index("latin_name")
    figures = [
        ("people: first page (name order)", first_page(ListQuery("person"))),
        ("people: count", counted(ListQuery("person"))),
        ("people: page at row 50,000 by OFFSET", first_page(ListQuery("person"), deep)),
        ("people: page after row 50,000 (as scrolling)",
         first_page(ListQuery("person"), after=deep_mark)),
        ("people: first page, name descending", first_page(ListQuery("person", 0, True))),
        ("people: first page, by Latin spelling", first_page(ListQuery("person", latin))),
        ("people: filter 'ivan', first page", first_page(ListQuery("person", text="ivan"))),
        ("people: filter 'ivan', count", counted(ListQuery("person", text="ivan"))),
        ("people: position of a record", position),
        ("people: Country facet, its options", country_options),
        ("people: Country LT, first page and count", shown(in_country("LT"))),
        ("people: Country UA, first page and count", shown(in_country("UA"))),
        ("people: Country LT or UA, first page and count", shown(in_country("LT", "UA"))),
        ("people: Country LT and filter 'ona'",
         shown(ListQuery("person", text="ona", facets=in_country("LT").facets))),
        ("organisations: first page", first_page(ListQuery("organization"))),
        # Names are shown, and sorted, in the interface language (a sort key per language).
        ("organisations: first page in Lithuanian",
         first_page(ListQuery("organization", lang="lt"))),
        ("organisations: name descending in Ukrainian",
         first_page(ListQuery("organization", 0, True, lang="uk"))),
        ("organisations: page after row 1,000 in Lithuanian",
         first_page(ListQuery("organization", lang="lt"), after=org_mark)),
        ("dashboard: all sections", dashboard_queries),
    ]
    print(f"{'floor: 200 ids from the sort index':45} {base:8.2f} ms   1.0x")
    print(f"{'plain list: first page and count':45} {plain:8.2f} ms {plain / base:6.1f}x")
    for label, action in figures:
        ms = timed(action)
        print(f"{label:45} {ms:8.2f} ms {ms / base:6.1f}x {ms / plain:6.2f}x plain list")

    from PySide6.QtWidgets import QApplication

    from coordinator_app.ui.context import UiContext
    from coordinator_app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    started = time.perf_counter()
    window = MainWindow(UiContext(workspace))
    window.show()
    window.show_page("person")
    app.processEvents()
    opened = (time.perf_counter() - started) * 1000
    page = window.list_pages["person"]
    print(f"{'window: open and show the people page':45} {opened:8.2f} ms {opened / base:6.1f}x"
          f"   ({page.model.rowCount()} of {page.model.total:,} rows loaded)")
    started = time.perf_counter()
    page.view.scrollToBottom()
    app.processEvents()
    scrolled = (time.perf_counter() - started) * 1000
    print(f"{'window: scroll to the end of loaded rows':45} {scrolled:8.2f} ms"
          f" {scrolled / base:6.1f}x   ({page.model.rowCount()} rows loaded)")
    window.close()
    finish(workspace)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
