"""The paragraph every report prints: ReportLab's, breaking its lines once per width.

A table asks each of its paragraphs for its size while it measures its rows, again
when it splits across a page and again when it draws, always at its column's
width; ReportLab's Paragraph breaks its lines anew each time (in a 168-page pack,
17,516 line breakings for 6,173 paragraphs, a third of the whole build). The
lines depend only on the text, the style and the width, so the last breaking is
kept and given back while the width stays the same.

Most paragraphs are plain text (a commitment, a name too long for its column), yet
ReportLab reads each through its markup parser. `Paragraph.plain` makes the one
fragment the parser would make for such text, from a fragment of the style that
was parsed once.

The rest carry the few tags the reports write themselves (<b>, <i>, <br/>,
<font size>, the language tag of record_text) and escaped text. ReportLab's parser
(an HTMLParser that copies its state for every tag and every piece of text) took a
tenth of a briefing pack's build for them. Such markup is read here with one
regular expression into the very fragments the parser makes: each kind of fragment
(the style under a given nesting of tags) is made once by the parser itself and
cloned with each piece's text. Markup with anything else (links, callbacks, other
entities) goes to the parser as before.
"""

from __future__ import annotations

import re
from weakref import WeakKeyDictionary
from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus.paragraph import _FUZZ, cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaParser

#: What Paragraph.wrap leaves on the paragraph, restored together.
_WRAPPED = ("width", "height", "blPara", "_wrapWidths", "_width_max")

#: A style's fragments as the parser makes them, by style (a style gone goes with
#: them), then by the tags open around them ("" for plain text).
_FRAGMENTS: WeakKeyDictionary = WeakKeyDictionary()

#: One piece of the markup read here: a tag, an entity, or text (no "<" or "&").
_PIECE = re.compile(
    r"<(?P<tag>b|i|font(?: size=(?:\"[0-9]+(?:\.[0-9]+)?\"|'[0-9]+(?:\.[0-9]+)?'))?)>"
    r"|</(?P<end>b|i|font)>"
    r"|(?P<br><br/>)"
    r"|&(?P<entity>amp|lt|gt|quot|#[0-9]{1,7});"
    r"|(?P<text>[^<&]+)")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"'}


def _fragment(style, opened: tuple[str, ...], line_break: bool = False):
    """The fragment the parser makes for text (or a line break) inside the tags
    `opened`, in `style`."""
    made = _FRAGMENTS.get(style)
    if made is None:
        made = _FRAGMENTS[style] = {}
    key = (opened, line_break)
    fragment = made.get(key)
    if fragment is None:
        inner = "<br/>" if line_break else "x"
        markup = "".join(f"<{tag}>" for tag in opened) + inner + "".join(
            f"</{tag.split(' ')[0]}>" for tag in reversed(opened))
        fragment = made[key] = ParaParser().parse(markup, style)[1][0]
    return fragment


def _fragments(text: str, style) -> list | None:
    """The parser's fragments of `text` (markup already cleaned as the parser's caller
    cleans it), or None where it holds anything not read here."""
    frags = []
    opened: tuple[str, ...] = ()
    at = 0
    for piece in _PIECE.finditer(text):
        if piece.start() != at:
            return None  # something between the pieces read here: the parser's
        at = piece.end()
        kind = piece.lastgroup
        if kind == "text":
            frags.append(_fragment(style, opened).clone(text=piece.group("text")))
        elif kind == "entity":
            name = piece.group("entity")
            char = chr(int(name[1:])) if name[0] == "#" else _ENTITIES[name]
            frags.append(_fragment(style, opened).clone(text=char))
        elif kind == "tag":
            opened += (piece.group("tag"),)
        elif kind == "end":
            if not opened or opened[-1].split(" ")[0] != piece.group("end"):
                return None  # the parser says what is wrong with it
            opened = opened[:-1]
        else:
            frags.append(_fragment(style, opened, line_break=True).clone())
    if at != len(text) or opened:
        return None
    return frags


class Paragraph(_Paragraph):
    """A Paragraph that remembers its lines for the last width it was wrapped to."""

    _wrapped: tuple | None = None

    @classmethod
    def plain(cls, text: str, style) -> Paragraph:
        """A paragraph of `text` as it is: no markup, one line (its runs of spaces
        become one and no-break spaces stay, as the parser makes them), made
        without the parser."""
        text = cleanBlockQuotedText(text)  # what the parser does to its text first
        made = cls(None, style, frags=[_fragment(style, ()).clone(text=text)])
        made.text = escape(text)  # what the parser would have read, for whoever reads it
        return made

    def _setup(self, text, style, bulletText, frags, cleaner):
        if frags is None and text is not None and not bulletText:
            text = cleaner(text)
            frags = _fragments(text, style)
            if frags is not None:
                textTransformFrags(frags, style)
            cleaner = str  # cleaned already
        super()._setup(text, style, bulletText, frags, cleaner)

    def wrap(self, availWidth, availHeight):  # noqa: N802, N803 - ReportLab's names
        kept = self._wrapped
        if kept is not None and kept[0] == availWidth:
            for name, value in zip(_WRAPPED, kept[1:]):
                setattr(self, name, value)
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        if availWidth >= _FUZZ:  # narrower, ReportLab breaks no lines and keeps none
            self._wrapped = (availWidth, *(getattr(self, name, None) for name in _WRAPPED))
        return size
