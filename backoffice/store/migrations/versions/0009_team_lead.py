"""The team lead's tables: administration audit trail, absences, four-eyes approvals

``admin_events`` records changes to installation-wide settings (the staff-council policy
of the team figures first); ``absences`` and ``absence_moves`` hold who is away, their
deputy, and which cases moved because of it (to give them back); ``approvals`` the
transitions that wait for a second person. ``ix_case_events_at``, ``ix_cases_closed`` and
``ix_cases_open_figures`` let the team figures read the events and closings of a period and
the open cases from indexes, without reading the wide case rows.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from backoffice.store.types import JSONType, UTCDateTime

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def _moment(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, UTCDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "admin_events",
        sa.Column("id", sa.Integer(), nullable=False),
        _moment("at"),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("payload", JSONType, nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"], name="fk_admin_events_actor_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_admin_events"),
    )
    op.create_table(
        "absences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("deputy_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        _moment("created_at"),
        _moment("cancelled_at", nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_absences_user_id_users"),
        sa.ForeignKeyConstraint(["deputy_id"], ["users.id"], name="fk_absences_deputy"),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name="fk_absences_created_by"),
        sa.PrimaryKeyConstraint("id", name="pk_absences"),
    )
    op.create_index("ix_absences_user_days", "absences", ["user_id", "last_day"])
    op.create_table(
        "absence_moves",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("absence_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("to_user_id", sa.Integer(), nullable=False),
        _moment("moved_at"),
        _moment("given_back_at", nullable=True),
        sa.ForeignKeyConstraint(
            ["absence_id"],
            ["absences.id"],
            name="fk_absence_moves_absence_id_absences",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name="fk_absence_moves_case_id_cases", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["to_user_id"], ["users.id"], name="fk_absence_moves_to_user_id_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_absence_moves"),
        sa.UniqueConstraint("absence_id", "case_id", name="uq_absence_moves_absence_id"),
    )
    op.create_table(
        "approvals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=30), nullable=False),
        sa.Column("target", sa.String(length=30), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("requested_by_id", sa.Integer(), nullable=False),
        _moment("requested_at"),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        _moment("decided_at", nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name="fk_approvals_case_id_cases", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"], ["users.id"], name="fk_approvals_requested_by_id_users"
        ),
        sa.ForeignKeyConstraint(["decided_by_id"], ["users.id"], name="fk_approvals_decided_by"),
        sa.PrimaryKeyConstraint("id", name="pk_approvals"),
    )
    op.create_index("ix_approvals_state_case", "approvals", ["state", "case_id"])
    op.create_index("ix_case_events_at", "case_events", ["at"])
    op.create_index("ix_cases_closed", "cases", ["closed_at", "service_key"])
    op.create_index(
        "ix_cases_open_figures",
        "cases",
        ["status", "service_key", "received_at", "due_date", "assignee_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_cases_open_figures", table_name="cases")
    op.drop_index("ix_cases_closed", table_name="cases")
    op.drop_index("ix_case_events_at", table_name="case_events")
    op.drop_index("ix_approvals_state_case", table_name="approvals")
    op.drop_table("approvals")
    op.drop_table("absence_moves")
    op.drop_index("ix_absences_user_days", table_name="absences")
    op.drop_table("absences")
    op.drop_table("admin_events")
