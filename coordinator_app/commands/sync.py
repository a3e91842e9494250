"""`sync export|import|status|keys` and `conflicts list|resolve`: laptops that merge
through a file on a USB stick (coordinator_app.sync)."""

from __future__ import annotations

import argparse
import json
import socket
from pathlib import Path

from coordinator_app.commands import database_file, print_json, terminal_progress, workspace
from coordinator_app.i18n import _


def register(subparsers) -> None:
    group = subparsers.add_parser("sync", help=_("exchange changes with other laptops by "
                                                 "file or through the office server"))
    actions = group.add_subparsers(dest="sync_command", metavar="ACTION", required=True)

    export = actions.add_parser("export", help=_("write the changes other laptops have not seen"))
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    export.add_argument("--to", action="append", metavar="PEER",
                        help=_("a peer to write for (repeat; default: everyone)"))
    export.add_argument("--json", action="store_true", help=_("print JSON"))
    export.set_defaults(handler=run_export)

    read = actions.add_parser("import", help=_("read changes written on another laptop"))
    read.add_argument("file", type=Path, metavar="FILE")
    read.add_argument("--json", action="store_true", help=_("print JSON"))
    read.set_defaults(handler=run_import)

    state = actions.add_parser("status", help=_("this laptop's device, peers and what each has seen"))
    state.add_argument("--json", action="store_true", help=_("print JSON"))
    state.set_defaults(handler=run_status)

    keys = actions.add_parser("keys", help=_("exchange the association's keys"))
    key_actions = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    key_export = key_actions.add_parser("export", help=_("write this laptop's join key"))
    key_export.add_argument("file", type=Path, metavar="FILE")
    key_export.add_argument("--name", help=_("this laptop's name as others see it"))
    key_export.set_defaults(handler=run_keys_export)
    key_import = key_actions.add_parser("import", help=_("add a colleague's join key"))
    key_import.add_argument("file", type=Path, metavar="FILE")
    key_import.add_argument("--partner", action="store_true", default=None,
                            help=_("the laptop belongs to a partner association: files "
                                   "written for it leave out the records our association "
                                   "keeps private"))
    key_import.add_argument("--ours", dest="partner", action="store_false",
                            help=_("the laptop belongs to our association (the default)"))
    key_import.add_argument("--json", action="store_true", help=_("print JSON"))
    key_import.set_defaults(handler=run_keys_import)

    conflicts = subparsers.add_parser("conflicts", help=_("list and resolve sync conflicts"))
    conflict_actions = conflicts.add_subparsers(dest="conflicts_command", metavar="ACTION",
                                                required=True)
    listing = conflict_actions.add_parser("list", help=_("list the open conflicts"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    listing.set_defaults(handler=run_conflicts_list)
    resolve = conflict_actions.add_parser("resolve", help=_("keep one version of a conflict"))
    resolve.add_argument("id", metavar="ID")
    resolve.add_argument("--keep", type=int, required=True, metavar="VERSION",
                         help=_("the number of the version to keep, as listed"))
    resolve.set_defaults(handler=run_conflicts_resolve)

    from coordinator_app.commands import server_sync

    server_sync.register(actions)


def run_export(args: argparse.Namespace) -> int:
    from coordinator_app.sync import bundle
    from coordinator_app.sync.record import ensure_seeded

    with workspace(args, writes=True) as opened:
        ensure_seeded(opened)
        written = bundle.write(opened, args.output, args.to, progress=terminal_progress)
    if args.json:
        print_json({"path": str(written.path), "operations": written.operations,
                    "bytes": written.size, "recipients": written.recipients,
                    "withheld": written.withheld, "partners": written.partners})
    else:
        print(_("Wrote {count} changes for {peers} to {path}.").format(
            count=written.operations, peers=", ".join(written.recipients), path=written.path))
        if written.withheld:
            print(written.withheld_text())
    return 0


def run_import(args: argparse.Namespace) -> int:
    from coordinator_app.sync import bundle

    with workspace(args, writes=True) as opened:
        done = bundle.read(opened, args.file, progress=terminal_progress)
    applied = done.applied
    if args.json:
        print_json({"sender": done.sender, "operations": done.operations, "new": applied.new,
                    "records": applied.records, "conflicts": applied.conflicts,
                    "waiting": applied.waiting, "clock_ahead_ms": applied.clock_ahead_ms,
                    "change_set": applied.change_set, "files_arrived": done.files_arrived,
                    "backup": str(done.backup) if done.backup else None})
        return 0
    print(_("Read {new} new changes from {sender} ({count} in the file); {records} records "
            "changed.").format(new=applied.new, sender=done.sender, count=done.operations,
                               records=applied.records))
    if done.files_arrived:
        print(bundle.arrived_text(done.files_arrived))
    if applied.conflicts:
        print(_("{count} conflicts to review: coordinator conflicts list").format(
            count=applied.conflicts))
    if applied.waiting:
        print(_("{count} changes are for a newer version of Coordinator; they are kept and "
                "applied after an update.").format(count=applied.waiting))
    if applied.clock_ahead_ms:
        print(_("The other laptop's clock is ahead of this one by more than a day: check the "
                "date and time on both."))
    return 0


def run_status(args: argparse.Namespace) -> int:
    from coordinator_app.sync.status import as_json, status

    with workspace(args) as opened:
        found = status(opened)
    if args.json:
        print_json(as_json(found))
        return 0
    print(_("Device: {device}").format(device=found.device_id))
    print(_("Key fingerprint: {fingerprint}").format(fingerprint=found.fingerprint))
    print(_("Open conflicts: {count}").format(count=found.conflicts))
    for peer in found.peers:
        when = peer.last_received_at.strftime("%Y-%m-%d %H:%M") if peer.last_received_at \
            else _("never")
        print(_("{name} ({fingerprint}): last read {when}").format(
            name=peer.name, fingerprint=peer.fingerprint, when=when)
            + (" · " + _("partner association") if peer.partner else ""))
    return 0


def run_keys_export(args: argparse.Namespace) -> int:
    from coordinator_app.commands import DATABASE
    from coordinator_app.core.store.dbfile import NEW
    from coordinator_app.sync.keys import own_keys, write_join_file

    # The database's key opens the keys when it is encrypted (sync.keys).
    with database_file(args, accept=DATABASE | NEW) as found:
        public = own_keys(found.path).public(args.name or socket.gethostname())
    write_join_file(args.file, public)
    print(_("Wrote the join key of “{name}” to {path}. Fingerprint: {fingerprint}").format(
        name=public.name, path=args.file, fingerprint=public.fingerprint))
    return 0


def run_keys_import(args: argparse.Namespace) -> int:
    from coordinator_app.sync import peers
    from coordinator_app.sync.keys import read_join_file

    keys = read_join_file(args.file)
    with workspace(args, writes=True, creates=True) as opened:
        peer = peers.add(opened, keys, partner=args.partner)
    if args.json:
        print_json({"key_id": peer.key_id, "name": peer.name, "fingerprint": peer.fingerprint,
                    "partner": peer.partner})
    else:
        print(_("Added “{name}”. Compare this fingerprint with them by phone: {fingerprint}")
              .format(name=peer.name, fingerprint=peer.fingerprint))
        if peer.partner:
            print(_("A partner association's laptop: files written for it leave out the "
                    "records our association keeps private."))
    return 0


def run_conflicts_list(args: argparse.Namespace) -> int:
    from coordinator_app.sync.conflicts import open_conflicts

    from coordinator_app.core.records.field_titles import field_title
    from coordinator_app.core.records.history import readable_value

    with workspace(args) as opened, opened.read() as session:
        found = open_conflicts(session)
        # As a person reads them: a record by its name (the one a duplicate was merged
        # into), a date as dates read; "(empty)" for no value.
        reads = {(c.id, n): readable_value(session, c.kind, c.field, json.dumps(v.value))
                 or _("(empty)") for c in found for n, v in enumerate(c.versions, 1)}
    if args.json:
        print_json([{
            "id": c.id, "kind": c.kind, "record_id": c.record_id, "title": c.label,
            "field": c.field,
            "versions": [{"version": n, "value": v.value, "origin": v.origin, "seq": v.seq,
                          "at": v.at.isoformat(), "shown": n == 1}
                         for n, v in enumerate(c.versions, 1)],
        } for c in found])
        return 0
    if not found:
        print(_("No open conflicts."))
    for conflict in found:
        print(f"{conflict.id}  {conflict.kind} “{conflict.label}”  "
              f"{field_title(conflict.kind, conflict.field)}")
        for number, version in enumerate(conflict.versions, 1):
            print(f"    {number}. {reads[(conflict.id, number)]}  "
                  f"({version.at:%Y-%m-%d %H:%M}, "
                  f"{version.origin[:8]})")
    return 0


def run_conflicts_resolve(args: argparse.Namespace) -> int:
    from coordinator_app.sync.conflicts import resolve

    with workspace(args, writes=True) as opened:
        change_set = resolve(opened, args.id, args.keep)
    print(_("Kept version {version} (change set {change_set}).").format(
        version=args.keep, change_set=change_set))
    return 0
