"""Sharing a table's width among its columns: lists and relation tables alike size
their columns from weights, never by measuring every row."""

from __future__ import annotations


def share(available: int, weights: list[int], least: list[int]) -> list[int]:
    """Split `available` pixels by `weights`, giving no column less than its `least`."""
    sizes = [0] * len(weights)
    free = set(range(len(weights)))
    room = available
    while free:
        total = sum(weights[i] for i in free) or 1
        pinned = {i for i in free if room * weights[i] // total < least[i]}
        if not pinned:
            for i in free:
                sizes[i] = room * weights[i] // total
            break
        for i in pinned:
            sizes[i] = least[i]
            room -= least[i]
        free -= pinned
        room = max(room, 0)
    return sizes
