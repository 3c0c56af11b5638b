"""Alembic migration scripts, applied in-process by planner.store.migrate.

REVISIONS lists every script, oldest first, so start-up can tell "up to date" and "written by
a newer release" without loading Alembic; a test fails if a script is added without listing it.
"""

REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006")
HEAD_REVISION = REVISIONS[-1]
