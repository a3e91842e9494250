"""Module sources read once are not kept: PySide6 reads the whole source of every
module imported after it (its import hook looks for the word "PySide6" to learn
whether the module may switch on PySide's optional `__feature__`s), and Python's
linecache keeps every file it reads, line by line, for the rest of the run.

The app imports SQLAlchemy, the models and the rest of the core after its frame is
shown, so all of their sources stayed in memory: some 23 MiB of the 140 MiB the app
held at its first window with data, for text nothing reads again. A file's lines
are still read whenever asked for (a traceback in the log reads them then).
"""

from __future__ import annotations

import linecache


def stop_keeping() -> None:
    """From now on, linecache reads a file's lines each time they are asked for."""
    if getattr(linecache.updatecache, "not_kept", False):
        return
    read = linecache.updatecache

    def read_once(filename: str, module_globals=None) -> list[str]:
        lines = read(filename, module_globals)
        linecache.cache.pop(filename, None)
        return lines

    read_once.not_kept = True
    linecache.updatecache = read_once
