"""Agreements: memoranda of cooperation, MoUs, twinning; their parties and commitments."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, String, Text, and_
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordinator_app.core.records.models.base import Entity, uuid_fk
from coordinator_app.core.records.models.directory import Organization, Person, PriorityArea
from coordinator_app.core.records.tombstones import alive


class Agreement(Entity):
    __tablename__ = "agreements"
    KIND = "agreement"
    LABEL_FIELD = "title"

    title: Mapped[str] = mapped_column(String(500), index=True)
    #: Alphabetical order of the name (core.text.collation), kept by core.records.journal.
    sort_key: Mapped[str] = mapped_column(Text, default="", server_default="", index=True)
    kind: Mapped[str] = mapped_column(String(30), default="memorandum")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    signed_on: Mapped[date | None] = mapped_column(Date)
    signed_place: Mapped[str | None] = mapped_column(String(200))
    effective_from: Mapped[date | None] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date, index=True)
    purpose: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)

    parties: Mapped[list[AgreementParty]] = relationship(
        primaryjoin=lambda: and_(AgreementParty.agreement_id == Agreement.id,
                                 alive(AgreementParty)),
        viewonly=True,
    )
    signatories: Mapped[list[Signatory]] = relationship(
        primaryjoin=lambda: and_(Signatory.agreement_id == Agreement.id, alive(Signatory)),
        viewonly=True,
    )
    commitments: Mapped[list[Commitment]] = relationship(
        primaryjoin=lambda: and_(Commitment.agreement_id == Agreement.id, alive(Commitment)),
        order_by="Commitment.due_on",
        viewonly=True,
    )
    priority_links: Mapped[list[AgreementPriorityArea]] = relationship(
        primaryjoin=lambda: and_(AgreementPriorityArea.agreement_id == Agreement.id,
                                 alive(AgreementPriorityArea)),
        viewonly=True,
    )


class AgreementParty(Entity):
    __tablename__ = "agreement_parties"
    KIND = "agreement_party"
    LABEL_FIELD = "role"

    agreement_id: Mapped[str] = uuid_fk("agreements.id")
    organization_id: Mapped[str] = uuid_fk("organizations.id")
    role: Mapped[str] = mapped_column(String(30), default="party")

    organization: Mapped[Organization] = relationship()


class Signatory(Entity):
    """Who signed, for which party, with the title they held on the day."""

    __tablename__ = "signatories"
    KIND = "signatory"
    LABEL_FIELD = "title_at_signing"

    agreement_id: Mapped[str] = uuid_fk("agreements.id")
    person_id: Mapped[str] = uuid_fk("people.id")
    organization_id: Mapped[str] = uuid_fk("organizations.id")
    title_at_signing: Mapped[str | None] = mapped_column(String(300))

    person: Mapped[Person] = relationship()
    organization: Mapped[Organization] = relationship()


class Commitment(Entity):
    __tablename__ = "commitments"
    KIND = "commitment"
    LABEL_FIELD = "description"

    agreement_id: Mapped[str] = uuid_fk("agreements.id")
    description: Mapped[str] = mapped_column(Text)
    party_id: Mapped[str | None] = uuid_fk("organizations.id", nullable=True)
    owner_id: Mapped[str | None] = uuid_fk("people.id", nullable=True)
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(20), default="open")

    party: Mapped[Organization | None] = relationship()
    owner: Mapped[Person | None] = relationship()


class AgreementPriorityArea(Entity):
    __tablename__ = "agreement_priority_areas"
    KIND = "agreement_priority_area"
    LABEL_FIELD = "priority_area_id"

    agreement_id: Mapped[str] = uuid_fk("agreements.id")
    priority_area_id: Mapped[str] = uuid_fk("priority_areas.id")

    priority_area: Mapped[PriorityArea] = relationship()
