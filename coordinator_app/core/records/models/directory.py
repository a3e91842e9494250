"""Who: organisations, people, their affiliations and ways to reach them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Index, String, Text, and_, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordinator_app.core.records.models.base import Entity, Mergeable, uuid_fk
from coordinator_app.core.records.tombstones import alive


class Organization(Mergeable, Entity):
    __tablename__ = "organizations"
    KIND = "organization"
    UPPER_CASE = frozenset({"country"})

    name: Mapped[str] = mapped_column(String(300), index=True)
    #: Alphabetical order of the name (core.text.collation), kept by core.records.journal.
    sort_key: Mapped[str] = mapped_column(Text, default="", server_default="", index=True)
    #: Other names and spellings, one per line ("Харківська міська рада", "Kharkov").
    other_names: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(30), default="municipality")
    country: Mapped[str | None] = mapped_column(String(2))
    region: Mapped[str | None] = mapped_column(String(200))
    parent_id: Mapped[str | None] = uuid_fk("organizations.id", nullable=True)
    website: Mapped[str | None] = mapped_column(String(500))
    address: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)

    parent: Mapped[Organization | None] = relationship(remote_side="Organization.id")


class Person(Mergeable, Entity):
    __tablename__ = "people"
    KIND = "person"
    LABEL_FIELD = "full_name"
    UNJOURNALED = frozenset({"current_country"})
    # The Country facet reads a page of the live people of one country in the list's
    # order, its count and the countries held from this index alone; the second
    # serves the same page sorted by Latin spelling, the third the whole list so sorted.
    __table_args__ = (Index("ix_people_current_country", "current_country", "deleted_at",
                            "sort_key"),
                      Index("ix_people_country_latin", "current_country", "deleted_at",
                            "latin_name"),
                      Index("ix_people_latin", "latin_name",
                            sqlite_where=text("deleted_at IS NULL")))

    #: The name as written natively (Ігор Терехов, Audrius Klišonis).
    full_name: Mapped[str] = mapped_column(String(300), index=True)
    #: Alphabetical order of the name (core.text.collation), kept by core.records.journal.
    sort_key: Mapped[str] = mapped_column(Text, default="", server_default="", index=True)
    #: Latin spelling when the native one is not Latin (Ihor Terekhov).
    latin_name: Mapped[str | None] = mapped_column(String(300))
    other_names: Mapped[str | None] = mapped_column(Text)
    #: Languages spoken, ISO 639-1 codes separated by commas ("uk, en").
    languages: Mapped[str | None] = mapped_column(String(100))
    notes: Mapped[str | None] = mapped_column(Text)
    #: The country of the organisation of their current position: derived, local state
    #: kept by core.records.current_country, never journaled or synced.
    current_country: Mapped[str | None] = mapped_column(String(2))

    affiliations: Mapped[list[Affiliation]] = relationship(
        back_populates="person",
        primaryjoin=lambda: and_(Affiliation.person_id == Person.id, alive(Affiliation)),
        viewonly=True,
    )
    contact_points: Mapped[list[ContactPoint]] = relationship(
        primaryjoin=lambda: and_(ContactPoint.person_id == Person.id, alive(ContactPoint)),
        viewonly=True,
    )


class Affiliation(Entity):
    """A person's position at an organisation for a period; a mayor may hold several."""

    __tablename__ = "affiliations"
    KIND = "affiliation"
    LABEL_FIELD = "position"

    person_id: Mapped[str] = uuid_fk("people.id")
    organization_id: Mapped[str] = uuid_fk("organizations.id")
    position: Mapped[str | None] = mapped_column(String(300))
    start_on: Mapped[date | None] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)

    person: Mapped[Person] = relationship(back_populates="affiliations")
    organization: Mapped[Organization] = relationship()


class ContactPoint(Entity):
    """A phone number, e-mail address or messenger handle of a person or organisation."""

    __tablename__ = "contact_points"
    KIND = "contact_point"
    LABEL_FIELD = "value"
    OPTIONAL_LINKS = frozenset({"person_id", "organization_id"})

    person_id: Mapped[str | None] = uuid_fk("people.id", nullable=True)
    organization_id: Mapped[str | None] = uuid_fk("organizations.id", nullable=True)
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(300))
    label: Mapped[str | None] = mapped_column(String(100))


class Tag(Entity):
    __tablename__ = "tags"
    KIND = "tag"

    name: Mapped[str] = mapped_column(String(100), index=True)


class TagLink(Entity):
    """A tag on any record; the record is named by its kind and id."""

    __tablename__ = "tag_links"
    KIND = "tag_link"
    LABEL_FIELD = "entity_kind"

    tag_id: Mapped[str] = uuid_fk("tags.id")
    entity_kind: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)


class PriorityArea(Entity):
    """Shared, user-editable vocabulary: 'energy resilience', 'European integration'."""

    __tablename__ = "priority_areas"
    KIND = "priority_area"

    #: Kept in Ukrainian, Lithuanian and English (core.records.registry: translatable).
    name: Mapped[str] = mapped_column(String(200))
