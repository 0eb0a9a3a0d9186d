"""Alembic environment: runs on the connection that backoffice.store.migrate hands over."""

from __future__ import annotations

from alembic import context

from backoffice.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - we never run alembic's CLI against a URL
    raise RuntimeError("run migrations through `backoffice db upgrade`")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
