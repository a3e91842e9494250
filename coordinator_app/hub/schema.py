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

It is partitioned by association (schema version 2). Reads go through the parent,
whose policies decide what a device sees; its partitions have no row-level
security and grant nothing but INSERT of the pushed columns, each to its own
association's role. That grant, the partition's constraint (its association id)
and the server-filled columns (pusher, sequence, transaction) are the write check,
so a push may COPY straight into its association's partition: PostgreSQL refuses
COPY into a table under row-level security, and the INSERT … SELECT from a staged
copy it needed instead stored rows one by one at nearly twice the time of a COPY.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from psycopg import Connection, sql

from coordinator_app.core.errors import CoordinatorError
from coordinator_app.i18n import _

SCHEMA = "coordinator"
#: 1: one operations table; 2: partitioned by association (init_hub upgrades a 1).
SCHEMA_VERSION = 2
#: LISTEN/NOTIFY channel; its payload is the association id, a wake-up only.
CHANNEL = "coordinator_operations"
VISIBILITIES = ("shared", "private")
#: The columns a device may write; the server fills the rest (sequence, pusher, xid).
PUSHED_COLUMNS = ("origin", "origin_seq", "association_id", "visibility", "payload")
_PUSHED = sql.SQL(", ").join(map(sql.Identifier, PUSHED_COLUMNS))


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

_OPERATIONS = """
-- seq orders what the server stored; xid is the inserting transaction, which a
-- pull reads below the oldest one still in flight (hub.transport). seq comes from a
-- sequence's default, not an identity: a partition inherits a default, and an
-- identity only from PostgreSQL 17 on. A unique key of a partitioned table holds
-- the partition's column, so (origin, origin_seq) is unique within an association's
-- partition; a push looks in the others before it copies (hub.transport).
-- association_id has no foreign key: a key checked per row made a push of 800,000
-- operations markedly slower, and the partitions admit only known associations.
CREATE SEQUENCE {schema}.operations_seq;
CREATE TABLE {schema}.operations (
    seq bigint NOT NULL DEFAULT nextval('{schema}.operations_seq'),
    origin uuid NOT NULL,
    origin_seq bigint NOT NULL CHECK (origin_seq > 0),
    association_id uuid NOT NULL,
    visibility text NOT NULL CHECK (visibility IN ('shared', 'private')),
    payload bytea NOT NULL,
    pushed_by name NOT NULL DEFAULT current_user,
    pushed_at timestamptz NOT NULL DEFAULT now(),
    xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    PRIMARY KEY (origin, origin_seq, association_id)
) PARTITION BY LIST (association_id);
ALTER SEQUENCE {schema}.operations_seq OWNED BY {schema}.operations.seq;
-- the only other index: each one kept up costs every push
CREATE INDEX operations_pull ON {schema}.operations (xid, seq);
"""

#: Each association's partition; only its role may add rows to it, and only the
#: columns a device writes. No SELECT: devices read through the parent's policies.
_PARTITION = """
CREATE TABLE {partition} PARTITION OF {schema}.operations FOR VALUES IN ({association});
REVOKE ALL ON {partition} FROM PUBLIC;
GRANT INSERT ({pushed}) ON {partition} TO {role};
"""

_OPERATIONS_GRANTS = """
GRANT INSERT ({pushed}) ON {schema}.operations TO {devices};
GRANT USAGE ON SEQUENCE {schema}.operations_seq TO {devices};
"""

#: Schema version 1's operations table set aside, its rows readable by its owner.
_SET_ASIDE_V1 = """
ALTER TABLE {schema}.operations NO FORCE ROW LEVEL SECURITY;
ALTER TABLE {schema}.operations RENAME TO operations_v1;
ALTER INDEX {schema}.operations_pkey RENAME TO operations_v1_pkey;
ALTER INDEX {schema}.operations_pull RENAME TO operations_v1_pull;
"""

#: Its rows moved as they were: their sequence and transaction keep pulls' cursors.
_MOVE_V1 = """
INSERT INTO {schema}.operations (seq, origin, origin_seq, association_id, visibility,
                                 payload, pushed_by, pushed_at, xid)
    SELECT seq, origin, origin_seq, association_id, visibility, payload, pushed_by,
           pushed_at, xid FROM {schema}.operations_v1;
SELECT setval('{schema}.operations_seq', max(seq)) FROM {schema}.operations;
DROP TABLE {schema}.operations_v1;
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
GRANT INSERT (sha256, association_id, visibility, content) ON {schema}.attachments TO {devices};
-- Not forced: its owner, the administrator, registers and removes devices, and one
-- who is no superuser (a managed server's) would be refused by the devices' policy.
ALTER TABLE {schema}.devices ENABLE ROW LEVEL SECURITY;
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


def partition(association_id: uuid.UUID) -> sql.Identifier:
    """The partition of the operations table that `association_id`'s devices push into."""
    return sql.Identifier(SCHEMA, f"operations_{association_id.hex}")


