"""Records this program makes itself, written as rows of values rather than record
objects: `coordinator generate`'s hundreds of thousands.

A row is a list of a kind's column values in `journal.row_layout` order, the one
definition of a row that the bulk path of records given by people and files
(Edit.create_many) writes too. Rows are made by a `maker`, which fills the columns'
defaults, and written by `insert_made`: stamped, given their sort keys, journalled
as one `create` each, recorded for sync, and noted for the search index and the
people's current country, in the edit's transaction. No record object is made per
row: for a million people, making, normalising and checking one each cost more
processor time than SQLite's writing of their rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from coordinator_app.core.records import current_country, journal
from coordinator_app.core.records.models import Entity
from coordinator_app.core.records.values import column_defaults
from coordinator_app.core.search import search_index


def maker(cls: type[Entity], fields: Sequence[str]) -> Callable[..., list[Any]]:
    """A function that takes the values of `fields`, in that order, and returns a new
    row of `cls`: those values, each column's default where a value is None (as an
    edit fills it), None elsewhere. The id is one of the fields; the stamps and sort
    keys are left to `insert_made`."""
    layout = journal.row_layout(cls)
    place = {key: index for index, key in enumerate(layout)}
    unknown = [field for field in fields if field not in place]
    if unknown:
        raise ValueError(f"{cls.KIND} has no column {', '.join(unknown)}")
    template: list[Any] = [None] * len(layout)
    for key, default in column_defaults(cls):
        template[place[key]] = default
    indices = [place[field] for field in fields]

    def make(*values: Any) -> list[Any]:
        row = template.copy()
        for index, value in zip(indices, values):
            if value is not None:
                row[index] = value
        return row

    return make


def insert_made(session: Session, cls: type[Entity], rows: list[list[Any]]) -> None:
    """Write rows made by `maker` (valid, and normalised as an edit normalises, by
    their maker's construction) in `session`'s edit: see journal.insert_made."""
    if not rows:
        return
    journal.insert_made(session, cls, rows)
    place = {key: index for index, key in enumerate(journal.row_layout(cls))}

    def column(key: str):
        index = place[key]
        return (row[index] for row in rows)

    search_index.note_made(session, cls.KIND, column)
    current_country.note_made(session, cls.KIND, column)
