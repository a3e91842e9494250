"""`import` and `export`: records in from CSV, spreadsheets and vCards; out as CSV,
XLSX, vCard, iCalendar and IATI XML."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from coordinator_app.commands import print_json, workspace
from coordinator_app.core.records.change_labels import Label
from coordinator_app.interchange.files_out import FORMATS, SUFFIX_FORMATS, export_bytes, write_file
from coordinator_app.core.errors import CoordinatorError
from coordinator_app.i18n import N_, _

def register(subparsers) -> None:
    importing = subparsers.add_parser(
        "import", help=_("import people, organisations, agreements or projects from a CSV, "
                         "XLSX/ODS or vCard file"))
    importing.add_argument("file", type=Path, metavar="FILE")
    importing.add_argument("--kind", metavar="KIND",
                           help=_("what each row is: people, organizations, agreements or "
                                  "projects (default: guessed from the headers)"))
    importing.add_argument("--mapping", type=Path, metavar="M.json",
                           help=_("which column holds which field, as JSON: "
                                  "{\"kind\": \"people\", \"columns\": {\"Header\": \"field\"}}"))
    importing.add_argument("--encoding", metavar="NAME",
                           help=_("encoding of a CSV or vCard file (default: detected)"))
    importing.add_argument("--delimiter", metavar="CHAR",
                           help=_("delimiter of a CSV file (default: detected)"))
    importing.add_argument("--sheet", metavar="NAME", help=_("sheet of a workbook to read"))
    importing.add_argument("--country", metavar="CC",
                           help=_("country of phone numbers written without + (default UA)"))
    importing.add_argument("--duplicates", choices=("skip", "new", "update"), default="skip",
                           help=_("what to do with possible duplicates (default: skip them)"))
    importing.add_argument("--skip-bad", action="store_true",
                           help=_("import the rows that are fine and leave out those with "
                                  "problems (default: import nothing while any row has one)"))
    importing.add_argument("--dry-run", action="store_true",
                           help=_("say what would be created, updated and skipped; write nothing"))
    importing.add_argument("--json", action="store_true", help=_("print JSON"))
    importing.set_defaults(handler=run_import)

    exporting = subparsers.add_parser(
        "export", help=_("export records as CSV, XLSX, vCard, iCalendar or IATI XML"))
    exporting.add_argument("kind", metavar="KIND",
                           help="people, organizations, agreements, projects, activities, "
                                "calendar")
    exporting.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    exporting.add_argument("--format", choices=FORMATS,
                           help=_("file format (default: from the file name)"))
    exporting.add_argument("--filter", default="", metavar="TEXT",
                           help=_("only the records the list filter finds for TEXT"))
    exporting.add_argument("--reporting-org", metavar="REF",
                           help=_("IATI identifier of the reporting organisation (IATI only)"))
    exporting.set_defaults(handler=run_export)


def _kind(word: str | None) -> str | None:
    from coordinator_app.interchange.fields import KIND_WORDS, KINDS

    if word is None:
        return None
    kind = KIND_WORDS.get(word.lower())
    if kind is None:
        raise CoordinatorError(_("“{kind}” cannot be imported; choose one of: {kinds}").format(
            kind=word, kinds=", ".join(KINDS.values())))
    return kind


def _mapping(args: argparse.Namespace, source):
    from coordinator_app.interchange import layouts
    from coordinator_app.interchange.mapping import Mapping, guess_mapping

    headers = source.table.headers
    if args.mapping is not None:
        try:
            data = json.loads(args.mapping.read_text(encoding="utf-8"))
            mapping = Mapping.from_json(data, headers)
        except OSError as exc:
            raise CoordinatorError(_("{file}: cannot be read ({reason})").format(
                file=args.mapping, reason=exc.strerror)) from None
        except (ValueError, TypeError, AttributeError) as exc:
            raise CoordinatorError(_("{file}: not a mapping ({reason})").format(
                file=args.mapping, reason=exc)) from None
    else:
        mapping = (None if args.kind else layouts.saved_mapping(headers)) or \
            guess_mapping(headers, _kind(args.kind))
    mapping.country = args.country or mapping.country
    if not any(mapping.columns):
        raise CoordinatorError(_("{file}: no column header names a field of {kind}; give "
                                 "--mapping").format(file=source.name, kind=mapping.kind))
    return mapping


def prepare(args: argparse.Namespace, session) -> tuple[Any, Any]:
    """The file read and matched: (source, plan)."""
    from coordinator_app.interchange.plan import POSSIBLE, make_plan
    from coordinator_app.interchange.sources import open_file

    country = (args.country or "").upper() or None
    source = open_file(args.file, encoding=args.encoding, delimiter=_delimiter(args.delimiter),
                       sheet=args.sheet, country=country)
    mapping = _mapping(args, source) if source.table is not None else None
    items = source.records(mapping)
    kind = mapping.kind if mapping else "person"
    plan = make_plan(session, kind, items)
    for entry in plan.entries:
        if entry.action == POSSIBLE:
            entry.choice = {"skip": "skip", "new": "new",
                            "update": entry.candidates[0].id}[args.duplicates]
    return source, plan


def _delimiter(text: str | None) -> str | None:
    if text is None:
        return None
    named = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";"}
    text = named.get(text.lower(), text)
    if len(text) != 1:
        raise CoordinatorError(_("the delimiter is one character (or: tab, comma, semicolon)"))
    return text


def _entry_json(entry) -> dict[str, Any]:
    item = entry.item
    return {
        "source": item.source, "row": item.row, "kind": item.kind, "name": item.label,
        "action": entry.action, "choice": entry.choice, "target": entry.target_id,
        "candidates": [{"id": h.id, "name": h.title, "why": h.subtitle}
                       for h in entry.candidates],
        "changes": {k: [_plain(a), _plain(b)] for k, (a, b) in entry.changes.items()},
        "problems": [{"column": p.column, "message": p.message} for p in item.problems],
        "notes": item.notes,
    }


def _plain(value: Any) -> Any:
    from coordinator_app.core.records.journal import plain

    return plain(value)


def run_import(args: argparse.Namespace) -> int:
    from coordinator_app.interchange import layouts
    from coordinator_app.interchange.apply import apply_plan

    outcome = None
    # A dry run only reads; an import writes under the app's lock, into a new
    # database if there is none yet (as `demo` does).
    with workspace(args, writes=not args.dry_run, creates=not args.dry_run) as opened:
        with opened.read() as session:
            source, plan = prepare(args, session)
        if not args.dry_run:
            outcome = apply_plan(opened, plan, skip_bad=args.skip_bad,
                                 label=Label(N_("Import {file}"), file=source.name))
            if source.table is not None and args.mapping is None:
                from coordinator_app.interchange.mapping import guess_mapping

                mapping = layouts.saved_mapping(source.table.headers) or \
                    guess_mapping(source.table.headers, _kind(args.kind))
                layouts.save_mapping(source.table.headers, mapping)
    counts = plan.counts()
    if args.json:
        print_json({
            "file": str(args.file), "dry_run": args.dry_run, "counts": counts,
            "change_set": outcome.change_set if outcome else None,
            "backup": outcome.backup if outcome else None,
            "new_organizations": [o.name for o in plan.new_organizations.values()],
            "rows": [_entry_json(e) for e in plan.entries],
        })
        return 0
    for entry in plan.entries:
        print(f"{entry.item.row:>6}  {entry.item.label or '—'}: {entry.describe()}")
        for note in entry.item.notes:
            print(f"        {note}")
    for org in plan.new_organizations.values():
        print(_("new organisation “{name}” (named in row {row})").format(
            name=org.name, row=org.row))
    print(plan.summary())
    if args.dry_run:
        print(_("Dry run: nothing was written."))
    elif outcome.change_set is None:
        print(_("Nothing to import: the database already holds everything in the file."))
    else:
        print(_("Imported. Created: {created}, updated: {updated}, organisations added: "
                "{orgs}, skipped: {skipped}. Backup made before: {backup}").format(
            created=outcome.created, updated=outcome.updated, orgs=outcome.organizations,
            skipped=outcome.skipped, backup=outcome.backup))
    return 0


def run_export(args: argparse.Namespace) -> int:
    from coordinator_app.core.records import registry
    from coordinator_app.core.errors import NotFound

    fmt = args.format or SUFFIX_FORMATS.get(args.output.suffix.lower())
    if fmt is None:
        raise CoordinatorError(_("say the format with --format ({formats}), or give the file "
                                 "a name that ends in one").format(formats=", ".join(FORMATS)))
    word = args.kind.strip().lower()
    if word != "calendar":
        try:
            word = registry.from_cli(word).plural
        except NotFound:
            pass  # refused just below, with the kinds that can be exported
    if word not in ("people", "organizations", "agreements", "projects", "activities",
                    "calendar"):
        raise CoordinatorError(_("unknown kind “{name}”; choose one of: {kinds}").format(
            name=args.kind, kinds="people, organizations, agreements, projects, activities, "
                                  "calendar"))
    with workspace(args) as opened, opened.read() as session:
        data = export_bytes(session, word, fmt, text=args.filter,
                            reporting_org=args.reporting_org)
    write_file(args.output, data)
    print(_("Written: {file}").format(file=args.output), file=sys.stderr)
    return 0
