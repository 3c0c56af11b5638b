"""Alembic migration scripts, applied in-process by planner.store.database.

HEAD_REVISION names the newest script so start-up can tell "up to date" without loading
Alembic; a test fails if a new script is added without updating it.
"""

HEAD_REVISION = "0005"
