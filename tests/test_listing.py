"""The lists' SQL: pages, order, filter and position, on real database files."""

from __future__ import annotations

from datetime import date

from coordinator_app.core.views import listing
from coordinator_app.core.text.collation import sort_key
from coordinator_app.core.records.ids import new_id, utcnow
from coordinator_app.core.views.listing import ListQuery
from coordinator_app.core.records.models import Organization, Person, Project
from support.bulk import insert_people


def _people(workspace, *names):
    ids = {}
    with workspace.edit("people") as edit:
        for name in names:
            ids[name] = edit.create(Person, full_name=name).id
    return ids


def _names(workspace, query, offset=0, limit=50):
    with workspace.read() as session:
        return [row.cells[0] for row in listing.page(session, query, offset, limit)]


def test_pages_follow_the_order_without_gaps_or_repeats(workspace):
    _people(workspace, *(f"Name {i:03d}" for i in range(25)), "Name 007")
    query = ListQuery("person")
    pages = [_names(workspace, query, offset, 10) for offset in (0, 10, 20)]
    together = [name for one in pages for name in one]
    assert together == sorted(together)
    assert len(together) == 26 and together.count("Name 007") == 2
    assert [len(one) for one in pages] == [10, 10, 6]
    with workspace.read() as session:
        assert listing.count(session, query) == 26


def test_sorting_by_a_column_and_direction_changes_the_sql_order(workspace):
    with workspace.edit("orgs") as edit:
        edit.create(Organization, name="Plungė", country="LT")
        edit.create(Organization, name="Kharkiv", country="UA")
        edit.create(Organization, name="Association", country="LT")
    by_name = _names(workspace, ListQuery("organization"))
    # Plungė's letters say Lithuanian: the English list tags it so.
    assert by_name == ["Association", "Kharkiv", "Plungė · lt"]
    descending = _names(workspace, ListQuery("organization", 0, True))
    assert descending == list(reversed(by_name))
    by_country = _names(workspace, ListQuery("organization", 2, True))
    assert by_country[0] == "Kharkiv"


def test_columns_that_cannot_be_sorted_fall_back_to_the_default_order(workspace):
    _people(workspace, "Bravo", "Alpha")
    position_column = [c.key for c in listing.SPECS["person"].columns].index("position")
    assert _names(workspace, ListQuery("person", position_column, True)) == ["Alpha", "Bravo"]


def test_deleted_records_are_not_listed(workspace):
    ids = _people(workspace, "Kept", "Gone")
    workspace.delete("person", ids["Gone"])
    assert _names(workspace, ListQuery("person")) == ["Kept"]


def test_filter_restricts_rows_with_the_search_folding(workspace):
    _people(workspace, "Audrius Klišonis", "Ігор Терехов", "Someone Else")
    assert _names(workspace, ListQuery("person", text="klisonis")) == ["Audrius Klišonis"]
    with workspace.read() as session:
        assert listing.count(session, ListQuery("person", text="klisonis")) == 1


def test_a_filter_keeps_only_its_own_kind_where_row_numbers_coincide(workspace):
    """The filter reads rows from the index's numbers, made of each record's row in
    its table (counted from one in every table) and its kind's slot: the first
    organisation and the first person share a row number, and filtering the people
    by the organisation's name must still find no one."""
    from coordinator_app.core.search.search_index import SLOT, SLOTS

    with workspace.edit("records") as edit:
        edit.create(Organization, name="Plungės rajono savivaldybė", country="LT")
        edit.create(Person, full_name="Ігор Терехов")
    with workspace.read() as session:
        rows = session.connection().exec_driver_sql(
            "SELECT kind, entry FROM search_keys ORDER BY kind").fetchall()
    assert rows == [("organization", SLOTS + SLOT["organization"]),
                    ("person", SLOTS + SLOT["person"])]
    assert _names(workspace, ListQuery("person", text="plunges")) == []
    assert _names(workspace, ListQuery("organization", text="plunges", lang="lt")) == [
        "Plungės rajono savivaldybė"]
    assert _names(workspace, ListQuery("person", text="terekhov")) == ["Ігор Терехов"]


