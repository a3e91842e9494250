"""Helpers for the hub's tests: an administrator's connection, associations and
registered devices, each device connecting as its own non-superuser login role."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from coordinator_app.hub import connection, devices, schema
from coordinator_app.hub.transport import HubOperation


@dataclass
class Device:
    device_id: str
    role: str
    password: str
    url: str
    association_id: uuid.UUID

    def connect(self):
        return connection.connect(self.url, user=self.role, password=self.password)


def admin(url: str):
    return connection.connect(url)


def association(admin_url: str, name: str) -> schema.Association:
    with admin(admin_url) as conn:
        return schema.init_hub(conn, name)


def register(admin_url: str, association_name: str, device_id: str | None = None) -> Device:
    device_id = device_id or str(uuid.uuid4())
    with admin(admin_url) as conn:
        made = devices.add_device(conn, association_name, device_id)
        found = schema.find_association(conn, association_name)
    return Device(device_id, made.role, made.password, _device_url(admin_url), found.id)


def _device_url(admin_url: str) -> str:
    """The server's address without the administrator's name and password."""
    scheme, _, rest = admin_url.partition("://")
    return f"{scheme}://{rest.rpartition('@')[2]}"


def operations(origin: str, first: int, count: int, visibility: str = "shared",
               size: int = 24) -> list[HubOperation]:
    return [HubOperation(origin, seq, f"{origin[:8]}:{seq}:".encode().ljust(size, b"."),
                         visibility) for seq in range(first, first + count)]


def non_superuser_owner(admin_url: str) -> str:
    """The address of a new administrator who owns the database and may make roles but
    is no superuser, as on a managed server."""
    from psycopg import sql

    owner = f"office_admin_{uuid.uuid4().hex[:8]}"
    with admin(admin_url) as conn:
        database = conn.execute("SELECT current_database()").fetchone()[0]
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN CREATEROLE PASSWORD 'office'").format(
            sql.Identifier(owner)))
        conn.execute(sql.SQL("ALTER DATABASE {} OWNER TO {}").format(
            sql.Identifier(database), sql.Identifier(owner)))
    return f"postgresql://{owner}:office@{_device_url(admin_url).partition('://')[2]}"
