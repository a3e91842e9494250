"""The tables sync keeps beside the records (migration 0009; coordinator_app.sync reads them).

None of these is a record: they are never journaled, never shown in lists, and a
person changes them only through sync itself.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, LargeBinary, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from coordinator_app.core.records.models.base import Base


class SyncOperation(Base):
    """One operation: a field (or a whole new record) as one device set it."""

    __tablename__ = "sync_operations"
    __table_args__ = (
        Index("ix_sync_operations_record", "kind", "record_id"),
        # Only the operations kept for an upgrade (nearly none): every one of a first
        # bundle's 400,000 entered an index of one value (migration 0022).
        Index("ix_sync_operations_known", "known", sqlite_where=text("known = 0")),
    )

    origin: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    #: Hybrid logical clock: milliseconds << 16 | counter (coordinator_app.sync.clock).
    hlc: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(30))
    record_id: Mapped[str] = mapped_column(String(36))
    #: "" for an operation creating the record with every field at once.
    field: Mapped[str] = mapped_column(String(60))
    value: Mapped[str | None] = mapped_column(Text)  # JSON
    bases: Mapped[str] = mapped_column(Text)  # JSON: [[origin, seq], ...]
    #: 0 while this version does not know the kind or field (kept for after an upgrade).
    known: Mapped[int] = mapped_column(Integer)


class SyncHead(Base):
    """A current version of a field: an operation no other one lists as its base.
    Field "" stands for every field that has no row of its own."""

    __tablename__ = "sync_heads"
    # Every column is the key: kept in the key's order alone (migration 0021).
    __table_args__ = {"sqlite_with_rowid": False}

    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    field: Mapped[str] = mapped_column(String(60), primary_key=True)
    origin: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


class SyncPeer(Base):
    """Another laptop of the association: its public keys and what it has seen."""

    __tablename__ = "sync_peers"

    key_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    sign_key: Mapped[bytes] = mapped_column(LargeBinary)
    box_key: Mapped[bytes] = mapped_column(LargeBinary)
    #: JSON {origin: highest sequence}: what the peer said it held when it last wrote.
    seen: Mapped[str] = mapped_column(Text)
    seen_hlc: Mapped[int] = mapped_column(Integer)
    device_id: Mapped[str | None] = mapped_column(String(36))
    last_received_at: Mapped[datetime | None] = mapped_column()
    last_sent_at: Mapped[datetime | None] = mapped_column()
    #: How far the peer's clock was ahead (+) or behind (-) ours, when far off.
    clock_off_ms: Mapped[int | None] = mapped_column(Integer)
    #: 1: a laptop of a partner association, which never receives records kept private.
    partner: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: JSON [SHA-256, ...]: the attachments the peer said it held without their bytes
    #: when it last wrote; the next bundle written for it carries those we have.
    wants: Mapped[str | None] = mapped_column(Text)


class SyncState(Base):
    """Small values of this copy's sync: its clock, whether its records are operations."""

    __tablename__ = "sync_state"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text)
