"""The helper every part of the demo data set is built through (see core.sample.demo)."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from coordinator_app.core.records.models import Entity
from coordinator_app.core.records.service import Edit
from coordinator_app.core.records.languages import LANGUAGES
from coordinator_app.core.sample.demo_translations import TRANSLATIONS


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
        """One record; its translatable text gets its other languages from
        core.sample.demo_translations."""
        for field in cls.TRANSLATABLE:
            others = TRANSLATIONS.get(values.get(field) or "", {})
            for lang, text in others.items():
                values[f"{field}.{lang}"] = text
            # The one language without a translation is the original's: said, not
            # guessed (an English title naming Šiauliai is not Lithuanian).
            original = [lang for lang in LANGUAGES if lang not in others]
            if others and len(original) == 1:
                values[f"{field}.original"] = original[0]
        obj = self.edit.create(cls, **values)
        self.counts[cls.KIND] += 1
        return obj
