"""The second line of a search hit: enough to tell two "Olena Kovalenko"s apart.

A person: Latin spelling, current position and organisation; an organisation:
region and country; an agreement: status and signing date; a project: status
and place; an activity: date and place. Fetched in one query per kind.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy.orm import Session

from coordinator_app.core import vocab
from coordinator_app.core.formatting import format_date
from coordinator_app.core.models import Affiliation, Organization
from coordinator_app.core.tombstones import live_sql
from coordinator_app.i18n import _

SEPARATOR = " · "

QUERIES = {
    "organization": """
        SELECT x.id, x.name, x.region, x.country, x.kind, NULL FROM organizations x
        WHERE x.id IN ({{ids}})""",
    # The current affiliation: open-ended first, then the latest started.
    "person": """
        SELECT x.id, x.full_name, x.latin_name,
          (SELECT coalesce(a.position || ', ', '') || o.name FROM affiliations a
             JOIN organizations o ON o.id = a.organization_id
             WHERE a.person_id = x.id AND {live_a}
             ORDER BY a.end_on IS NOT NULL, a.end_on DESC, a.start_on DESC LIMIT 1),
          NULL, NULL
        FROM people x WHERE x.id IN ({{ids}})""",
    "agreement": """
        SELECT x.id, x.title, x.status, x.signed_on, x.signed_place, NULL FROM agreements x
        WHERE x.id IN ({{ids}})""",
    "project": """
        SELECT x.id, x.title, x.status, (SELECT o.name FROM organizations o
          WHERE o.id = x.location_id AND {live_o}), x.start_on, NULL FROM projects x
        WHERE x.id IN ({{ids}})""",
    "activity": """
        SELECT x.id, x.title, x.occurs_on, x.location, x.kind, NULL FROM activities x
        WHERE x.id IN ({{ids}})""",
}
# What a subtitle names of another record, it names only while that may be shown.
QUERIES = {kind: sql.format(live_a=live_sql(Affiliation, "a"),
                            live_o=live_sql(Organization, "o"))
           for kind, sql in QUERIES.items()}


def _label(table: dict[str, str], code: str | None) -> str | None:
    return _(table[code]) if code in table else code


def _date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return format_date(date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)


def subtitle(kind: str, row: tuple) -> str | None:
    if kind == "organization":
        parts = [_label(vocab.ORGANIZATION_KINDS, row[4]), row[2], row[3]]
    elif kind == "person":
        parts = [row[2] if row[2] != row[1] else None, row[3]]
    elif kind == "agreement":
        parts = [_label(vocab.AGREEMENT_STATUSES, row[2]), _date(row[3]), row[4]]
    elif kind == "project":
        parts = [_label(vocab.PROJECT_STATUSES, row[2]), row[3]]
    else:
        parts = [_label(vocab.ACTIVITY_KINDS, row[4]), _date(row[2]), row[3]]
    text = SEPARATOR.join(str(part) for part in parts if part)
    return text or None


def describe_hits(session: Session, found: list[tuple[str, str, float]], hit_type) -> list:
    by_kind: dict[str, list[str]] = defaultdict(list)
    for kind, record_id, _score in found:
        by_kind[kind].append(record_id)
    rows: dict[str, tuple] = {}
    connection = session.connection()
    for kind, ids in by_kind.items():
        query = QUERIES[kind].format(ids=", ".join("?" * len(ids)))
        for row in connection.exec_driver_sql(query, tuple(ids)):
            rows[row[0]] = row
    hits = []
    for kind, record_id, score in found:
        row = rows.get(record_id)
        if row is not None:
            hits.append(hit_type(kind, record_id, row[1], subtitle(kind, row), round(score, 4)))
    return hits
