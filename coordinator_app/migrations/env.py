"""Alembic environment: always driven from coordinator_app.core.store.migrate with a connection."""

from alembic import context

from coordinator_app.core.records.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
