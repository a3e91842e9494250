"""The tables of the reports: cells broken into lines once, drawn as lines of text.

ReportLab's Table asks each cell for its size while it measures its rows, again
when it splits across a page and again when it draws, and draws every cell in a
graphics state of its own; a Paragraph in a cell breaks its lines and then draws
them word by word. In a 171-page briefing pack that was most of the build. A cell
of a report holds only text in the report's typeface, plain or with the few tags
the reports write (bold, italic, a smaller language tag, line breaks), so here a
cell is broken into lines once, when the table is made, at its column's width and
by the rule ReportLab's paragraph breaks by (as many words on a line as fit, a
word wider than the column broken where it must be). A row's height is then
known: the table splits between rows by adding heights, and inside a row taller
than a page by counting lines, and all its text is drawn in one text object.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

#: One piece of a line in one face: (text, font name, font size).
Run = tuple[str, str, float]

#: Where ReportLab's paragraph may break a line: white space, but not a no-break space.
_SPACE = re.compile(r"[\t\n\x0b\x0c\r\x1c-\x1f \x85\u1680\u2000-\u200b\u2028\u2029"
                    r"\u202f\u205f\u3000]+")


#: How much of its width each space of a line may give up before a word goes to the
#: next line: ReportLab's paragraph lets a line run that much over and draws its
#: spaces narrower.
SHRINK = ParagraphStyle.defaults["spaceShrinkage"]


@functools.lru_cache(maxsize=1 << 16)
def width_of(text: str, font: str, size: float) -> float:
    """The width of `text` in a face: the words of a report's tables (names, statuses,
    places, dates) come back row after row."""
    return stringWidth(text, font, size)


@dataclass(frozen=True, slots=True)
class Line:
    runs: tuple[Run, ...]
    width: float

    @property
    def text(self) -> str:
        return "".join(run[0] for run in self.runs)


def _words(runs: Sequence[Run]) -> list[list[Run]]:
    """The words of a stretch of text in several faces: a word goes on across a change
    of face where no space parts it (a name and its language tag)."""
    words: list[list[Run]] = []
    open_word = False
    for text, font, size in runs:
        pieces = _SPACE.split(text)
        for i, piece in enumerate(pieces):
            if i:
                open_word = False
            if not piece:
                continue
            if open_word:
                words[-1].append((piece, font, size))
            else:
                words.append([(piece, font, size)])
            open_word = True
    return words


def _join(line: list[list[Run]]) -> tuple[Run, ...]:
    """The runs of a line of words, a space between words, runs of one face merged."""
    runs: list[list] = []
    for n, word in enumerate(line):
        for k, (text, font, size) in enumerate(word):
            if n and not k:
                text = " " + text
            if runs and runs[-1][1] == font and runs[-1][2] == size:
                runs[-1][0] += text
            else:
                runs.append([text, font, size])
    return tuple((text, font, size) for text, font, size in runs)


def _split_word(word: list[Run], start: float, width: float) -> list[list[Run]]:
    """A word wider than the line in pieces: the first fills the line from `start`,
    each next one a line of its own (ReportLab's splitLongWords)."""
    pieces: list[list[Run]] = [[]]
    used = start
    for text, font, size in word:
        chunk = ""
        for char in text:
            char_width = width_of(char, font, size)
            if used + char_width > width and (chunk or pieces[-1] or char_width <= width):
                if chunk:
                    pieces[-1].append((chunk, font, size))
                pieces.append([])
                chunk, used = "", 0.0
            chunk += char
            used += char_width
        if chunk:
            pieces[-1].append((chunk, font, size))
    return [piece for piece in pieces if piece]


def _word_width(word: list[Run]) -> float:
    return sum(width_of(text, font, size) for text, font, size in word)


def _break_plain(text: str, font: str, size: float, width: float) -> list[Line] | None:
    """Text in one face broken into lines, or None where a word is wider than a line
    (break_runs breaks it): most cells are such text, and their words need no runs."""
    space = width_of(" ", font, size)
    lines: list[Line] = []
    line: list[str] = []
    used = -space
    for word in _SPACE.split(text):
        if not word:
            continue
        wide = width_of(word, font, size)
        if used + space + wide <= width + SHRINK * space * len(line):
            line.append(word)
            used += space + wide
        elif wide > width:
            return None
        else:
            if line:
                lines.append(Line(((" ".join(line), font, size),), used))
            line, used = [word], wide
    if line:
        lines.append(Line(((" ".join(line), font, size),), used))
    return lines


def break_runs(runs: Sequence[Run], width: float) -> list[Line]:
    """One paragraph's runs broken into lines of at most `width` (a word wider than
    that in pieces): as many words on each line as fit, as ReportLab breaks them."""
    if len(runs) == 1:
        plain = _break_plain(*runs[0], width)
        if plain is not None:
            return plain
    lines: list[Line] = []
    line: list[list[Run]] = []
    used = spaces = 0.0
    for word in _words(runs):
        _text, font, size = word[0]
        space = width_of(" ", font, size) if line else 0.0
        wide = _word_width(word)
        if used + space + wide <= width + SHRINK * (spaces + space):
            line.append(word)
            used += space + wide
            spaces += space
            continue
        if wide > width:
            # Broken where it must be, its first piece on this line if any room is left.
            pieces = _split_word(word, used + space if line else 0.0, width)
            if line and used + space + _word_width(pieces[0]) <= width:
                line.append(pieces.pop(0))
                used += space + _word_width(line[-1])
            if line:
                lines.append(Line(_join(line), used))
            for piece in pieces[:-1]:
                lines.append(Line(_join([piece]), _word_width(piece)))
            line, used, spaces = [pieces[-1]], _word_width(pieces[-1]), 0.0
            continue
        if line:
            lines.append(Line(_join(line), used))
        line, used, spaces = [word], wide, 0.0
    if line:
        lines.append(Line(_join(line), used))
    return lines


def paragraphs_of(frags) -> list[list[Run]]:
    """A paragraph's fragments (reports.paragraph) as runs, one list per line break."""
    paragraphs: list[list[Run]] = [[]]
    for frag in frags:
        if getattr(frag, "lineBreak", False):
            paragraphs.append([])
        elif frag.text:
            paragraphs[-1].append((frag.text, frag.fontName, frag.fontSize))
    return paragraphs


def lines_of(paragraphs: Sequence[Sequence[Run]], width: float) -> tuple[Line, ...]:
    """Lines of several paragraphs (a cell's lines of its own), each broken at `width`;
    an empty paragraph is an empty line."""
    lines: list[Line] = []
    for runs in paragraphs:
        if len(runs) == 1 and width_of(*runs[0]) <= width:
            lines.append(Line((runs[0],), width_of(*runs[0])))  # the usual cell: one run
        else:
            lines += break_runs(runs, width) or [Line((), 0.0)]
    return tuple(lines)


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell's lines, each `leading` below the one before; the first baseline sits
    `size` below the cell's top padding, as ReportLab's table sets a string."""

    lines: tuple[Line, ...]
    leading: float
    size: float
    right: bool = False

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def height(self) -> float:
        return max(len(self.lines), 1) * self.leading

    def cut(self, room: float) -> tuple[Cell, Cell]:
        """The lines that fit `room`, and the rest."""
        keep = max(int(room // self.leading), 0)
        return (Cell(self.lines[:keep], self.leading, self.size, self.right),
                Cell(self.lines[keep:], self.leading, self.size, self.right))


@dataclass(frozen=True)
class Look:
    """How a kind of table is drawn."""

    padding: tuple[float, float, float, float]  # left, right, top, bottom
    #: The header's band, or None for a table without one.
    header_fill: colors.Color | None = None
    stripe: colors.Color | None = None
    #: Rules under the header and under the table's last row: (width, colour).
    header_rule: tuple[float, colors.Color] | None = None
    last_rule: tuple[float, colors.Color] | None = None
    row_rule: tuple[float, colors.Color] | None = None


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Cell, ...]
    #: Where the row is in the table's body (its stripe), -1 for the header.
    index: int
    #: Whether it is the table's last row (its rule), not only its part's.
    last: bool


class Grid(Flowable):
    """A table of `Cell`s in columns of `widths`; `head` (if any) repeats on every page
    the table continues onto. A row taller than `page_height` splits between lines."""

    def __init__(self, head: Row | None, body: Sequence[Row], widths: Sequence[float],
                 look: Look, page_height: float, heights: Sequence[float] | None = None):
        super().__init__()
        self.head = head
        self.body = list(body)
        self.widths = list(widths)
        self.look = look
        self.page_height = page_height
        self.hAlign = "LEFT"
        self._pad = look.padding[2] + look.padding[3]
        #: The height of each row, the header's first: a part of a split table takes
        #: its rows' heights with it.
        self.heights = list(heights) if heights is not None else [
            self._row_height(row) for row in self._rows()]
        self.width = sum(self.widths)
        self.height = sum(self.heights)

    def _rows(self) -> list[Row]:
        return ([self.head] if self.head is not None else []) + self.body

    def _row_height(self, row: Row) -> float:
        return max(cell.height for cell in row.cells) + self._pad

    def wrap(self, availWidth, availHeight):  # noqa: N802, N803 - ReportLab's names
        return self.width, self.height

    def _part(self, body: Sequence[Row], heights: Sequence[float] | None = None) -> Grid:
        if heights is not None and self.head is not None:
            heights = [self.heights[0], *heights]
        return Grid(self.head, body, self.widths, self.look, self.page_height, heights)

    def split(self, availWidth, availHeight):  # noqa: N802, N803 - ReportLab's names
        own = self.heights[1:] if self.head is not None else self.heights
        head = self.heights[0] if self.head is not None else 0.0
        room = availHeight - head
        fitted = 0
        for height in own:
            if height > room:
                break
            room -= height
            fitted += 1
        if fitted == len(self.body):
            return [self]
        if fitted:
            return [self._part(self.body[:fitted], own[:fitted]),
                    self._part(self.body[fitted:], own[fitted:])]
        row = self.body[0]
        if head + own[0] <= self.page_height:
            return []  # the row fits whole on the next page
        room -= self._pad
        if any(len(cell.lines) and room < cell.leading for cell in row.cells):
            return []
        cuts = [cell.cut(room) for cell in row.cells]
        first = Row(tuple(cut[0] for cut in cuts), row.index, False)
        rest = Row(tuple(cut[1] for cut in cuts), row.index, row.last)
        return [self._part([first]), self._part([rest, *self.body[1:]])]

    def draw(self):
        canvas, look = self.canv, self.look
        left, right, top, _bottom = look.padding
        xs = [0.0]
        for width in self.widths:
            xs.append(xs[-1] + width)
        rows = self._rows()
        heights = self.heights
        tops = [self.height]
        for height in heights:
            tops.append(tops[-1] - height)

        canvas.saveState()
        for row, y, height in zip(rows, tops[1:], heights):
            fill = (look.header_fill if row.index < 0
                    else look.stripe if look.stripe is not None and row.index % 2 else None)
            if fill is not None:
                canvas.setFillColor(fill)
                canvas.rect(0, y, self.width, height, stroke=0, fill=1)
        for row, y in zip(rows, tops[1:]):
            rule = (look.header_rule if row.index < 0 else look.last_rule if row.last
                    else look.row_rule)
            if rule is not None:
                canvas.setLineWidth(rule[0])
                canvas.setStrokeColor(rule[1])
                canvas.line(0, y, self.width, y)

        text = canvas.beginText()
        text.setFillColor(colors.black)
        face = None
        for row, y in zip(rows, tops):
            for cell, x, width in zip(row.cells, xs, self.widths):
                baseline = y - top - cell.size
                for line in cell.lines:
                    if line.runs:
                        at = x + width - right - line.width if cell.right else x + left
                        text.setTextOrigin(at, baseline)
                        for chars, font, size in line.runs:
                            if (font, size) != face:
                                text.setFont(font, size)
                                face = (font, size)
                            # Each line is placed by its origin, so the cursor
                            # need not follow the text (textOut measures it again).
                            text._textOut(chars)
                    baseline -= cell.leading
        canvas.drawText(text)
        canvas.restoreState()
