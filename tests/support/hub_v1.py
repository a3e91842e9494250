"""A hub as schema version 1 made it (one operations table, before partitions by
association), frozen here so that the tests can upgrade one: its SQL as that version
ran it, never today's."""

from __future__ import annotations

import uuid

from psycopg import Connection, sql

SCHEMA = "coordinator"
PUSHED_COLUMNS = ("origin", "origin_seq", "association_id", "visibility", "payload")

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


def create(conn: Connection) -> None:
    """Version 1's tables, roles and policies, with no association yet."""
    hub_id = uuid.uuid4()
    group = f"coord_hub_{hub_id.hex}"
    database = conn.execute("SELECT current_database()").fetchone()[0]
    devices = sql.Identifier(group)
    with conn.transaction():
        conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(devices))
        conn.execute(_compose(_TABLES))
        for table in ("operations", "attachments"):
            conn.execute(_compose(_PER_TABLE, devices=devices,
                                  table=sql.Identifier(SCHEMA, table)))
        conn.execute(_compose(_GRANTS, devices=devices, database=sql.Identifier(database),
                              pushed=sql.SQL(", ").join(map(sql.Identifier, PUSHED_COLUMNS))))
        conn.execute(sql.SQL("INSERT INTO {}.hub (id, schema_version, device_role) "
                             "VALUES (%s, 1, %s)").format(sql.Identifier(SCHEMA)),
                     (hub_id, group))


def add_association(conn: Connection, name: str) -> None:
    """An association as version 1 added it: a role and a row, no partition."""
    made = uuid.uuid4()
    role = f"coord_assoc_{made.hex}"
    with conn.transaction():
        conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))
        conn.execute(sql.SQL("INSERT INTO {}.associations (id, name, role_name) "
                             "VALUES (%s, %s, %s)").format(sql.Identifier(SCHEMA)),
                     (made, name, role))
