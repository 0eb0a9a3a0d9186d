"""Bulk actions on a selection of cases: each case checked on its own, in a transaction (or
savepoint) of its own, and a result per case: done, or refused with a typed reason.

Assign, take over and release need ASSIGN_CASES (releasing one's own claim excepted, as in
CaseCommands); reassignment needs a reason, which goes into the case's history, and the
previous holder gets a notice. Status changes go through CaseCommands.change_status, which
queues the citizen's message: a refused message refuses that case only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from backoffice.domain.deadlines import WorkingCalendar
from backoffice.domain.status import Status
from backoffice.store.database import Database

from .actor import Actor
from .casework import CaseCommands
from .documents import DocumentService
from .errors import storage_errors

#: At most this many cases in one bulk action.
MAX_SELECTION = 5_000
MAX_REASON_CHARS = 500


class BulkAction(StrEnum):
    ASSIGN = "assign"
    TAKE_OVER = "take_over"
    RELEASE = "release"
    CHANGE_STATUS = "change_status"
    CREATE_CERTIFICATE = "create_certificate"


class Refusal(StrEnum):
    """Why one case of a selection was refused (stable codes; the UI translates them)."""

    NOT_FOUND = "not_found"
    PERMISSION_DENIED = "permission_denied"
    CLOSED = "closed"  # the case is completed, rejected or withdrawn
    CONCURRENT_CHANGE = "concurrent_change"  # changed since the caller saw it
    CLAIM_CONFLICT = "claim_conflict"
    TRANSITION_NOT_ALLOWED = "transition_not_allowed"
    REQUIREMENT_MISSING = "requirement_missing"  # e.g. a comment or a certificate
    APPROVAL_REQUIRED = "approval_required"  # four-eyes: request an approval instead
    MESSAGE_REFUSED = "message_refused"  # the citizen's message could not be queued
    INVALID_INPUT = "invalid_input"
    STORAGE = "storage"  # the database failed for this case


@dataclass(frozen=True)
class CaseOutcome:
    """What a bulk action did with one case."""

    case_id: int
    file_number: str | None
    done: bool
    #: Set when refused.
    refusal: Refusal | None = None
    #: English detail (the service's message), for the log and the command line.
    message: str = ""
    #: Assignments: who holds the case afterwards (absences may redirect to a deputy).
    assignee_login: str | None = None
    #: The case's version afterwards (done) or as found (refused), where known.
    version: int | None = None


@dataclass(frozen=True)
class BulkResult:
    action: BulkAction
    outcomes: tuple[CaseOutcome, ...]

    @property
    def done(self) -> tuple[CaseOutcome, ...]:
        return tuple(o for o in self.outcomes if o.done)

    @property
    def refused(self) -> tuple[CaseOutcome, ...]:
        return tuple(o for o in self.outcomes if not o.done)


@storage_errors
class BulkActions:
    def __init__(
        self,
        db: Database,
        commands: CaseCommands,
        documents: DocumentService,
        calendar: WorkingCalendar | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._db = db
        self._commands = commands
        self._documents = documents
        self._calendar = calendar or WorkingCalendar()
        self._clock = clock

    def assign(
        self, actor: Actor, case_ids: Sequence[int], to_login: str, reason: str
    ) -> BulkResult:
        """Assign (or reassign) every case to ``to_login``; ``reason`` is required and goes
        into each case's history. The previous holder (and the new one, if not the actor)
        gets a notice. An absent assignee's cases go to the deputy (CaseOutcome.assignee_login
        says who). Needs ASSIGN_CASES."""
        raise NotImplementedError

    def take_over(self, actor: Actor, case_ids: Sequence[int], reason: str) -> BulkResult:
        """Assign every case to the actor (a team lead taking work over). Needs ASSIGN_CASES."""
        raise NotImplementedError

    def release(
        self, actor: Actor, case_ids: Sequence[int], reason: str | None = None
    ) -> BulkResult:
        """Release every case (no holder afterwards). ASSIGN_CASES, or the actor's own claim."""
        raise NotImplementedError

    def change_status(
        self,
        actor: Actor,
        case_ids: Sequence[int],
        target: Status,
        *,
        comment: str | None = None,
        message: str | None = None,
        notify: bool = True,
        expected_versions: Mapping[int, int] | None = None,
    ) -> BulkResult:
        """Move every case to ``target`` through CaseCommands.change_status (one transaction
        per case; the citizen's message queued with it). ``expected_versions``: the version
        the caller saw per case id (optimistic locking); missing ids use the current one."""
        raise NotImplementedError

    def create_certificates(
        self, actor: Actor, case_ids: Sequence[int], language: str = "de"
    ) -> BulkResult:
        """Create the certificate of every case (DocumentService.generate, one each)."""
        raise NotImplementedError
