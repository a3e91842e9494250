"""Errors the core raises for a person to read."""

from __future__ import annotations


class CoordinatorError(Exception):
    """Base class: the message is meant for the user, not a traceback."""


class ValidationError(CoordinatorError):
    """Input that the services refuse; nothing has been written."""

    def __init__(self, message: str, *, entity: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.entity = entity
        self.field = field
        #: Which of the rows given to Edit.create_many was refused (from 0).
        self.row: int | None = None

    def __str__(self) -> str:
        where = ".".join(p for p in (self.entity, self.field) if p)
        return f"{where}: {self.message}" if where else self.message


class Cancelled(CoordinatorError):
    """The person stopped a long job; nothing was written."""


class NotFound(CoordinatorError):
    pass


class DatabaseError(CoordinatorError):
    """The database file cannot be used as it is (corrupt, locked, unwritable)."""


def message_of(error: CoordinatorError) -> str:
    """The message for a person reading a form: a refused value's message without the
    record and field it names for the command line ("organization.id: …")."""
    return error.message if isinstance(error, ValidationError) else str(error)
