"""follow-ups: an index to find a case by the portal's caseId

A submission on the caseId of a case we have is the citizen's answer (services/follow_up.py):
intake looks the case up for every submission it accepts, which without this index scans
the whole cases table (100,000 cases: a full scan per submission).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_cases_portal_case_id", "cases", ["portal_case_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_cases_portal_case_id", table_name="cases")
