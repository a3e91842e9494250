"""The hub's tables, roles and row-level security, made by `coordinator hub init`.

Roles, all made by the administrator's connection:
- one group role per hub (`coord_hub_…`): the privileges every device has;
- one role per association (`coord_assoc_…`, no login): membership in it is what
  the row-level security asks about, with `pg_has_role`, never a setting the
  client could choose;
- one login role per device (`coord_dev_…`, hub.devices), a member of both.

The operations table is append-only (no UPDATE or DELETE privilege, and a trigger
that refuses them even to its owner) and FORCEs row-level security, so that even
a non-superuser owner reads only through the policies.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from psycopg import Connection, sql

from coordinator_app.core.errors import CoordinatorError
from coordinator_app.i18n import _

SCHEMA = "coordinator"
SCHEMA_VERSION = 1
#: LISTEN/NOTIFY channel; its payload is the association id, a wake-up only.
CHANNEL = "coordinator_operations"
VISIBILITIES = ("shared", "private")
#: The columns a device may write; the server fills the rest (sequence, pusher, xid).
PUSHED_COLUMNS = ("origin", "origin_seq", "association_id", "visibility", "payload")


@dataclass(frozen=True)
class Association:
    id: uuid.UUID
    name: str
    role: str


_TABLES = """
CREATE SCHEMA {schema};
CREATE TABLE {schema}.hub (
    id uuid PRIMARY KEY,
    schema_version integer NOT NULL,
    device_role name NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE {schema}.associations (
    id uuid PRIMARY KEY,
    name text NOT NULL UNIQUE CHECK (length(btrim(name)) > 0),
    role_name name NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE {schema}.devices (
    id uuid PRIMARY KEY,
    association_id uuid NOT NULL REFERENCES {schema}.associations,
    role_name name NOT NULL UNIQUE,
    added_at timestamptz NOT NULL DEFAULT now(),
    removed_at timestamptz
);
-- seq orders what the server stored; xid is the inserting transaction, which a
-- pull reads below the oldest one still in flight (hub.transport). association_id
-- has no foreign key: the write policy already admits only the pusher's own
-- associations (and none is ever removed), and a key checked per row made a push
-- of 800,000 operations markedly slower.
CREATE TABLE {schema}.operations (
    seq bigint GENERATED ALWAYS AS IDENTITY,
    origin uuid NOT NULL,
    origin_seq bigint NOT NULL CHECK (origin_seq > 0),
    association_id uuid NOT NULL,
    visibility text NOT NULL CHECK (visibility IN ('shared', 'private')),
    payload bytea NOT NULL,
    pushed_by name NOT NULL DEFAULT current_user,
    pushed_at timestamptz NOT NULL DEFAULT now(),
    xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    PRIMARY KEY (origin, origin_seq)
);
-- the only other index: each one kept up costs every push
CREATE UNIQUE INDEX operations_pull ON {schema}.operations (xid, seq);
CREATE TABLE {schema}.attachments (
    sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{{64}}$'),
    association_id uuid NOT NULL,
    visibility text NOT NULL CHECK (visibility IN ('shared', 'private')),
    content bytea NOT NULL,
    pushed_by name NOT NULL DEFAULT current_user,
    pushed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sha256, association_id)
);
CREATE FUNCTION {schema}.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the table % of the hub is append-only', TG_TABLE_NAME;
END $$;
-- The associations the connected role is a member of, by role membership only.
CREATE FUNCTION {schema}.my_associations() RETURNS SETOF uuid
    LANGUAGE sql STABLE AS $$
    SELECT id FROM {schema}.associations WHERE pg_has_role(current_user, role_name, 'MEMBER')
$$;
"""

_PER_TABLE = """
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {schema}.refuse_change();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION {schema}.refuse_change();
ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
CREATE POLICY read_shared_or_own ON {table} FOR SELECT TO {devices}
    USING (visibility = 'shared' OR association_id IN (SELECT {schema}.my_associations()));
CREATE POLICY write_as_own ON {table} FOR INSERT TO {devices}
    WITH CHECK (pushed_by = current_user
                AND association_id IN (SELECT {schema}.my_associations()));
GRANT SELECT ON {table} TO {devices};
"""

_GRANTS = """
REVOKE ALL ON DATABASE {database} FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE {database} TO {devices};
REVOKE ALL ON SCHEMA {schema} FROM PUBLIC;
GRANT USAGE ON SCHEMA {schema} TO {devices};
REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA {schema} FROM PUBLIC;
GRANT EXECUTE ON FUNCTION {schema}.my_associations() TO {devices};
GRANT SELECT ON {schema}.hub, {schema}.associations TO {devices};
GRANT INSERT ({pushed}) ON {schema}.operations TO {devices};
GRANT INSERT (sha256, association_id, visibility, content) ON {schema}.attachments TO {devices};
ALTER TABLE {schema}.devices ENABLE ROW LEVEL SECURITY;
ALTER TABLE {schema}.devices FORCE ROW LEVEL SECURITY;
CREATE POLICY own_association ON {schema}.devices FOR SELECT TO {devices}
    USING (association_id IN (SELECT {schema}.my_associations()));
GRANT SELECT ON {schema}.devices TO {devices};
"""


def _compose(template: str, **names: sql.Composable) -> sql.Composed:
    return sql.SQL(template).format(schema=sql.Identifier(SCHEMA), **names)


def is_initialised(conn: Connection) -> bool:
    return conn.execute("SELECT to_regclass(%s) IS NOT NULL",
                        (f"{SCHEMA}.hub",)).fetchone()[0]


def device_group(conn: Connection) -> str:
    """The hub's group role, which every device role is a member of."""
    row = conn.execute(sql.SQL("SELECT device_role FROM {}.hub").format(
        sql.Identifier(SCHEMA))).fetchone()
    return row[0]


def init_hub(conn: Connection, association: str) -> Association:
    """Make the hub's schema and roles if this database has none yet, and the
    association named `association` if the hub has none of that name. Idempotent:
    `hub init` again with another name adds a partner association."""
    name = " ".join(association.split())
    if not name:
        raise CoordinatorError(_("--association: the association's name is empty."))
    with conn.transaction():
        if not is_initialised(conn):
            _create(conn)
        found = find_association(conn, name)
        return found if found is not None else _add_association(conn, name)


def _create(conn: Connection) -> None:
    hub_id = uuid.uuid4()
    group = f"coord_hub_{hub_id.hex}"
    database = conn.execute("SELECT current_database()").fetchone()[0]
    devices = sql.Identifier(group)
    conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(devices))
    conn.execute(_compose(_TABLES))
    for table in ("operations", "attachments"):
        conn.execute(_compose(_PER_TABLE, devices=devices,
                              table=sql.Identifier(SCHEMA, table)))
    conn.execute(_compose(_GRANTS, devices=devices, database=sql.Identifier(database),
                          pushed=sql.SQL(", ").join(map(sql.Identifier, PUSHED_COLUMNS))))
    conn.execute(sql.SQL("INSERT INTO {}.hub (id, schema_version, device_role) "
                         "VALUES (%s, %s, %s)").format(sql.Identifier(SCHEMA)),
                 (hub_id, SCHEMA_VERSION, group))


def find_association(conn: Connection, name: str) -> Association | None:
    row = conn.execute(sql.SQL("SELECT id, name, role_name FROM {}.associations "
                               "WHERE name = %s").format(sql.Identifier(SCHEMA)),
                       (" ".join(name.split()),)).fetchone()
    return Association(*row) if row else None


def _add_association(conn: Connection, name: str) -> Association:
    made = Association(uuid.uuid4(), name, "")
    role = f"coord_assoc_{made.id.hex}"
    conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))
    conn.execute(sql.SQL("INSERT INTO {}.associations (id, name, role_name) "
                         "VALUES (%s, %s, %s)").format(sql.Identifier(SCHEMA)),
                 (made.id, name, role))
    return Association(made.id, name, role)
