"""SQLite: attachment content as the last column of its row

A large value in the middle of an SQLite row is built in memory whole, twice,
before a page is written (the bound parameter and the record): a 50 MB
attachment added about 100 MB to the peak memory of the desktop. As the last
column it can be inserted as zeroblob(n) and written through the incremental
blob I/O in slices (store/blobs.py), which needs no copy. PostgreSQL is not
affected.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

import sqlite3
from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    if sqlite3.sqlite_version_info < (3, 35, 0):
        # No DROP COLUMN before 3.35 (e.g. Debian 11): the column stays where it is; large
        # attachments are then stored correctly, only with SQLite's copies.
        return
    # SQLite ≥ 3.35 drops and renames columns in place; ADD COLUMN appends at the end.
    op.execute("ALTER TABLE attachments ADD COLUMN content_last BLOB")
    op.execute("UPDATE attachments SET content_last = content")
    op.execute("ALTER TABLE attachments DROP COLUMN content")
    op.execute("ALTER TABLE attachments RENAME COLUMN content_last TO content")


def downgrade() -> None:
    # Where a column sits in the row is no part of the schema the earlier revisions rely on.
    pass
