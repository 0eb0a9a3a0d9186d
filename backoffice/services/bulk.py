"""Bulk actions on a selection of cases: each case checked on its own, and a result per
case: done, or refused with a typed reason.

Assignments run in one transaction for the whole selection (``assign_many``: the rows
locked, each case checked on its own, one UPDATE for those that pass, their history and
notices in bulk); a refused case is left as it is and the others go on; a database failure
fails the whole action (StorageError) and nothing is done. When the target is absent,
each case goes to a stand-in by load, one at a time (``assign_case``). Status changes
and certificates run in one transaction per case, through the single-case services.

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

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from backoffice.domain.citizen_messages import PlaceholderEmpty
from backoffice.domain.deadlines import WorkingCalendar, today_local
from backoffice.domain.errors import DomainError, RequirementMissing, TransitionError
from backoffice.domain.roles import Permission
from backoffice.domain.status import Status
from backoffice.store.database import Database
from backoffice.store.models import Case

from .absence_rules import absence_on
from .actor import Actor
from .approval_rules import ApprovalRequired
from .casework import CaseCommands
from .casework.assignment import CaseClosed, assign_case, assign_many, find_active_user
from .citizen.compose import RecipientMissing
from .documents import DocumentService
from .errors import (
    ClaimConflict,
    ConcurrentChange,
    InvalidInput,
    NotFound,
    PermissionDenied,
    StorageError,
    storage_errors,
)

#: At most this many cases in one bulk action.
MAX_SELECTION = 5_000
MAX_REASON_CHARS = 500


class BulkAction(StrEnum):
    ASSIGN = "assign"
    TAKE_OVER = "take_over"
    RELEASE = "release"
    CHANGE_STATUS = "change_status"
    CREATE_CERTIFICATE = "create_certificate"
    #: The letters of each case waiting in the print queue, printed (by the window).
    PRINT = "print"
    #: Cases moved because their holder is absent, and given back afterwards.
    ABSENCE = "absence"
    GIVE_BACK = "give_back"


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
    NOTHING_TO_PRINT = "nothing_to_print"  # no letter of the case waits in the print queue
    NOT_PRINTED = "not_printed"  # printing failed, was cancelled, or did not come out


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


def refusal_of(exc: Exception) -> Refusal:
    """The typed reason for one case's refusal, from the error the use case raised."""
    checks: list[tuple[type[Exception], Refusal]] = [
        (ApprovalRequired, Refusal.APPROVAL_REQUIRED),
        (NotFound, Refusal.NOT_FOUND),
        (PermissionDenied, Refusal.PERMISSION_DENIED),
        (CaseClosed, Refusal.CLOSED),
        (ConcurrentChange, Refusal.CONCURRENT_CHANGE),
        (ClaimConflict, Refusal.CLAIM_CONFLICT),
        (RequirementMissing, Refusal.REQUIREMENT_MISSING),
        (TransitionError, Refusal.TRANSITION_NOT_ALLOWED),
        (PlaceholderEmpty, Refusal.MESSAGE_REFUSED),
        (RecipientMissing, Refusal.MESSAGE_REFUSED),
        (StorageError, Refusal.STORAGE),
        (SQLAlchemyError, Refusal.STORAGE),
    ]
    for kind, refusal in checks:
        if isinstance(exc, kind):
            return refusal
    return Refusal.INVALID_INPUT


