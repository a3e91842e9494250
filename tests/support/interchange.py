"""Helpers for the import and export tests: the sample files and a whole import."""

from __future__ import annotations

from pathlib import Path

from coordinator_app.interchange.apply import apply_plan
from coordinator_app.interchange.plan import make_plan
from coordinator_app.interchange.sources import open_data, open_file

DATA = Path(__file__).resolve().parent.parent / "data" / "interchange"
IATI_SCHEMA = Path(__file__).resolve().parent.parent / "data" / "iati-2.03" / \
    "iati-activities-schema.xsd"


def sample(name: str) -> Path:
    return DATA / name


def plan_file(workspace, path: Path | str, *, kind: str | None = None, **options):
    from coordinator_app.interchange.mapping import guess_mapping

    source = open_file(path, **options)
    mapping = guess_mapping(source.table.headers, kind) if source.table is not None else None
    with workspace.read() as session:
        return make_plan(session, mapping.kind if mapping else "person",
                         source.records(mapping))


def import_file(workspace, path: Path | str, **options):
    """Read, plan and write a file as the app does; returns (plan, outcome)."""
    plan = plan_file(workspace, path, **options)
    return plan, apply_plan(workspace, plan, skip_bad=True)


def plan_bytes(workspace, data: bytes, name: str):
    """The plan of a file given as bytes, matched with the database."""
    items = open_data(data, name).records()
    with workspace.read() as session:
        return make_plan(session, items[0].kind if items else "person", items)


def import_bytes(workspace, data: bytes, name: str):
    plan = plan_bytes(workspace, data, name)
    return plan, apply_plan(workspace, plan, skip_bad=True, backup=False)


def counts(workspace, kinds=("person", "organization", "contact_point", "affiliation")
           ) -> dict[str, int]:
    """Live records of each of `kinds` (by default those a contacts import writes), and
    journal rows."""
    from sqlalchemy import func, select

    from coordinator_app.core.records import registry
    from coordinator_app.core.records.models import Change

    with workspace.read() as session:
        found = {kind: session.scalar(select(func.count()).select_from(cls).where(
            cls.deleted_at.is_(None))) for kind in kinds for cls in (registry.model(kind),)}
        found["changes"] = session.scalar(select(func.count()).select_from(Change))
    return found


def number(kind: str, value: str) -> tuple[str, str]:
    """A contact as compared: numbers in E.164, as import stores them ("+380 57 000 2040"
    typed in a form is the same number as "+380570002040" read from a file)."""
    from coordinator_app.interchange.phones import normalise

    if value.startswith("+") or kind in ("phone", "whatsapp", "viber"):
        return kind, normalise(value, None)[0]
    return kind, value


def people(workspace) -> dict[str, dict]:
    """Each live person by name: Latin spelling, contacts and positions, for comparing."""
    from coordinator_app.core.views import records
    from coordinator_app.core.records.models import Person

    with workspace.read() as session:
        found = {}
        for person in session.scalars(records.live(Person)):
            data = records.describe(session, person)
            found[person.full_name] = {
                "latin_name": person.latin_name,
                "other_names": person.other_names,
                "contacts": sorted(number(c["kind"], c["value"]) for c in data["contacts"]),
                # Lists and exports show the positions held now, not the past ones.
                "positions": sorted((a["organization"], a["position"] or "")
                                    for a in data["affiliations"] if a["to"] is None),
            }
        return found


def organizations(workspace) -> dict[str, dict]:
    """Each live organisation by name, with the fields export and import carry."""
    from coordinator_app.core.records import languages
    from coordinator_app.core.views import records
    from coordinator_app.core.records.models import Organization

    with workspace.read() as session:
        found = {}
        for org in session.scalars(records.live(Organization)):
            data = records.describe(session, org)
            found[org.name] = {
                "kind": org.kind, "country": org.country, "region": org.region,
                "parent": data["parent"], "website": org.website, "address": org.address,
                "other_names": org.other_names, "notes": org.notes,
                "names": languages.values(org, "name"),
                "contacts": sorted(number(c["kind"], c["value"]) for c in data["contacts"]),
            }
        return found


def exported(workspace, kind_word: str, fmt: str, **options) -> bytes:
    from coordinator_app.interchange.files_out import export_bytes

    with workspace.read() as session:
        return export_bytes(session, kind_word, fmt, **options)


def translated(workspace, kind: str) -> dict[str, dict]:
    """Each live record of `kind` by its original title or name, with every translatable
    field in every language and its original's (core.records.languages.values)."""
    from coordinator_app.core.records import languages, registry
    from coordinator_app.core.views import records

    model = registry.model(kind)
    with workspace.read() as session:
        return {obj.label: {field: languages.values(obj, field) for field in model.TRANSLATABLE}
                for obj in session.scalars(records.live(model))}
