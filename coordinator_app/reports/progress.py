"""How a long report says how far it got: called as progress(done, total)."""

from __future__ import annotations

from collections.abc import Callable

#: Called as progress(done, total) while a long report is being made.
Progress = Callable[[int, int], None]
