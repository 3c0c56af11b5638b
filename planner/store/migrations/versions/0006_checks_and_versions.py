"""Clinical ranges and codes as CHECK constraints; versions on session logs and clinic photos;
clinic exercises can be archived.

Session logs and photos were the records whose later write silently won: a version column lets
every save name the version it started from, like clients and programmes already do. A clinic
exercise that programmes use is archived instead of deleted.

On SQLite each table is rebuilt (batch mode) inside the migration's one transaction, with
foreign keys off for its duration (see planner.store.migrate), so a rebuilt parent table never
cascades into its children. Rows that break a new constraint stop the migration and leave the
database as it was.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Frozen copies of the ranges at the time of this migration (the models derive theirs from
# the pydantic models; a later change of range gets a migration of its own). Only ranges every
# earlier release already enforced on the way in, so no existing database fails to take them.
_CHECKS: dict[str, list[tuple[str, str]]] = {
    "clinic_settings": [("one_row", "id = 1"), ("version", "version >= 1")],
    "client": [
        ("sex", "sex IS NULL OR sex IN ('female', 'male', 'other', 'unspecified')"),
        ("version", "version >= 1"),
    ],
    "assessment": [("version", "version >= 1")],
    "programme": [
        ("status", "status IN ('draft', 'active', 'finished')"),
        ("version", "version >= 1"),
    ],
    "programme_phase": [("weeks", "weeks BETWEEN 1 AND 104"), ("position", "position >= 0")],
    "programme_item": [("position", "position >= 0")],
    "session_log": [
        ("status", "status IN ('done', 'partial', 'skipped')"),
        ("pain_during", "pain_during IS NULL OR pain_during BETWEEN 0 AND 10"),
        ("pain_next_morning", "pain_next_morning IS NULL OR pain_next_morning BETWEEN 0 AND 10"),
        ("rpe", "rpe IS NULL OR rpe BETWEEN 0 AND 10"),
        ("version", "version >= 1"),
    ],
    "custom_exercise": [("version", "version >= 1")],
    "exercise_media": [
        ("mime", "mime IN ('image/png', 'image/jpeg')"),
        ("version", "version >= 1"),
    ],
}
_NEW_VERSION_COLUMNS = ("session_log", "exercise_media")


def upgrade() -> None:
    for table, checks in _CHECKS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            if table in _NEW_VERSION_COLUMNS:
                batch_op.add_column(
                    sa.Column("version", sa.Integer(), nullable=False, server_default="1")
                )
            if table == "custom_exercise":
                batch_op.add_column(
                    sa.Column("archived", sa.Boolean(), nullable=False, server_default=sa.false())
                )
            for name, condition in checks:
                batch_op.create_check_constraint(op.f(f"ck_{table}_{name}"), condition)


def downgrade() -> None:
    for table, checks in reversed(_CHECKS.items()):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, _condition in checks:
                batch_op.drop_constraint(op.f(f"ck_{table}_{name}"), type_="check")
            if table in _NEW_VERSION_COLUMNS:
                batch_op.drop_column("version")
            if table == "custom_exercise":
                batch_op.drop_column("archived")
