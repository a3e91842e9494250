"""Finding the header of a sheet people typed: a title row above it, two rows of
headers under merged cells ("Contacts" over "phone" and "e-mail"), blank rows."""

from __future__ import annotations

import re
from typing import Any

from coordinator_app.interchange.fields import KINDS, guess_field, is_label_column
from coordinator_app.interchange.table import cell_text

#: How far down a sheet a header may start.
LOOK_AHEAD = 12


def _score(cells: list[str]) -> int:
    """How many different cells name a field of some kind: the likelier header wins. A
    title merged across the sheet ("Потреби громад, березень 2026") is one text
    spread over every column, and counts once."""
    named = set()
    for text in cells:
        if text and text not in named and (
                is_label_column(text) or any(guess_field(kind, text) for kind in KINDS)):
            named.add(text)
    return len(named)


def _fill_merged(row: list[str], merged: list[tuple[int, int]]) -> list[str]:
    """Spread a merged cell's text over the columns it covers."""
    row = list(row)
    for first, last in merged:
        if first < len(row) and row[first]:
            while len(row) <= last:
                row.append("")
            for col in range(first + 1, last + 1):
                if not row[col]:
                    row[col] = row[first]
    return row


def _combine(upper: list[str], lower: list[str]) -> list[str]:
    """Two header rows as one: "Контакти" over "телефон" becomes "Контакти телефон";
    an upper cell over an empty one (merged downwards) stands alone."""
    width = max(len(upper), len(lower))
    upper = upper + [""] * (width - len(upper))
    lower = lower + [""] * (width - len(lower))
    combined = []
    carried = ""
    for top, bottom in zip(upper, lower):
        if top:
            carried = top
        if bottom:
            # An empty cell above a sub-header belongs to the merged cell on its left.
            combined.append(f"{top or carried} {bottom}".strip())
        else:
            combined.append(top)
    return combined


_DATA = re.compile(r"@|\d{5}")


def _holds_data(row: list[Any]) -> bool:
    """A row with a number, an e-mail address or a long run of digits is data, not the
    second row of a header: Outlook leaves most cells of a row empty, and "E-mail Type"
    over "SMTP" would otherwise read as a header that names more fields."""
    return any(isinstance(cell, (int, float)) and not isinstance(cell, bool)
               or _DATA.search(cell_text(cell)) for cell in row)


def find_header(grid: list[list[Any]], merged_rows: dict[int, list[tuple[int, int]]]
                | None = None) -> tuple[list[str], int]:
    """The header cells and the index of the first data row of `grid`.

    Each of the first rows is tried as the header, alone and with the row below
    it; the one that names most fields wins, the single row on a tie."""
    merged_rows = merged_rows or {}
    texts = [[cell_text(c) for c in row] for row in grid[:LOOK_AHEAD + 1]]
    texts = [_fill_merged(row, merged_rows.get(i, [])) for i, row in enumerate(texts)]
    best: tuple[tuple[int, int], list[str], int] | None = None
    for i, row in enumerate(texts[:LOOK_AHEAD]):
        if not any(row):
            continue
        candidates = [(row, i + 1, 1)]
        if i + 1 < len(texts) and any(texts[i + 1]) and not _holds_data(grid[i + 1]):
            candidates.append((_combine(row, texts[i + 1]), i + 2, 0))
        for cells, data_start, single in candidates:
            key = (_score(cells), single)
            if best is None or key > best[0]:
                best = (key, cells, data_start)
    if best is None:
        return [], len(grid)
    if best[0][0] == 0:
        # Nothing recognised: the first row that is not empty is the header.
        first = next(i for i, row in enumerate(texts) if any(row))
        return texts[first], first + 1
    return best[1], best[2]
