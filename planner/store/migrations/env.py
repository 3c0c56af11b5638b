"""Alembic environment: always handed a live connection by planner.store.migrate.

The app never reads an alembic.ini; migrations run in-process at start-up, in the same
connection the check used, so what was checked is what gets upgraded.
"""

from __future__ import annotations

from alembic import context

from planner.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs the alembic CLI by hand
    raise RuntimeError("run migrations through 'physio-planner db upgrade'")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
