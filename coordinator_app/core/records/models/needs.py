"""Needs of frontline communities and the pledges of partners that cover them.

A community records a need ("40 generators for Kharkiv's schools by December"); a
partner pledges all or part of it; aid deliveries (models.projects) fulfil pledges.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Float, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordinator_app.core.records.models.base import Entity, uuid_fk
from coordinator_app.core.records.models.directory import Organization


class Need(Entity):
    __tablename__ = "needs"
    KIND = "need"
    LABEL_FIELD = "item"

    #: The community that needs it.
    organization_id: Mapped[str] = uuid_fk("organizations.id")
    item: Mapped[str] = mapped_column(String(300))
    #: Alphabetical order of the item (core.text.collation), kept by core.records.journal.
    sort_key: Mapped[str] = mapped_column(Text, default="", server_default="", index=True)
    quantity: Mapped[float] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(50))
    priority: Mapped[str] = mapped_column(String(20), default="normal")
    needed_by: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    notes: Mapped[str | None] = mapped_column(Text)

    organization: Mapped[Organization] = relationship()
    pledges: Mapped[list[Pledge]] = relationship(
        primaryjoin="and_(Pledge.need_id == Need.id, Pledge.deleted_at.is_(None))",
        order_by="Pledge.expected_on",
        viewonly=True,
    )


class Pledge(Entity):
    """A partner's promise to cover all or part of a need."""

    __tablename__ = "pledges"
    KIND = "pledge"
    LABEL_FIELD = "organization_id"

    need_id: Mapped[str] = uuid_fk("needs.id")
    #: The organisation that pledges.
    organization_id: Mapped[str] = uuid_fk("organizations.id")
    quantity: Mapped[float] = mapped_column(Float)
    expected_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)

    organization: Mapped[Organization] = relationship()
