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


def _frags(paragraph) -> list[str]:
    """Each fragment's every attribute (a callback's too, which has no equality)."""
    return [repr(fragment.__dict__) for fragment in paragraph.frags]


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


#: Markup as the reports write it: names in bold over their Latin spelling, a
#: status with "overdue" under it, record text with its language tag, entities.
REPORT_MARKUP = [
    "<b>Ігор Терехов</b><br/>Ihor Terekhov<br/><i>uk, en</i>",
    "Active<br/><b>overdue</b>",
    "Меморандум № 1 про співпрацю\u00a0<font size=\"6.5\">[UK]</font>",
    "<b>1. Надіслати</b> перелік <font size='7.5'>Kharkiv · 2026-02-11</font>",
    "Rūta &amp; Tomas &lt;Partneriai&gt; &quot;LT&quot; &#160;5",
    "<b><i>bold and italic</i></b> <i><b>the other way</b></i>",
    "  runs   of spaces \n and a new line ",
    "",
]


def _styles() -> list[ParagraphStyle]:
    from coordinator_app.reports.layout import Kit

    return list(Kit("uk").styles.values())


def test_report_markup_read_without_the_parser_makes_the_parsers_fragments():
    for markup in REPORT_MARKUP:
        for style in _styles():
            ours, parsed = Paragraph(markup, style), PlainParagraph(markup, style)
            assert _frags(ours) == _frags(parsed), \
                markup
            assert ours.text == parsed.text
            assert ours.wrap(70, 800) == parsed.wrap(70, 800)
            assert _lines(ours) == _lines(parsed)


def test_report_markup_is_read_without_the_parser(monkeypatch):
    from reportlab.platypus import paraparser

    asked = []

    def refuse(_parser, text, *_args):
        asked.append(text)
        raise AssertionError("the parser was asked")

    style = _style()
    for markup in REPORT_MARKUP:
        Paragraph(markup, style)  # each kind of fragment is made once by the parser
    monkeypatch.setattr(paraparser.ParaParser, "parse", refuse)
    for markup in REPORT_MARKUP:
        Paragraph(markup, style)
    # Counted as well as raised: an error caught on the way must not hide a call.
    assert asked == []


def test_other_markup_still_goes_to_the_parser():
    """Links, callbacks, unknown entities and badly nested tags are the parser's: it
    reads them, or says what is wrong, as before."""
    style = _style()
    for markup in ('<a href="#h1">Contents</a>', "caf&eacute;", '<font color="red">x</font>',
                   '<onDraw name="n" label="k"/>'):
        ours, parsed = Paragraph(markup, style), PlainParagraph(markup, style)
        assert _frags(ours) == _frags(parsed)
    for broken in ("<b>not closed", "<b><i>crossed</b></i>"):
        try:
            PlainParagraph(broken, style)
        except ValueError as expected:
            message = str(expected).splitlines()[0]
        else:
            raise AssertionError("the parser took broken markup")
        try:
            Paragraph(broken, style)
        except ValueError as error:
            assert str(error).splitlines()[0] == message
        else:
            raise AssertionError("broken markup was taken")
