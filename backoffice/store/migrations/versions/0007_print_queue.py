"""Letters in a print queue: when a letter was printed, and by whom

A status message to a citizen without a digital channel becomes a letter PDF (a document
of kind "letter", made by the outbox's postal handler). It waits in the print queue until
a clerk prints it; ``printed_at`` and ``printed_by_id`` record that. ``outbox_message_id``
names the message the letter carries, so that the case shows which message went by post.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import backoffice.store.types

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "documents",
        sa.Column("printed_at", backoffice.store.types.UTCDateTime(timezone=True), nullable=True),
    )
    if op.get_bind().dialect.name == "sqlite":
        # SQLite adds a nullable column with a REFERENCES clause in place (Alembic would copy
        # the whole table in batch mode, attachments included).
        op.execute(
            "ALTER TABLE documents ADD COLUMN printed_by_id INTEGER "
            "CONSTRAINT fk_documents_printed_by REFERENCES users (id)"
        )
        op.execute(
            "ALTER TABLE documents ADD COLUMN outbox_message_id INTEGER "
            "CONSTRAINT fk_documents_outbox_message REFERENCES outbox_messages (id)"
        )
    else:
        op.add_column("documents", sa.Column("printed_by_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            "fk_documents_printed_by", "documents", "users", ["printed_by_id"], ["id"]
        )
        op.add_column("documents", sa.Column("outbox_message_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            "fk_documents_outbox_message",
            "documents",
            "outbox_messages",
            ["outbox_message_id"],
            ["id"],
        )
    op.create_index("ix_documents_print_queue", "documents", ["kind", "printed_at"])


def downgrade() -> None:
    op.drop_index("ix_documents_print_queue", table_name="documents")
    for column in ("outbox_message_id", "printed_by_id", "printed_at"):
        op.drop_column("documents", column)
