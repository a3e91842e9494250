"""Where a relation table puts each column's cell, and how wide its columns are.

A record is one row of cells, or two where its table declares a second line: a
commitment's "What" runs the whole width above its party, owner, due date and
status, where one row gave it 15 characters of a half-screen editor; an aid
delivery's item, amount and date go above where from, to and which pledge. The
cells of a line stand in the table's columns one after another, and the last one
of a shorter line spans what is left, so each line uses the whole width. The
header names each column once per line ("Item" above "From"), except where a cell
spans: that one reads its name in the cell (a placeholder) instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coordinator_app.i18n import _
from coordinator_app.ui.column_widths import share


@dataclass(frozen=True)
class Place:
    line: int
    position: int
    span: int


@dataclass(frozen=True)
class RowLayout:
    #: Table rows per record.
    lines: int
    #: Table columns of cells; the remove button comes after them.
    grid: int
    #: Where each column's cell goes, in the order of the columns.
    places: tuple[Place, ...]

    @classmethod
    def of(cls, lines_of_columns: Sequence[int],
           spans: Sequence[int] | None = None) -> RowLayout:
        """From the line (0, 1…) each column is on and how many table columns it
        covers (1 unless said), in the order of the columns."""
        spans = list(spans) if spans is not None else [1] * len(lines_of_columns)
        lines = 1 + max(lines_of_columns, default=0)
        totals = [sum(span for line, span in zip(lines_of_columns, spans) if line == n)
                  for n in range(lines)]
        grid = max(totals, default=0)
        last = {line: i for i, line in enumerate(lines_of_columns)}
        places, seen = [], [0] * lines
        for i, (line, span) in enumerate(zip(lines_of_columns, spans)):
            position = seen[line]
            seen[line] += span
            places.append(Place(line, position, grid - position if last[line] == i else span))
        return cls(lines, grid, tuple(places))

    def at(self, position: int) -> list[int]:
        """The columns whose cell starts at `position` and spans only it."""
        return [i for i, place in enumerate(self.places)
                if place.position == position and place.span == 1]

    def spanning(self) -> list[int]:
        return [i for i, place in enumerate(self.places) if place.span > 1]

    def header(self, titles: Sequence[str]) -> list[str]:
        """The header's text for each table column (titles marked with N_())."""
        return ["\n".join(_(titles[i]) for i in self.at(position))
                for position in range(self.grid)]


def widths(layout: RowLayout, stretch: Sequence[bool], wanted: Sequence[int],
           least: Sequence[int], available: int) -> tuple[list[int], int]:
    """The width of each table column of cells, and the least the table needs.

    Each column is as wide as the widest cell that stands in it alone. Columns that
    stretch (a name, what was committed to) take what is left once the others have
    what they want; when there is not that much, every column gives up width in
    proportion, down to what keeps it usable. Below that the form scrolls sideways."""
    want, low, stretches = [], [], []
    for position in range(layout.grid):
        alone = layout.at(position)
        want.append(max((wanted[i] for i in alone), default=0))
        low.append(max((least[i] for i in alone), default=0))
        stretches.append(any(stretch[i] for i in alone))
    for i in layout.spanning():
        # A cell over several columns that no cell of its own sizes: they share what it
        # wants, so that it is never squeezed to nothing.
        place = layout.places[i]
        covered = range(place.position, place.position + place.span)
        short = wanted[i] - sum(want[j] for j in covered)
        empty = [j for j in covered if not layout.at(j)]
        for j in empty:
            want[j] = max(want[j], short // len(empty))
            low[j] = max(low[j], (least[i] - sum(low[k] for k in covered)) // len(empty))
    fixed = sum(w for w, s in zip(want, stretches) if not s)
    stretching = [j for j, s in enumerate(stretches) if s]
    if stretching and available - fixed >= sum(want[j] for j in stretching):
        result = list(want)
        room = available - fixed
        total = sum(want[j] for j in stretching)
        for j in stretching:
            result[j] = room * want[j] // total
    else:
        # What the user reads most (the stretching columns) gives up least.
        weights = [w * (3 if s else 2) // 2 for w, s in zip(want, stretches)]
        result = share(available, weights, low)
        if not stretching:
            result = [min(w, v) for w, v in zip(result, want)]
    need = sum(low)
    for i in layout.spanning():
        place = layout.places[i]
        need = max(need, sum(low[:place.position]) + least[i])
    return result, need
