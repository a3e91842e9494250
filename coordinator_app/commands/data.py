"""`demo`, `list`, `show` and `search`."""

from __future__ import annotations

import argparse

from sqlalchemy import func

from coordinator_app.commands import open_workspace, print_json
from coordinator_app.core import records
from coordinator_app.core.search import search
from coordinator_app.i18n import _


def register(subparsers) -> None:
    demo = subparsers.add_parser("demo", help=_("load the demo data set"))
    demo.set_defaults(handler=run_demo)

    listing = subparsers.add_parser("list", help=_("list records of one kind"))
    listing.add_argument("kind", metavar="KIND", help=", ".join(records.LISTABLE))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    listing.set_defaults(handler=run_list)

    show = subparsers.add_parser("show", help=_("show one record with its relations"))
    show.add_argument("kind", metavar="KIND", help=", ".join(records.LISTABLE))
    show.add_argument("ref", metavar="ID-OR-NAME")
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    show.set_defaults(handler=run_show)

    find = subparsers.add_parser("search", help=_("search every kind of record"))
    find.add_argument("text", metavar="TEXT")
    find.add_argument("--json", action="store_true", help=_("print JSON"))
    find.add_argument("--limit", type=int, default=20, metavar="N")
    find.set_defaults(handler=run_search)


def run_demo(args: argparse.Namespace) -> int:
    from coordinator_app.core.demo import load_demo

    summary = load_demo(open_workspace(args))
    print(_("Demo data loaded: {summary}").format(
        summary=", ".join(f"{count} {kind}" for kind, count in summary.items())))
    return 0


def run_list(args: argparse.Namespace) -> int:
    cls = records.listable(args.kind)
    workspace = open_workspace(args)
    with workspace.read() as session:
        label = getattr(cls, cls.LABEL_FIELD)
        rows = [records.to_dict(obj) for obj in session.scalars(
            records.live(cls).order_by(func.lower(label)))]
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(f"{row['id'][:8]}  {row.get('name') or row.get('title')}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    cls = records.listable(args.kind)
    workspace = open_workspace(args)
    with workspace.read() as session:
        data = records.describe(session, records.resolve(session, cls, args.ref))
    if args.json:
        print_json(data)
    else:
        for key, value in data.items():
            if value not in (None, [], ""):
                print(f"{key}: {value}")
    return 0


def run_search(args: argparse.Namespace) -> int:
    workspace = open_workspace(args)
    with workspace.read() as session:
        hits = search(session, args.text, limit=args.limit)
    if args.json:
        print_json([{"id": h.id, "kind": h.kind, "title": h.title, "subtitle": h.subtitle,
                     "score": h.score} for h in hits])
    else:
        for hit in hits:
            print(f"{hit.kind:<13} {hit.id[:8]}  {hit.title}")
    return 0
