"""Declarative base and the columns every record carries (DESIGN.md, invariant 1)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import ClassVar

from sqlalchemy import DateTime, ForeignKey, MetaData, String, TypeDecorator, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from coordinator_app.core.records.ids import new_id, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """Stored naive in UTC (SQLite has no zones), always returned aware in UTC."""

    impl = DateTime
    cache_ok = True

    @property
    def python_type(self) -> type:
        return datetime

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use coordinator_app.core.records.ids.utcnow()")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime}


def uuid_pk() -> Mapped[str]:
    return mapped_column(String(36), primary_key=True, default=new_id)


def uuid_fk(target: str, *, nullable: bool = False, index: bool = True) -> Mapped:
    return mapped_column(String(36), ForeignKey(target), nullable=nullable, index=index)


class Entity(Base):
    """A record that can be merged across laptops: UUID, UTC stamps, device, tombstone."""

    __abstract__ = True

    #: The stable name of this kind of record, used by the CLI, journal and sync.
    KIND: ClassVar[str]
    #: Columns shown as the record's name in lists, pickers and messages.
    LABEL_FIELD: ClassVar[str] = "name"
    #: Columns the change journal does not copy: large binary content, and state each
    #: copy derives from the records (a person's current country).
    UNJOURNALED: ClassVar[frozenset[str]] = frozenset()
    #: Code columns stored upper case (country, currency).
    UPPER_CASE: ClassVar[frozenset[str]] = frozenset()
    #: Optional foreign keys that, when set, are what this record links, as the required
    #: ones are: it means nothing once their record is deleted (core.records.tombstones).
    OPTIONAL_LINKS: ClassVar[frozenset[str]] = frozenset()
    #: Fields kept in several languages, as core.records.registry declares them (core.records.languages).
    TRANSLATABLE: ClassVar[tuple[str, ...]] = ()

    id: Mapped[str] = uuid_pk()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    device_id: Mapped[str] = mapped_column(String(36))
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)

    @property
    def label(self) -> str:
        if self.LABEL_FIELD.endswith("_id"):
            # A link is named by what it links to (a pledge by the organisation that
            # pledged), never by an id a person cannot read.
            linked = self.linked_record(self.LABEL_FIELD.removesuffix("_id"))
            if linked is not None:
                return linked.label
        return str(getattr(self, self.LABEL_FIELD) or "")

    def linked_record(self, name: str) -> Entity | None:
        state = inspect(self)
        if name not in state.mapper.relationships:
            return None
        if name in state.unloaded and state.session is None:
            return None  # detached: loading it now would fail
        linked = getattr(self, name)
        return linked if isinstance(linked, Entity) else None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id[:8]} {self.label!r}>"


class Mergeable:
    """Columns of a kind whose duplicates can be merged (core.views.duplicates)."""

    #: The record this one was merged into (it is tombstoned then): a field like any
    #: other, so a merge travels to other laptops, and reads of this id follow it.
    merged_into: Mapped[str | None] = mapped_column(String(36), default=None)
