"""sync operations: every field change as an operation that laptops exchange

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01

Frozen: the tables as they were made on this day. `sync_operations` holds every
operation, made here or received (origin device, origin sequence, hybrid logical
clock, kind, record, field, value, bases); `sync_heads` the current versions of
each field; `sync_peers` the other laptops of the association and what each has
seen; `sync_state` this copy's clock. Edits made before this revision are not
operations yet: the first start after it turns each live record into one creating
operation (coordinator_app.sync.record.seed), so nothing made earlier is left out.
"""
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""CREATE TABLE sync_operations (
        origin VARCHAR(36) NOT NULL,
        seq INTEGER NOT NULL,
        hlc INTEGER NOT NULL,
        kind VARCHAR(30) NOT NULL,
        record_id VARCHAR(36) NOT NULL,
        field VARCHAR(60) NOT NULL,
        value TEXT,
        bases TEXT NOT NULL,
        known INTEGER NOT NULL,
        CONSTRAINT pk_sync_operations PRIMARY KEY (origin, seq))""")
    op.execute("CREATE INDEX ix_sync_operations_record ON sync_operations (kind, record_id)")
    op.execute("CREATE INDEX ix_sync_operations_known ON sync_operations (known)")
    op.execute("""CREATE TABLE sync_heads (
        kind VARCHAR(30) NOT NULL,
        record_id VARCHAR(36) NOT NULL,
        field VARCHAR(60) NOT NULL,
        origin VARCHAR(36) NOT NULL,
        seq INTEGER NOT NULL,
        CONSTRAINT pk_sync_heads PRIMARY KEY (kind, record_id, field, origin, seq))""")
    op.execute("""CREATE TABLE sync_peers (
        key_id VARCHAR(64) NOT NULL,
        name VARCHAR(200) NOT NULL,
        sign_key BLOB NOT NULL,
        box_key BLOB NOT NULL,
        seen TEXT NOT NULL,
        seen_hlc INTEGER NOT NULL,
        device_id VARCHAR(36),
        last_received_at DATETIME,
        last_sent_at DATETIME,
        clock_off_ms INTEGER,
        CONSTRAINT pk_sync_peers PRIMARY KEY (key_id))""")
    op.execute("""CREATE TABLE sync_state (
        name VARCHAR(60) NOT NULL,
        value TEXT,
        CONSTRAINT pk_sync_state PRIMARY KEY (name))""")


def downgrade() -> None:
    for table in ("sync_state", "sync_peers", "sync_heads", "sync_operations"):
        op.execute(f"DROP TABLE {table}")
