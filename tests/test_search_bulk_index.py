"""A bulk load (generate, an import, a first sync bundle) indexes its records as one
edit of each record would: the same keys, rows and terms."""

from __future__ import annotations

import uuid

from hypothesis import given, settings, strategies as st

from coordinator_app.core.records import registry
from coordinator_app.core.sample.generate import generate
from coordinator_app.core.search import search_index
from coordinator_app.core.search.query import search
from coordinator_app.core.store.driver import Driver
from coordinator_app.core.text import folding, spelling
from coordinator_app.core.text.remembered import REMEMBERED
from support.search_rows import hash_size, index_rows


def test_a_bulk_load_indexes_its_records_as_one_edit_of_each_would(workspace):
    # Enough people for the bulk write (search_index.BULK_ROWS) and few enough names
    # that they repeat, as in any large address book.
    people = search_index.BULK_ROWS + 200
    generate(workspace, people=people, organizations=30, agreements=20, projects=20, seed=3)
    with workspace.edit("check") as edit:
        driver = Driver.of(edit.session)
        bulk = index_rows(driver)
        assert sum(row[1] == "person" for row in bulk[0]) >= people
        assert hash_size(driver) in (None, search_index.HASH_SIZE)
        for table in ("search_index", "search_keys", "search_terms"):
            driver.execute(f"DELETE FROM {table}")
        for kind in search_index.KINDS:
            table = registry.model(kind).__tablename__
            for (record_id,) in driver.execute(f"SELECT id FROM {table}").fetchall():
                search_index.refresh(driver, kind, [record_id])
        one_by_one = index_rows(driver)
    assert bulk[0] == one_by_one[0]
    assert bulk[1] == one_by_one[1]
    assert bulk[2] == one_by_one[2] == sorted(
        {word for row in bulk[1] for text in row[2:4] for word in folding.words(text)
         if len(word) > 2})


def test_after_a_bulk_load_an_edit_finds_the_index_as_fts5_keeps_it(workspace, db_path):
    generate(workspace, people=search_index.BULK_ROWS + 10, organizations=5, seed=8)
    with workspace.edit("check") as edit:
        driver = Driver.of(edit.session)
        assert hash_size(driver) in (None, search_index.HASH_SIZE)
        driver.execute("INSERT INTO search_index (search_index) VALUES ('integrity-check')")


def test_a_bulk_load_whose_ids_run_against_its_rows_is_indexed_in_one_piece(workspace):
    # Ids made elsewhere (another laptop's bundle, an import's own) are in no order
    # of the rows they land in; FTS5 wrote out a piece of its index for every row
    # numbered below the one before, and merged those pieces again.
    ids = sorted((str(uuid.uuid4()) for _ in range(search_index.BULK_ROWS + 100)),
                 reverse=True)
    with workspace.edit("import") as edit:
        edit.create_many("person", [{"id": record_id, "full_name": f"Особа {number}"}
                                    for number, record_id in enumerate(ids)])
    with workspace.read() as session:
        connection = session.connection()
        assert connection.exec_driver_sql(
            "SELECT count(DISTINCT segid) FROM search_index_idx").scalar() == 1
        assert len(index_rows(connection)[1]) == len(ids)


def test_positions_written_in_bulk_reindex_the_people_not_their_organisation(workspace,
                                                                           monkeypatch):
    with workspace.edit("add") as edit:
        [town] = edit.create_many("organization", [{"name": "Плунгеська міська рада"}])
    refreshed: list[tuple[str, set]] = []
    real = search_index.refresh

    def spied(connection, kind, ids):
        ids = set(ids)
        refreshed.append((kind, ids))
        real(connection, kind, ids)

    monkeypatch.setattr(search_index, "refresh", spied)
    with workspace.edit("import") as edit:
        people = edit.create_many("person", [{"full_name": "Ona Petraitienė"},
                                             {"full_name": "Jonas Kazlauskas"}])
        edit.create_many("affiliation", [{"person_id": person, "organization_id": town,
                                          "position": "Seniūnas"} for person in people])
    # The organisation's row shows none of its people's positions: it stays as it was.
    assert [kind for kind, _ids in refreshed] == ["person"]
    assert refreshed[0][1] == set(people)
    with workspace.read() as session:
        found = search(session, "seniunas плунгеська")
    assert {hit.id for hit in found} >= set(people)


#: Text as stored and typed: ASCII, Latin with diacritics, Cyrillic, apostrophes,
#: spaces of every kind, combining marks, compatibility forms.
_LETTERS = st.sampled_from(
    list("aZ09 '`-.@+()") + list("šėŽĄłßæøİ") + list("ХарківМар'їнкаЄґЙщЁыэ")
    + ["’", "ʼ", "\u00a0", "\t", "\u0301", "\u0308", "ﬁ", "½", "Σ", "Ǆ"])
_TEXT = st.text(alphabet=_LETTERS, max_size=30)
#: Longer than the parts kept once worked out (a note), worked out each time.
_LONG_TEXT = st.text(alphabet=_LETTERS, min_size=REMEMBERED + 1,
                     max_size=REMEMBERED + 40)


def _fold_by_table(text: str) -> str:
    import unicodedata
    return unicodedata.normalize("NFC", text).casefold().translate(folding._FOLD)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_folding_ascii_quickly_folds_it_as_the_table_does(text):
    assert folding.fold(text) == _fold_by_table(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), _TEXT, _LONG_TEXT), max_size=4))
def test_a_text_indexed_part_by_part_reads_as_folded_whole(parts):
    expected = []
    for part in parts:
        if part:
            expected.append(_fold_by_table(part))
            if folding.has_cyrillic(part):
                expected.append(folding.to_latin(part))
    assert folding.index_text(*parts) == " ".join(expected)
    keys: dict[str, None] = {}
    for part in parts:
        for word in folding.name_words(part or ""):
            keys.update(dict.fromkeys(spelling.word_keys(word)))
    assert spelling.keys_text(*parts) == " ".join(keys)


def test_merging_after_a_bulk_load_in_small_steps_leaves_one_piece_as_optimize_would(
        workspace):
    for start in range(0, 600, 100):  # each edit's commit writes a piece of its own
        with workspace.edit("import") as edit:
            edit.create_many("person", [{"full_name": f"Особа {number}"}
                                        for number in range(start, start + 100)])

    def pieces(connection) -> int:
        return connection.exec_driver_sql(
            "SELECT count(DISTINCT segid) FROM search_index_idx").scalar()

    with workspace.read() as session:
        assert pieces(session.connection()) > 1
    steps = 0
    while True:
        with workspace.edit("merge") as edit:
            connection = edit.session.connection()
            merged = search_index.merge_step(connection, pages=4)
        if not merged:
            break
        steps += 1
        assert steps < 1000
    with workspace.read() as session:
        connection = session.connection()
        assert steps > 1 and pieces(connection) == 1
        connection.exec_driver_sql(
            "INSERT INTO search_index (search_index) VALUES ('integrity-check')")
        assert [hit.title for hit in search(session, "Особа 417")][:1] == ["Особа 417"]
