"""The full-text index (SQLite FTS5) behind search, kept in step with every edit.

One index row per live organisation, person, agreement, project and activity:
`title` (its name), `names` (other names and spellings), `body` (positions,
organisations, commitments, places, contacts, tags, notes), `kind`, and
`variants`, the spelling keys of the words of title and names (core.text.spelling:
what Kharkov, Charkivas and Харків share, or Kauno and Kaunas). All text is
stored folded (core.text.folding), with Cyrillic also in its Latin spelling, so the
tokenizer only splits words and FTS5 prefix indexes serve typing.

`search_keys` maps a record's UUID to the integer rowid FTS5 needs. That rowid
is the record's row in its own table times SLOTS plus its kind's slot (declared
in core.records.registry), so a list's filter reads the rows it keeps from the
index's matches alone, with no look-up of a key or UUID per match. A record keeps
its row for life (deletion is a tombstone; backups copy pages and encryption's
export copies rows with their numbers), and anything that wrote rows anew would
mark the index stale;
`search_terms` lists the words of names and titles, for typo-tolerant lookup.

A row holds only what may be shown (core.records.tombstones): a link to a deleted record
leaves no word in it. `install(sessions)` makes every flush refresh the rows of
the records it touched (and of records that show their names, also when those
are deleted or restored) on the same connection, in the same transaction: a
rolled-back edit leaves the index as it was. A bulk load (generate, an import, a
sync bundle) is indexed at its commit, its rows written in the order of their numbers
and held by FTS5 in memory 16 MiB at a time, so they go to disk in a few large pieces
of index instead of many small ones that FTS5 would merge again. After a migration
marks the index stale, `rebuild` fills it again with today's code
(core.store.derived); migrations never call this module (0005 carries its own copy
of what it needed).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import chain, groupby, islice
from operator import attrgetter, itemgetter, methodcaller

from sqlalchemy import inspect
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

from coordinator_app.core.records import registry
from coordinator_app.core.store.driver import Driver
from coordinator_app.core.store.session_hooks import keep_in_step
from coordinator_app.core.text.folding import index_text, words
from coordinator_app.core.records.models import TagLink
# entry_rows stays importable from here, where the index's writers have always found it.
from coordinator_app.core.search.matching import SLOTS, entry_rows  # noqa: F401
from coordinator_app.core.text.spelling import keys_text
from coordinator_app.core.records.tombstones import links_of, live_sql
from coordinator_app.core.records import languages

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS search_keys (
        entry INTEGER PRIMARY KEY,
        kind VARCHAR(30) NOT NULL,
        record_id VARCHAR(36) NOT NULL UNIQUE)""",
    # Text arrives folded; prefix indexes make typed prefixes of 1-3 letters cheap.
    """CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5(
        kind, title, names, body, variants,
        tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')""",
    """CREATE TABLE IF NOT EXISTS search_terms (
        id INTEGER PRIMARY KEY,
        term VARCHAR(100) NOT NULL UNIQUE)""",
)
DROP = ("DROP TABLE IF EXISTS search_index", "DROP TABLE IF EXISTS search_keys",
        "DROP TABLE IF EXISTS search_terms")

_TAGS = """(SELECT group_concat(t.name, ' ') FROM tag_links l JOIN tags t ON t.id = l.tag_id
            WHERE l.entity_kind = '{kind}' AND l.entity_id = x.id AND {live_l})"""

#: A contact's value, and for numbers also "tel" + its last nine digits, one word that
#: finds the same phone however it was written (+370 448 73 100, 8-448-73100).
_DIGITS = "c.value"
for _char in " -()+./":
    _DIGITS = f"replace({_DIGITS}, '{_char}', '')"
