"""Clinician accounts, command tokens, and the audit trail as a hash chain.

Existing audit rows are chained in the order they were written, so a database from an older
release passes `db check` after the upgrade and any later edit of those rows shows.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from planner.store.audit_chain import GENESIS, HEAD_ID, row_hash

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs: rebuilding the clinician table on SQLite would fire the SET NULL of
    # every assessment and programme that names a clinician.
    op.add_column("clinician", sa.Column("username", sa.String(length=100), nullable=True))
    op.add_column("clinician", sa.Column("password_hash", sa.String(length=200), nullable=True))
    op.add_column(
        "clinician",
        sa.Column("is_admin", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_clinician_username", "clinician", ["username"], unique=True)

    op.create_table(
        "access_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clinician_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["clinician_id"],
            ["clinician.id"],
            name=op.f("fk_access_token_clinician_id_clinician"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_access_token_token_hash")),
    )
    op.create_index(
        op.f("ix_access_token_clinician_id"), "access_token", ["clinician_id"], unique=False
    )

    op.create_table(
        "audit_chain",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain")),
    )

    with op.batch_alter_table("audit_event") as batch:
        batch.add_column(sa.Column("client_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("hash", sa.String(length=64), nullable=True))

    bind = op.get_bind()
    names = ("id", "clinician_id", "workstation", "entity", "entity_id", "action", "version")
    names += ("client_id", "seq", "prev_hash", "hash")
    audit = sa.table(
        "audit_event",
        *(sa.column(name) for name in names),
        sa.column("fields", sa.JSON()),
        sa.column("at", sa.DateTime(timezone=True)),
    )
    prev, seq = GENESIS, 0
    for row in bind.execute(sa.select(audit).order_by(audit.c.id)).all():
        seq += 1
        digest = row_hash(seq, prev, row)
        bind.execute(
            audit.update().where(audit.c.id == row.id).values(seq=seq, prev_hash=prev, hash=digest)
        )
        prev = digest
    bind.execute(
        sa.table("audit_chain", sa.column("id"), sa.column("seq"), sa.column("last_hash"))
        .insert()
        .values(id=HEAD_ID, seq=seq, last_hash=prev)
    )

    with op.batch_alter_table("audit_event") as batch:
        batch.alter_column("seq", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column("hash", existing_type=sa.String(length=64), nullable=False)
        batch.create_index("ix_audit_event_seq", ["seq"], unique=True)
        batch.create_index("ix_audit_event_client_id", ["client_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("audit_event") as batch:
        batch.drop_index("ix_audit_event_client_id")
        batch.drop_index("ix_audit_event_seq")
        batch.drop_column("hash")
        batch.drop_column("prev_hash")
        batch.drop_column("seq")
        batch.drop_column("client_id")
    op.drop_table("audit_chain")
    op.drop_index(op.f("ix_access_token_clinician_id"), table_name="access_token")
    op.drop_table("access_token")
    op.drop_index("ix_clinician_username", table_name="clinician")
    op.drop_column("clinician", "is_admin")
    op.drop_column("clinician", "password_hash")
    op.drop_column("clinician", "username")