def init_hub(conn: Connection, association: str) -> Association:
    """Make the hub's schema and roles if this database has none yet (or bring one
    made by an earlier version up to date), and the association named `association`
    if the hub has none of that name. Idempotent: `hub init` again with another
    name adds a partner association."""
    name = " ".join(association.split())
    if not name:
        raise CoordinatorError(_("--association: the association's name is empty."))
    with conn.transaction():
        if not is_initialised(conn):
            _create(conn)
        else:
            _upgrade(conn)
        found = find_association(conn, name)
        return found if found is not None else _add_association(conn, name)


def _create(conn: Connection) -> None:
    hub_id = uuid.uuid4()
    group = f"coord_hub_{hub_id.hex}"
    database = conn.execute("SELECT current_database()").fetchone()[0]
    devices = sql.Identifier(group)
    conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(devices))
    conn.execute(_compose(_TABLES))
    conn.execute(_compose(_OPERATIONS))
    for table in ("operations", "attachments"):
        conn.execute(_compose(_PER_TABLE, devices=devices,
                              table=sql.Identifier(SCHEMA, table)))
    conn.execute(_compose(_GRANTS, devices=devices, database=sql.Identifier(database)))
    conn.execute(_compose(_OPERATIONS_GRANTS, devices=devices, pushed=_PUSHED))
    conn.execute(sql.SQL("INSERT INTO {}.hub (id, schema_version, device_role) "
                         "VALUES (%s, %s, %s)").format(sql.Identifier(SCHEMA)),
                 (hub_id, SCHEMA_VERSION, group))


def _upgrade(conn: Connection) -> None:
    """Bring a hub made by an earlier version to SCHEMA_VERSION, in the caller's
    transaction: it holds the operations table meanwhile, so a laptop's push or pull
    under way waits for it, or fails and is tried again at its next sync; none sees
    half of it."""
    version = conn.execute(sql.SQL("SELECT schema_version FROM {}.hub FOR UPDATE").format(
        sql.Identifier(SCHEMA))).fetchone()[0]
    if version >= SCHEMA_VERSION:
        return
    devices = sql.Identifier(device_group(conn))
    # 1 → 2: the devices table's security no longer forced on its owner, and the
    # operations table partitioned by association. Its rows are moved before the
    # new table's row-level security is on, and with the old one's no longer forced:
    # an administrator who owns them but is no superuser then reads and writes all.
    conn.execute(_compose("ALTER TABLE {schema}.devices NO FORCE ROW LEVEL SECURITY"))
    conn.execute(_compose(_SET_ASIDE_V1))
    conn.execute(_compose(_OPERATIONS))
    for found in associations(conn):
        _add_partition(conn, found)
    conn.execute(_compose(_MOVE_V1))
    conn.execute(_compose(_PER_TABLE, devices=devices,
                          table=sql.Identifier(SCHEMA, "operations")))
    conn.execute(_compose(_OPERATIONS_GRANTS, devices=devices, pushed=_PUSHED))
    conn.execute(sql.SQL("UPDATE {}.hub SET schema_version = %s").format(
        sql.Identifier(SCHEMA)), (SCHEMA_VERSION,))


def find_association(conn: Connection, name: str) -> Association | None:
    row = conn.execute(sql.SQL("SELECT id, name, role_name FROM {}.associations "
                               "WHERE name = %s").format(sql.Identifier(SCHEMA)),
                       (" ".join(name.split()),)).fetchone()
    return Association(*row) if row else None


def associations(conn: Connection) -> list[Association]:
    return [Association(*row) for row in conn.execute(sql.SQL(
        "SELECT id, name, role_name FROM {}.associations ORDER BY created_at, id").format(
        sql.Identifier(SCHEMA)))]


def _add_association(conn: Connection, name: str) -> Association:
    made = Association(uuid.uuid4(), name, "")
    role = f"coord_assoc_{made.id.hex}"
    conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))
    conn.execute(sql.SQL("INSERT INTO {}.associations (id, name, role_name) "
                         "VALUES (%s, %s, %s)").format(sql.Identifier(SCHEMA)),
                 (made.id, name, role))
    made = Association(made.id, name, role)
    _add_partition(conn, made)
    return made


def _add_partition(conn: Connection, association: Association) -> None:
    conn.execute(_compose(_PARTITION, partition=partition(association.id),
                          association=sql.Literal(str(association.id)),
                          role=sql.Identifier(association.role), pushed=_PUSHED))