#: What a single case may raise and still leave the rest of the selection to go on.
_PER_CASE = (DomainError, SQLAlchemyError)


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
        actor.require(Permission.ASSIGN_CASES)
        return self._assign(BulkAction.ASSIGN, actor, case_ids, to_login, _reason(reason))

    def take_over(self, actor: Actor, case_ids: Sequence[int], reason: str) -> BulkResult:
        """Assign every case to the actor (a team lead taking work over). Needs ASSIGN_CASES."""
        actor.require(Permission.ASSIGN_CASES)
        if actor.user_id is None:
            raise PermissionDenied("the system cannot take cases over")
        return self._assign(BulkAction.TAKE_OVER, actor, case_ids, actor.login, _reason(reason))

    def release(
        self, actor: Actor, case_ids: Sequence[int], reason: str | None = None
    ) -> BulkResult:
        """Release every case (no holder afterwards). ASSIGN_CASES, or the actor's own claim."""
        actor.require(Permission.VIEW_CASES)
        text = _bounded(reason)
        return self._assign(BulkAction.RELEASE, actor, case_ids, None, text)

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
        actor.require(Permission.WORK_OWN_CASES)
        ids = _selection(case_ids)
        versions = dict(expected_versions or {})
        missing = [i for i in ids if i not in versions]
        file_numbers = self._file_numbers(ids)
        if missing:
            with self._db.read() as session:
                rows = session.execute(select(Case.id, Case.version).where(Case.id.in_(missing)))
                versions.update((int(i), int(v)) for i, v in rows)
        outcomes = []
        for case_id in ids:
            if case_id not in versions:
                outcomes.append(_refused(case_id, None, NotFound(f"no case with id {case_id}")))
                continue
            try:
                row = self._commands.change_status(
                    actor,
                    case_id,
                    versions[case_id],
                    target,
                    comment=comment,
                    message=message,
                    notify=notify,
                )
            except _PER_CASE as exc:
                outcomes.append(_refused(case_id, file_numbers.get(case_id), exc))
            else:
                outcomes.append(
                    CaseOutcome(
                        case_id,
                        row.file_number,
                        True,
                        assignee_login=None,
                        version=row.version,
                    )
                )
        return BulkResult(BulkAction.CHANGE_STATUS, tuple(outcomes))

    def create_certificates(
        self, actor: Actor, case_ids: Sequence[int], language: str = "de"
    ) -> BulkResult:
        """Create the certificate of every case (DocumentService.generate, one each)."""
        actor.require(Permission.WORK_OWN_CASES)
        ids = _selection(case_ids)
        file_numbers = self._file_numbers(ids)
        outcomes = []
        for case_id in ids:
            try:
                self._documents.generate(actor, case_id, language=language)
            except _PER_CASE as exc:
                outcomes.append(_refused(case_id, file_numbers.get(case_id), exc))
            else:
                outcomes.append(CaseOutcome(case_id, file_numbers.get(case_id), True))
        return BulkResult(BulkAction.CREATE_CERTIFICATE, tuple(outcomes))

    # -- helpers ---------------------------------------------------------------------------

    def _assign(
        self,
        action: BulkAction,
        actor: Actor,
        case_ids: Sequence[int],
        to_login: str | None,
        reason: str | None,
    ) -> BulkResult:
        """One transaction for the selection; a refused case has written nothing (see the
        module docstring), a database error ends the whole action."""
        ids = _selection(case_ids)
        now = self._clock()
        today = today_local(now)
        with self._db.write() as session:
            target = find_active_user(session, to_login) if to_login is not None else None
            if target is None or absence_on(session, target.id, today) is None:
                many = assign_many(session, actor, ids, target, now=now, reason=reason)
                holder = target.login if target else None
                return BulkResult(
                    action,
                    tuple(
                        _refused(o.case_id, o.file_number, o.error)
                        if o.error is not None
                        else CaseOutcome(
                            o.case_id,
                            o.file_number,
                            True,
                            message="" if o.changed else "already so",
                            assignee_login=holder,
                            version=o.version,
                        )
                        for o in many
                    ),
                )
            # The target is away: each case goes to a stand-in chosen by load, one by one.
            outcomes: list[CaseOutcome] = []
            for case_id in ids:
                try:
                    done = assign_case(
                        session, actor, case_id, target, now=now, today=today, reason=reason
                    )
                except DomainError as exc:
                    file_number = session.scalar(select(Case.file_number).where(Case.id == case_id))
                    outcomes.append(_refused(case_id, file_number, exc))
                    continue
                note = f"for {done.instead_of}, who is absent" if done.instead_of else ""
                outcomes.append(
                    CaseOutcome(
                        case_id,
                        done.case.file_number,
                        True,
                        message=note if done.changed else "already so",
                        assignee_login=done.holder.login if done.holder else None,
                        version=done.case.version,
                    )
                )
        return BulkResult(action, tuple(outcomes))

    def _file_numbers(self, ids: Sequence[int]) -> dict[int, str]:
        with self._db.read() as session:
            rows = session.execute(select(Case.id, Case.file_number).where(Case.id.in_(ids)))
            return {int(i): str(n) for i, n in rows}


def _refused(case_id: int, file_number: str | None, exc: Exception) -> CaseOutcome:
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return CaseOutcome(case_id, file_number, False, refusal_of(exc), message)


def _selection(case_ids: Sequence[int]) -> list[int]:
    """The selection without repeats, in the caller's order; bounded."""
    ids = list(dict.fromkeys(int(i) for i in case_ids))
    if not ids:
        raise InvalidInput("select at least one case")
    if len(ids) > MAX_SELECTION:
        raise InvalidInput(f"at most {MAX_SELECTION} cases at once, not {len(ids)}")
    return ids


def _bounded(reason: str | None) -> str | None:
    text = " ".join((reason or "").split())
    if len(text) > MAX_REASON_CHARS:
        raise InvalidInput(f"the reason is too long (at most {MAX_REASON_CHARS} characters)")
    return text or None


def _reason(reason: str | None) -> str:
    text = _bounded(reason)
    if text is None:
        raise InvalidInput("a reassignment needs a reason")
    return text
