"""Alembic environment: runs on the connection pinagent hands over (see store.db.Database.upgrade)."""

from __future__ import annotations

from alembic import context

from pinagent.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations with `pinagent db upgrade`; it provides the database connection.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
