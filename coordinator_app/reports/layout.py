"""Styles and building blocks shared by every report, in one report language.

Everything is black, white and greys, with rules rather than colour, so that a
page copied on an office black-and-white printer reads as well as on screen.
Tables are reports.grid's: each cell, plain text (a date, a number, a status, a
name, a commitment) or a paragraph with markup (bold, a language tag), is broken
into lines once, where they do not fit its column (a word wider than its column
broken where it must be), so long text wraps instead of running off the page, and
a row taller than a page splits across pages like the table itself. Every table
repeats its header row on each page it continues onto.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from xml.sax.saxutils import unescape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, HRFlowable, KeepTogether, Spacer

from coordinator_app.core.text.formatting import babel_locale, format_date, format_money, format_number
from coordinator_app.i18n import gettext_in
from coordinator_app.reports import fonts, record_text
from coordinator_app.reports.grid import (
    Cell, Grid, Line, Look, Row, break_runs, lines_of, paragraphs_of, width_of,
)
from coordinator_app.reports.paragraph import Paragraph
from coordinator_app.reports.document import (
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE,
    Heading,
    RuledHeading,
    nfc,
)

WIDTH = PAGE[0] - 2 * MARGIN_X
HEIGHT = PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM
HEADER_GREY = colors.Color(0.85, 0.85, 0.85)
STRIPE_GREY = colors.Color(0.95, 0.95, 0.95)
RULE_GREY = colors.Color(0.55, 0.55, 0.55)
#: ReportLab's tables (the contents, the bilingual summary) set their own font even
#: when every cell is a Paragraph; without this ReportLab names Helvetica there, a
#: font the PDF would not embed.
BASE_TABLE_STYLE = (
    ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
)


@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
    """The styles of every report, made once a process and shared (never changed): a
    paragraph's fragments are made once per style (reports.paragraph)."""
    # A word wider than its column (a link, a code, a pasted string) is broken where it
    # must be, rather than running over the next column or off the page.
    base = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=9, leading=12,
                          spaceAfter=3, alignment=TA_LEFT, splitLongWords=1)
    bold = dict(fontName=fonts.BOLD)
    return {
        "body": base,
        "small": ParagraphStyle("small", base, fontSize=7.5, leading=9.5, spaceAfter=0),
        "note": ParagraphStyle("note", base, fontName=fonts.ITALIC, fontSize=8.5, leading=11),
        "cell": ParagraphStyle("cell", base, fontSize=8, leading=10, spaceAfter=0),
        "cell_right": ParagraphStyle("cell_right", base, fontSize=8, leading=10, spaceAfter=0,
                                     alignment=TA_RIGHT),
        "cell_head": ParagraphStyle("cell_head", base, fontSize=8, leading=10, spaceAfter=0,
                                    **bold),
        "label": ParagraphStyle("label", base, fontSize=8.5, leading=11, spaceAfter=0, **bold),
        "value": ParagraphStyle("value", base, fontSize=8.5, leading=11, spaceAfter=0),
        "title": ParagraphStyle("title", base, fontSize=16, leading=20, spaceAfter=2, **bold),
        "subtitle": ParagraphStyle("subtitle", base, fontName=fonts.ITALIC, fontSize=10,
                                   leading=13, spaceAfter=8),
        "h1": ParagraphStyle("h1", base, fontSize=15, leading=19, spaceBefore=0,
                             spaceAfter=6, keepWithNext=True, **bold),
        "h2": ParagraphStyle("h2", base, fontSize=11, leading=14, spaceBefore=9,
                             spaceAfter=3, keepWithNext=True, **bold),
        "h3": ParagraphStyle("h3", base, fontSize=9.5, leading=12, spaceBefore=6,
                             spaceAfter=2, keepWithNext=True, **bold),
        "cover_title": ParagraphStyle("cover_title", base, fontSize=28, leading=34,
                                      spaceAfter=10, **bold),
        "cover_line": ParagraphStyle("cover_line", base, fontSize=12, leading=16, spaceAfter=4),
        "toc0": ParagraphStyle("toc0", base, fontSize=10, leading=14, **bold),
        "toc1": ParagraphStyle("toc1", base, fontSize=9, leading=12, leftIndent=12),
    }


CELL_PADDING = 6
#: A table with a header: a grey band under a black rule, thin grey rules between rows,
#: a black rule under the last; longer tables stripe their rows.
TABLE_LOOK = Look(padding=(3, 3, 2.5, 2.5), header_fill=HEADER_GREY,
                  header_rule=(0.8, colors.black), last_rule=(0.8, colors.black),
                  row_rule=(0.25, RULE_GREY))
