"""administration: template version states and validity, the administration trail's hash
chain, read log, deletion records

A template version is a draft, published (valid from a date) or ended (valid until a
date). Existing databases: the newest version of each service becomes published, valid
since 2000-01-01 (it was what intake used); the older ones become ended with no period
(they were superseded before versions had periods; their cases keep them).

``admin_events`` (migration 0009, the team lead's policy changes) becomes one hash chain
over every administrative change: a sequence number, the login as it was, a subject, and
the previous and own hash. Entries already there are chained in the order they were
written (the digest is a frozen copy of services/admin_audit.py's).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

import backoffice.store.types

revision: str = "0010"
down_revision: str | None = "0009"
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
    _chain_admin_events()
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


GENESIS = "0" * 64


def _digest(
    prev_hash: str,
    seq: int,
    at: datetime,
    actor: str,
    kind: str,
    subject: str,
    payload: dict[str, Any],
) -> str:
    canonical = json.dumps(
        {
            "prev": prev_hash,
            "seq": seq,
            "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor": actor,
            "kind": kind,
            "subject": subject,
            "payload": payload,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _chain_admin_events() -> None:
    with op.batch_alter_table("admin_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("actor_login", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("subject", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    events = sa.table(
        "admin_events",
        sa.column("id", sa.Integer()),
        sa.column("seq", sa.Integer()),
        sa.column("at", backoffice.store.types.UTCDateTime(timezone=True)),
        sa.column("actor_id", sa.Integer()),
        sa.column("actor_login", sa.String()),
        sa.column("kind", sa.String()),
        sa.column("subject", sa.String()),
        sa.column("payload", backoffice.store.types.JSONType),
        sa.column("prev_hash", sa.String()),
        sa.column("hash", sa.String()),
    )
    users = sa.table("users", sa.column("id", sa.Integer()), sa.column("login", sa.String()))
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(events.c.id, events.c.at, events.c.kind, events.c.payload, users.c.login)
        .select_from(events.outerjoin(users, users.c.id == events.c.actor_id))
        .order_by(events.c.id)
    ).all()
    prev_hash = GENESIS
    for seq, row in enumerate(rows, start=1):
        login = row.login or "system"
        digest = _digest(prev_hash, seq, row.at, login, row.kind, row.kind, row.payload)
        bind.execute(
            events.update()
            .where(events.c.id == row.id)
            .values(
                seq=seq,
                actor_login=login,
                subject=row.kind,
                prev_hash=prev_hash,
                hash=digest,
            )
        )
        prev_hash = digest
    with op.batch_alter_table("admin_events", schema=None) as batch_op:
        for column, length in (
            ("actor_login", 100),
            ("subject", 200),
            ("prev_hash", 64),
            ("hash", 64),
        ):
            batch_op.alter_column(column, existing_type=sa.String(length=length), nullable=False)
        batch_op.alter_column("seq", existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint("uq_admin_events_seq", ["seq"])


def downgrade() -> None:
    op.drop_table("deletion_records")
    op.drop_index("ix_read_log_case_at", table_name="read_log")
    op.drop_table("read_log")
    with op.batch_alter_table("admin_events", schema=None) as batch_op:
        batch_op.drop_constraint("uq_admin_events_seq", type_="unique")
        for column in ("hash", "prev_hash", "subject", "actor_login", "seq"):
            batch_op.drop_column(column)
    # Drafts never reached a case; an earlier program would take them for live versions.
    op.execute("DELETE FROM service_templates WHERE state = 'draft'")
    with op.batch_alter_table("service_templates", schema=None) as batch_op:
        batch_op.drop_column("valid_until")
        batch_op.drop_column("valid_from")
        batch_op.drop_column("state")
