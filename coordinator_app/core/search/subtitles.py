"""The second line of a search hit: enough to tell two "Olena Kovalenko"s apart.

A person: Latin spelling, current position and organisation; an organisation:
region and country; an agreement: status and signing date; a project: status
and place; an activity: date and place. Each kind declares its query and parts
(core.records.registry); fetched in one query per kind.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from sqlalchemy.orm import Session

from coordinator_app.core.records import languages, registry
from coordinator_app.core.records.tombstones import live_sql
from coordinator_app.i18n import current_language

SEPARATOR = " · "

@lru_cache(maxsize=None)
def _query(kind: str, lang: str) -> str:
    """The kind's subtitle query for a reader of `lang`: what it names of another
    record, it names only while that may be shown ({live_…}: core.records.tombstones),
    and by the columns its name is read from in that language ({name_…})."""
    spec = registry.spec(kind)
    aliases = spec.subtitle.aliases or {}
    return spec.subtitle.sql.format(
        ids="{ids}",
        **{f"live_{alias}": live_sql(model, alias) for alias, model in aliases.items()},
        **{f"name_{alias}": languages.name_sql(model, alias, lang)
           for alias, model in aliases.items()})


def subtitle(kind: str, row: tuple, lang: str) -> str | None:
    parts = registry.spec(kind).subtitle.parts(row, lang)
    text = SEPARATOR.join(str(part) for part in parts if part)
    return text or None


def _titles_in(connection, kind: str, ids: list[str], lang: str) -> dict[str, str]:
    """The titles of a kind whose name is kept in several languages as a reader of
    `lang` sees them (the original tagged with its language where `lang` is missing);
    nothing for any other kind."""
    model = registry.spec(kind).model
    field = model.LABEL_FIELD
    if field not in getattr(model, "TRANSLATABLE", ()):
        return {}
    query = (f"SELECT id, {languages.column(field, lang)}, {field}, "
             f"{languages.lang_column(field)} FROM {model.__tablename__} "
             f"WHERE id IN ({', '.join('?' * len(ids))})")
    return {row[0]: languages.reader_name(row[1:], lang)
            for row in connection.exec_driver_sql(query, tuple(ids))}


def describe_hits(session: Session, found: list[tuple[str, str, float]], hit_type,
                  lang: str | None = None) -> list:
    """Hits with their titles and subtitles; with `lang`, titles as its reader sees them
    (each hit's last value is the stored title). Subtitles name other records as
    the reader of `lang`, else of the interface language, sees them."""
    reader = lang or current_language()
    by_kind: dict[str, list[str]] = defaultdict(list)
    for kind, record_id, _score in found:
        by_kind[kind].append(record_id)
    rows: dict[str, tuple] = {}
    titles: dict[str, str] = {}
    connection = session.connection()
    for kind, ids in by_kind.items():
        query = _query(kind, reader).format(ids=", ".join("?" * len(ids)))
        for row in connection.exec_driver_sql(query, tuple(ids)):
            rows[row[0]] = row
        if lang is not None:
            titles.update(_titles_in(connection, kind, ids, lang))
    hits = []
    for kind, record_id, score in found:
        row = rows.get(record_id)
        if row is not None:
            hits.append(hit_type(kind, record_id, titles.get(record_id, row[1]),
                                 subtitle(kind, row, reader), round(score, 4), row[1]))
    return hits
