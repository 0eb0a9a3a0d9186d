"""What went in and out through the portal: the first place to look when a citizen asks.

Rejected submissions (what arrived, which check failed), submissions held in
the quarantine (a failure of ours: no decision sent, waiting for a retry),
confirmations and messages still waiting in the outbox or failed for good, and
the last sync of every destination.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backoffice.domain.roles import Permission
from backoffice.store.database import Database
from backoffice.store.models import Case, OutboxMessage, SubmissionRecord, SyncState

from .actor import Actor
from .errors import storage_errors
from .outbox import OutboxState
from .quarantine import QuarantinedSubmission, QuarantineService, entries


@dataclass(frozen=True)
class RejectedSubmission:
    submission_id: str
    portal_case_id: str
    destination_id: str
    service_identifier: str | None
    arrived_at: datetime
    problem: str | None
    instance: str | None
    detail: str | None
    metadata: dict[str, Any] | None


@dataclass(frozen=True)
class WaitingMessage:
    id: int
    case_id: int | None
    file_number: str | None  # of its case, if it belongs to one
    kind: str
    channel: str
    state: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    created_at: datetime


@dataclass(frozen=True)
class SyncInfo:
    destination_id: str
    last_attempt_at: datetime | None
    last_success_at: datetime | None
    last_error: str | None
    last_counts: dict[str, Any] | None


@dataclass(frozen=True)
class DeliveryOverview:
    rejected: list[RejectedSubmission]
    waiting: list[WaitingMessage]
    syncs: list[SyncInfo]
    quarantined: list[QuarantinedSubmission] = field(default_factory=list)


@storage_errors
class DeliveryService:
    def __init__(
        self, db: Database, clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self._db = db
        self._quarantine = QuarantineService(db, clock)

    def quarantined(self, actor: Actor, limit: int = 200) -> list[QuarantinedSubmission]:
        """Held submissions, and those released for a retry that no sync has taken in yet."""
        return self._quarantine.entries(actor, limit)

    def retry_quarantined(self, actor: Actor, submission_id: str) -> None:
        """Release a held submission: the next sync takes it in again (the panel's Retry)."""
        self._quarantine.retry(actor, submission_id)

    def retry_all_quarantined(self, actor: Actor) -> int:
        """Release every held submission; how many were released."""
        return self._quarantine.retry_all(actor)

    def overview(self, actor: Actor, limit: int = 200) -> DeliveryOverview:
        actor.require(Permission.VIEW_CASES)
        with self._db.read() as session:
            rejected = [
                RejectedSubmission(
                    r.submission_id,
                    r.portal_case_id,
                    r.destination_id,
                    r.service_identifier,
                    r.arrived_at,
                    r.problem_type,
                    r.problem_instance,
                    r.problem_detail,
                    dict(r.received_metadata) if r.received_metadata else None,
                )
                for r in session.scalars(
                    select(SubmissionRecord)
                    .where(SubmissionRecord.outcome == "rejected")
                    .order_by(SubmissionRecord.arrived_at.desc())
                    .limit(limit)
                )
            ]
            waiting = _messages(session, exclude=OutboxState.SENT, limit=limit)
            syncs = [
                SyncInfo(
                    s.destination_id,
                    s.last_attempt_at,
                    s.last_success_at,
                    s.last_error,
                    dict(s.last_counts) if s.last_counts else None,
                )
                for s in session.scalars(select(SyncState).order_by(SyncState.destination_id))
            ]
            quarantined = entries(session, limit)
        return DeliveryOverview(rejected, waiting, syncs, quarantined)

    def messages(
        self, actor: Actor, state: OutboxState | None = None, limit: int = 200
    ) -> list[WaitingMessage]:
        """The outbox, oldest first: every message, or those in one state."""
        actor.require(Permission.VIEW_CASES)
        with self._db.read() as session:
            return _messages(session, only=state, limit=limit)


def _messages(
    session: Session,
    *,
    only: OutboxState | None = None,
    exclude: OutboxState | None = None,
    limit: int,
) -> list[WaitingMessage]:
    query = select(OutboxMessage, Case.file_number).outerjoin(
        Case, Case.id == OutboxMessage.case_id
    )
    if only is not None:
        query = query.where(OutboxMessage.state == only)
    if exclude is not None:
        query = query.where(OutboxMessage.state != exclude)
    return [
        WaitingMessage(
            m.id,
            m.case_id,
            file_number,
            m.kind,
            m.channel,
            m.state,
            m.attempts,
            m.next_attempt_at,
            m.last_error,
            m.created_at,
        )
        for m, file_number in session.execute(
            query.order_by(OutboxMessage.created_at, OutboxMessage.id).limit(limit)
        )
    ]
