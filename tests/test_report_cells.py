"""A report table's plain text is drawn as strings, broken into the lines ReportLab's
own paragraph would print, so the table measures and draws lines instead of
wrapping a paragraph again and again; text with markup stays a paragraph."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph as ReportLabParagraph, Table
from xml.sax.saxutils import escape

from coordinator_app.reports.layout import CELL_PADDING, WIDTH, Kit
from coordinator_app.reports.record_text import ReaderText

COMMITMENT = ("Надіслати перелік потреб у генераторах до початку опалювального сезону "
              "ir parengti bendrą atkūrimo programos projektą ir suderinti jį su partneriais")
LINK = "https://savivaldybe.example.lt/" + "dokumentai/" * 8 + "memorandumas.pdf"
SHARES = [("Commitment", 0.3), ("Due", 0.7)]


def _body_cell(kit: Kit, text) -> tuple[Table, object]:
    table = kit.table(SHARES, [[text, "2026-02-11"]])
    return table, table._cellvalues[1][0]


def _inner(table: Table) -> float:
    return table._colWidths[0] - CELL_PADDING


def _paragraph_lines(text: str, style, width: float) -> list[str]:
    paragraph = ReportLabParagraph(escape(text), style)
    paragraph.wrap(width, 10_000)
    return [" ".join(words) for _extra, words in paragraph.blPara.lines]


def test_long_plain_text_is_a_string_in_the_lines_reportlab_breaks_it_into():
    kit = Kit("uk")
    table, cell = _body_cell(kit, COMMITMENT)
    assert isinstance(cell, str)
    lines = cell.split("\n")
    assert len(lines) > 2
    assert lines == _paragraph_lines(COMMITMENT, kit.styles["cell"], _inner(table))


def test_a_row_of_broken_lines_is_as_tall_as_the_paragraph_was():
    kit = Kit("uk")
    table, _cell = _body_cell(kit, COMMITMENT)
    as_paragraph = kit.table(SHARES, [[kit.rich(escape(COMMITMENT), "cell"), "2026-02-11"]])
    assert table.wrap(WIDTH, 800) == as_paragraph.wrap(WIDTH, 800)


def test_a_word_wider_than_its_column_is_broken_to_fit_it():
    kit = Kit("uk")
    table, cell = _body_cell(kit, LINK)
    lines = cell.split("\n")
    assert "".join(lines) == LINK
    style = kit.styles["cell"]
    assert all(stringWidth(line, style.fontName, style.fontSize) <= _inner(table)
               for line in lines)


def test_lines_of_their_own_stay_and_only_the_long_one_is_broken():
    kit = Kit("uk")
    phones = "+380 50 123 45 67\n" + COMMITMENT + "\n+370 612 34 567"
    table, cell = _body_cell(kit, phones)
    lines = cell.split("\n")
    assert lines[0] == "+380 50 123 45 67" and lines[-1] == "+370 612 34 567"
    assert lines[1:-1] == _paragraph_lines(COMMITMENT, kit.styles["cell"], _inner(table))


def test_a_string_keeps_the_characters_markup_would_need_escaped():
    kit = Kit("lt")
    text = "Rūta & Tomas <Partneriai> " + COMMITMENT
    _table, cell = _body_cell(kit, text)
    assert isinstance(cell, str)
    assert cell.replace("\n", " ") == text


def test_text_with_its_language_tag_stays_a_paragraph():
    kit = Kit("lt")
    _table, cell = _body_cell(kit, ReaderText(COMMITMENT, "uk"))
    assert isinstance(cell, ReportLabParagraph)
    assert "[UK]" in cell.text


def test_label_and_value_lines_break_long_values_the_same_way():
    kit = Kit("en")
    table = kit.facts([("Purpose", COMMITMENT), ("Status", "Active")])
    value = table._cellvalues[0][1]
    assert isinstance(value, str)
    width = table._colWidths[1] - 4  # the value's right padding
    assert value.split("\n") == _paragraph_lines(COMMITMENT, kit.styles["value"], width)
    assert table._cellvalues[1][1] == "Active"