PHONE_KINDS = ("phone", "signal", "whatsapp", "viber", "telegram")
# The digits are worked out once, in a subquery of their own: written twice in one
# expression, SQLite ran the seven replace() twice for each of 100,000 people's phones.
_CONTACT = (f"c.value || CASE WHEN c.kind IN ({', '.join(repr(k) for k in PHONE_KINDS)}) "
            f"THEN (SELECT CASE WHEN length(d) >= 7 THEN ' tel' || substr(d, -9) ELSE '' END "
            f"FROM (SELECT {_DIGITS} AS d)) ELSE '' END")

#: Each searchable kind's document: SELECT id, title, names, body... over live records.
#: Every table it reads is kept to what may be shown ({live_…}: core.records.tombstones), so a
#: deleted person or organisation leaves no word in the rows of the records it was
#: linked to.
def _live(sql: str, model, alias: str) -> str:
    """`live_sql` of the row `alias` in a document `sql`, but for its links to the
    record the document is about (`alias.link = x.id`), which the document reads only
    while it is live: at 100,000 people, every position and contact looked their own
    person up again; and for links to a row the document joins (`JOIN organizations o
    ON o.id = alias.link`), which is live if that row is: it was looked up twice."""
    if alias == "x" or not re.search(r"WHERE \{live_x\}\s*$", sql):
        return live_sql(model, alias)
    known = set()
    joined = []
    for column, target in links_of(model):
        if re.search(rf"\b{alias}\.{column.key} = x\.id\b", sql):
            known.add(column.key)
        # An inner join only: a LEFT JOIN keeps the row when the link goes nowhere.
        elif found := re.search(rf"(?<!LEFT )JOIN {target.__tablename__} (\w+) "
                                rf"ON \1\.id = {alias}\.{column.key}\b", sql):
            known.add(column.key)
            joined.append(f" AND {found[1]}.deleted_at IS NULL")
    return live_sql(model, alias, frozenset(known)) + "".join(joined)


DOCUMENTS = {
    spec.name: spec.search.sql.format(
        tags=_TAGS.format(kind=spec.name, live_l=live_sql(TagLink, "l")), contact=_CONTACT,
        **{f"live_{alias}": _live(spec.search.sql, model, alias)
           for alias, model in spec.search.aliases.items()})
    for spec in registry.SEARCHABLE
}
KINDS = tuple(DOCUMENTS)
#: Records whose index row shows something of another record: kind -> [(fk, owner kind)].
PARENTS: dict[str, list[tuple[str, str]]] = defaultdict(list)
#: Whose rows carry a renamed record's name: kind -> [(kind, SQL giving their ids)].
DEPENDENTS: dict[str, list[tuple[str, str]]] = defaultdict(list)
for _spec in registry.SEARCHABLE:
    for _child, _fk in _spec.owned:
        # Only what its document reads: an organisation's row shows no positions held
        # there, and re-indexing every organisation a step of `generate` gave people
        # positions at (all 2,000 of them, ten times) changed nothing.
        if re.search(rf"\b{_child.__tablename__}\b", DOCUMENTS[_spec.name]):
            PARENTS[_child.KIND].append((_fk, _spec.name))
    for _named, _sql in _spec.search.names_of:
        DEPENDENTS[_named].append((_spec.name, _sql))
#: The fields whose change renames a record shown in others' rows.
NAME_FIELDS = {kind: {registry.model(kind).LABEL_FIELD, "deleted_at"}
               | ({"latin_name"} & set(registry.model(kind).__table__.columns.keys()))
               | ({name for field in registry.model(kind).TRANSLATABLE
                   if field == registry.model(kind).LABEL_FIELD
                   for name in languages.columns(field)})
               for kind in DEPENDENTS}
BATCH = 500
#: Index rows are numbered rowid * SLOTS + slot (core.search.matching.entry_rows).
SLOT = {spec.name: spec.search.slot for spec in registry.SEARCHABLE}


def create(connection: Connection) -> None:
    for statement in SCHEMA:
        connection.exec_driver_sql(statement)