STRIPED_LOOK = dataclasses.replace(TABLE_LOOK, stripe=STRIPE_GREY)
#: Label / value lines: thin rules between them, nothing around.
FACTS_LOOK = Look(padding=(0, 4, 2, 2), row_rule=(0.25, RULE_GREY))
#: No single word may claim more of the page than this (long links still split).
LONGEST_WORD_SHARE = 0.45
_TAG = re.compile(r"<[^>]+>")
_GAP = re.compile(r"[ \t\n]+|<br/>")


def _longest_word(cell: Flowable | str, style: ParagraphStyle) -> float:
    """The width of the longest word of a cell: a Paragraph in its own style, plain
    text in `style`."""
    if isinstance(cell, Paragraph) or getattr(cell, "lang", None):
        if isinstance(cell, Paragraph):
            style, marked = cell.style, cell.text
        else:
            marked = record_text.markup(cell)
        text = unescape(_TAG.sub(" ", _GAP.sub(" ", marked)))
    elif isinstance(cell, str):
        text = cell.replace("\n", " ")
    else:
        return 0.0
    font, size = style.fontName, style.fontSize
    return max((width_of(word, font, size) for word in set(text.split(" "))), default=0.0)


def fitted_widths(shares: Sequence[float], rows: Sequence[Sequence[Flowable | str]],
                  style: ParagraphStyle | None = None,
                  head_style: ParagraphStyle | None = None) -> list[float]:
    """Column widths from shares of the page, each widened to its longest word where
    the other columns can give up the room. Plain text is measured in `style`; with
    `head_style`, the first row's (the header's) in that."""
    widths = [WIDTH * share for share in shares]
    styles = [head_style or style] + [style] * (len(rows) - 1)
    need = [min(max(_longest_word(row[i], row_style) for row, row_style in zip(rows, styles))
                + CELL_PADDING + 1, WIDTH * LONGEST_WORD_SHARE) for i in range(len(shares))]
    if sum(need) > WIDTH:
        return widths
    deficit = sum(max(0.0, n - w) for n, w in zip(need, widths))
    if deficit <= 0:
        return widths
    slack = [max(0.0, w - n) for n, w in zip(need, widths)]
    total = sum(slack)
    return [max(w, n) - deficit * spare / total for w, n, spare in zip(widths, need, slack)]


@functools.lru_cache(maxsize=4096)
def _tagged_lines(marked: str, style: ParagraphStyle, width: float) -> tuple[Line, ...]:
    """The lines of record text with its language tag: the same names and commitments
    come back row after row when a report is not in their language."""
    return lines_of(paragraphs_of(Paragraph(marked, style).frags), width)


