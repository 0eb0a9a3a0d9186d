"""The quarantine: submissions intake held instead of deciding on them, and their retry.

Intake holds a submission when deciding on it would be wrong or impossible: the
failure is ours (the decision cannot be signed, the database refuses what we
store, the machine is out of memory), so a rejection would blame the citizen,
and an acceptance is not possible. Holding means: no decision is sent, the sync
goes on with the others, and every later sync (on any desktop) leaves the
submission alone until someone asks for a retry, here or from the command line.

A held submission has a :class:`SubmissionRecord` with outcome "quarantined": the same
unique ``submission_id`` that makes intake idempotent keeps the syncs away from it, and
a second desktop deciding on it at the same moment loses the race cleanly. Its
:class:`QuarantineEntry` says what went wrong and how often; a retry deletes the record
(the next sync takes the submission again) and keeps the entry, as history.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session, aliased

from backoffice.domain.roles import Permission
from backoffice.store.database import Database
from backoffice.store.models import QuarantineEntry, SubmissionRecord, User

from .actor import Actor
from .errors import NotFound, storage_errors

HELD = "held"
RETRY = "retry"
QUARANTINED = "quarantined"  # the outcome of the SubmissionRecord that holds it


@dataclass(frozen=True)
class Hold:
    """What intake knows about a submission it holds."""

    submission_id: str
    portal_case_id: str
    destination_id: str
    service_identifier: str | None
    stage: str  # fetch | check | sign | store
    error: str


@dataclass(frozen=True)
class QuarantinedSubmission:
    submission_id: str
    portal_case_id: str
    destination_id: str
    service_identifier: str | None
    stage: str
    error: str
    state: str  # "held", or "retry": asked for, the next sync takes it
    attempts: int
    first_held_at: datetime
    held_at: datetime
    retry_requested_at: datetime | None
    retry_requested_by: str | None  # display name


def hold(session: Session, held: Hold, now: datetime) -> None:
    """Hold a submission, in the caller's transaction.

    Raises ``IntegrityError`` (at the flush) when the submission has a record already: it
    was decided (or held) meanwhile, by this desktop or another.
    """
    session.add(
        SubmissionRecord(
            submission_id=held.submission_id,
            portal_case_id=held.portal_case_id,
            destination_id=held.destination_id,
            service_identifier=held.service_identifier,
            arrived_at=now,
            outcome=QUARANTINED,
            problem_instance=held.stage,
            problem_detail=held.error,
        )
    )
    session.flush()  # the unique submission id decides who holds it
    entry = session.scalar(
        select(QuarantineEntry).where(QuarantineEntry.submission_id == held.submission_id)
    )
    if entry is None:
        session.add(
            QuarantineEntry(
                submission_id=held.submission_id,
                portal_case_id=held.portal_case_id,
                destination_id=held.destination_id,
                service_identifier=held.service_identifier,
                stage=held.stage,
                error=held.error,
                state=HELD,
                attempts=1,
                first_held_at=now,
                held_at=now,
            )
        )
    else:
        entry.stage, entry.error, entry.state = held.stage, held.error, HELD
        entry.attempts += 1
        entry.held_at = now


@storage_errors
class QuarantineService:
    """What the delivery panel and the command line do with held submissions."""

    def __init__(self, db: Database, clock: Callable[[], datetime] = lambda: datetime.now(UTC)):
        self._db = db
        self._clock = clock

    def entries(self, actor: Actor, limit: int = 200) -> list[QuarantinedSubmission]:
        """Held submissions, and those whose retry is asked for but not yet decided."""
        actor.require(Permission.VIEW_CASES)
        with self._db.read() as session:
            return entries(session, limit)

    def retry(self, actor: Actor, submission_id: str) -> None:
        """Let the next sync take this submission again."""
        actor.require(Permission.RUN_SYNC)
        with self._db.write() as session:
            if not self._release(session, actor, [submission_id]):
                raise NotFound(f"no submission {submission_id} is held in the quarantine")

    def retry_all(self, actor: Actor) -> int:
        """Release every held submission; the number released."""
        actor.require(Permission.RUN_SYNC)
        with self._db.write() as session:
            held = list(
                session.scalars(
                    select(QuarantineEntry.submission_id).where(QuarantineEntry.state == HELD)
                )
            )
            return self._release(session, actor, held) if held else 0

    def _release(self, session: Session, actor: Actor, submission_ids: list[str]) -> int:
        released = 0
        for start in range(0, len(submission_ids), 500):
            chunk = submission_ids[start : start + 500]
            result = session.execute(
                update(QuarantineEntry)
                .where(QuarantineEntry.submission_id.in_(chunk), QuarantineEntry.state == HELD)
                .values(
                    state=RETRY,
                    retry_requested_at=self._clock(),
                    retry_requested_by_id=actor.user_id,
                )
            )
            released += result.rowcount or 0  # type: ignore[attr-defined]
            session.execute(
                delete(SubmissionRecord).where(
                    SubmissionRecord.submission_id.in_(chunk),
                    SubmissionRecord.outcome == QUARANTINED,
                )
            )
        return released


def entries(session: Session, limit: int = 200) -> list[QuarantinedSubmission]:
    """The quarantine as the delivery overview shows it, the most recently held first."""
    decided = aliased(SubmissionRecord)
    rows = session.execute(
        select(QuarantineEntry, User.display_name)
        .outerjoin(User, User.id == QuarantineEntry.retry_requested_by_id)
        .outerjoin(decided, decided.submission_id == QuarantineEntry.submission_id)
        # held, or released and not yet taken in again (a retry that succeeded has a record)
        .where(or_(QuarantineEntry.state == HELD, decided.id.is_(None)))
        .order_by(QuarantineEntry.held_at.desc(), QuarantineEntry.id.desc())
        .limit(limit)
    )
    return [
        QuarantinedSubmission(
            e.submission_id,
            e.portal_case_id,
            e.destination_id,
            e.service_identifier,
            e.stage,
            e.error,
            e.state,
            e.attempts,
            e.first_held_at,
            e.held_at,
            e.retry_requested_at,
            name,
        )
        for e, name in rows
    ]


__all__ = ["Hold", "QuarantineService", "QuarantinedSubmission", "entries", "hold"]
