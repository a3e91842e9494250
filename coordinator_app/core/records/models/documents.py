"""Files and references attached to any record: scans, photos, press releases."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from coordinator_app.core.records.models.base import Entity


class Attachment(Entity):
    """The file's bytes live in the database, so one backup holds everything."""

    __tablename__ = "attachments"
    KIND = "attachment"
    LABEL_FIELD = "filename"
    UNJOURNALED = frozenset({"content"})

    owner_kind: Mapped[str] = mapped_column(String(30))
    owner_id: Mapped[str] = mapped_column(String(36), index=True)
    filename: Mapped[str] = mapped_column(String(300))
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str] = mapped_column(String(64))
    description: Mapped[str | None] = mapped_column(Text)
    #: None while the bytes have not arrived (a synced record whose file the hub or
    #: the bundle did not carry yet): the record knows them by `sha256`.
    content: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))


class Source(Entity):
    """Where a fact comes from: a press release, a news link."""

    __tablename__ = "sources"
    KIND = "source"
    LABEL_FIELD = "title"

    owner_kind: Mapped[str] = mapped_column(String(30))
    owner_id: Mapped[str] = mapped_column(String(36), index=True)
    title: Mapped[str] = mapped_column(String(500))
    url: Mapped[str | None] = mapped_column(String(1000))
    publisher: Mapped[str | None] = mapped_column(String(200))
    published_on: Mapped[date | None] = mapped_column(Date)