def test_every_searchable_kind_has_a_slot_of_its_own_in_the_index():
    from coordinator_app.core.search.search_index import SLOT, SLOTS

    assert len(set(SLOT.values())) == len(SLOT)
    assert all(0 < slot < SLOTS for slot in SLOT.values())


def test_cells_show_labels_dates_money_and_related_names(workspace):
    with workspace.edit("project") as edit:
        lead = edit.create(Organization, name="Plungė District Municipality", country="LT",
                           **{"name.original": "en"})
        edit.create(Project, title="Generators for Kharkiv", status="active", lead_id=lead.id,
                    start_on=date(2025, 12, 1), budget_minor=1250000, currency="EUR")
    spec = listing.SPECS["project"]
    with workspace.read() as session:
        (row,) = listing.page(session, ListQuery("project"), 0, 10)
    cells = dict(zip((c.key for c in spec.columns), row.cells))
    assert cells["status"] == "Active"
    assert cells["lead"] == "Plungė District Municipality"
    assert "2025" in cells["start_on"] and "12" in cells["start_on"].replace("Dec", "12")
    assert "12,500" in cells["budget"] and ("€" in cells["budget"] or "EUR" in cells["budget"])
    assert cells["end_on"] == ""


def test_person_list_shows_the_current_position(workspace):
    from coordinator_app.core.records.models import Affiliation

    with workspace.edit("mayor") as edit:
        city = edit.create(Organization, name="Kharkiv City Council")
        person = edit.create(Person, full_name="Ігор Терехов", latin_name="Ihor Terekhov")
        edit.create(Affiliation, person_id=person.id, organization_id=city.id, position="Mayor")
    with workspace.read() as session:
        (row,) = listing.page(session, ListQuery("person"), 0, 10)
    assert row.cells[:3] == ("Ігор Терехов", "Ihor Terekhov", "Mayor, Kharkiv City Council")


def test_position_of_a_record_matches_its_row_in_every_order(workspace):
    with workspace.edit("people") as edit:
        # Duplicate names and missing Latin spellings: ties and NULLs must still line up.
        for name, latin in (("Delta", "D"), ("Alpha", None), ("Charlie", "C"), ("Bravo", None),
                            ("Alpha", "A")):
            edit.create(Person, full_name=name, latin_name=latin)
    for query in (ListQuery("person"), ListQuery("person", 0, True),
                  ListQuery("person", 1, False), ListQuery("person", 1, True)):
        with workspace.read() as session:
            rows = listing.page(session, query, 0, 100)
            for index, row in enumerate(rows):
                assert listing.position_of(session, query, row.id) == index
    with workspace.read() as session:
        hidden = listing.page(session, ListQuery("person"), 0, 1)[0].id
        assert listing.position_of(session, ListQuery("person", text="zzz"), hidden) is None


def test_a_large_list_reads_one_page_through_the_sort_key_index(workspace, db_path):
    insert_people(db_path, 20_000)
    query = ListQuery("person")
    with workspace.read() as session:
        assert listing.count(session, query) == 20_000
        rows = listing.page(session, query, 19_990, 200)
        assert [r.cells[0] for r in rows][0] == "Person 019990" and len(rows) == 10
        plan = query_plan(session, listing.page_statement(query, 0, 200))
    # The page's rows are chosen by walking the index, not by sorting the table; only
    # those 200 are then read for display (and put back in order).
    choosing = " ".join(choosing_plan(plan))
    assert "ix_people_sort_key" in choosing and "TEMP B-TREE" not in choosing


def query_plan(session, statement) -> list[tuple]:
    """SQLite's plan of a list's statement (its SQL and parameters)."""
    sql, parameters = statement
    return session.connection().connection.driver_connection.execute(
        "EXPLAIN QUERY PLAN " + sql, parameters).fetchall()


def choosing_plan(plan) -> list[str]:
    """The steps of a page's plan that choose its rows (the `page_rows` subquery)."""
    (node,) = [row[0] for row in plan if "page_rows" in str(row[-1]) and "CO-ROUTINE" in
               str(row[-1]) or str(row[-1]).startswith("MATERIALIZE page_rows")]
    return [str(row[-1]) for row in plan if row[1] == node]


