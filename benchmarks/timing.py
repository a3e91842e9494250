"""What the benchmark scripts share: a median in milliseconds over repeated runs."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timed(action: Callable[[], object], runs: int = 7) -> float:
    """The median wall time of `action` in milliseconds over `runs` runs."""
    figures = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        figures.append((time.perf_counter() - started) * 1000)
    return statistics.median(figures)
