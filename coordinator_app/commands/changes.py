"""`add`, `edit`, `delete`, `undo` and `history`: any kind of record, for scripts.

Each writing command takes the database lock like the app, goes through the same
service layer and validation, and writes nothing when a value is refused.
"""

from __future__ import annotations

import argparse
from coordinator_app.commands import print_json, workspace
from coordinator_app.core.records.change_labels import Label
from coordinator_app.core.records import registry
from coordinator_app.core.views import records
from coordinator_app.core.records.service import Workspace
from coordinator_app.i18n import N_, _


def register(subparsers) -> None:
    kinds = ", ".join(spec.plural for spec in registry.TOP_LEVEL)
    add = subparsers.add_parser("add", help=_("add a record of any kind"))
    add.add_argument("kind", metavar="KIND", help=kinds)
    _set_option(add)
    add.add_argument("--private", action="store_true",
                     help=_("keep the record to this laptop's association: partner "
                            "associations never receive it, by server or by USB stick"))
    add.add_argument("--json", action="store_true", help=_("print JSON"))
    add.set_defaults(handler=run_add)

    edit = subparsers.add_parser("edit", help=_("change fields of a record"))
    edit.add_argument("kind", metavar="KIND", help=kinds)
    edit.add_argument("ref", metavar="ID-OR-NAME")
    _set_option(edit)
    edit.add_argument("--json", action="store_true", help=_("print JSON"))
    edit.set_defaults(handler=run_edit)

    delete = subparsers.add_parser("delete", help=_("delete a record (undo brings it back)"))
    delete.add_argument("kind", metavar="KIND", help=kinds)
    delete.add_argument("ref", metavar="ID-OR-NAME")
    delete.set_defaults(handler=run_delete)

    undo = subparsers.add_parser("undo", help=_("take back the last change (again: redo it)"))
    undo.add_argument("--json", action="store_true", help=_("print JSON"))
    undo.set_defaults(handler=run_undo)

    history = subparsers.add_parser("history", help=_("the changes of a record"))
    history.add_argument("kind", metavar="KIND", help=kinds)
    history.add_argument("ref", metavar="ID-OR-NAME")
    history.add_argument("--json", action="store_true", help=_("print JSON"))
    history.set_defaults(handler=run_history)


def _set_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--set", dest="values", action="append", default=[],
                        metavar="FIELD=VALUE",
                        help=_("a field's new value; a relation by id or name "
                               "(--set party=Plungė); repeat for more fields"))


def _print_record(opened: Workspace, obj, as_json: bool, message: str) -> None:
    from coordinator_app.sync.record import private_ids

    with opened.read() as session:
        data = records.to_dict(session.get(type(obj), obj.id))
        data["private"] = obj.id in private_ids(session, obj.KIND, [obj.id])
    if as_json:
        print_json(data)
    else:
        print(message.format(id=obj.id[:8], name=data.get("name") or data.get("title")))
        if data["private"]:
            print(_("Private to our association: partner associations never receive it."))


def run_add(args: argparse.Namespace) -> int:
    from coordinator_app.core.records.assignments import column_values, parse_pairs

    spec = registry.from_cli(args.kind, any_kind=True)
    pairs = parse_pairs(args.values)
    with workspace(args, creates=True) as opened:
        with opened.edit(Label(N_("Add"))) as edit:
            if args.private:
                from coordinator_app.sync.record import keep_private

                keep_private(edit)
            values = column_values(edit.session, spec.model, pairs)
            obj = edit.create(spec.model, **values)
        _print_record(opened, obj, args.json, _("Added {id}  {name}"))
    return 0


def run_edit(args: argparse.Namespace) -> int:
    from coordinator_app.core.records.assignments import column_values, parse_pairs

    spec = registry.from_cli(args.kind, any_kind=True)
    pairs = parse_pairs(args.values)
    with workspace(args, writes=True) as opened:
        with opened.edit(Label(N_("Edit"))) as edit:
            target = records.resolve(edit.session, spec.model, args.ref)
            values = column_values(edit.session, spec.model, pairs)
            obj = edit.update(spec.model, target.id, **values)
        _print_record(opened, obj, args.json, _("Changed {id}  {name}"))
    return 0


def run_delete(args: argparse.Namespace) -> int:
    spec = registry.from_cli(args.kind, any_kind=True)
    with workspace(args, writes=True) as opened:
        with opened.edit(Label(N_("Delete"))) as edit:
            target = records.resolve(edit.session, spec.model, args.ref)
            label, record_id = target.label, target.id
            edit.delete(spec.model, record_id)
    print(_("Deleted {id}  {name}").format(id=record_id[:8], name=label))
    return 0


def run_undo(args: argparse.Namespace) -> int:
    from coordinator_app.core.errors import NotFound
    from coordinator_app.core.records.history import last_change_set

    with workspace(args, writes=True) as opened:
        with opened.read() as session:
            undone = last_change_set(session)
        if undone is None:
            raise NotFound(_("nothing to undo"))
        done = opened.undo(undone)
    if args.json:
        print_json({"undone": undone, "change_set": done})
    else:
        print(_("Undone (change set {change_set}); undo again to redo it.").format(
            change_set=undone[:8]))
    return 0


def run_history(args: argparse.Namespace) -> int:
    from coordinator_app.core.records.field_titles import field_title
    from coordinator_app.core.records.history import history

    spec = registry.from_cli(args.kind, any_kind=True)
    with workspace(args) as opened, opened.read() as session:
        obj = records.resolve(session, spec.model, args.ref)
        lines = history(session, obj)
    if args.json:
        print_json(lines)
        return 0
    for line in lines:
        what = field_title(line["kind"], line["field"]) if line["field"] else ""
        change = "" if line["action"] == "create" else f"{line['old']!r} → {line['new']!r}"
        print(f"{line['at'][:19]}  {line['action']:<7} {line['kind']} {line['id'][:8]} "
              f"{what} {change}".rstrip())
    return 0
