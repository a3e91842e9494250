"""What went wrong with a file or one of its rows, said so a person can find it."""

from __future__ import annotations

from dataclasses import dataclass

from coordinator_app.core.errors import Cancelled, CoordinatorError
from coordinator_app.i18n import _


@dataclass(frozen=True)
class Problem:
    """A row that cannot be imported as it is: where, and why."""

    source: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.source
        if self.row is not None:
            where += ", " + _("row {row}").format(row=self.row)
        if self.column:
            where += ", " + _("column “{column}”").format(column=self.column)
        return f"{where}: {self.message}"


class UnreadableFile(CoordinatorError):
    """The file as a whole cannot be read (not a spreadsheet, not text, empty)."""

    def __init__(self, source: str, message: str):
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message


__all__ = ["Cancelled", "Problem", "UnreadableFile"]
