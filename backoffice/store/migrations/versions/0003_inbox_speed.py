"""Inbox speed: attachment count on the case, sort indexes, SQLite full-text search

Measured with tests/benchmarks (100,000 cases): sorting by applicant or due date
took 150-190 ms (a full sort); rare searches on SQLite 200-245 ms (a scan).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None

#: SQLite: a trigram full-text index over cases.search_text, kept in step by triggers.
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE cases_fts USING fts5("
    "search_text, content='cases', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN "
    "INSERT INTO cases_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases BEGIN "
    "INSERT INTO cases_fts(cases_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER cases_fts_update AFTER UPDATE OF search_text ON cases BEGIN "
    "INSERT INTO cases_fts(cases_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO cases_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO cases_fts(cases_fts) VALUES ('rebuild')",
]


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("attachment_count", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.create_index("ix_cases_applicant", ["applicant_name", "id"], unique=False)
    op.execute(
        "UPDATE cases SET attachment_count = "
        "(SELECT count(*) FROM attachments WHERE attachments.case_id = cases.id)"
    )
    op.create_index(
        "ix_cases_due_sort",
        "cases",
        [sa.text("coalesce(due_date, '9999-12-31')"), "id"],
        unique=False,
    )
    if op.get_bind().dialect.name == "sqlite" and _sqlite_has_fts5():
        for statement in SQLITE_FTS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("cases_fts_insert", "cases_fts_delete", "cases_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS cases_fts")
    op.drop_index("ix_cases_due_sort", table_name="cases")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_applicant")
        batch_op.drop_column("attachment_count")


def _sqlite_has_fts5() -> bool:
    options = {row[0] for row in op.get_bind().exec_driver_sql("PRAGMA compile_options")}
    return "ENABLE_FTS5" in options