def test_an_unfiltered_count_stops_past_its_limit_and_a_filtered_one_is_exact(workspace,
                                                                             db_path):
    insert_people(db_path, listing.COUNT_LIMIT + 500)
    _people(workspace, *(f"Klišonis {n}" for n in range(3)))
    with workspace.read() as session:
        everyone = ListQuery("person")
        assert listing.count(session, everyone) == listing.COUNT_LIMIT + 503
        assert listing.count(session, everyone, listing.COUNT_LIMIT) == listing.COUNT_LIMIT + 1
        rows, total = listing.first_page(session, everyone, 200)
        assert total == listing.COUNT_LIMIT + 1 and len(rows) == 200
        rows, total = listing.first_page(session, ListQuery("person", text="klisonis"), 2)
        assert total == 3 and [r.cells[0] for r in rows] == ["Klišonis 0", "Klišonis 1"]
        assert listing.first_page(session, ListQuery("person", text="zzz"), 200) == ([], 0)


def _people_with_ties(workspace) -> int:
    """23 people whose pages can fall on every kind of boundary (ties, NULLs and both
    alphabets); the number of the list's Latin name column."""
    with workspace.edit("people") as edit:
        for i in range(23):
            latin = None if i % 3 == 0 else f"L{i % 5}"
            edit.create(Person, full_name=("Олена" if i % 2 else "Audrius") + f" {i % 4}",
                        latin_name=latin)
    return [c.key for c in listing.SPECS["person"].columns].index("latin_name")


def test_paging_on_from_the_last_row_matches_one_long_read_in_every_order(workspace):
    latin_column = _people_with_ties(workspace)
    for query in (ListQuery("person"), ListQuery("person", 0, True),
                  ListQuery("person", latin_column, False),
                  ListQuery("person", latin_column, True)):
        with workspace.read() as session:
            whole = [row.id for row in listing.page(session, query, 0, 100)]
            paged, after = [], None
            while True:
                rows = listing.page(session, query, 0, 4, after=after)
                if not rows:
                    break
                paged += [row.id for row in rows]
                after = rows[-1].mark
        assert paged == whole and len(whole) == 23, query


def test_one_country_sorted_by_latin_spelling_is_read_in_order_not_sorted(workspace):
    # Sorting a country's people by Latin spelling took 135 to 215 ms at 100,000.
    latin_column = [c.key for c in listing.SPECS["person"].columns].index("latin_name")
    query = ListQuery("person", latin_column, False, facets=(("country", ("UA",)),))
    with workspace.read() as session:
        plan = query_plan(session, listing.page_statement(query, 0, 200))
    choosing = " ".join(choosing_plan(plan))
    assert "ix_people_country_latin" in choosing and "TEMP B-TREE" not in choosing, plan


def test_people_sorted_by_latin_spelling_are_read_in_order_not_sorted(workspace):
    # Sorting every person by Latin spelling sorted them all for a page: 84 to 220 ms
    # of processor time at 300,000 people, growing with the list.
    latin_column = [c.key for c in listing.SPECS["person"].columns].index("latin_name")
    for descending in (False, True):
        query = ListQuery("person", latin_column, descending)
        with workspace.read() as session:
            plan = query_plan(session, listing.page_statement(query, 0, 200))
        choosing = " ".join(choosing_plan(plan))
        assert "ix_people_latin" in choosing and "TEMP B-TREE" not in choosing, plan


def test_a_deep_page_is_found_through_the_index(workspace):
    query = ListQuery("person")
    with workspace.read() as session:
        plan = query_plan(session, listing.page_statement(query, 0, 200, after=("k", 5)))
    choosing = " ".join(choosing_plan(plan))
    assert "SEARCH people USING INDEX ix_people_sort_key" in choosing, plan


