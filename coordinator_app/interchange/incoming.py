"""One record as a file describes it, before it is matched with the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from coordinator_app.interchange.problems import Problem


@dataclass(frozen=True)
class Contact:
    kind: str  # ContactPoint.kind: phone, email, telegram…
    value: str
    label: str | None = None


@dataclass
class Incoming:
    """A person, organisation, agreement or project read from one row or card.

    `values` are the record's own columns; contacts, positions and the
    organisations it names (a party, a lead, "member of") are kept apart because
    they become records of their own."""

    kind: str
    source: str
    row: int
    values: dict[str, Any] = field(default_factory=dict)
    contacts: list[Contact] = field(default_factory=list)
    #: (organisation name, position) of a person.
    affiliations: list[tuple[str, str | None]] = field(default_factory=list)
    #: Organisations named by field ("parent", "lead", "location", "parties", "partners").
    links: dict[str, list[str]] = field(default_factory=dict)
    #: Records of other kinds named by their titles, by field ("agreement",
    #: "agreements"), and the header of the column each came from.
    records: dict[str, list[str]] = field(default_factory=dict)
    record_columns: dict[str, str] = field(default_factory=dict)
    #: Country of the row (ISO 3166): numbers without +, and organisations it creates.
    country: str | None = None
    #: Things the person should know that are not errors ("the photo was left out").
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def label(self) -> str:
        """What names the record: the field its kind is listed by (a need's item)."""
        value = self.values.get(_label_field(self.kind))
        return "" if value is None else str(value)

    def problem(self, column: str | None, message: str) -> None:
        self.problems.append(Problem(self.source, self.row, column, message))


@lru_cache(maxsize=None)
def _label_field(kind: str) -> str:
    # Asked several times for every row a file has: the registry once per kind.
    from coordinator_app.core.records import registry

    return registry.model(kind).LABEL_FIELD
