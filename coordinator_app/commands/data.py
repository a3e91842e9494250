"""`demo`, `list`, `show` and `search`."""

from __future__ import annotations

import argparse
from typing import Any

from coordinator_app.commands import (
    add_reader_language,
    print_json,
    reader_language,
    workspace,
)
from coordinator_app.core.records import registry
from coordinator_app.core.views import records
from coordinator_app.core.records import languages
from coordinator_app.core.errors import CoordinatorError
from coordinator_app.i18n import _, ngettext, set_language

#: `search --limit` above this asks for every result: no database holds a million
#: records, and SQLite takes no number past 2**63 (a larger one was an error).
MOST_RESULTS = 1_000_000


def demo_summary(counts: dict[str, int]) -> str:
    """What `demo` loaded, in the plural form each language needs (17 організацій)."""
    def n(kind: str) -> int:
        return counts.get(kind, 0)

    parts = (
        ngettext("{count} organisation", "{count} organisations", n("organization"))
        .format(count=n("organization")),
        ngettext("{count} person", "{count} people", n("person")).format(count=n("person")),
        ngettext("{count} agreement", "{count} agreements", n("agreement"))
        .format(count=n("agreement")),
        ngettext("{count} commitment", "{count} commitments", n("commitment"))
        .format(count=n("commitment")),
        ngettext("{count} project", "{count} projects", n("project")).format(count=n("project")),
        ngettext("{count} aid delivery", "{count} aid deliveries", n("aid_delivery"))
        .format(count=n("aid_delivery")),
        ngettext("{count} activity", "{count} activities", n("activity"))
        .format(count=n("activity")),
    )
    return ", ".join(parts)


def register(subparsers) -> None:
    kinds = ", ".join(spec.plural for spec in registry.TOP_LEVEL)
    demo = subparsers.add_parser("demo", help=_("load the demo data set"))
    demo.set_defaults(handler=run_demo)

    listing = subparsers.add_parser("list", help=_("list records of one kind"))
    listing.add_argument("kind", metavar="KIND", help=kinds)
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    listing.set_defaults(handler=run_list)

    show = subparsers.add_parser("show", help=_("show one record with its relations"))
    show.add_argument("kind", metavar="KIND", help=kinds)
    show.add_argument("ref", metavar="ID-OR-NAME")
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    show.set_defaults(handler=run_show)

    find = subparsers.add_parser("search", help=_("search every kind of record"))
    find.add_argument("text", metavar="TEXT")
    find.add_argument("--json", action="store_true", help=_("print JSON"))
    find.add_argument("--limit", type=int, default=20, metavar="N",
                      help=_("at most N results (default 20)"))
    add_reader_language(find, _("language of the results (default: the interface's)"))
    find.set_defaults(handler=run_search)


def run_demo(args: argparse.Namespace) -> int:
    from coordinator_app.core.sample.demo import load_demo

    # Under the app's lock: loading while the app has the file open would leave its
    # lists and undo history blind to a large change.
    with workspace(args, creates=True) as opened:
        counts = load_demo(opened)
        path = opened.db.path
    print(_("Demo data loaded into {path}: {summary}; {total} records in all.").format(
        path=path, summary=demo_summary(counts), total=sum(counts.values())))
    return 0


def run_list(args: argparse.Namespace) -> int:
    from coordinator_app.sync.record import private_ids

    cls = records.listable(args.kind)
    with workspace(args) as opened, opened.read() as session:
        rows = [records.to_dict(obj) for obj in session.scalars(
            records.live(cls).order_by(*records.order_by_name(cls)))]
        private = private_ids(session, cls.KIND, [row["id"] for row in rows])
    for row in rows:
        row["private"] = row["id"] in private
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        print(f"{row['id'][:8]}  {row.get('name') or row.get('title')}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from coordinator_app.sync.record import private_ids

    cls = records.listable(args.kind)
    with workspace(args) as opened, opened.read() as session:
        data = records.describe(session, records.resolve(session, cls, args.ref))
        data["private"] = data["id"] in private_ids(session, cls.KIND, [data["id"]])
    if args.json:
        print_json(data)
    else:
        print_record(readable(data))
    return 0


def readable(data: dict[str, Any]) -> dict[str, Any]:
    """For a person: money as an amount in its currency beside the minor units scripts
    read from --json."""
    if data.get("budget_minor") is not None and data.get("currency"):
        from coordinator_app.core.text.formatting import format_money

        shown: dict[str, Any] = {}
        for key, value in data.items():
            shown[key] = value
            if key == "budget_minor":
                shown["budget"] = format_money(value, data["currency"])
        return shown
    return data


def _in_languages(value: dict[str, Any]) -> str:
    """A translatable field's text in each language it has, the original first,
    each with its language: "Memorandumas (lt) · Меморандум (uk)"."""
    first = value.get(languages.ORIGINAL)
    order = sorted(languages.LANGUAGES, key=lambda lang: lang != first)
    return " · ".join(f"{value[lang]} ({lang})" for lang in order if value.get(lang))


def _translated(value: Any) -> bool:
    return isinstance(value, dict) and languages.ORIGINAL in value


def _line(value: Any) -> str:
    if _translated(value):
        return _in_languages(value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_line(v)}" for k, v in value.items()
                         if v not in (None, "", []) and not (_translated(v) and not v["original"]))
    return str(value)


def print_record(data: dict[str, Any]) -> None:
    """key: value, one a line; related records indented below their heading."""
    for key, value in data.items():
        if value in (None, [], ""):
            continue
        if _translated(value):
            if value[languages.ORIGINAL] is None:
                continue
            print(f"{key}:")
            first = value[languages.ORIGINAL]
            for lang in sorted(languages.LANGUAGES, key=lambda lang: lang != first):
                if value.get(lang):
                    print(f"    {lang}: {value[lang]}")
        elif isinstance(value, list):
            print(f"{key}:")
            for item in value:
                print(f"  - {_line(item)}")
        elif isinstance(value, str) and "\n" in value:
            print(f"{key}:")
            for text in value.splitlines():
                print(f"    {text}")
        else:
            print(f"{key}: {value}")


def run_search(args: argparse.Namespace) -> int:
    from coordinator_app.core.search.query import search

    if args.limit < 1:
        raise CoordinatorError(_("--limit must be 1 or more."))
    lang = reader_language(args)
    # What search prints is all for its reader: the kinds, statuses and dates of the
    # results' second lines too, not only the names, in the language asked for.
    set_language(lang)
    with workspace(args) as opened, opened.read() as session:
        hits = search(session, args.text, limit=min(args.limit, MOST_RESULTS), lang=lang)
    if args.json:
        # `title` stays the stored title scripts match on; `shown` is it as printed.
        print_json([{"id": h.id, "kind": h.kind, "title": h.stored_title, "shown": h.title,
                     "lang": lang, "subtitle": h.subtitle, "score": h.score} for h in hits])
        return 0
    for hit in hits:
        subtitle = f"  ({hit.subtitle})" if hit.subtitle else ""
        print(f"{hit.kind:<13} {hit.id[:8]}  {hit.title}{subtitle}")
    return 0
