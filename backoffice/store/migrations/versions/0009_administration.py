"""administration: template version states and validity, admin audit trail, read log,
deletion records

A template version is a draft, published (valid from a date) or ended (valid until a
date). Existing databases: the newest version of each service becomes published, valid
since 2000-01-01 (it was what intake used); the older ones become ended with no period
(they were superseded before versions had periods; their cases keep them).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import backoffice.store.types

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "service_templates",
        sa.Column("state", sa.String(length=20), server_default="published", nullable=False),
    )
    op.add_column("service_templates", sa.Column("valid_from", sa.Date(), nullable=True))
    op.add_column("service_templates", sa.Column("valid_until", sa.Date(), nullable=True))
    op.execute(
        "UPDATE service_templates SET state = 'ended' WHERE version < "
        "(SELECT max(t.version) FROM service_templates t WHERE t.key = service_templates.key)"
    )
    op.execute(
        "UPDATE service_templates SET valid_from = DATE '2000-01-01' WHERE state = 'published'"
        if op.get_bind().dialect.name == "postgresql"
        else "UPDATE service_templates SET valid_from = '2000-01-01' WHERE state = 'published'"
    )
    utc = backoffice.store.types.UTCDateTime(timezone=True)
    op.create_table(
        "admin_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", utc, nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_login", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("payload", backoffice.store.types.JSONType, nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["users.id"], name=op.f("fk_admin_events_actor_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_events")),
        sa.UniqueConstraint("seq", name=op.f("uq_admin_events_seq")),
    )
    op.create_table(
        "read_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", utc, nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["users.id"], name=op.f("fk_read_log_actor_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_read_log_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_read_log")),
    )
    op.create_index("ix_read_log_case_at", "read_log", ["case_id", "at"])
    op.create_table(
        "deletion_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_number", sa.String(length=30), nullable=False),
        sa.Column("service_key", sa.String(length=63), nullable=False),
        sa.Column("template_version", sa.Integer(), nullable=False),
        sa.Column("closed_at", utc, nullable=True),
        sa.Column("retention_until", sa.Date(), nullable=True),
        sa.Column("deleted_at", utc, nullable=False),
        sa.Column("deleted_by_id", sa.Integer(), nullable=True),
        sa.Column("deleted_by_login", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["deleted_by_id"], ["users.id"], name=op.f("fk_deletion_records_deleted_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deletion_records")),
        sa.UniqueConstraint("file_number", name=op.f("uq_deletion_records_file_number")),
    )


def downgrade() -> None:
    op.drop_table("deletion_records")
    op.drop_index("ix_read_log_case_at", table_name="read_log")
    op.drop_table("read_log")
    op.drop_table("admin_events")
    # Drafts never reached a case; an earlier program would take them for live versions.
    op.execute("DELETE FROM service_templates WHERE state = 'draft'")
    with op.batch_alter_table("service_templates", schema=None) as batch_op:
        batch_op.drop_column("valid_until")
        batch_op.drop_column("valid_from")
        batch_op.drop_column("state")
