"""XLSX, XLS and ODS workbooks, read with calamine (one reader, fast, for all three)."""

from __future__ import annotations

import io
from typing import Any

from coordinator_app.i18n import _
from coordinator_app.interchange.headers import find_header
from coordinator_app.interchange.problems import UnreadableFile
from coordinator_app.interchange.table import Table, cell_text, trim

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")


def _merged(sheet) -> dict[int, list[tuple[int, int]]]:
    """Merged cells by their first row: (first column, last column) of each."""
    by_row: dict[int, list[tuple[int, int]]] = {}
    try:
        ranges = sheet.merged_cell_ranges or []
    except Exception:  # noqa: BLE001 - not every format keeps them (ODS, XLS)
        return by_row
    for (row0, col0), (row1, col1) in ranges:
        for row in range(row0, row1 + 1):
            by_row.setdefault(row, []).append((col0, col1))
    return by_row


def read_workbook(data: bytes, source: str, *, sheet: str | None = None) -> Table:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - calamine has many error types; all mean this
        raise UnreadableFile(source, _("this is not a spreadsheet that can be read ({reason})")
                             .format(reason=type(exc).__name__)) from None
    names = list(workbook.sheet_names)
    if not names:
        raise UnreadableFile(source, _("the workbook has no sheets"))
    if sheet is not None and sheet not in names:
        raise UnreadableFile(source, _("the workbook has no sheet “{sheet}”; it has: {sheets}")
                             .format(sheet=sheet, sheets=", ".join(names)))
    try:
        chosen = sheet or _first_with_data(workbook, names)
        grid_sheet = workbook.get_sheet_by_name(chosen)
        grid: list[list[Any]] = trim(grid_sheet.to_python(skip_empty_area=False))
    except Exception as exc:  # noqa: BLE001
        raise UnreadableFile(source, _("this is not a spreadsheet that can be read ({reason})")
                             .format(reason=type(exc).__name__)) from None
    if not any(any(cell_text(c) for c in row) for row in grid):
        raise UnreadableFile(source, _("the sheet “{sheet}” is empty").format(sheet=chosen))
    headers, first = find_header(grid, _merged(grid_sheet))
    rows, numbers = [], []
    for index in range(first, len(grid)):
        row = grid[index]
        if any(cell_text(c) for c in row):
            rows.append(list(row))
            numbers.append(index + 1)
    return Table(source, headers, rows, numbers, sheet=chosen, sheets=names)


def _first_with_data(workbook, names: list[str]) -> str:
    for name in names:
        try:
            if workbook.get_sheet_by_name(name).height > 0:
                return name
        except Exception:  # noqa: BLE001 - a chart sheet or one calamine cannot read
            continue
    return names[0]
