"""A list scrolled far down holds the text of a few pages, not of every row it has
shown: the rows scrolled back to are read again and show what they showed, the
records chosen are still known by their place, and a list read again after an edit
keeps as many rows as before without holding their text."""

from __future__ import annotations

from coordinator_app.core.records.models import Person
from coordinator_app.ui.list_model import BATCH, ID_ROLE, KEPT_PAGES, RecordListModel
from support.bulk import insert_people

PEOPLE = 4_000


def _scrolled_to_the_end(workspace) -> tuple[RecordListModel, list[str], list[str]]:
    model = RecordListModel(workspace, "person")
    model.reload()
    names, ids = [], []
    while True:
        for row in range(len(names), model.rowCount()):
            names.append(model.index(row, 0).data())
            ids.append(model.index(row, 0).data(ID_ROLE))
        if not model.canFetchMore():
            return model, names, ids
        model.fetchMore()


def test_a_list_scrolled_to_its_end_keeps_the_text_of_a_few_pages_only(workspace, db_path):
    insert_people(db_path, PEOPLE)
    model, names, ids = _scrolled_to_the_end(workspace)
    assert model.rowCount() == PEOPLE
    assert names == [f"Person {number:06d}" for number in range(PEOPLE)]
    assert model.rows_kept() <= KEPT_PAGES * BATCH
    assert len(set(ids)) == PEOPLE

    # Back at the top, and here and there: each row shows what it showed, read again
    # a page at a time, and is the same record.
    rereads = model.rereads
    for row in (0, 1, BATCH - 1, BATCH, 7 * BATCH + 13, PEOPLE - 1):
        assert model.index(row, 0).data() == names[row]
        assert model.id_at(row) == ids[row]
    assert model.rereads - rereads == 3  # pages 0, 1 and 7: the last pages are kept
    assert model.rows_kept() <= KEPT_PAGES * BATCH
    assert model.row_of(ids[5]) == 5


def test_a_list_read_again_after_an_edit_keeps_its_rows_but_not_their_text(
        workspace, db_path):
    insert_people(db_path, PEOPLE)
    model, names, ids = _scrolled_to_the_end(workspace)
    workspace.update(Person, ids[3], full_name="Person 000003 Renamed")
    model.reload()
    assert model.rowCount() == PEOPLE and model.reads == 1
    assert model.rows_kept() <= KEPT_PAGES * BATCH
    assert model.index(3, 0).data() == "Person 000003 Renamed"
    assert model.index(PEOPLE - 1, 0).data() == names[-1]
    assert model.row_of(ids[-1], load=False) == PEOPLE - 1
