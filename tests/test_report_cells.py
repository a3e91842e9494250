"""A report table's cells are broken into lines once, the lines ReportLab's own
paragraph would print, so the table measures and draws lines instead of wrapping a
paragraph again and again; text with markup keeps its faces (bold, the language tag)."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph as ReportLabParagraph
from xml.sax.saxutils import escape

from coordinator_app.reports import fonts
from coordinator_app.reports.grid import Grid, break_runs
from coordinator_app.reports.layout import CELL_PADDING, WIDTH, Kit
from coordinator_app.reports.record_text import ReaderText

COMMITMENT = ("Надіслати перелік потреб у генераторах до початку опалювального сезону "
              "ir parengti bendrą atkūrimo programos projektą ir suderinti jį su partneriais")
LINK = "https://savivaldybe.example.lt/" + "dokumentai/" * 8 + "memorandumas.pdf"
SHARES = [("Commitment", 0.3), ("Due", 0.7)]


def _body_cell(kit: Kit, text) -> tuple[Grid, str]:
    table = kit.table(SHARES, [[text, "2026-02-11"]])
    return table, table.body[0].cells[0].text


def _inner(table: Grid) -> float:
    return table.widths[0] - CELL_PADDING


def _paragraph_lines(text: str, style, width: float, markup: bool = False) -> list[str]:
    """The lines ReportLab's own paragraph breaks `text` (or `markup`) into."""
    paragraph = ReportLabParagraph(text if markup else escape(text), style)
    paragraph.wrap(width, 10_000)
    if paragraph.blPara.kind == 0:
        return [" ".join(words) for _extra, words in paragraph.blPara.lines]
    return [" ".join("".join(frag.text for frag in word) for word in _words(line.words))
            for line in paragraph.blPara.lines]


def _words(frags) -> list[list]:
    """A line's fragments grouped into words (a fragment after a space starts one)."""
    words: list[list] = []
    for frag in frags:
        if not words or frag.text.startswith(" "):
            words.append([])
        words[-1].append(frag)
    return words


def test_long_plain_text_is_broken_into_the_lines_reportlab_breaks_it_into():
    kit = Kit("uk")
    table, cell = _body_cell(kit, COMMITMENT)
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


def test_plain_text_keeps_the_characters_markup_would_need_escaped():
    kit = Kit("lt")
    text = "Rūta & Tomas <Partneriai> " + COMMITMENT
    _table, cell = _body_cell(kit, text)
    assert cell.replace("\n", " ") == text


def test_text_with_its_language_tag_is_broken_like_the_paragraph_it_was():
    kit = Kit("lt")
    table = kit.table(SHARES, [[ReaderText(COMMITMENT, "uk"), "2026-02-11"]])
    cell = table.body[0].cells[0]
    tagged = kit.para(ReaderText(COMMITMENT, "uk"), "cell")
    assert cell.text.split("\n") == _paragraph_lines(tagged.text, kit.styles["cell"],
                                                      _inner(table), markup=True)
    last = cell.lines[-1].runs
    assert last[-1] == ("[UK]", fonts.REGULAR, 6.5)  # the tag in its smaller size
    assert last[-2][0].endswith("\u00a0")  # held to the word before it


def test_bold_markup_in_a_cell_is_drawn_in_the_bold_face():
    kit = Kit("en")
    table = kit.table(SHARES, [[kit.rich("Active<br/><b>overdue</b>", "cell"), "2026-02-11"]])
    lines = table.body[0].cells[0].lines
    assert [line.runs for line in lines] == [(("Active", fonts.REGULAR, 8),),
                                             (("overdue", fonts.BOLD, 8),)]


def test_label_and_value_lines_break_long_values_the_same_way():
    kit = Kit("en")
    table = kit.facts([("Purpose", COMMITMENT), ("Status", "Active")])
    value = table.body[0].cells[1].text
    width = table.widths[1] - 4  # the value's right padding
    assert value.split("\n") == _paragraph_lines(COMMITMENT, kit.styles["value"], width)
    assert table.body[1].cells[1].text == "Active"


def test_a_line_reportlab_keeps_whole_by_narrowing_its_spaces_stays_whole():
    kit = Kit("lt")
    style = kit.styles["cell"]
    text = "Panevėžys savivaldybė 4"
    # A little narrower than its first two words: ReportLab's paragraph still puts them
    # on one line, its spaces a little narrower.
    width = stringWidth("Panevėžys savivaldybė", style.fontName, style.fontSize) - 0.05
    expected = _paragraph_lines(text, style, width)
    assert expected[0] == "Panevėžys savivaldybė"
    assert [line.text for line in break_runs([(text, style.fontName, style.fontSize)],
                                             width)] == expected
