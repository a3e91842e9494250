"""The current country of the people a bundle brings, worked out from the positions and
organisations it brings with them, so that their rows are written with it: a first
bundle's 100,000 people were written without it and each row rewritten afterwards by
the UPDATE that works it out (core.records.current_country), indexes and all.

Only where the operations in hand decide it: people, positions and organisations made
and not edited since, none held before. Everyone else is worked out by that UPDATE
once their positions are written, as before."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from coordinator_app.core.records.current_country import UNSURE, of_positions
from coordinator_app.sync.operations import CREATE, LIFE, Operation

PERSON, POSITION, ORGANIZATION = "person", "affiliation", "organization"


def _made_only(ops: list[Operation]) -> bool:
    return len(ops) == 1 and ops[0].field == CREATE and ops[0].value.__class__ is dict


def of_new_people(arrived: dict[tuple[str, str], list[Operation]],
                  keys: Iterable[tuple[str, str]], day: date | None = None) -> dict[str, Any]:
    """{person id: country or None} of the people among `arrived` (records this copy
    held no operation on, each with all its operations) made and not edited since, whose
    every position and its organisation are such records too. `keys` are all the
    records the apply writes: a position among them held before (or applied now after
    an upgrade) may be anyone's, and then nobody's country is worked out here."""
    # Most often none (a first bundle): picked out in C before looking at their kinds.
    if any(key[0] == POSITION for key in [key for key in keys if key not in arrived]):
        return {}
    people = []
    countries: dict[str, str | None] = {}
    positions: dict[str, list[tuple]] = defaultdict(list)
    unsure: set[Any] = set()
    for (kind, record_id), ops in arrived.items():
        if kind == PERSON:
            if _made_only(ops):
                people.append(record_id)
        elif kind == ORGANIZATION:
            if _made_only(ops):
                values = ops[0].value
                # A deleted organisation gives its people no country (tombstones.alive).
                countries[record_id] = None if values.get(LIFE) is not None \
                    else values.get("country")
        elif kind == POSITION:
            if _made_only(ops):
                values = ops[0].value
                positions[values.get("person_id")].append(
                    (values.get("start_on"), values.get("end_on"), values.get(LIFE),
                     values.get("organization_id")))
                continue
            # Edited since it was made: whoever it names is worked out in SQL.
            for op in ops:
                if op.field == CREATE and op.value.__class__ is dict:
                    unsure.add(op.value.get("person_id"))
                elif op.field == "person_id":
                    unsure.add(op.value)
    day = day or date.today()
    found = {}
    for person_id in people:
        held = positions.get(person_id, ())
        if person_id in unsure or any(organization not in countries
                                      for *_rest, organization in held):
            continue
        country = of_positions([(start, end, deleted, countries[organization])
                                for start, end, deleted, organization in held], day)
        if country is not UNSURE:
            found[person_id] = country
    return found
