"""How much worked-out text this program keeps in memory: names, positions and
places repeat (100,000 generated people have 6,330 names), and working their folded
forms, spelling keys and sort keys out again cost more than the rest of writing a
person.

Texts up to REMEMBERED characters are kept; longer ones (notes) are worked out each
time, so that what is kept stays a few megabytes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

REMEMBERED = 160
#: How many texts each kind of result keeps, the least recently used going first.
REMEMBERED_PARTS = 16384

Worked = TypeVar("Worked")


def remembered(work: Callable[..., Worked]) -> Callable[..., Worked]:
    """`work`, with the results of its last REMEMBERED_PARTS arguments kept."""
    return lru_cache(maxsize=REMEMBERED_PARTS)(work)
