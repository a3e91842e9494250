"""Export as files: which formats hold which kinds, the bytes of each, written whole."""

from __future__ import annotations

import os
from pathlib import Path

from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.records import registry
from coordinator_app.i18n import _

FORMATS = ("csv", "xlsx", "vcf", "ics", "iati")
SUFFIX_FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".vcf": "vcf", ".vcard": "vcf",
                  ".ics": "ics", ".xml": "iati"}
#: Kinds a table holds: every kind with a page of its own (interchange.fields).
_TABLES = tuple(spec.plural for spec in registry.TOP_LEVEL)
#: What each format can hold, by the kind words of the command line.
EXPORTABLE = {
    "csv": _TABLES,
    "xlsx": _TABLES,
    "vcf": ("people", "organizations"),
    "ics": ("agreements", "projects", "activities", "calendar"),
    "iati": ("projects",),
}


def export_bytes(session, kind_word: str, fmt: str, *, text: str = "",
                 ids: list[str] | None = None, reporting_org: str | None = None) -> bytes:
    """The file's content for records of `kind_word` (command-line plural)."""
    from coordinator_app.interchange import export

    if kind_word not in EXPORTABLE[fmt]:
        raise CoordinatorError(_("{format} holds {kinds}, not {kind}").format(
            format=fmt, kinds=", ".join(EXPORTABLE[fmt]), kind=kind_word))
    if fmt == "ics":
        from coordinator_app.interchange.calendar import calendar_bytes

        if kind_word == "calendar":
            return calendar_bytes(session)
        chosen = [o.id for o in export.select_records(session, _kind_of(kind_word), text=text,
                                                      ids=ids)]
        which = {"agreements": [], "projects": [], "activities": []}
        which[kind_word] = chosen
        return calendar_bytes(session, **which)
    kind = _kind_of(kind_word)
    objs = export.select_records(session, kind, text=text, ids=ids)
    if fmt == "vcf":
        from coordinator_app.interchange.vcard_out import vcards

        return vcards(session, kind, objs)
    if fmt == "iati":
        from coordinator_app.interchange.iati import activities_bytes

        return activities_bytes(session, objs, reporting_ref=reporting_org)
    from coordinator_app.interchange import tables_out

    rows = export.rows(session, kind, objs)
    header = export.headers(kind)
    values = [[row[key] for key in row] for row in rows]
    if fmt == "csv":
        return tables_out.csv_bytes(header, values)
    from coordinator_app.interchange.fields import KIND_LABELS

    return tables_out.xlsx_bytes(header, values, _(KIND_LABELS[kind]))


def _kind_of(word: str) -> str:
    from coordinator_app.interchange.fields import KIND_WORDS

    return KIND_WORDS[word]


def write_file(path: Path, data: bytes) -> None:
    """Whole or not at all: a temporary file beside the target, then renamed."""
    path = path.expanduser()
    partial = path.with_name(path.name + ".partial")
    try:
        with open(partial, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise CoordinatorError(_("{file}: cannot be written ({reason})").format(
            file=path, reason=exc.strerror)) from None
