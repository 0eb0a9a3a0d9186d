"""quarantine: submissions intake could not decide on, held until retried

A failure of ours while taking in one submission (the decision cannot be signed,
the database refuses a value, the machine runs out of memory) must neither stop
the sync nor blame the citizen with a rejection. The submission is held: its
record in ``submissions`` (outcome "quarantined") keeps every desktop's sync
from taking it again, and this table says what went wrong, how often, and who
asked for a retry.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import backoffice.store.types

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "quarantine_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.String(length=36), nullable=False),
        sa.Column("portal_case_id", sa.String(length=36), nullable=False),
        sa.Column("destination_id", sa.String(length=36), nullable=False),
        sa.Column("service_identifier", sa.String(length=255), nullable=True),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column(
            "first_held_at", backoffice.store.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("held_at", backoffice.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column(
            "retry_requested_at", backoffice.store.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("retry_requested_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["retry_requested_by_id"],
            ["users.id"],
            name=op.f("fk_quarantine_entries_retry_requested_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quarantine_entries")),
        sa.UniqueConstraint("submission_id", name=op.f("uq_quarantine_entries_submission_id")),
    )
    with op.batch_alter_table("quarantine_entries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_quarantine_entries_state_held", ["state", "held_at"], unique=False
        )
    if op.get_bind().dialect.name == "postgresql":  # as in 0005: other desktops refresh
        op.execute(
            "CREATE TRIGGER quarantine_entries_notify_change AFTER INSERT OR UPDATE OR DELETE "
            "ON quarantine_entries FOR EACH STATEMENT EXECUTE FUNCTION backoffice_notify_change()"
        )


def downgrade() -> None:
    # Without the quarantine nobody could release what it holds: the earlier version takes
    # those submissions in again.
    op.execute("DELETE FROM submissions WHERE outcome = 'quarantined'")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS quarantine_entries_notify_change ON quarantine_entries")
    with op.batch_alter_table("quarantine_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_quarantine_entries_state_held")
    op.drop_table("quarantine_entries")
