"""Search across every kind of record: what the global search box, pickers,
list filters and `coordinator search` call.

Typed text is folded and transliterated as the index is (core.text.folding), every
word is a prefix (search as you type), and all words must match. Candidates
come from several lookups in the index, each taking at most CANDIDATES rows:
names with the typed words whole, names with words starting so, names whose
words share a spelling key with the typed ones (Kharkov / Харків, Kaunas /
Kauno, or a name the gazetteer gives: Nikolaev / Миколаїв), names spelled
nearly so (core.search.fuzzy), and, when names are too few, the words anywhere else.
Whatever found them, core.search.ranking scores them all the same way: whole name,
word-exact, other spelling, prefix, near, elsewhere. Results come grouped by
kind, the kinds in the order of their best match.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, bindparam, true
from sqlalchemy import text as text_clause
from sqlalchemy.orm import Session

from coordinator_app.core.records import registry
from coordinator_app.core.search.matching import filter_sql, match_expression
from coordinator_app.core.search.matching import is_short as _is_short
from coordinator_app.core.search.search_index import query_index
from coordinator_app.core.text.folding import fold
from coordinator_app.core.search.subtitles import describe_hits

if TYPE_CHECKING:
    from coordinator_app.core.search import ranking

#: The kinds search looks in, in the order results are grouped.
SEARCHABLE: tuple[str, ...] = tuple(spec.name for spec in registry.SEARCHABLE)
#: The same for lookups by spelling key.
VARIANT_WEIGHTS = "0.0, 0.0, 0.0, 0.0, 1.0"
#: Prefix and elsewhere matches ranked per lookup (see _scored).
CANDIDATES = 200
#: Exact, other-spelling and near matches ranked per lookup: FTS5 yields these best
#: first (bm25 favours short names), so the few dozen at the top are enough.
BEST = 50


@dataclass(frozen=True)
class Hit:
    kind: str
    id: str
    title: str
    subtitle: str | None = None
    score: float = 0.0
    #: The title as stored (the original), where `title` is a reader's (search's `lang`).
    stored_title: str | None = None


def filter_clause(cls, text: str) -> ColumnElement[bool]:
    """A WHERE condition keeping the records of `cls` that `text` finds (as search
    does), usable in any `select(cls).where(...)`: matching.filter_sql's."""
    found = filter_sql(cls.KIND, text)
    if found is None:
        return true()
    sql, expression = found
    return text_clause(sql).bindparams(bindparam("search_match", expression, unique=True))


def variant_expression(typed: list[ranking.Typed], *, prefix: bool = False) -> str | None:
    """MATCH text finding names whose words share the typed words' spelling keys
    (or are the native names the gazetteer gives); None when no word has a key.
    A word too short for a key must start a word of the name as typed; a single
    letter is left to the scoring, as its list of words in the index is most of it."""
    parts = []
    keyed = False
    for term in typed:
        keys = [f'"{key}"' + ("*" if prefix and len(key) >= 3 else "") for key in term.keys]
        keys += ["(" + " AND ".join(f'"{key}"' for key in phrase) + ")"
                 for phrase in term.phrases]
        if keys:
            keyed = True
            parts.append("{variants} : (%s)" % " OR ".join(keys))
        elif len(term.forms[0]) > 1:
            parts.append("{title names} : (%s)" % " OR ".join(f'"{f}"*' for f in term.forms))
    return " AND ".join(f"({part})" for part in parts) if keyed else None


def _scored(session: Session, text: str, kinds: list[str], limit: int
            ) -> list[tuple[str, str, float]]:
    """(kind, id, score) of every candidate the lookups find, each once.

    Each lookup runs while what the earlier ones found leaves room in the first
    `limit` for what it could find: exact words, then other spellings of the whole
    words (which rank above prefixes, so "Siauliai" reaches Šiaulių savivaldybė
    however many names start with "Šiauliais"), then prefixes, then near
    spellings and prefixes of other spellings while fewer than `limit` names start
    so, then words elsewhere."""
    # Scoring and near spellings (rapidfuzz, some 3.5 MiB) are loaded by the first
    # search, not by the editors, merges and list filters that import this module.
    from coordinator_app.core.search import fuzzy, ranking

    typed = ranking.typed_words(text)
    if not typed:
        return []
    scorer = ranking.Scorer(typed)
    wanted = max(CANDIDATES, limit)
    best = max(BEST, 2 * limit)
    scored: dict[str, tuple[str, str, float]] = {}

    def add(rows, *, elsewhere: bool = False) -> None:
        for kind, record_id, bm25, title, names in rows:
            if record_id not in scored:
                score = scorer.score(title, names or "", bm25)
                # Lookups that leave a typed letter to the scoring yield some rows
                # without it; only the last lookup is for words outside the names.
                if elsewhere or score >= ranking.NAMED_SCORE:
                    scored[record_id] = (kind, record_id, score)

    def at_least(score: float) -> int:
        return sum(1 for row in scored.values() if row[2] >= score)

    if _is_short(text):
        add(query_index(session, match_expression(text, columns="title"), kinds, wanted))
        return list(scored.values())
    add(query_index(session, match_expression(text, columns="title names", prefix=False),
                    kinds, best, ranked=True))
    variants = variant_expression(typed)
    if variants and at_least(ranking.EXACT_SCORE) < limit:
        add(query_index(session, variants, kinds, best, ranked=True, weights=VARIANT_WEIGHTS))
    if at_least(ranking.SAME_NAME_SCORE) < limit:
        add(query_index(session, match_expression(text, columns="title names"), kinds, wanted))
    if at_least(ranking.PREFIX_SCORE) < limit:  # room for near spellings
        prefixes = variant_expression(typed, prefix=True)
        if prefixes and prefixes != variants:
            add(query_index(session, prefixes, kinds, best))
        add(fuzzy.near_matches(session, text, kinds, best))
    if len(scored) < limit:
        add(query_index(session, match_expression(text), kinds, wanted + len(scored),
                        relevance=True), elsewhere=True)
    return list(scored.values())


def search(
    session: Session, text: str, *, kinds: Iterable[str] | None = None, limit: int = 20,
    lang: str | None = None,
) -> list[Hit]:
    """Records `text` finds, best first, grouped by kind (the kind of the best match
    first; kinds with matches equally good in SEARCHABLE order). With `lang`, titles
    kept in several languages are given as a reader of `lang` sees them."""
    from coordinator_app.core.search import ranking

    kinds = [kind for kind in SEARCHABLE if kinds is None or kind in set(kinds)]
    if not fold(text).strip() or not kinds or limit <= 0:
        return []
    found = sorted(_scored(session, text, kinds, limit), key=lambda row: -row[2])[:limit]
    order = {kind: i for i, kind in enumerate(SEARCHABLE)}
    best: dict[str, float] = {}
    for kind, _id, value in found:
        best.setdefault(kind, ranking.step(value))
    found.sort(key=lambda row: (-best[row[0]], order[row[0]], -row[2]))
    return describe_hits(session, found, Hit, lang)
