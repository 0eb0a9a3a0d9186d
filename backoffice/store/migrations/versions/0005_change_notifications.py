"""PostgreSQL: tell the other desktops when cases change (LISTEN/NOTIFY)

Every statement that writes cases, their history, documents, notices, intake
records, outbox messages or sync states sends one notification on the channel
``backoffice_changes`` with the table's name; PostgreSQL delivers it when the transaction commits,
once per transaction and table. Desktops listening refresh their inbox at once
instead of at their next poll (store/changes.py). SQLite desktops poll.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None

CHANNEL = "backoffice_changes"  # the same as backoffice.store.changes.CHANNEL (a test checks)
TABLES = (
    "cases",
    "case_events",
    "documents",
    "notices",
    "submissions",
    "outbox_messages",
    "sync_states",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"""
        CREATE FUNCTION backoffice_notify_change() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME);
            RETURN NULL;
        END
        $$
        """
    )
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_notify_change AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION backoffice_notify_change()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_notify_change ON {table}")
    op.execute("DROP FUNCTION IF EXISTS backoffice_notify_change()")
