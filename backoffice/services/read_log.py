"""The read log: who opened which case and viewed which document, when.

Decision: reads go into a table of their own (:class:`~backoffice.store.models.ReadEntry`),
not into the case's hash-chained trail. Appending to the case trail locks the case row and
writes a ``case_events`` row, which on PostgreSQL notifies every desktop to reload (migration
0005's triggers): each opening of a case would make every other window read again, and a read
would contend with clerks changing the case. The read log is append-only and has no
notification trigger; it is deleted with the case at the end of the retention period.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from backoffice.store.database import Database
from backoffice.store.models import ReadEntry

from .actor import Actor

CASE_OPENED = "case_opened"
DOCUMENT_VIEWED = "document_viewed"


def log_read(
    session: Session,
    actor: Actor,
    case_id: int,
    kind: str,
    *,
    document_id: int | None = None,
    at: datetime | None = None,
) -> None:
    """Append one read (in the caller's transaction)."""
    session.add(
        ReadEntry(
            at=(at or datetime.now(UTC)).astimezone(UTC),
            actor_id=actor.user_id,
            case_id=case_id,
            kind=kind,
            document_id=document_id,
        )
    )


def record_read(
    db: Database,
    actor: Actor,
    case_id: int,
    kind: str,
    *,
    document_id: int | None = None,
    at: datetime | None = None,
) -> None:
    """Append one read in a short transaction of its own."""
    with db.write() as session:
        log_read(session, actor, case_id, kind, document_id=document_id, at=at)
