"""`sync push|pull|now --server URL`: exchange changes with the office server.

The device logs in as its own role, with the password `hub add-device` kept in the
system keyring (never asked for, never printed). What the server holds and where
the pull got to are kept per server (hub.state), so each run sends and reads only
what is new. A pull merges as a bundle import does: after a backup, one
transaction per batch, undoable (`coordinator undo`).
"""

from __future__ import annotations

import argparse

from coordinator_app.commands import print_json, terminal_progress, workspace
from coordinator_app.i18n import _

#: action: (what it does, push?, pull?)
ACTIONS = {
    "push": (lambda: _("send this laptop's changes to the office server"), True, False),
    "pull": (lambda: _("read and merge the changes others sent to the office server"),
             False, True),
    "now": (lambda: _("push, then pull: one full sync with the office server"), True, True),
}


def register(actions) -> None:
    """Adds push, pull and now to the `sync` command's actions."""
    for name, (help_text, send, receive) in ACTIONS.items():
        action = actions.add_parser(name, help=help_text())
        action.add_argument("--server", required=True, metavar="URL",
                            help=_("the server: postgresql://HOST/DATABASE"))
        action.add_argument("--json", action="store_true", help=_("print JSON"))
        action.set_defaults(handler=run, send=send, receive=receive)


def run(args: argparse.Namespace) -> int:
    from coordinator_app.hub.connection import address
    from coordinator_app.hub.laptop import server_url, sync_once
    from coordinator_app.hub.replica import LocalReplica

    url = server_url(args.server)
    with workspace(args, writes=True) as opened:
        replica = LocalReplica(opened, progress=terminal_progress)
        outcome = sync_once(url, opened.db.device_id, replica, send=args.send,
                            receive=args.receive)
    document = {
        "server": address(url), "pushed": outcome.pushed, "pulled": outcome.pulled,
        "new": replica.total("new"), "records": replica.total("records"),
        "conflicts": replica.total("conflicts"), "waiting": replica.total("waiting"),
        "change_sets": replica.change_sets(), "files_received": replica.filled,
        "backup": str(replica.backup) if replica.backup else None,
    }
    if args.json:
        print_json(document)
        return 0
    if args.send:
        print(_("Sent {count} changes to {server}.").format(count=outcome.pushed,
                                                           server=document["server"]))
    if args.receive:
        print(_("Read {new} new changes from {server}; {records} records changed.").format(
            new=document["new"], server=document["server"], records=document["records"]))
    if replica.filled:
        print(_("Received the files of {count} attachments that were waiting for them.")
              .format(count=replica.filled))
    if document["conflicts"]:
        print(_("{count} conflicts to review: coordinator conflicts list").format(
            count=document["conflicts"]))
    if document["waiting"]:
        print(_("{count} changes are for a newer version of Coordinator; they are kept and "
                "applied after an update.").format(count=document["waiting"]))
    return 0
