"""The change journal (DESIGN.md, invariant 2): history, undo, audit and sync read it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from coordinator_app.core.records.ids import new_id, utcnow
from coordinator_app.core.records.models.base import Base, UTCDateTime


class Change(Base):
    """One field of one record changed: old -> new, as JSON text."""

    __tablename__ = "changes"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    #: Local order of writing; sync orders by (at, device) across laptops.
    seq: Mapped[int] = mapped_column(Integer, index=True, unique=True)
    #: All changes of one user action (one transaction) share a change set.
    change_set: Mapped[str] = mapped_column(String(36), index=True)
    label: Mapped[str | None] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(10))  # create | update | delete | restore
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str | None] = mapped_column(String(60))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    device_id: Mapped[str] = mapped_column(String(36))


class Replica(Base):
    """This database copy's identity: the device id stamped on every change it makes.

    The id belongs to the installation that writes the file (core.store.db): the row
    notes which installation, and at which path, so that a copied or restored file
    starts a new id instead of writing as the device it was copied from."""

    __tablename__ = "replica"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36))
    installation_id: Mapped[str | None] = mapped_column(String(36))
    opened_path: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
