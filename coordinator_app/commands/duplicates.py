"""`duplicates` and `merge`: find people or organisations entered twice, make them one."""

from __future__ import annotations

import argparse

from coordinator_app.commands import print_json, workspace
from coordinator_app.core.records import registry
from coordinator_app.core.views import records
from coordinator_app.i18n import _

#: The names a person may type for each kind that can be merged (core.records.registry).
KINDS = {name: spec.name for spec in registry.TOP_LEVEL if spec.mergeable
         for name in (spec.plural, *spec.aliases)}


def register(subparsers) -> None:
    dup = subparsers.add_parser("duplicates", help=_("list likely duplicate people or "
                                                     "organisations"))
    dup.add_argument("kind", metavar="KIND", choices=sorted(KINDS))
    dup.add_argument("--json", action="store_true", help=_("print JSON"))
    dup.set_defaults(handler=run_duplicates)

    merge = subparsers.add_parser("merge", help=_("merge two people or organisations (undoable)"))
    merge.add_argument("kind", metavar="KIND", choices=sorted(KINDS))
    merge.add_argument("keep", metavar="KEEP", help=_("id or name of the record to keep"))
    merge.add_argument("merge", metavar="MERGE", help=_("id or name of the record merged into it"))
    merge.set_defaults(handler=run_merge)


def run_duplicates(args: argparse.Namespace) -> int:
    from coordinator_app.core.views.duplicates import duplicate_groups

    with workspace(args) as opened, opened.read() as session:
        groups = duplicate_groups(session, KINDS[args.kind])
    if args.json:
        print_json([[{"id": h.id, "kind": h.kind, "title": h.title, "subtitle": h.subtitle}
                     for h in group] for group in groups])
        return 0
    if not groups:
        print(_("No likely duplicates."))
    for group in groups:
        for hit in group:
            print(f"{hit.id[:8]}  {hit.title}" + (f"  ({hit.subtitle})" if hit.subtitle else ""))
        print()
    return 0


def run_merge(args: argparse.Namespace) -> int:
    from coordinator_app.core.views.duplicates import merge

    kind = KINDS[args.kind]
    cls = registry.model(kind)
    with workspace(args, writes=True) as opened:
        with opened.read() as session:
            keep = records.resolve(session, cls, args.keep)
            gone = records.resolve(session, cls, args.merge)
            keep_id, gone_id, keep_label, gone_label = keep.id, gone.id, keep.label, gone.label
        change_set = merge(opened, kind, keep_id, gone_id)
    print(_("Merged “{gone}” into “{keep}” (change set {change_set}).").format(
        gone=gone_label, keep=keep_label, change_set=change_set))
    return 0