def drop(connection: Connection) -> None:
    for statement in DROP:
        connection.exec_driver_sql(statement)


def _chunks(items: list[str], size: int = BATCH) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _placeholders(count: int) -> str:
    return ", ".join("?" * count)


@lru_cache(maxsize=None)
def _numbered(kind: str) -> str:
    """The kind's document with its index row's number first (see entry_rows)."""
    sql = DOCUMENTS[kind]
    if not sql.startswith("SELECT x.id,"):  # as the registry's SearchDocument says
        raise ValueError(f"the search document of {kind} does not start with x.id")
    return f"SELECT x.rowid * {SLOTS} + {SLOT[kind]}, {sql[len('SELECT '):]}"


def documents(connection: Connection | Driver, kind: str, ids: list[str] | None = None):
    """(id, folded title, folded names, folded body, spelling keys, index row number) of
    live records of `kind`."""
    sql = _numbered(kind)
    batches = [None] if ids is None else list(_chunks(ids))
    for batch in batches:
        query = sql if batch is None else f"{sql} AND x.id IN ({_placeholders(len(batch))})"
        # Read a part at a time: a rebuild writes each step before it reads the next.
        rows = connection.exec_driver_sql(query, tuple(batch or ()))
        while part := rows.fetchmany(BATCH):
            for row in part:
                yield (row[1], index_text(row[2]), index_text(row[3]), _body(row),
                       keys_text(row[2], row[3]), row[0])


def _body(row: tuple) -> str:
    """The folded body of a row of `_numbered`: every column after the names."""
    return index_text(*row[4:])


def _entries(connection: Connection | Driver, ids: list[str]) -> dict[str, int]:
    """{record id: its index row number} of those of `ids` that have one."""
    entries: dict[str, int] = {}
    for batch in _chunks(ids):
        entries.update(connection.exec_driver_sql(
            f"SELECT record_id, entry FROM search_keys WHERE record_id IN "
            f"({_placeholders(len(batch))})", tuple(batch)).fetchall())
    return entries


_INSERT_ROW = ("INSERT INTO search_index (rowid, kind, title, names, body, variants) "
               "VALUES (?, ?, ?, ?, ?, ?)")
#: Index rows written at once from which a write is a bulk load (see _large_hash).
BULK_ROWS = 1000
#: FTS5's own size of the rows it holds in memory before writing them out as a piece
#: of index (its 'hashsize', 1 MiB), and the size a bulk load uses: 100,000 people's
#: rows written in 6 pieces instead of 13 merged along the way, a third less of FTS5's
#: processor time for about 20 MiB more memory (64 MiB, one piece, cost 90 MiB more
#: and no less time); a step of `generate` (10,000 people) is one piece.
HASH_SIZE = 1 << 20
BULK_HASH_SIZE = 16 << 20


@contextmanager
def _large_hash(connection: Connection | Driver) -> Iterator[None]:
    """FTS5 keeps a bulk load's rows in memory up to BULK_HASH_SIZE, then its setting
    is as it was: an ordinary edit's rows are written as before."""
    row = connection.exec_driver_sql(
        "SELECT v FROM search_index_config WHERE k = 'hashsize'").fetchone()
    setting = "INSERT INTO search_index (search_index, rank) VALUES ('hashsize', ?)"
    connection.exec_driver_sql(setting, (BULK_HASH_SIZE,))
    try:
        yield
    finally:
        connection.exec_driver_sql(setting, (HASH_SIZE if row is None else row[0],))


