"""A file read as a grid: its header, its data rows, and where each row came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any


@dataclass
class Table:
    """What a reader found: column headers and rows of cell values (text, numbers,
    dates as the file holds them), with each row's number in the file."""

    source: str
    headers: list[str]
    rows: list[list[Any]]
    row_numbers: list[int]
    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    #: Sheets of the workbook, for the person to choose another.
    sheets: list[str] = field(default_factory=list)


def cell_text(value: Any) -> str:
    """A cell as text: numbers without a spurious ".0" (a phone typed as a number in
    Excel comes back as 380671234567.0), dates as ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ""
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def trim(rows: list[list[Any]]) -> list[list[Any]]:
    """Rows without trailing empty cells, and the grid without empty trailing rows."""
    out = []
    for row in rows:
        cells = list(row)
        while cells and cell_text(cells[-1]) == "":
            cells.pop()
        out.append(cells)
    while out and not out[-1]:
        out.pop()
    return out
