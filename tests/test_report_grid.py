"""A report table splits across pages by its rows' known heights: every part repeats
the header and fits the room it was given, no row is lost or printed twice, a row
that fits a page moves to the next one whole, and only a row taller than a page is
split between its lines."""

from __future__ import annotations

from coordinator_app.reports.layout import HEIGHT, Kit

COLUMNS = [("Commitment", 0.7), ("Due", 0.3)]


def _rows_text(part) -> list[str]:
    return [row.cells[0].text for row in part.body]


def test_a_long_table_splits_into_parts_that_fit_and_each_repeat_the_header():
    kit = Kit("en")
    rows = [[f"Commitment {n}", "2026-02-11"] for n in range(150)]
    table = kit.table(COLUMNS, rows)
    room = 300.0
    parts, rest = [], table
    while True:
        pieces = rest.split(table.width, room)
        if pieces == [rest]:
            parts.append(rest)
            break
        first, rest = pieces
        assert first.wrap(table.width, room)[1] <= room
        parts.append(first)
    assert len(parts) > 2
    assert all(part.head.cells[0].text == "Commitment" for part in parts)
    printed = [text for part in parts for text in _rows_text(part)]
    assert printed == [f"Commitment {n}" for n in range(150)]
    assert [part.body[-1].last for part in parts] == [False] * (len(parts) - 1) + [True]


def test_a_row_that_fits_a_page_moves_to_the_next_page_whole():
    kit = Kit("en")
    tall = "\n".join(f"line {n}" for n in range(8))
    table = kit.table(COLUMNS, [[tall, "2026-02-11"]])
    assert table.split(table.width, table.height - 5) == []


def test_a_row_taller_than_a_page_splits_between_its_lines_and_keeps_them_all():
    kit = Kit("en")
    lines = [f"line {n}" for n in range(120)]  # 10 points each: taller than a page
    table = kit.table(COLUMNS, [["\n".join(lines), "2026-02-11"], ["after", "2026-03-01"]])
    assert table.height > HEIGHT
    first, rest = table.split(table.width, 200)
    assert first.wrap(table.width, 200)[1] <= 200
    more = rest.split(table.width, HEIGHT)
    printed = _rows_text(first) + [text for part in more for text in _rows_text(part)]
    assert "\n".join(printed[:-1]).split("\n") == lines
    assert printed[-1] == "after"
    assert all(part.head is not None for part in (first, *more))
