"""Connections to the hub: short time-outs and keep-alives, so that a server that is
down or a cable pulled mid-sync ends in an error within seconds, never a hang."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import psycopg
from psycopg import Connection, sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from coordinator_app.core.errors import CoordinatorError
from coordinator_app.hub.schema import SCHEMA
from coordinator_app.i18n import _

#: Seconds to wait for the server to answer at all.
CONNECT_TIMEOUT = 5
#: A silent link is given up after about 10 + 3 × 5 seconds.
KEEPALIVES = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5,
              "keepalives_count": 3, "tcp_user_timeout": 25_000}


class HubError(CoordinatorError):
    """The hub could not be used; nothing was half written (each step is a transaction)."""


class HubUnreachable(HubError):
    """No connection: the server is down, the network is off or the address is wrong."""


class HubRefused(HubError):
    """The server answered but refused: a wrong password or a removed device."""


def address(url: str) -> str:
    """The server as a person names it (host, port, database), with no user or password."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        raise HubError(_("“{url}” is not a server address; write it as "
                         "postgresql://HOST/DATABASE.").format(url=_without_secret(url))) from None
    host = parts.get("host", "localhost")
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"{host}{port}/{parts.get('dbname', '')}"


def user_of(url: str) -> str | None:
    return conninfo_to_dict(url).get("user")


def _without_secret(url: str) -> str:
    head, at, tail = url.rpartition("@")
    if not at:
        return url
    scheme, _sep, credentials = head.partition("://")
    return f"{scheme}://{credentials.split(':')[0]}@{tail}"


def connect(url: str, *, user: str | None = None, password: str | None = None,
            timeout: float = CONNECT_TIMEOUT) -> Connection:
    """An autocommit connection (each step opens its own transaction)."""
    address(url)  # refuses what is not an address, before libpq's own words
    extra = {k: v for k, v in (("user", user), ("password", password)) if v is not None}
    conninfo = make_conninfo(url, connect_timeout=max(1, round(timeout)),
                             application_name="coordinator", **KEEPALIVES, **extra)
    try:
        return psycopg.connect(conninfo, autocommit=True)
    except psycopg.OperationalError as exc:
        raise refusal(exc, url, user) from None


def refusal(exc: psycopg.Error, url: str, user: str | None = None) -> HubError:
    """What a person reads for a failed connection or a link lost mid-sync."""
    where = address(url)
    user = user or user_of(url)
    if getattr(exc, "sqlstate", None) in ("28P01", "28000") or "password" in str(exc):
        return HubRefused(_("The server {server} refused the login {user}: its password is "
                            "wrong, or it was removed from the hub (a laptop is then "
                            "registered again).").format(server=where, user=user or "?"))
    return HubUnreachable(_("The server {server} cannot be reached ({reason}). Everything "
                            "keeps working here; the changes go when it can be reached.")
                          .format(server=where, reason=_reason(exc)))


def _reason(exc: psycopg.Error) -> str:
    # libpq's first line says what failed (refused, timed out, no route) without
    # quoting anything typed; the lines after it repeat it for each address tried.
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


@dataclass(frozen=True)
class Membership:
    """Who the connected device is on the hub."""

    device_id: str
    association_id: uuid.UUID
    association: str


def membership(conn: Connection) -> Membership:
    """The device and association the login role belongs to; HubRefused if none."""
    row = conn.execute(sql.SQL(
        "SELECT d.id::text, a.id, a.name FROM {s}.devices d JOIN {s}.associations a "
        "ON a.id = d.association_id WHERE d.role_name = current_user "
        "AND d.removed_at IS NULL").format(s=sql.Identifier(SCHEMA))).fetchone()
    if row is None:
        raise HubRefused(_("This login is not a device registered on the hub."))
    return Membership(*row)