def _write(connection: Connection | Driver, kind: str, docs: Iterable[tuple],
           entries: dict[str, int] | None = None) -> int:
    """Index `docs` (as `documents` makes them); `entries` are the row numbers of those
    known to have one already."""
    docs = list(docs)
    if not docs:
        return 0
    entries = entries or {}
    # A document carries its row's number (worked out from its record's row, as the
    # record keeps it for life): a new record's key is written without a look-up.
    unnumbered = [(doc[5], kind, doc[0]) for doc in docs if doc[0] not in entries]
    if unnumbered:
        connection.exec_driver_sql(
            "INSERT INTO search_keys (entry, kind, record_id) VALUES (?, ?, ?) "
            "ON CONFLICT DO NOTHING", unnumbered)
    rows = [(entries.get(doc[0], doc[5]), kind, *doc[1:5]) for doc in docs]
    # FTS5 writes out what it holds whenever a row's number is below the last one's:
    # rows in the order of their records' ids (a bundle's from several laptops, an
    # import matched to stored records) cost it a segment each time, four times the work.
    rows.sort(key=itemgetter(0))
    if len(rows) >= BULK_ROWS:
        with _large_hash(connection):
            connection.exec_driver_sql(_INSERT_ROW, rows)
    else:
        connection.exec_driver_sql(_INSERT_ROW, rows)
    # Each distinct title and names split once: a bulk load's names repeat.
    _write_terms(connection, set(chain.from_iterable(doc[1:3] for doc in docs)))
    return len(docs)


def _write_terms(connection: Connection | Driver, texts: Iterable[str]) -> None:
    """Add the words of these folded titles and names to the terms."""
    terms = {word for text in texts for word in words(text) if len(word) > 2}
    # Names of one or two letters ("EU", "Bo Li") leave no terms; an empty batch is no
    # statement to the driver, which would then ask for its one value and fail.
    if terms:
        connection.exec_driver_sql("INSERT OR IGNORE INTO search_terms (term) VALUES (?)",
                                   [(term,) for term in terms])


def refresh(connection: Connection | Driver, kind: str, ids: Iterable[str]) -> None:
    """Rewrite the index rows of these records: gone if tombstoned, current if live."""
    ids = sorted(set(ids))
    if not ids:
        return
    # A record keeps its number for life, so an edited one's old row is found by the
    # number and replaced, its key left as it is: an edit costs a statement or two
    # less than removing the record from the index and numbering it again.
    docs = list(documents(connection, kind, ids))
    entries = _entries(connection, ids)
    for batch in _chunks(list(entries.values())):
        connection.exec_driver_sql(
            f"DELETE FROM search_index WHERE rowid IN ({_placeholders(len(batch))})",
            tuple(batch))
    live = {doc[0] for doc in docs}
    gone = [record_id for record_id in entries if record_id not in live]
    for batch in _chunks(gone):
        connection.exec_driver_sql(
            f"DELETE FROM search_keys WHERE record_id IN ({_placeholders(len(batch))})",
            tuple(batch))
    _write(connection, kind, docs, entries)


#: Records indexed between two reports of a rebuild's progress.
REBUILD_STEP = 5000


def rebuild(connection: Connection, progress: Callable[[int, int], None] | None = None
            ) -> int:
    """Index every live record from scratch (when a migration marked the index stale),
    a step of records at a time, telling `progress` (done, about how many in all)
    after each: at 100,000 people this takes minutes."""
    for table in ("search_index", "search_keys"):
        connection.exec_driver_sql(f"DELETE FROM {table}")
    total = sum(connection.exec_driver_sql(
        f"SELECT count(*) FROM {registry.model(kind).__tablename__} WHERE deleted_at IS NULL"
    ).scalar() for kind in KINDS) if progress else 0
    done = 0
    for kind in KINDS:
        found = documents(connection, kind)
        while step := list(islice(found, REBUILD_STEP)):
            done += _write(connection, kind, step)
            if progress:
                progress(done, max(total, done))
    return done


#: Pages of index data one merge step writes, some 64 MiB of the write-ahead log: FTS5's
#: 'optimize' rewrote the whole index of a million people in one transaction, and the
#: log grew to 651 MB where each committed step of the load kept it under 275 MB.
MERGE_PAGES = 16_000