class Kit:
    """Translation, formatting and flowables for one report in one language."""

    def __init__(self, lang: str):
        fonts.register_fonts()
        self.lang = lang
        self.styles = _styles()
        self._keys = itertools.count(1)

    # -- words and values --------------------------------------------------------------
    def t(self, message: str) -> str:
        """A message marked elsewhere (N_ in core.records.vocab) in the report's language. Literal
        labels call gettext_in(kit.lang, "…") where they are written, for extraction."""
        return nfc(gettext_in(self.lang, message))

    def vocab(self, labels: Mapping[str, str], code: str | None) -> str:
        """A stored code (status, kind, role) as its label in the report's language."""
        if code is None:
            return ""
        return self.t(labels[code]) if code in labels else code

    def date(self, value: date | None) -> str:
        return format_date(value, self.lang)

    def money(self, minor: int | None, currency: str | None) -> str:
        return format_money(minor, currency or "", self.lang) if minor is not None else ""

    def number(self, value: float | int | None) -> str:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return format_number(value, self.lang)

    def country(self, code: str | None) -> str:
        if not code:
            return ""
        return babel_locale(self.lang).territories.get(code.upper(), code.upper())

    def period(self, start: date | None, end: date | None) -> str:
        if start and end:
            return f"{self.date(start)} – {self.date(end)}"
        if start:
            return nfc(gettext_in(self.lang, "from {date}").format(date=self.date(start)))
        if end:
            return nfc(gettext_in(self.lang, "until {date}").format(date=self.date(end)))
        return ""

    # -- flowables ---------------------------------------------------------------------
    def para(self, text: str | None, style: str = "body") -> Paragraph:
        """A paragraph of plain text; record text in another language than the
        report's carries its tag (reports.record_text)."""
        if getattr(text, "lang", None) is None and "\n" not in (text or ""):
            return Paragraph.plain(nfc(text or ""), self.styles[style])
        markup = record_text.markup(text or "").replace("\n", "<br/>")
        return Paragraph(markup, self.styles[style])

    def rich(self, markup: str, style: str = "body") -> Paragraph:
        """A paragraph from markup the caller has already escaped (for <b>, <i>)."""
        return Paragraph(nfc(markup), self.styles[style])

    def heading(self, text: str, level: int, *, style: str | None = None, toc: bool = False,
                outline: bool = True) -> Heading:
        return Heading(text, self.styles[style or f"h{min(level + 1, 3)}"], level=level,
                       key=f"h{next(self._keys)}", toc=toc, outline=outline)

    def section(self, heading: Flowable, keep_with: Sequence[Flowable] = ()) -> list[Flowable]:
        """A heading with a rule under it, never alone at the foot of a page. By default
        what follows is not kept with it, so a long table starts right there and splits
        across pages; `keep_with` moves short content to the next page whole."""
        rule = HRFlowable(width="100%", thickness=0.6, color=colors.black, spaceBefore=0,
                          spaceAfter=4)
        ruled = RuledHeading(heading, rule)
        return [CondPageBreak(35 * mm), KeepTogether([ruled, *keep_with]) if keep_with
                else ruled]

    def nothing(self, text: str) -> Paragraph:
        """An italic line where a section has nothing to list ("No commitments recorded.")."""
        return self.para(text, "note")

    def table(self, columns: Sequence[tuple[str, float]], rows: Iterable[Sequence],
              *, right: Iterable[int] = ()) -> Grid:
        """A table with a header row repeated on every page. Widths are shares of the
        page, adjusted so that no column is narrower than its longest word (a status
        or a date split in two reads badly, and word lengths differ by language)."""
        right = set(right)
        head_style = self.styles["cell_head"]
        head = [nfc(title) for title, _ in columns]
        # Record text in another language than the report's keeps its language, to be
        # printed with its tag (reports.record_text); other text is drawn as it is.
        body = [[cell if isinstance(cell, Flowable) or getattr(cell, "lang", None)
                 else nfc("" if cell is None else str(cell))
                 for cell in row] for row in rows]
        widths = fitted_widths([share for _, share in columns], [head, *body],
                               self.styles["cell"], head_style)
        styles = [self.styles["cell_right" if i in right else "cell"]
                  for i in range(len(columns))]
        room = [width - CELL_PADDING for width in widths]
        header = Row(tuple(self._cell(title, head_style, room[i])
                           for i, title in enumerate(head)), -1, False)
        last = len(body) - 1
        lines = [Row(tuple(self._cell(cell, styles[i], room[i]) for i, cell in enumerate(row)),
                     n, n == last) for n, row in enumerate(body)]
        return Grid(header, lines, widths, STRIPED_LOOK if len(body) > 3 else TABLE_LOOK,
                    HEIGHT)

    def facts(self, pairs: Iterable[tuple[str, str | Flowable | None]],
              label_share: float = 0.24) -> Grid | None:
        """Label / value lines (kind, status, dates); empty values are left out."""
        widths = [WIDTH * label_share, WIDTH * (1 - label_share)]
        label, text = self.styles["label"], self.styles["value"]
        # Inside the cells' right padding (4), with a point to spare for text on one line.
        shown = [(label_text, value) for label_text, value in pairs
                 if value not in (None, "", [])]
        rows = [Row((self._cell(nfc(label_text), label, widths[0] - 4, spare=1),
                     self._cell(value if isinstance(value, Flowable) else nfc(value), text,
                                widths[1] - 4, spare=1)), n, False)
                for n, (label_text, value) in enumerate(shown)]
        if not rows:
            return None
        return Grid(None, rows, widths, FACTS_LOOK, HEIGHT)

    def _cell(self, text: Flowable | str, style: ParagraphStyle, width: float,
              spare: float = 0.0) -> Cell:
        """`text` in lines for a cell whose content is `width` wide: plain text in
        `style`, each of its lines kept whole where it fits `width` less `spare` and
        broken where it does not fit `width`; a paragraph in its own style."""
        if isinstance(text, Flowable):
            own = text.style
            return Cell(lines_of(paragraphs_of(text.frags), width), own.leading,
                        own.fontSize, own.alignment == TA_RIGHT)
        if getattr(text, "lang", None):
            return Cell(_tagged_lines(record_text.markup(text), style, width), style.leading,
                        style.fontSize, style.alignment == TA_RIGHT)
        font, size = style.fontName, style.fontSize
        lines: list[Line] = []
        for part in text.split("\n"):
            used = width_of(part, font, size)
            if used <= width - spare:
                lines.append(Line(((part, font, size),) if part else (), used))
            else:
                lines += break_runs([(part, font, size)], width)
        return Cell(tuple(lines), style.leading, size, style.alignment == TA_RIGHT)

    def gap(self, height_mm: float = 3) -> Spacer:
        return Spacer(1, height_mm * mm)
