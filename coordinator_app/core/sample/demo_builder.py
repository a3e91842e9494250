"""The helper every part of the demo data set is built through (see core.sample.demo)."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from coordinator_app.core.records.models import Entity
from coordinator_app.core.records.service import Edit


class Builder:
    """Creates records through one edit, counting them by kind."""

    def __init__(self, edit: Edit, today: date, areas: dict[str, str]):
        self.edit = edit
        self.today = today
        self.areas = areas
        self.counts: Counter[str] = Counter()

    def days(self, n: int) -> date:
        """A date `n` days from the day the demo is loaded (negative: in the past)."""
        return self.today + timedelta(days=n)

    def add(self, cls: type[Entity], **values: Any) -> Entity:
        obj = self.edit.create(cls, **values)
        self.counts[cls.KIND] += 1
        return obj
