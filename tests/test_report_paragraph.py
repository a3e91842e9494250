"""A report's paragraph breaks its lines once for a width, however often a table asks
its size, and anew when the width changes; what it prints is what ReportLab's own
paragraph prints."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as PlainParagraph

from coordinator_app.reports import fonts
from coordinator_app.reports.paragraph import Paragraph

TEXT = ("Надіслати перелік потреб у генераторах до початку опалювального сезону; "
        "parengti bendrą atkūrimo programos projektą ir suderinti jį su partneriais")


class Counting(Paragraph):
    """Counts its line breakings."""

    breakings = 0

    def breakLines(self, width):  # noqa: N802 - ReportLab's name
        self.breakings += 1
        return super().breakLines(width)


def _style() -> ParagraphStyle:
    fonts.register_fonts()
    return ParagraphStyle("cell", fontName=fonts.REGULAR, fontSize=8, leading=10)


def _lines(paragraph) -> list[str]:
    return [_lines_of(line) for line in paragraph.blPara.lines]


def _squashed(paragraph) -> list[str]:
    """Each line's characters, spaces left out (the parser cuts text into a fragment
    at each entity, the plain paragraph keeps it whole)."""
    return ["".join(_lines_of(line).split()) for line in paragraph.blPara.lines]


def _lines_of(line) -> str:
    return " ".join(line[1]) if isinstance(line, tuple) else " ".join(w.text for w in line.words)


def test_asking_the_size_again_at_the_same_width_breaks_the_lines_once():
    paragraph = Counting(TEXT, _style())
    sizes = {paragraph.wrap(120, 800) for _ in range(4)}
    assert paragraph.breakings == 1
    assert len(sizes) == 1


def test_another_width_breaks_the_lines_anew_and_the_first_width_comes_back():
    paragraph, plain = Counting(TEXT, _style()), PlainParagraph(TEXT, _style())
    wide = paragraph.wrap(300, 800)
    narrow = paragraph.wrap(100, 800)
    assert narrow[1] > wide[1]
    assert _lines(paragraph) == (plain.wrap(100, 800), _lines(plain))[1]
    assert paragraph.wrap(300, 800) == wide == plain.wrap(300, 800)
    assert _lines(paragraph) == _lines(plain)
    assert paragraph.breakings == 3


def test_a_width_too_narrow_to_print_in_is_not_kept_for_the_next_request():
    paragraph, plain = Paragraph(TEXT, _style()), PlainParagraph(TEXT, _style())
    paragraph.wrap(200, 800)
    assert paragraph.wrap(1e-9, 800) == plain.wrap(1e-9, 800)
    assert paragraph.wrap(200, 800) == plain.wrap(200, 800)


def test_plain_text_made_without_the_parser_breaks_into_the_parsers_lines():
    style = _style()
    for text in (TEXT, "Rūta   Petrauskienė & <Partneriai>", "Ґалина Єрмак"):
        plain, parsed = Paragraph.plain(text, style), PlainParagraph(
            text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"), style)
        assert plain.frags[0].fontName == parsed.frags[0].fontName == fonts.REGULAR
        assert plain.wrap(90, 800) == parsed.wrap(90, 800)
        assert _squashed(plain) == _squashed(parsed)


def test_plain_text_keeps_its_no_break_spaces_as_the_parser_does():
    """A sum of money or a date written with no-break spaces never breaks across
    lines; a plain paragraph must not turn them into ordinary spaces."""
    style = _style()
    money = "Budget  1\u00a0250\u00a0000,00\u00a0€ for generators"
    plain, parsed = Paragraph.plain(money, style), PlainParagraph(money, style)
    assert plain.frags[0].text == parsed.frags[0].text == \
        "Budget 1\u00a0250\u00a0000,00\u00a0€ for generators"
