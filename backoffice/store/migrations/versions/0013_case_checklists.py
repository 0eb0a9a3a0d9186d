"""case checklists: which checklist items of the template a clerk ticked on a case

One row per ticked item (who, when); unticking deletes the row. The case's history
(``checklist_ticked`` / ``checklist_unticked`` events) keeps every tick and untick.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import backoffice.store.types

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_checklist_ticks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=63), nullable=False),
        sa.Column("ticked_at", backoffice.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ticked_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_case_checklist_ticks_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["ticked_by_id"], ["users.id"], name=op.f("fk_case_checklist_ticks_ticked_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_checklist_ticks")),
        sa.UniqueConstraint("case_id", "item_key", name=op.f("uq_case_checklist_ticks_case_id")),
    )


def downgrade() -> None:
    op.drop_table("case_checklist_ticks")
