"""Lists written as CSV (UTF-8 with a byte order mark, which Excel needs to show
Cyrillic and Lithuanian letters) and as XLSX with headers, widths and real dates."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any

from coordinator_app.interchange.export import plain


def csv_bytes(headers: list[str], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([plain(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(headers: list[str], rows: list[list[Any]], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    # Excel refuses sheet names over 31 characters or with []:*?/\ in them.
    sheet.title = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Sheet1"
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(h) for h in headers]
    for row in rows:
        values = []
        for i, value in enumerate(row):
            if isinstance(value, str) and value[:1] in "=+-@" and value:
                # Text that Excel would run as a formula is stored as text.
                values.append(value)
            else:
                values.append(value if value != "" else None)
            shown = value.isoformat() if isinstance(value, date) else str(value or "")
            longest = max((len(line) for line in shown.split("\n")), default=0)
            widths[i] = max(widths[i], min(longest, 60))
        sheet.append(values)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width + 2
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(cell.value, Decimal):
                cell.number_format = "#,##0.00"
            elif isinstance(cell.value, str):
                cell.data_type = "s"
                if "\n" in cell.value:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
