"""`hub init`, `hub add-device`, `hub remove-device`, `hub status`: the office server.

The administrator's address (`--url postgresql://ADMIN@HOST/DATABASE`) is used for
that one command and kept nowhere; its password comes from the address, from
PGPASSWORD or ~/.pgpass as for any PostgreSQL tool, or is asked for.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import TypeVar

from coordinator_app.commands import print_json, workspace
from coordinator_app.hub.connection import HubRefused, address, connect
from coordinator_app.i18n import _

T = TypeVar("T")


def register(subparsers) -> None:
    group = subparsers.add_parser("hub", help=_("set up the office server (PostgreSQL) that "
                                                "laptops sync through"))
    actions = group.add_subparsers(dest="hub_command", metavar="ACTION", required=True)
    url_help = _("the server as its administrator: postgresql://ADMIN@HOST/DATABASE")

    init = actions.add_parser("init", help=_("make the hub's tables and roles, or add an "
                                             "association to it"))
    init.add_argument("--url", required=True, help=url_help)
    init.add_argument("--association", required=True, metavar="NAME",
                      help=_("the association whose devices will sync here"))
    init.set_defaults(handler=run_init)

    add = actions.add_parser("add-device", help=_("register a laptop (this one unless "
                                                  "--device is given)"))
    add.add_argument("--url", required=True, help=url_help)
    add.add_argument("--association", required=True, metavar="NAME")
    add.add_argument("--device", metavar="ID",
                     help=_("another laptop's device id; its password is printed once"))
    add.add_argument("--json", action="store_true", help=_("print JSON"))
    add.set_defaults(handler=run_add_device)

    remove = actions.add_parser("remove-device", help=_("revoke a laptop's access (a lost "
                                                        "or retired one)"))
    remove.add_argument("--url", required=True, help=url_help)
    remove.add_argument("--device", required=True, metavar="ID")
    remove.set_defaults(handler=run_remove_device)

    status = actions.add_parser("status", help=_("log in as this laptop and say what the "
                                                 "hub knows of it"))
    status.add_argument("--server", required=True, metavar="URL",
                        help=_("the server: postgresql://HOST/DATABASE"))
    status.add_argument("--json", action="store_true", help=_("print JSON"))
    status.set_defaults(handler=run_status)


def _as_admin(url: str, work: Callable[..., T]) -> T:
    """`work(connection)` as the administrator, asking for the password once if the
    server wants one and a person is there to type it."""
    from coordinator_app.hub.laptop import server_url

    url = server_url(url)
    try:
        conn = connect(url)
    except HubRefused:
        if not sys.stdin.isatty():
            raise
        conn = connect(url, password=getpass.getpass(_("Password of the administrator "
                                                       "of {server}: ").format(
            server=address(url))))
    with conn:
        return work(conn)


def run_init(args: argparse.Namespace) -> int:
    from coordinator_app.hub.laptop import server_url
    from coordinator_app.hub.schema import init_hub

    made = _as_admin(args.url, lambda conn: init_hub(conn, args.association))
    print(_("The hub on {server} is ready for “{association}”.").format(
        server=address(server_url(args.url)), association=made.name))
    return 0


def run_add_device(args: argparse.Namespace) -> int:
    from coordinator_app.hub import credentials
    from coordinator_app.hub.devices import add_device
    from coordinator_app.hub.laptop import server_url

    url = server_url(args.url)
    if args.device:
        made = _as_admin(url, lambda conn: add_device(conn, args.association, args.device))
    else:
        with workspace(args, writes=True) as ws:
            device_id = ws.db.device_id
        made = _as_admin(url, lambda conn: add_device(conn, args.association, device_id))
        credentials.store(address(url), made.role, made.password)
    if args.json:
        document = {"device": made.device_id, "role": made.role,
                    "association": made.association}
        if args.device:
            document["password"] = made.password
        print_json(document)
    elif args.device:
        print(_("Registered the device {device} in “{association}”. On that laptop, log in "
                "as {role} with this password (shown once): {password}").format(
            device=made.device_id, association=made.association, role=made.role,
            password=made.password))
    else:
        print(_("This laptop ({device}) is registered in “{association}”; its password is "
                "kept in the system keyring.").format(device=made.device_id,
                                                      association=made.association))
    return 0


def run_remove_device(args: argparse.Namespace) -> int:
    from coordinator_app.hub.devices import remove_device

    _as_admin(args.url, lambda conn: remove_device(conn, args.device))
    print(_("The device {device} can no longer reach the hub; what it pushed stays.")
          .format(device=args.device))
    return 0


def run_status(args: argparse.Namespace) -> int:
    from coordinator_app.hub.laptop import check

    with workspace(args, writes=True) as ws:
        device_id = ws.db.device_id
    found = check(args.server, device_id)
    synced = found.last_synced.isoformat() if found.last_synced else None
    if args.json:
        print_json({"server": found.server, "device": device_id,
                    "association": found.membership.association, "synced_at": synced})
    else:
        print(_("{server}: reachable; this laptop ({device}) syncs as “{association}”; last "
                "synced: {when}.").format(server=found.server, device=device_id,
                                          association=found.membership.association,
                                          when=synced or _("never")))
    return 0
