"""Meetings, calls, visits and signings, and what was left to do after them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, String, Text, and_
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordinator_app.core.records.models.base import Entity, uuid_fk
from coordinator_app.core.records.models.directory import Organization, Person
from coordinator_app.core.records.tombstones import alive


class Activity(Entity):
    __tablename__ = "activities"
    KIND = "activity"
    LABEL_FIELD = "title"

    title: Mapped[str] = mapped_column(String(500))
    #: Alphabetical order of the name (core.text.collation), kept by core.records.journal.
    sort_key: Mapped[str] = mapped_column(Text, default="", server_default="", index=True)
    kind: Mapped[str] = mapped_column(String(20), default="meeting")
    occurs_on: Mapped[date] = mapped_column(Date, index=True)
    location: Mapped[str | None] = mapped_column(String(300))
    agreement_id: Mapped[str | None] = uuid_fk("agreements.id", nullable=True)
    project_id: Mapped[str | None] = uuid_fk("projects.id", nullable=True)
    notes: Mapped[str | None] = mapped_column(Text)
    follow_ups: Mapped[str | None] = mapped_column(Text)

    participants: Mapped[list[ActivityParticipant]] = relationship(
        primaryjoin=lambda: and_(ActivityParticipant.activity_id == Activity.id,
                                 alive(ActivityParticipant)),
        viewonly=True,
    )


class ActivityParticipant(Entity):
    __tablename__ = "activity_participants"
    KIND = "activity_participant"
    LABEL_FIELD = "activity_id"
    OPTIONAL_LINKS = frozenset({"person_id", "organization_id"})

    activity_id: Mapped[str] = uuid_fk("activities.id")
    person_id: Mapped[str | None] = uuid_fk("people.id", nullable=True)
    organization_id: Mapped[str | None] = uuid_fk("organizations.id", nullable=True)

    person: Mapped[Person | None] = relationship()
    organization: Mapped[Organization | None] = relationship()