def merge_step(connection: Connection, pages: int = MERGE_PAGES) -> bool:
    """Merge the index's segments after a bulk load by up to `pages` pages, in the caller's
    transaction; False when there was nothing left to merge. Steps repeated until then
    leave the index as one 'optimize' would, a transaction at a time."""
    before = connection.exec_driver_sql("SELECT total_changes()").scalar()
    # A negative count merges whatever the segments' levels, as 'optimize' does.
    connection.exec_driver_sql(
        "INSERT INTO search_index (search_index, rank) VALUES ('merge', ?)", (-pages,))
    # FTS5 counts two changes or more when a merge did some work.
    return connection.exec_driver_sql("SELECT total_changes()").scalar() - before >= 2


# --- keeping the index in step with edits ---------------------------------------------


def _note(session: Session, obj, new: bool) -> None:
    """Note what to re-index for `obj`, just written (it still shows its changes)."""
    pending: dict[str, set[str]] = session.info.setdefault("search_pending", defaultdict(set))
    renamed: dict[str, set[str]] = session.info.setdefault("search_renamed", defaultdict(set))
    kind = getattr(obj, "KIND", None)
    if kind is None or obj.id is None:
        return
    if kind in DOCUMENTS:
        pending[kind].add(obj.id)
        names = NAME_FIELDS.get(kind)
        if names and not new:
            state = inspect(obj)
            if any(state.attrs[key].history.has_changes() for key in names):
                renamed[kind].add(obj.id)
    elif kind in PARENTS:
        state = inspect(obj)
        for fk, parent_kind in PARENTS[kind]:
            history = state.attrs[fk].history
            for value in (getattr(obj, fk, None), *(history.deleted or ())):
                if value:
                    pending[parent_kind].add(value)
    elif kind == "tag_link" and obj.entity_kind in DOCUMENTS:
        pending[obj.entity_kind].add(obj.entity_id)
    elif kind == "tag":
        renamed["tag"].add(obj.id)


def note_created(session: Session, objs: Iterable) -> None:
    """Records written past the session (Edit.create_many): their rows, and those of
    the records they belong to, are refreshed at the next flush or before the commit,
    once for the whole edit rather than once per batch."""
    # A kind at a time, its values read from the records' dicts as `note_made` reads
    # rows' columns: a first bundle notes 400,000 records, where an attribute read
    # and a branch per record cost more than the notes.
    for kind, group in groupby(objs, attrgetter("KIND")):
        if kind in DOCUMENTS or kind in PARENTS or kind == "tag_link":
            states = list(map(vars, group))
            note_made(session, kind, lambda key: map(methodcaller("get", key), states))
        else:
            for obj in group:
                _note(session, obj, True)


def note_made(session: Session, kind: str, column: Callable[[str], Iterable]) -> None:
    """New records of `kind` written as rows (core.records.journal.insert_made), noted as
    `note_created` notes records: `column(key)` gives that column's values, row by row."""
    pending: dict[str, set[str]] = session.info.setdefault("search_pending", defaultdict(set))
    if kind in DOCUMENTS:
        pending[kind].update(column("id"))
    elif kind in PARENTS:
        for fk, parent_kind in PARENTS[kind]:
            pending[parent_kind].update(value for value in column(fk) if value)
    elif kind == "tag_link":
        for entity_kind, entity_id in zip(column("entity_kind"), column("entity_id")):
            if entity_kind in DOCUMENTS:
                pending[entity_kind].add(entity_id)


