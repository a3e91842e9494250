"""The hub as one laptop uses it, for the command line and the app alike: register
this device (its password goes to the system keyring), log in as it, and check
the connection."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from psycopg import Connection

from coordinator_app.hub import credentials
from coordinator_app.hub.connection import (
    HubRefused,
    Membership,
    address,
    connect,
    membership,
)
from coordinator_app.hub.devices import Registration, add_device, device_role
from coordinator_app.hub.exchange import Outcome, Replica, exchange
from coordinator_app.hub.state import SyncState
from coordinator_app.i18n import _


def server_url(text: str) -> str:
    """The address as typed ("office-server/coordinator" will do), as a URL."""
    text = text.strip()
    return text if "://" in text else f"postgresql://{text}"


def register_this_device(admin_url: str, association: str, device_id: str,
                         password: str | None = None) -> Registration:
    """Make this device's login role with the administrator's connection (used once,
    kept nowhere) and keep the device's password in the keyring."""
    url = server_url(admin_url)
    with connect(url, password=password) as conn:
        made = add_device(conn, association, device_id)
    credentials.store(address(url), made.role, made.password)
    return made


def connect_as_device(url: str, device_id: str, *, timeout: float | None = None) -> Connection:
    """A connection as this device's own role, with the password from the keyring."""
    url = server_url(url)
    role = device_role(device_id)
    secret = credentials.password(address(url), role)
    if secret is None:
        raise HubRefused(_("This device is not registered on {server} yet: register it in "
                           "Settings → Office server, or with `coordinator hub add-device`.")
                         .format(server=address(url)))
    options = {} if timeout is None else {"timeout": timeout}
    return connect(url, user=role, password=secret, **options)


@dataclass(frozen=True)
class Status:
    server: str
    membership: Membership
    last_synced: datetime | None


def check(url: str, device_id: str, *, timeout: float | None = None) -> Status:
    """Log in as this device and say who it is on the hub (the "Test connection")."""
    url = server_url(url)
    with connect_as_device(url, device_id, timeout=timeout) as conn:
        found = membership(conn)
    state = SyncState.load(address(url), device_id).state
    return Status(address(url), found, state.last_synced())


def sync_once(url: str, device_id: str, replica: Replica | None = None, *,
              send: bool = True, receive: bool = True,
              cancelled: Callable[[], bool] = lambda: False) -> Outcome | None:
    """One round (the app's in the background, `coordinator sync now|push|pull`): log
    in as this device and, with a replica, push (`send`) then pull (`receive`) its
    operations; without one, only check that the hub takes this device (None)."""
    url = server_url(url)
    with connect_as_device(url, device_id) as conn:
        if replica is None:
            membership(conn)
            return None
        return exchange(conn, replica, SyncState.load(address(url), device_id),
                        send=send, receive=receive, cancelled=cancelled, url=url)
