"""Opening a file to import: which reader it needs, and its records."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coordinator_app.i18n import _
from coordinator_app.interchange import csv_reader, spreadsheets, vcards
from coordinator_app.interchange.incoming import Incoming
from coordinator_app.interchange.mapping import Mapping, guess_mapping, read_table
from coordinator_app.interchange.problems import UnreadableFile
from coordinator_app.interchange.table import Table

#: Larger files are refused before they are read into memory.
MAX_BYTES = 200 * 1024 * 1024
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"


@dataclass
class Source:
    """A file opened for import: a table to map (CSV, spreadsheet) or cards (vCard)."""

    name: str
    format: str  # csv | spreadsheet | vcard
    table: Table | None = None
    cards: list[Incoming] | None = None

    def records(self, mapping: Mapping | None = None) -> list[Incoming]:
        if self.cards is not None:
            return self.cards
        assert self.table is not None
        return read_table(self.table, mapping or guess_mapping(self.table.headers))


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableFile(path.name, _("the file is too large to import ({size} MB)")
                                 .format(size=size // (1024 * 1024)))
        return path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFile(str(path), _("there is no such file")) from None
    except IsADirectoryError:
        raise UnreadableFile(str(path), _("this is a folder, not a file")) from None
    except PermissionError:
        raise UnreadableFile(str(path), _("the file cannot be read (no permission)")) from None


def open_data(data: bytes, name: str, *, encoding: str | None = None,
              delimiter: str | None = None, sheet: str | None = None,
              country: str | None = None) -> Source:
    """Read `data` by what it holds, not only by its name (a .csv may be an Excel file)."""
    if not data.strip():
        raise UnreadableFile(name, _("the file is empty"))
    suffix = Path(name).suffix.lower()
    if data.startswith(_ZIP) or data.startswith(_OLE) or suffix in spreadsheets.SUFFIXES:
        return Source(name, "spreadsheet",
                      table=spreadsheets.read_workbook(data, name, sheet=sheet))
    if suffix in vcards.SUFFIXES or vcards.looks_like_vcard(data):
        return Source(name, "vcard", cards=vcards.read_vcards(data, name, encoding=encoding,
                                                               country=country))
    return Source(name, "csv", table=csv_reader.read_csv(data, name, encoding=encoding,
                                                         delimiter=delimiter))


def open_file(path: str | Path, **options) -> Source:
    path = Path(path)
    return open_data(read_bytes(path), path.name, **options)
