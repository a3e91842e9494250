"""Typo-tolerant lookup: names spelled nearly as typed ("Kharkov" for Kharkiv).

The index keeps the words of names and titles in `search_terms`; this module
holds them in memory per database (loading only words added since the last
look), finds the ones close to each typed word (the same "skeleton" of
letters that spellings of one name in different languages share, or a high
rapidfuzz similarity), and asks the index for records with those words. Such hits score below 1, under every exact
match.
"""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz, process
from sqlalchemy.orm import Session

from coordinator_app.core.folding import query_words

#: Similarity (0-100, rapidfuzz's normalised Indel) a word must reach to count as near.
CUTOFF = 80
#: Words shorter than this are too short to guess at; they match only as prefixes.
MIN_LENGTH = 4
#: Near words taken per typed word.
PER_WORD = 8
#: How Russian, Ukrainian, Lithuanian and English spellings of one name differ in
#: Latin letters (Kharkov / Charkiv, Igor / Ihor, Jurij / Yurii, Zhytomyr /
#: Žytomyras): folded together in a word's "skeleton".
SKELETON = (("kh", "h"), ("ch", "h"), ("zh", "z"), ("g", "h"), ("y", "i"), ("j", "i"),
            ("w", "v"), ("x", "h"))
#: Lithuanian masculine endings added to foreign names (Terechovas, Charkivas).
ENDINGS = ("ius", "as", "is", "us", "ys")
#: The score a word with the same skeleton counts as (between a near word and an exact one).
SAME_SKELETON = 92.0
_REPEATED = re.compile(r"(.)\1+")


def skeleton(word: str) -> str:
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_LENGTH:
            word = word[: -len(ending)]
            break
    for spelled, sound in SKELETON:
        word = word.replace(spelled, sound)
    return _REPEATED.sub(r"\1", word)


class Vocabulary:
    """Name words of one database by length, refreshed incrementally."""

    def __init__(self) -> None:
        self.last_id = 0
        self.by_length: dict[int, list[str]] = defaultdict(list)
        #: Words cut to a length -> the whole words, for near *prefixes* ("Terech…").
        self.heads: dict[int, dict[str, list[str]]] = {}
        self.skeletons: dict[str, list[str]] = defaultdict(list)

    def refresh(self, session: Session) -> None:
        connection = session.connection()
        top = connection.exec_driver_sql("SELECT max(id) FROM search_terms").scalar() or 0
        if top < self.last_id:  # the index was rebuilt: start again
            self.__init__()
        if top == self.last_id:
            return
        for (term,) in connection.exec_driver_sql(
                "SELECT term FROM search_terms WHERE id > ?", (self.last_id,)):
            self.by_length[len(term)].append(term)
            self.skeletons[skeleton(term)].append(term)
        self.last_id = top
        self.heads.clear()

    def _heads(self, length: int) -> dict[str, list[str]]:
        if length not in self.heads:
            heads: dict[str, list[str]] = defaultdict(list)
            for size, terms in self.by_length.items():
                if size > length:
                    for term in terms:
                        heads[term[:length]].append(term)
            self.heads[length] = dict(heads)
        return self.heads[length]

    def near(self, word: str) -> list[tuple[str, float]]:
        found: list[tuple[str, float]] = [
            (term, SAME_SKELETON) for term in self.skeletons.get(skeleton(word), ())[:PER_WORD]]
        for length in range(len(word) - 2, len(word) + 3):
            choices = self.by_length.get(length)
            if choices:
                found.extend((term, score) for term, score, _ in process.extract(
                    word, choices, scorer=fuzz.ratio, score_cutoff=CUTOFF, limit=PER_WORD))
        # What is typed may be the start of a longer name: compare with starts too.
        heads = self._heads(len(word))
        for head, score, _ in process.extract(word, list(heads), scorer=fuzz.ratio,
                                              score_cutoff=CUTOFF, limit=PER_WORD):
            if head != word:
                found.extend((term, score) for term in heads[head][:PER_WORD])
        found.sort(key=lambda pair: -pair[1])
        best: dict[str, float] = {}
        for term, score in found:
            if term != word:
                best.setdefault(term, score)
        return list(best.items())[:PER_WORD]


_vocabularies: dict[str, Vocabulary] = {}


def vocabulary(session: Session) -> Vocabulary:
    key = str(session.get_bind().url.database)
    vocab = _vocabularies.setdefault(key, Vocabulary())
    vocab.refresh(session)
    return vocab


def near_matches(session: Session, text: str, kinds: list[str],
                 limit: int) -> list[tuple[str, str, float]]:
    """(kind, id, score < 1) of records whose names have words near the typed ones."""
    terms = query_words(text)
    if not terms or all(len(forms[0]) < MIN_LENGTH for forms in terms):
        return []
    vocab = vocabulary(session)
    parts: list[str] = []
    guessed = False
    similarity: list[float] = []
    for forms in terms:
        alternatives = [f'"{form}"*' for form in forms]
        best = 100.0
        if len(forms[0]) >= MIN_LENGTH:
            near = [pair for form in forms for pair in vocab.near(form)]
            alternatives += [f'"{term}"' for term, _ in near]
            guessed = guessed or bool(near)
            best = max((score for _, score in near), default=100.0)
        similarity.append(best)
        parts.append("(" + " OR ".join(dict.fromkeys(alternatives)) + ")")
    if not guessed:
        return []
    from coordinator_app.core.search import query_index

    expression = "{title names} : (%s)" % " AND ".join(parts)
    rows = query_index(session, expression, kinds, max(limit, 200))
    base = sum(similarity) / len(similarity) / 100.0
    found = [(kind, record_id, base * 0.9 - bm25 / 1000.0) for kind, record_id, bm25, _t in rows]
    found.sort(key=lambda row: -row[2])
    return found[:limit]

