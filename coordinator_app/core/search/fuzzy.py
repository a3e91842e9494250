"""Typo-tolerant lookup: names spelled nearly as typed ("Kharkov" for Kharkiv).

The index keeps the words of names and titles in `search_terms`; this module
holds them in memory per database (loading only words added since the last
look), finds the ones close to each typed word (the same spelling key,
core.text.spelling, or a high rapidfuzz similarity, also to the start of a longer
word), and asks the index for records with those words. core.search.ranking scores
what it finds.
"""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz, process
from sqlalchemy.orm import Session

from coordinator_app.core.search.search_index import query_index
from coordinator_app.core.text.folding import query_words
from coordinator_app.core.text.spelling import word_keys

#: Similarity (0-100, rapidfuzz's normalised Indel) a word must reach to count as near.
CUTOFF = 80
#: Words shorter than this are too short to guess at; they match only as prefixes.
MIN_LENGTH = 4
#: Near words taken per typed word.
PER_WORD = 8
#: The score a word with the same spelling key counts as (between a near word and an exact one).
SAME_KEY = 92.0


class Vocabulary:
    """Name words of one database by length, refreshed incrementally."""

    def __init__(self) -> None:
        self.last_id = 0
        self.by_length: dict[int, list[str]] = defaultdict(list)
        #: Words cut to a length -> the whole words, for near *prefixes* ("Terech…").
        self.heads: dict[int, dict[str, list[str]]] = {}
        #: Spelling key -> the words that have it.
        self.by_key: dict[str, list[str]] = defaultdict(list)
        #: Spelling keys by length: a typo in another grammatical case or spelling
        #: (Birštomas for Birštono) is near in keys when the words are not.
        self.keys_by_length: dict[int, list[str]] = defaultdict(list)

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
            for key in word_keys(term):
                if key not in self.by_key:
                    self.keys_by_length[len(key)].append(key)
                self.by_key[key].append(term)
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
            (term, SAME_KEY) for key in word_keys(word)
            for term in self.by_key.get(key, ())[:PER_WORD]]
        for length in range(len(word) - 2, len(word) + 3):
            choices = self.by_length.get(length)
            if choices:
                found.extend((term, score) for term, score, _ in process.extract(
                    word, choices, scorer=fuzz.ratio, score_cutoff=CUTOFF, limit=PER_WORD))
        for key in word_keys(word):
            for length in range(len(key) - 1, len(key) + 2):
                choices = self.keys_by_length.get(length)
                if choices and len(key) >= MIN_LENGTH:
                    for near_key, score, _ in process.extract(
                            key, choices, scorer=fuzz.ratio, score_cutoff=CUTOFF,
                            limit=PER_WORD):
                        found.extend((term, score) for term in self.by_key[near_key][:PER_WORD])
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
    # An edit's session may be bound to a connection it was lent, not the engine.
    key = str(session.get_bind().engine.url.database)
    vocab = _vocabularies.setdefault(key, Vocabulary())
    vocab.refresh(session)
    return vocab


def near_matches(session: Session, text: str, kinds: list[str],
                 limit: int) -> list[tuple[str, str, float, str, str]]:
    """Index rows (core.search.search_index.query_index) of records whose names have words near
    the typed ones."""
    terms = query_words(text)
    if not terms or all(len(forms[0]) < MIN_LENGTH for forms in terms):
        return []
    vocab = vocabulary(session)
    parts: list[str] = []
    guessed = False
    for forms in terms:
        if len(forms[0]) == 1:  # left to the caller: its list in the index is most of it
            continue
        alternatives = [f'"{form}"*' for form in forms]
        if len(forms[0]) >= MIN_LENGTH:
            near = [pair for form in forms for pair in vocab.near(form)]
            alternatives += [f'"{term}"' for term, _ in near]
            guessed = guessed or bool(near)
        parts.append("(" + " OR ".join(dict.fromkeys(alternatives)) + ")")
    if not guessed:
        return []
    expression = "{title names} : (%s)" % " AND ".join(parts)
    return query_index(session, expression, kinds, max(limit, 200))