def _apply(session: Session, _context) -> None:
    pending: dict[str, set[str]] = session.info.pop("search_pending", {})
    renamed: dict[str, set[str]] = session.info.pop("search_renamed", {})
    if not pending and not renamed:
        return
    # Every edit comes here: its statements go straight to the driver (core.store.driver).
    connection = Driver.of(session)
    for kind, ids in renamed.items():
        ids = sorted(ids)
        if kind == "tag":
            for batch in _chunks(ids):
                rows = connection.exec_driver_sql(
                    f"SELECT entity_kind, entity_id FROM tag_links WHERE tag_id IN "
                    f"({_placeholders(len(batch))})", tuple(batch)).fetchall()
                for entity_kind, entity_id in rows:
                    if entity_kind in DOCUMENTS:
                        pending.setdefault(entity_kind, set()).add(entity_id)
            continue
        for dependent_kind, sql in DEPENDENTS.get(kind, ()):
            for batch in _chunks(ids):
                marks = _placeholders(len(batch))
                query = sql.replace("{ids}", marks)
                params = tuple(batch) * query.count("IN (")
                for (dependent_id,) in connection.exec_driver_sql(query, params):
                    if dependent_id:
                        pending.setdefault(dependent_kind, set()).add(dependent_id)
    for kind, ids in pending.items():
        refresh(connection, kind, ids)


_UPDATE_ROW = "UPDATE search_index SET title = ?, names = ?, body = ?, variants = ? WHERE rowid = ?"
_UPDATE_BODY = "UPDATE search_index SET body = ? WHERE rowid = ?"


def write_row(connection: Driver, kind: str, record_id: str, *, named: bool) -> bool:
    """Rewrite the index row of one record shown before and after an edit (a form saved,
    core.records.edit_index), in place by its number (which its record keeps for life),
    with one statement. Its title, names, their spelling keys and terms are worked out
    and written again only if it was `named` anew; otherwise only its body, which FTS5
    writes back beside the columns it holds. False, having written nothing, where it
    has no row or is not shown: `refresh` then adds or removes what it must."""
    if named:
        doc = next(documents(connection, kind, [record_id]), None)
        if doc is None:
            return False
        values = (*doc[1:5], doc[5])
    else:
        found = connection.execute(f"{_numbered(kind)} AND x.id = ?", (record_id,)).fetchone()
        if found is None:
            return False
        values = (_body(found), found[0])
    if connection.execute(_UPDATE_ROW if named else _UPDATE_BODY, values).rowcount != 1:
        return False
    if named:
        _write_terms(connection, values[:2])
    return True


#: What the index's hook notes of each record a flush writes: a writer that rewrote a
#: record's row itself leaves it out (session_hooks.note_updated).
NOTE = _note


def install(sessions: sessionmaker[Session]) -> None:
    keep_in_step(sessions, ("search_pending", "search_renamed"), _note, _apply)


#: bm25 weights of the index columns kind, title, names, body, variants.
WEIGHTS = "0.0, 10.0, 5.0, 1.0, 0.0"


def query_index(session: Session, expression: str, kinds: list[str], limit: int, *,
                ranked: bool = False, weights: str = WEIGHTS, relevance: bool = False
                ) -> list[tuple[str, str, float, str, str]]:
    """(kind, id, bm25, folded title, folded other names) of index rows matching
    `expression`.

    Ranked: FTS5 orders every match by bm25, which costs time in proportion to
    the matches. Unranked: the first `limit` matches, with bm25 only if `relevance`
    (else 0.0): for a prefix such as "т" FTS5 reads the whole list of words that
    start so to weigh them, which costs more than all the rest of the lookup."""
    where = ""
    params: list = [expression]
    if len(kinds) < len(registry.SEARCHABLE):
        where = f" AND k.kind IN ({', '.join('?' * len(kinds))})"
        params += kinds
    order = f" ORDER BY bm25(search_index, {weights})" if ranked else ""
    weigh = f"bm25(search_index, {weights})" if ranked or relevance else "0.0"
    return session.connection().exec_driver_sql(
        f"SELECT k.kind, k.record_id, {weigh}, search_index.title, search_index.names "
        f"FROM search_index JOIN search_keys k ON k.entry = search_index.rowid "
        f"WHERE search_index MATCH ?{where}{order} LIMIT ?", (*params, limit)).fetchall()
