"""How well a record's name answers what was typed: the score search sorts by.

Every candidate the index yields (core.search.query) is scored here the same way,
whichever lookup found it, by comparing each typed word with the words of the
record's name (its title) and, failing that, its other names:

1. the whole name, word for word (Миколаїв for "Миколаїв", Kharkiv for Харків);
2. every typed word is a whole word of the name;
3. every typed word is the name's word in another spelling: the same spelling
   key (Kharkov / Харків, Kaunas / Kauno, core.text.spelling) or a name the
   gazetteer knows (Nikolaev / Миколаїв); whole names first;
4. typed words start words of the name (search as you type);
5. near spellings (typos, core.search.fuzzy), by how close they are;
6. the words only elsewhere: positions, organisations, notes (mentions of the
   name in other records).

Within a step a match in the record's own name beats one in its other names,
a name that starts with the first typed word comes first, a name with fewer
other words comes first (Kauno miesto savivaldybė before Kauno miesto
savivaldybės administracija), then the closer spelling. Scores: steps 1-2 above 1 (an exact
word); steps 3-6 below 1, as near spellings always were.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from coordinator_app.core.text import gazetteer
from coordinator_app.core.text.folding import has_cyrillic, query_words, words
from coordinator_app.core.text.gazetteer import query_keys
from coordinator_app.core.text.spelling import word_keys

EXACT, VARIANT, PREFIX, NEAR, NONE = 4, 3, 2, 1, 0
#: Similarity (rapidfuzz ratio, 0-100) a shared spelling key needs to count as the
#: same name rather than a near one: Ella and Ilya share a key, and are not.
SAME_NAME = 55.0
#: A typed word shorter than this is not guessed at: it matches as written or as a prefix.
GUESSED = 3
#: Similarity a word needs to count as a near spelling of a typed word.
NEAR_CUTOFF = 75.0
#: (lowest score, width) of each step; the width holds the tie-breaks.
BANDS = {
    "whole": (3.0, 0.9), EXACT: (2.0, 0.9),
    "whole variant": (0.9, 0.09), VARIANT: (0.8, 0.09),
    PREFIX: (0.65, 0.09), NEAR: (0.45, 0.09), NONE: (0.1, 0.3),
}
#: Scores from here up are the name itself in some spelling, not a guess.
SAME_NAME_SCORE = BANDS[VARIANT][0]
#: Scores from here up have every typed word whole.
EXACT_SCORE = BANDS[EXACT][0]
#: Scores from here up have every typed word at least as the start of a word.
PREFIX_SCORE = BANDS[PREFIX][0]
#: Scores below this found the typed words only outside the names.
NAMED_SCORE = BANDS[NEAR][0]


@dataclass
class Typed:
    """One typed word: its folded forms, its spelling keys, and the key phrases of
    native names the gazetteer gives for it."""

    forms: list[str]
    keys: set[str] = field(default_factory=set)
    phrases: list[tuple[str, ...]] = field(default_factory=list)


def typed_words(text: str) -> list[Typed]:
    """The typed words; words that together spell another name of a place the
    gazetteer knows (Krasny Liman, Novograd-Volynsky) become one."""
    typed = []
    for forms in query_words(text):
        term = Typed(forms)
        for phrase in query_keys(forms):
            own = len(phrase) == 1 and any(phrase[0] in word_keys(form) for form in forms)
            if own:
                term.keys.add(phrase[0])
            else:
                term.phrases.append(phrase)
        typed.append(term)
    return _joined(typed)


def _joined(typed: list[Typed]) -> list[Typed]:
    out: list[Typed] = []
    i = 0
    while i < len(typed):
        for size in range(min(gazetteer.LONGEST, len(typed) - i), 1, -1):
            keys = tuple((word_keys(term.forms[-1]) or ("",))[0] if term.forms else ""
                         for term in typed[i:i + size])
            natives = gazetteer.phrase_keys(keys) if all(keys) else ()
            if natives:
                out.append(Typed([], set(), list(natives)))
                i += size
                break
        else:
            out.append(typed[i])
            i += 1
    return out


def _similarity(term: Typed, word: str, keys: tuple[str, ...] = ()) -> float:
    """How close the typed word is to `word` (0-100): as written, or the start of a
    longer word, or in spelling keys (a typo in another grammatical case)."""
    best = max((fuzz.ratio(mine, own) for mine in term.keys for own in keys
                if len(mine) >= 4), default=0.0) - 5.0
    for form in term.forms:
        best = max(best, fuzz.ratio(form, word))
        if len(word) > len(form):  # a typed start of a longer word
            best = max(best, fuzz.ratio(form, word[:len(form)]))
    return best


def _word_relation(term: Typed, word: str) -> tuple[int, float]:
    """(how, similarity) of one typed word to one word of a name."""
    if word in term.forms:
        return EXACT, 100.0
    # Before keys: "Šiauliais…" for "Siauliai" is a longer word, not the town in
    # another case, though the keys are the same.
    if any(word.startswith(form) for form in term.forms):
        return PREFIX, 100.0 * len(term.forms[0]) / len(word)
    if not term.forms or len(term.forms[0]) < GUESSED:
        # Too short to be spelled otherwise or mistyped; or a name of several
        # words, which _relation finds by its phrase.
        return NONE, 0.0
    keys = word_keys(word)
    if term.keys.intersection(keys):
        similarity = _similarity(term, word)
        return (VARIANT if similarity >= SAME_NAME else NEAR), similarity
    similarity = _similarity(term, word, keys)
    if similarity >= NEAR_CUTOFF or any(
            key.startswith(mine) for key in keys for mine in term.keys if len(mine) >= 3):
        return NEAR, similarity
    return NONE, similarity


class Scorer:
    """Scores candidates for one typed text. Names share words (міська, рада, Олена,
    Шевченко), so each typed word's relation to a word is worked out once."""

    def __init__(self, typed: list[Typed]) -> None:
        self.typed = typed
        self._words: dict[str, tuple[bool, tuple[tuple[int, float], ...]]] = {}

    def _word(self, word: str) -> tuple[bool, tuple[tuple[int, float], ...]]:
        """(is Cyrillic, (how, similarity) for each typed word) of a word of a name."""
        found = self._words.get(word)
        if found is None:
            found = (has_cyrillic(word), tuple(_word_relation(term, word) for term in self.typed))
            self._words[word] = found
        return found

    def _field(self, text: str) -> tuple[int, bool, float, bool, float] | None:
        """(how, whole, share of the name covered, first word matched, similarity)
        of the typed words in a name, or None when one of them is not there.

        A name is indexed as written and, if Cyrillic, transliterated: either half,
        covered whole, is the whole name."""
        names = words(text)
        if not names:
            return None
        found = [self._word(word) for word in names]
        how = EXACT
        similarity = 0.0
        covered: set[int] = set()
        first = -1
        for t, term in enumerate(self.typed):
            best, close, at = NONE, 0.0, -1
            for i, (_cyrillic, relations) in enumerate(found):
                mine, near = relations[t]
                if mine > best or (mine == best and near > close):
                    best, close, at = mine, near, i
                    if mine == EXACT:
                        break
            cover = {at}
            if term.phrases and best < EXACT:  # a gazetteer name: all its words there
                keys = [word_keys(word) for word in names]
                for phrase in term.phrases:
                    if all(any(key in own for own in keys) for key in phrase):
                        best, close = VARIANT, 100.0
                        cover = {i for key in phrase for i, own in enumerate(keys) if key in own}
                        break
            if best == NONE:
                return None
            how = min(how, best)
            similarity += close
            covered |= cover
            if t == 0:
                first = min(cover)
        cyrillic = [i for i, (is_cyrillic, _r) in enumerate(found) if is_cyrillic]
        latin = [i for i, (is_cyrillic, _r) in enumerate(found) if not is_cyrillic]
        halves = [half for half in (cyrillic, latin) if half]
        whole = any(covered.issuperset(half) for half in halves)
        coverage = max(sum(1 for i in half if i in covered) / len(half) for half in halves)
        starts = first in {half[0] for half in halves}
        return how, whole, coverage, starts, similarity / len(self.typed)

    def score(self, title: str, names: str, bm25: float) -> float:
        """The score of a record with this folded title and other names (core.search.query)."""
        found = self._field(title)
        in_title = found is not None
        if found is None:
            found = self._field(f"{title} {names}")
        if found is None:  # only in positions, organisations, notes
            low, width = BANDS[NONE]
            return low + width * min(1.0, -bm25 / 20.0)
        how, whole, coverage, first, similarity = found
        whole = whole and in_title
        if how == EXACT:
            band = BANDS["whole" if whole else EXACT]
        elif how == VARIANT:
            band = BANDS["whole variant" if whole else VARIANT]
        else:
            band = BANDS[how]
        low, width = band
        tie = (0.4 * in_title + 0.2 * first + 0.2 * coverage + 0.2 * similarity / 100.0)
        return low + width * min(tie, 0.999)


def step(value: float) -> float:
    """The lowest score of the step a score belongs to (ties broken apart)."""
    return max((low for low, _width in BANDS.values() if low <= value), default=0.0)
