"""Device registration on the hub: one login role per laptop, made and revoked by
the administrator's connection (`coordinator hub add-device` / `remove-device`)."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass

from psycopg import Connection, sql

from coordinator_app.core.errors import CoordinatorError
from coordinator_app.hub.schema import SCHEMA, device_group, find_association, is_initialised
from coordinator_app.i18n import _


@dataclass(frozen=True)
class Registration:
    """What a laptop needs to log in: its role and password (shown once)."""

    device_id: str
    role: str
    password: str
    association: str


def device_role(device_id: str) -> str:
    return f"coord_dev_{_device_uuid(device_id).hex}"


def _device_uuid(device_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(device_id)
    except ValueError:
        raise CoordinatorError(_("--device: “{value}” is not a device id (a UUID, "
                                 "as `coordinator sync status` prints it).")
                               .format(value=device_id)) from None


def _require_hub(conn: Connection) -> None:
    if not is_initialised(conn):
        raise CoordinatorError(_("This database is not a Coordinator hub yet: run "
                                 "`coordinator hub init` first."))


def add_device(conn: Connection, association: str, device_id: str) -> Registration:
    """Make the login role of `device_id` in `association` with a new password."""
    role = device_role(device_id)
    _require_hub(conn)
    found = find_association(conn, association)
    if found is None:
        raise CoordinatorError(_("--association: the hub has no association “{name}”; "
                                 "`coordinator hub init --association` adds one.")
                               .format(name=association))
    password = secrets.token_urlsafe(24)
    with conn.transaction():
        known = conn.execute(sql.SQL("SELECT removed_at IS NULL FROM {}.devices WHERE id = %s")
                             .format(sql.Identifier(SCHEMA)), (device_id,)).fetchone()
        if known and known[0]:
            raise CoordinatorError(_("The device {device} is already registered on this "
                                     "hub; remove it first to register it again.")
                                   .format(device=device_id))
        identifier = sql.Identifier(role)
        # a device removed before keeps its role, without login or membership
        existing = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        conn.execute(sql.SQL("{} ROLE {} LOGIN PASSWORD {}").format(
            sql.SQL("ALTER" if existing else "CREATE"), identifier, sql.Literal(password)))
        conn.execute(sql.SQL("GRANT {}, {} TO {}").format(
            sql.Identifier(device_group(conn)), sql.Identifier(found.role), identifier))
        conn.execute(sql.SQL(
            "INSERT INTO {}.devices (id, association_id, role_name) VALUES (%s, %s, %s) "
            "ON CONFLICT (id) DO UPDATE SET association_id = excluded.association_id, "
            "added_at = now(), removed_at = NULL").format(sql.Identifier(SCHEMA)),
            (device_id, found.id, role))
    return Registration(device_id, role, password, found.name)


def remove_device(conn: Connection, device_id: str) -> None:
    """Revoke the device's role: no login, no membership, its sessions ended. What it
    pushed stays (the operations are append-only)."""
    role = device_role(device_id)
    _require_hub(conn)
    with conn.transaction():
        row = conn.execute(sql.SQL("UPDATE {}.devices SET removed_at = now() WHERE id = %s "
                                   "AND removed_at IS NULL RETURNING association_id")
                           .format(sql.Identifier(SCHEMA)), (device_id,)).fetchone()
        if row is None:
            raise CoordinatorError(_("The device {device} is not registered on this hub.")
                                   .format(device=device_id))
        association_role = conn.execute(sql.SQL(
            "SELECT role_name FROM {}.associations WHERE id = %s").format(
            sql.Identifier(SCHEMA)), (row[0],)).fetchone()[0]
        identifier = sql.Identifier(role)
        conn.execute(sql.SQL("REVOKE {}, {} FROM {}").format(
            sql.Identifier(device_group(conn)), sql.Identifier(association_role), identifier))
        conn.execute(sql.SQL("ALTER ROLE {} NOLOGIN PASSWORD NULL").format(identifier))
    conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s",
                 (role,))
