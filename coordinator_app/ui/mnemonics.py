"""Alt+letter for every label of a form, in whatever language it is read.

Titles are translated, so a letter marked by hand in English would clash or be
missing in Ukrainian. `assign` marks each text's first letter not taken yet,
preferring the start of a word, and leaves alone the letters the window's menus
use (Alt+F opens File, not a field called "From")."""

from __future__ import annotations

from collections.abc import Iterable


def taken_by(texts: Iterable[str]) -> set[str]:
    """The letters already marked with & in these texts (menu titles, buttons)."""
    found = set()
    for text in texts:
        text = text.replace("&&", "")
        at = text.find("&")
        if 0 <= at < len(text) - 1:
            found.add(text[at + 1].casefold())
    return found


def marked(text: str, taken: set[str]) -> str:
    """`text` with & before its best free letter, which is added to `taken`; the text as
    it is (with && for a literal &) when every letter is taken."""
    plain = text.replace("&", "&&")
    starts = [i for i, ch in enumerate(text)
              if ch.isalpha() and (i == 0 or not text[i - 1].isalpha())]
    others = [i for i, ch in enumerate(text) if ch.isalpha() and i not in starts]
    for i in starts + others:
        letter = text[i].casefold()
        if letter not in taken:
            taken.add(letter)
            return text[:i].replace("&", "&&") + "&" + text[i:].replace("&", "&&")
    return plain
