"""What a person reads a record's field as, wherever one is named: the History panel,
the Conflicts tab, the command line's history and conflicts.

A field is named as its kind's list column names it, else by the words import and
export use, else by the kind of record it links to; never by its column's name. One
language of a text kept in several (core.records.languages) is named by the field
and the language, in the interface language: `title_lt` is "Title (Lithuanian)",
"Назва (литовська)" in Ukrainian; `title_lang` is the language of the original.
"""

from __future__ import annotations

from collections.abc import Mapping

from coordinator_app.core.records import languages, registry
from coordinator_app.core.text.formatting import language_name
from coordinator_app.i18n import N_, _

#: What each field is called where no list column of its kind names it.
LABELS = {
    "given_name": N_("First name"), "middle_name": N_("Middle name or patronymic"),
    "family_name": N_("Last name"), "other_names": N_("Other names"),
    "organization": N_("Organisation"), "department": N_("Department"),
    "position": N_("Position"), "email": N_("E-mail"), "phone": N_("Phone"),
    "telegram": N_("Telegram"), "signal": N_("Signal"), "whatsapp": N_("WhatsApp"),
    "viber": N_("Viber"), "country": N_("Country"), "notes": N_("Notes"),
    "name": N_("Name"), "parent": N_("Member of"), "website": N_("Website"),
    "address": N_("Address"), "title": N_("Title"), "parties": N_("Parties"),
    "signed_place": N_("Place of signing"), "effective_from": N_("In effect from"),
    "purpose": N_("Purpose"), "description": N_("Description"), "location": N_("Community"),
    "partners": N_("Partners"), "currency": N_("Currency"),
    "funding_sources": N_("Funding sources"), "beneficiaries": N_("Beneficiaries"),
    "progress_notes": N_("Progress"), "unit": N_("Unit"), "quantity": N_("Quantity"),
    "need": N_("Need"), "expected_on": N_("Expected"), "budget": N_("Budget"),
    "lead": N_("Lead organisation"), "full_name": N_("Full name"),
    "pledges": N_("Pledged by"), "agreements": N_("Agreements"), "projects": N_("Projects"),
    "agreement": N_("Agreement"), "project": N_("Project"),
    "follow_ups": N_("Follow-ups"),
    "latin_name": N_("Latin spelling"), "languages": N_("Languages"),
}

def language_of(kind: str, field: str) -> tuple[str, str | None] | None:
    """(the translatable field, its language) for a column keeping one language of a
    field the kind declares translatable (`title_lt`: ("title", "lt")), or (field,
    None) for the column naming the original's language (`title_lang`); else None."""
    spec = registry.BY_NAME.get(kind)
    for name in (spec.translatable if spec is not None else ()):
        if field == languages.lang_column(name):
            return name, None
        for lang in languages.LANGUAGES:
            if field == languages.column(name, lang):
                return name, lang
    return None


def field_title(kind: str, field: str,
                titles: Mapping[tuple[str, str], str] | None = None) -> str:
    """The field as a person reads its name, in the interface language; `titles` are
    the names an editor's form gives its fields ({(kind, field): title}), used first."""
    titles = titles or {}
    split = language_of(kind, field)
    if split is not None:
        name, lang = split
        base = titles.get((kind, name)) or field_title(kind, name)
        if lang is None:
            return _("{field} (language of the original)").format(field=base)
        return _("{field} ({language})").format(field=base,
                                                language=language_name(lang, alone=False))
    if (kind, field) in titles:
        return titles[(kind, field)]
    spec = registry.BY_NAME.get(kind)
    for column in (spec.columns if spec is not None else ()):
        if column.key == field:
            return _(column.title)
    if field in LABELS:
        return _(LABELS[field])
    model = spec.model if spec is not None else None
    column = model.__table__.columns.get(field) if model is not None else None
    if column is not None and column.foreign_keys:
        target = next(iter(column.foreign_keys)).column.table
        for other in registry.KINDS:
            if other.model.__table__ is target:
                return _(other.label)
    return field.removesuffix("_id").replace("_", " ").capitalize()