def test_a_filtered_first_page_and_its_count_agree_with_its_pages_in_every_order(workspace):
    with workspace.edit("people") as edit:
        for i in range(30):
            latin = None if i % 4 == 0 else f"Kovalenko {i % 3}"
            edit.create(Person, full_name=("Олена Коваленко" if i % 2 else "Ona Kovalenkaitė")
                        + f" {i % 5}", latin_name=latin)
        edit.create(Person, full_name="Audrius Klišonis")
    latin_column = [c.key for c in listing.SPECS["person"].columns].index("latin_name")
    for query in (ListQuery("person", text="kov"), ListQuery("person", 0, True, text="kov"),
                  ListQuery("person", latin_column, False, text="kov"),
                  ListQuery("person", latin_column, True, text="kov")):
        with workspace.read() as session:
            rows, total = listing.first_page(session, query, 7)
            whole = listing.page(session, query, 0, 100)
        assert total == len(whole) == 30, query
        assert [row.id for row in rows] == [row.id for row in whole[:7]], query


def test_rows_read_without_their_cells_have_the_ids_and_marks_of_the_shown_ones(workspace):
    latin_column = _people_with_ties(workspace)
    for query in (ListQuery("person"), ListQuery("person", latin_column, True),
                  ListQuery("person", text="Олена")):
        with workspace.read() as session:
            shown = listing.page(session, query, 0, 100)
            bare = listing.page(session, query, 0, 100, shown=False)
            after = listing.page(session, query, 0, 100, after=shown[4].mark, shown=False)
        assert [(row.id, row.mark) for row in bare] == [(row.id, row.mark) for row in shown]
        assert all(row.cells == () for row in bare) and shown[0].cells
        assert [row.id for row in after] == [row.id for row in shown[5:]], query


def test_a_list_read_through_the_files_own_connection_is_the_one_a_session_reads(
        workspace, db_path):
    from coordinator_app.core.store.connect import connect

    ids = _people(workspace, "Ihor Terekhov", "Audrius Klišonis", "Олена Коваль",
                  *(f"Name {i:02d}" for i in range(12)))
    with workspace.edit("gone") as edit:
        edit.delete(Person, ids["Name 03"])
    queries = [ListQuery("person"), ListQuery("person", 1, True),
               ListQuery("person", text="Terekhov"), ListQuery("person", text="name"),
               *(ListQuery(kind) for kind in listing.KINDS)]
    connection = connect(db_path)
    try:
        for query in queries:
            with workspace.read() as session:
                by_session = listing.first_page(session, query, 5)
                rest = listing.page(session, query, 5, 50, after=by_session[0][-1].mark) \
                    if by_session[0] else []
            assert listing.first_page(connection, query, 5) == by_session, query
            if rest:
                assert listing.page(connection, query, 5, 50,
                                    after=by_session[0][-1].mark) == rest
                assert listing.position_of(connection, query, rest[-1].id) == 4 + len(rest)
    finally:
        connection.close()
    assert ids["Name 03"] not in [row.id for row in by_session[0]]


def test_reading_and_filtering_a_list_loads_neither_sqlalchemy_nor_the_models(workspace, db_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    from coordinator_app.core.crypto import keyring
    from coordinator_app.core.store.connect import is_encrypted

    _people(workspace, *(f"Name {i:02d}" for i in range(30)))
    key = keyring.key_for(db_path) if is_encrypted(db_path) else None
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from coordinator_app.core.store.connect import connect\n"
        "from coordinator_app.core.views import listing\n"
        "key = os.environ.get('LIST_KEY')\n"
        "connection = connect(Path(sys.argv[1]), key=bytes.fromhex(key) if key else None)\n"
        "query = listing.ListQuery('person')\n"
        "rows, total = listing.first_page(connection, query, 20)\n"
        "more = listing.page(connection, query, 20, 20, after=rows[-1].mark)\n"
        "where = listing.position_of(connection, query, more[-1].id)\n"
        "found = listing.first_page(connection, listing.ListQuery('person', text='name 2'), 5)\n"
        "print(total, len(rows), len(more), where, found[1], found[0][0].cells[0],\n"
        "      sorted(m for m in ('sqlalchemy', 'coordinator_app.core.records.models')\n"
        "             if m in sys.modules))\n")
    environment = {**os.environ, "LIST_KEY": bytes(key).hex() if key else ""}
    done = subprocess.run([sys.executable, "-c", script, str(db_path)], env=environment,
                          cwd=Path(__file__).resolve().parent.parent, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["30", "20", "10", "29", "10", "Name", "20", "[]"]
