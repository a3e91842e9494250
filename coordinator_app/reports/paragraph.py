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
"""

from __future__ import annotations

from weakref import WeakKeyDictionary
from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus.paragraph import _FUZZ, cleanBlockQuotedText

#: What Paragraph.wrap leaves on the paragraph, restored together.
_WRAPPED = ("width", "height", "blPara", "_wrapWidths", "_width_max")


#: A style's fragment as the parser makes it, by style; a style gone goes with it.
_FRAGMENTS: WeakKeyDictionary = WeakKeyDictionary()


class Paragraph(_Paragraph):
    """A Paragraph that remembers its lines for the last width it was wrapped to."""

    _wrapped: tuple | None = None

    @classmethod
    def plain(cls, text: str, style) -> Paragraph:
        """A paragraph of `text` as it is: no markup, one line (its runs of spaces
        become one and no-break spaces stay, as the parser makes them), made
        without the parser."""
        fragment = _FRAGMENTS.get(style)
        if fragment is None:
            fragment = _FRAGMENTS[style] = cls("x", style).frags[0]
        text = cleanBlockQuotedText(text)  # what the parser does to its text first
        made = cls(None, style, frags=[fragment.clone(text=text)])
        made.text = escape(text)  # what the parser would have read, for whoever reads it
        return made

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
