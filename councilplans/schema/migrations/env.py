"""Alembic environment: run against the connection councilplans hands over.

Batch mode lets SQLite alter tables (it rewrites them), so one migration serves SQLite and
PostgreSQL alike.
"""

from __future__ import annotations

from alembic import context

from councilplans.schema.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the programmatic path is supported
    raise RuntimeError("run migrations through councilplans (councilplans db upgrade)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
