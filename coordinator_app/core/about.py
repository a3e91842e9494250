"""What this copy of Coordinator is made of: its version, where it keeps its data, and
the licence of each font and library it ships with (Help → About shows these).

The list is declared here once; packaging/coordinator.spec reads DISTRIBUTIONS to
put each library's metadata into the packaged program, so that the versions shown
there are those of the files it runs, not guesses.
"""

from __future__ import annotations

import platform
import sqlite3
import sys
from dataclasses import dataclass
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path

from coordinator_app import __version__
from coordinator_app.core.store import paths


@dataclass(frozen=True)
class Component:
    name: str
    version: str | None
    licence: str


#: (name shown, distribution on PyPI, licence) of each library the program ships.
LIBRARIES = (
    ("PySide6 (Qt for Python)", "PySide6", "LGPL-3.0"),
    ("SQLAlchemy", "SQLAlchemy", "MIT"),
    ("Alembic", "alembic", "MIT"),
    ("Mako", "Mako", "MIT"),
    ("ReportLab", "reportlab", "BSD"),
    ("Pillow", "pillow", "MIT-CMU"),
    ("Babel", "babel", "BSD-3-Clause"),
    ("platformdirs", "platformdirs", "MIT"),
    ("uklatn", "uklatn", "MIT"),
    ("RapidFuzz", "rapidfuzz", "MIT"),
    ("PyStemmer (Snowball)", "PyStemmer", "MIT, BSD-3-Clause"),
    ("phonenumbers", "phonenumbers", "Apache-2.0"),
    ("python-calamine", "python-calamine", "MIT"),
    ("openpyxl", "openpyxl", "MIT"),
    ("vobject", "vobject", "Apache-2.0"),
    ("icalendar", "icalendar", "BSD-2-Clause"),
    # The key slots of an encrypted database (Argon2id, AES-GCM).
    ("cryptography", "cryptography", "Apache-2.0 OR BSD-3-Clause"),
)
#: Encryption at rest, shipped only in builds that include it.
SQLCIPHER = ("SQLCipher (sqlcipher3)", "sqlcipher3", "BSD-3-Clause")
DISTRIBUTIONS = tuple(dist for _name, dist, _licence in (*LIBRARIES, SQLCIPHER))
DEJAVU = Component("DejaVu Sans", "2.37", "Bitstream Vera / DejaVu (free)")


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def components(qt_version: str | None = None) -> list[Component]:
    """Every bundled font and library with its version and licence: Qt's own version
    is passed in by the caller (the core does not import Qt)."""
    found = [DEJAVU,
             Component("Python", platform.python_version(), "PSF-2.0"),
             Component("SQLite", sqlite3.sqlite_version, "Public domain")]
    if qt_version:
        found.append(Component("Qt", qt_version, "LGPL-3.0"))
    for name, distribution, licence in LIBRARIES:
        found.append(Component(name, _version(distribution), licence))
    name, distribution, licence = SQLCIPHER
    if find_spec(distribution) is not None:
        found.append(Component(name, _version(distribution), licence))
    return found


def is_packaged() -> bool:
    """Whether this is the packaged program (an installer's or a portable copy)."""
    return bool(getattr(sys, "frozen", False))


@dataclass(frozen=True)
class BuildInfo:
    version: str
    data_folder: Path
    portable: bool
    packaged: bool


def build_info() -> BuildInfo:
    folder = paths.data_dir()
    return BuildInfo(version=__version__, data_folder=folder,
                     portable=folder == paths.portable_data_dir(), packaged=is_packaged())
