"""Clinician-made exercises and the clinic's own exercise photos.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "custom_exercise",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custom_exercise")),
        sa.UniqueConstraint("code", name=op.f("uq_custom_exercise_code")),
    )

    op.create_table(
        "exercise_media",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exercise_code", sa.String(length=64), nullable=False),
        sa.Column("mime", sa.String(length=30), nullable=False),
        sa.Column("image", sa.LargeBinary(), nullable=False),
        sa.Column("use_instead_of_figure", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exercise_media")),
        sa.UniqueConstraint("exercise_code", name=op.f("uq_exercise_media_exercise_code")),
    )


def downgrade() -> None:
    op.drop_table("exercise_media")
    op.drop_table("custom_exercise")
