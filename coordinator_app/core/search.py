"""Search across every kind of record: what the global search box, pickers,
list filters and `coordinator search` call.

Typed text is folded and transliterated as the index is (core.folding), every
word is a prefix (search as you type), and all words must match. Matches in
names and titles come first, then matches elsewhere (positions, notes), each
ranked by where the typed word stands in the name and by FTS5's bm25 with names
weighing most; when they are fewer than asked for, names spelled nearly so
("Kharkov", "Charkiv", "Terechov") are looked up in the index's list of name
words and ranked after them. Scores: names 3-4.x, elsewhere 1.5-2.5, near
spellings below 1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, bindparam, column, literal_column, select, table, true
from sqlalchemy.orm import Session

from coordinator_app.core import fuzzy
from coordinator_app.core.folding import fold, query_words
from coordinator_app.core.models import Activity, Agreement, Organization, Person, Project
from coordinator_app.core.subtitles import describe_hits

#: The kinds search looks in, in the order results are grouped.
SEARCHABLE = {
    "organization": Organization,
    "person": Person,
    "agreement": Agreement,
    "project": Project,
    "activity": Activity,
}
#: bm25 weights of the index columns kind, title, names, body.
WEIGHTS = "0.0, 10.0, 5.0, 1.0"
#: A single word this short matches only the beginning of names and titles, unranked:
#: ranking every record that has a word starting with "k" is work nobody looks at.
SHORT = 2
#: Matches ranked per step (see _exact).
CANDIDATES = 200

_keys = table("search_keys", column("entry"), column("kind"), column("record_id"))
_index = table("search_index", column("rowid"))


@dataclass(frozen=True)
class Hit:
    kind: str
    id: str
    title: str
    subtitle: str | None = None
    score: float = 0.0


def _phrase(forms: list[str]) -> str:
    alternatives = " OR ".join(f'"{form}"*' for form in forms)
    return f"({alternatives})" if len(forms) > 1 else alternatives


def match_expression(text: str, *, columns: str = "title names body") -> str | None:
    """The FTS5 MATCH text for typed `text`, or None when it has no words."""
    terms = query_words(text)
    if not terms:
        return None
    return "{%s} : (%s)" % (columns, " AND ".join(_phrase(forms) for forms in terms))


def _is_short(text: str) -> bool:
    terms = query_words(text)
    return len(terms) == 1 and len(terms[0][0]) <= SHORT


def filter_clause(cls, text: str) -> ColumnElement[bool]:
    """A WHERE condition keeping the records of `cls` that `text` finds (as search does).

    Usable in any `select(cls).where(...)`: it is an `id IN (index lookup)`, so the
    list it filters can still sort and page in SQL. (Record ids are UUIDs, unique
    across kinds, so the lookup needs no kind condition: that would only make FTS5
    read the longest list it has.)"""
    expression = match_expression(text, columns="title" if _is_short(text) else
                                  "title names body")
    if expression is None:
        return true()
    matching = (
        select(_keys.c.record_id)
        .select_from(_index.join(_keys, _keys.c.entry == _index.c.rowid))
        .where(literal_column("search_index").op("MATCH")(
            bindparam("search_match", expression, unique=True)))
    )
    return cls.id.in_(matching)


def query_index(session: Session, expression: str, kinds: list[str], limit: int, *,
                ranked: bool = False) -> list[tuple[str, str, float, str]]:
    """(kind, id, bm25, folded title) of index rows matching `expression`.

    Ranked: FTS5 orders every match by bm25, which costs time in proportion to
    the matches. Unranked: the first `limit` matches, bm25 computed for those only."""
    where = ""
    params: list = [expression]
    if len(kinds) < len(SEARCHABLE):
        where = f" AND k.kind IN ({', '.join('?' * len(kinds))})"
        params += kinds
    order = f" ORDER BY bm25(search_index, {WEIGHTS})" if ranked else ""
    return session.connection().exec_driver_sql(
        f"SELECT k.kind, k.record_id, bm25(search_index, {WEIGHTS}), search_index.title "
        f"FROM search_index JOIN search_keys k ON k.entry = search_index.rowid "
        f"WHERE search_index MATCH ?{where}{order} LIMIT ?", (*params, limit)).fetchall()


def rank(rows, terms: list[list[str]], base: float) -> list[tuple[str, str, float]]:
    """(kind, id, score) best first: a title starting with the first typed word,
    then a title with a word starting so, then bm25 (which favours names)."""
    first = terms[0] if terms else []
    results = []
    for kind, record_id, bm25, title in rows:
        bonus = 1.0 if any(title.startswith(form) for form in first) else (
            0.5 if any(f" {form}" in title for form in first) else 0.0)
        results.append((kind, record_id, base + bonus - bm25 / 100.0))
    results.sort(key=lambda row: -row[2])
    return results


def _exact(session: Session, text: str, kinds: list[str], limit: int) -> list[tuple]:
    """(kind, id, score) of exact/prefix matches, best first; score > 1.

    Names and titles first; then, if they are too few, records that have the
    words anywhere else (positions, organisations, notes), always below names.
    Each step ranks at most CANDIDATES matches, the first the index yields: a
    typed "Шев" matches thousands of Шевченкоs, and ordering all of them by
    bm25 costs time while telling nobody apart."""
    terms = query_words(text)
    if not terms:
        return []
    wanted = max(CANDIDATES, limit)
    columns = "title" if _is_short(text) else "title names"
    rows = query_index(session, match_expression(text, columns=columns), kinds, wanted)
    found = rank(rows, terms, 3.0)
    if len(found) < limit and columns != "title":
        seen = {row[1] for row in found}
        more = query_index(session, match_expression(text), kinds, wanted + len(seen))
        found += rank([row for row in more if row[1] not in seen], terms, 1.5)
    return found[:limit]


def search(
    session: Session, text: str, *, kinds: Iterable[str] | None = None, limit: int = 20
) -> list[Hit]:
    """Records `text` finds, grouped by kind (SEARCHABLE order), best first in each."""
    kinds = [kind for kind in SEARCHABLE if kinds is None or kind in set(kinds)]
    if not fold(text).strip() or not kinds or limit <= 0:
        return []
    found = _exact(session, text, kinds, limit)
    if len(found) < limit:
        seen = {record_id for _, record_id, _ in found}
        for kind, record_id, score in fuzzy.near_matches(session, text, kinds, limit):
            if record_id not in seen:
                seen.add(record_id)
                found.append((kind, record_id, score))
    found = found[:limit]
    order = {kind: i for i, kind in enumerate(SEARCHABLE)}
    found.sort(key=lambda row: (order[row[0]], -row[2]))
    return describe_hits(session, found, Hit)
