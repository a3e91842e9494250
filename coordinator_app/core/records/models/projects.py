"""Recovery projects: budgets, partners, milestones and aid deliveries."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Date, Float, String, Text, and_
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordinator_app.core.records.models.base import Entity, uuid_fk
from coordinator_app.core.records.models.directory import Organization, PriorityArea
from coordinator_app.core.records.tombstones import alive


class Project(Entity):
    __tablename__ = "projects"
    KIND = "project"
    LABEL_FIELD = "title"
    UPPER_CASE = frozenset({"currency"})

    title: Mapped[str] = mapped_column(String(500), index=True)
    #: Alphabetical order of the name (core.text.collation), kept by core.records.journal.
    sort_key: Mapped[str] = mapped_column(Text, default="", server_default="", index=True)
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="planned")
    lead_id: Mapped[str | None] = uuid_fk("organizations.id", nullable=True)
    #: The community where the work happens.
    location_id: Mapped[str | None] = uuid_fk("organizations.id", nullable=True)
    start_on: Mapped[date | None] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)
    #: Money is integer minor units (cents) of an ISO 4217 currency, never a float.
    budget_minor: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str | None] = mapped_column(String(3))
    funding_sources: Mapped[str | None] = mapped_column(Text)
    beneficiaries: Mapped[str | None] = mapped_column(Text)
    progress_notes: Mapped[str | None] = mapped_column(Text)

    lead: Mapped[Organization | None] = relationship(foreign_keys=[lead_id])
    location: Mapped[Organization | None] = relationship(foreign_keys=[location_id])
    partners: Mapped[list[ProjectPartner]] = relationship(
        primaryjoin=lambda: and_(ProjectPartner.project_id == Project.id, alive(ProjectPartner)),
        viewonly=True,
    )
    milestones: Mapped[list[Milestone]] = relationship(
        primaryjoin=lambda: and_(Milestone.project_id == Project.id, alive(Milestone)),
        order_by="Milestone.due_on",
        viewonly=True,
    )
    deliveries: Mapped[list[AidDelivery]] = relationship(
        primaryjoin=lambda: and_(AidDelivery.project_id == Project.id, alive(AidDelivery)),
        order_by="AidDelivery.delivered_on",
        viewonly=True,
    )
    priority_links: Mapped[list[ProjectPriorityArea]] = relationship(
        primaryjoin=lambda: and_(ProjectPriorityArea.project_id == Project.id,
                                 alive(ProjectPriorityArea)),
        viewonly=True,
    )


class ProjectPartner(Entity):
    __tablename__ = "project_partners"
    KIND = "project_partner"
    LABEL_FIELD = "role"

    project_id: Mapped[str] = uuid_fk("projects.id")
    organization_id: Mapped[str] = uuid_fk("organizations.id")
    role: Mapped[str] = mapped_column(String(30), default="partner")
    contribution_minor: Mapped[int | None] = mapped_column(BigInteger)

    organization: Mapped[Organization] = relationship()


class ProjectAgreement(Entity):
    """A project implements an agreement (many to many)."""

    __tablename__ = "project_agreements"
    KIND = "project_agreement"
    LABEL_FIELD = "project_id"

    project_id: Mapped[str] = uuid_fk("projects.id")
    agreement_id: Mapped[str] = uuid_fk("agreements.id")


class ProjectPriorityArea(Entity):
    __tablename__ = "project_priority_areas"
    KIND = "project_priority_area"
    LABEL_FIELD = "priority_area_id"

    project_id: Mapped[str] = uuid_fk("projects.id")
    priority_area_id: Mapped[str] = uuid_fk("priority_areas.id")

    priority_area: Mapped[PriorityArea] = relationship()


class Milestone(Entity):
    __tablename__ = "milestones"
    KIND = "milestone"
    LABEL_FIELD = "title"

    project_id: Mapped[str] = uuid_fk("projects.id")
    title: Mapped[str] = mapped_column(String(300))
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    done_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="planned")


class AidDelivery(Entity):
    """'40 generators from Plungė to Kharkiv on 2025-12-18'."""

    __tablename__ = "aid_deliveries"
    KIND = "aid_delivery"
    LABEL_FIELD = "item"

    project_id: Mapped[str] = uuid_fk("projects.id")
    item: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[float] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(50))
    from_id: Mapped[str | None] = uuid_fk("organizations.id", nullable=True)
    to_id: Mapped[str | None] = uuid_fk("organizations.id", nullable=True)
    delivered_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    #: The pledge this delivery fulfils, if it answers a community's need.
    pledge_id: Mapped[str | None] = uuid_fk("pledges.id", nullable=True)

    sender: Mapped[Organization | None] = relationship(foreign_keys=[from_id])
    recipient: Mapped[Organization | None] = relationship(foreign_keys=[to_id])
