"""change notifications for the team lead's and the administration's tables (PostgreSQL);
the newest-first index covers status and due date (the overdue page)

Migration 0005's trigger function (``backoffice_notify_change``: one notification on
``backoffice_changes`` per transaction and table, with the table's name) now also fires for
the tables of 0009 and 0010 that other desktops show: absences and the cases they moved,
four-eyes approvals, the administration trail, deletion records, and the users (the team
figures count staff and absences; a new or deactivated user changes them).

The read log (0010) stays silent on purpose: every opening of a case writes to it, and each
notification makes every desktop's inbox read its page again.

``ix_cases_received`` (received, id) becomes ``ix_cases_received_covering`` (received, id,
status, due date): the inbox's overdue page, newest first, finds its ids in the index alone
(services/queries.py page_query). At 1,000,000 cases it skipped ≈ 15,000 cases not due yet
row by row: 31 ms in the server (≈ 190 ms in the window under load), now 1 ms.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None

TABLES = (
    "absences",
    "absence_moves",
    "approvals",
    "admin_events",
    "deletion_records",
    "users",
)


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(
            "ix_cases_received_covering", ["received_at", "id", "status", "due_date"], unique=False
        )
        batch_op.drop_index("ix_cases_received")
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_notify_change AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION backoffice_notify_change()"
        )


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index("ix_cases_received", ["received_at", "id"], unique=False)
        batch_op.drop_index("ix_cases_received_covering")
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_notify_change ON {table}")
