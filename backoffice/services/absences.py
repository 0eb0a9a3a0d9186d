"""Absences and deputies: a clerk away from one date to another (Berlin dates, inclusive).

While a clerk is absent, their open cases go to the deputy, or, without a deputy, are
redistributed by current load among the active users of the same role who are not absent
(there are no teams yet; the fewest open cases first, ties by name). Any assignment to an
absent clerk during the absence is redirected the same way (CaseCommands.assign and bulk
assignments). Afterwards the team lead may give the cases back (:meth:`give_back`): those
moved by the absence that are still open and still with whoever received them.
Needs ASSIGN_CASES.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Select, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from backoffice.domain.deadlines import today_local
from backoffice.domain.errors import DomainError
from backoffice.domain.roles import Permission
from backoffice.domain.status import OPEN_STATUSES, Status
from backoffice.store.database import Database
from backoffice.store.models import Absence, AbsenceMove, Case, User

from .absence_rules import absent_user_ids, least_loaded, open_loads
from .actor import Actor
from .bulk import BulkAction, BulkResult, CaseOutcome, Refusal, refusal_of
from .casework.assignment import assign_case, find_active_user, record_move
from .errors import InvalidInput, NotFound, storage_errors

_OPEN = sorted(s.value for s in OPEN_STATUSES)


@dataclass(frozen=True)
class AbsenceInfo:
    id: int
    login: str
    display_name: str
    first_day: date
    last_day: date
    #: None: redistributed by load among the same role.
    deputy_login: str | None
    deputy_name: str | None
    created_by: str | None
    created_at: datetime
    cancelled: bool
    #: Cases moved away because of this absence / of those, given back since.
    moved: int
    given_back: int

    def covers(self, day: date) -> bool:
        return not self.cancelled and self.first_day <= day <= self.last_day


@dataclass(frozen=True)
class AbsenceResult:
    absence: AbsenceInfo
    #: The open cases moved now (empty when the absence starts later).
    moved: BulkResult


@storage_errors
class AbsenceService:
    def __init__(
        self, db: Database, clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self._db = db
        self._clock = clock

    def mark_absent(
        self,
        actor: Actor,
        login: str,
        first_day: date,
        last_day: date,
        deputy_login: str | None,
        *,
        today: date | None = None,
    ) -> AbsenceResult:
        """Record an absence; if it has begun, move the clerk's open cases at once (to the
        deputy, or by load). The deputy must be active, not the clerk, not absent then."""
        actor.require(Permission.ASSIGN_CASES)
        now = self._clock()
        today = today or today_local(now)
        if last_day < first_day:
            raise InvalidInput(f"the absence ends ({last_day}) before it begins ({first_day})")
        if last_day < today:
            raise InvalidInput(f"the absence ended already ({last_day})")
        with self._db.write() as session:
            user = find_active_user(session, login)
            deputy = find_active_user(session, deputy_login) if deputy_login else None
            if deputy is not None and deputy.id == user.id:
                raise InvalidInput(f"{login} cannot be their own deputy")
            if _overlapping(session, user.id, first_day, last_day):
                raise InvalidInput(f"{login} is already absent on some of these days")
            if deputy is not None and _overlapping(session, deputy.id, first_day, last_day):
                raise InvalidInput(f"the deputy {deputy.login} is absent on some of these days")
            absence = Absence(
                user_id=user.id,
                first_day=first_day,
                last_day=last_day,
                deputy_id=deputy.id if deputy else None,
                created_by_id=actor.user_id,
                created_at=now,
            )
            session.add(absence)
            session.flush()
            outcomes: tuple[CaseOutcome, ...] = ()
            if first_day <= today:
                outcomes = _move_open_cases(session, actor, absence, now, today)
            return AbsenceResult(_info(session, absence), BulkResult(BulkAction.ABSENCE, outcomes))

    def start_due(self, actor: Actor, today: date | None = None) -> list[AbsenceResult]:
        """Move the open cases of every absence that has begun by ``today`` and still holds
        cases (absences recorded ahead of time); idempotent."""
        actor.require(Permission.ASSIGN_CASES)
        now = self._clock()
        today = today or today_local(now)
        results = []
        with self._db.write() as session:
            for absence in session.scalars(_covering(today)).all():
                outcomes = _move_open_cases(session, actor, absence, now, today)
                if outcomes:
                    results.append(
                        AbsenceResult(
                            _info(session, absence), BulkResult(BulkAction.ABSENCE, outcomes)
                        )
                    )
        return results

    def list_absences(
        self, actor: Actor, *, include_past: bool = False, today: date | None = None
    ) -> list[AbsenceInfo]:
        """Current and future absences (with ``include_past`` every one), by first day."""
        actor.require(Permission.VIEW_CASES)
        today = today or today_local(self._clock())
        query = select(Absence).order_by(Absence.first_day, Absence.id)
        if not include_past:
            query = query.where(Absence.last_day >= today, Absence.cancelled_at.is_(None))
        with self._db.read() as session:
            return [_info(session, a) for a in session.scalars(query).all()]

    def cancel(self, actor: Actor, absence_id: int) -> AbsenceInfo:
        """End an absence early (or drop a future one); cases already moved stay where they
        are until given back."""
        actor.require(Permission.ASSIGN_CASES)
        with self._db.write() as session:
            absence = _load(session, absence_id)
            if absence.cancelled_at is None:
                absence.cancelled_at = self._clock()
                session.flush()
            return _info(session, absence)

    def give_back(self, actor: Actor, absence_id: int, reason: str | None = None) -> BulkResult:
        """Return to the clerk the cases this absence moved that are still open and still
        with whoever received them; each move is one entry in the case's history."""
        actor.require(Permission.ASSIGN_CASES)
        now = self._clock()
        today = today_local(now)
        with self._db.write() as session:
            absence = _load(session, absence_id)
            if absence.cancelled_at is None and absence.first_day <= today <= absence.last_day:
                raise InvalidInput(
                    f"the absence lasts until {absence.last_day}; end it before giving back"
                )
            clerk = session.get(User, absence.user_id)
            assert clerk is not None  # foreign key
            if not clerk.active:
                raise InvalidInput(f"{clerk.login} is no longer active")
            text = " ".join((reason or "").split()) or "back after the absence"
            moves = session.scalars(
                select(AbsenceMove)
                .where(AbsenceMove.absence_id == absence.id, AbsenceMove.given_back_at.is_(None))
                .order_by(AbsenceMove.case_id)
            ).all()
            outcomes = []
            for move in moves:
                outcomes.append(_give_back(session, actor, move, clerk, text, now, today))
            return BulkResult(BulkAction.GIVE_BACK, tuple(outcomes))


def _move_open_cases(
    session: Session, actor: Actor, absence: Absence, now: datetime, today: date
) -> tuple[CaseOutcome, ...]:
    """Move the absent user's open cases (one savepoint each): to the deputy, else each to
    the least loaded colleague of the same role at that moment."""
    user = session.get(User, absence.user_id)
    assert user is not None  # foreign key
    case_ids = session.scalars(
        select(Case.id)
        .where(Case.assignee_id == user.id, Case.status.in_(_OPEN))
        .order_by(Case.due_date.is_(None), Case.due_date, Case.id)
    ).all()
    if not case_ids:
        return ()
    away = absent_user_ids(session, today) | {user.id}
    deputy = None
    if absence.deputy_id is not None and absence.deputy_id not in away:
        deputy = session.get(User, absence.deputy_id)
    loads = dict(open_loads(session, user.role, away)) if deputy is None else {}
    reason = f"absent {absence.first_day.isoformat()} to {absence.last_day.isoformat()}"
    outcomes = []
    for case_id in case_ids:
        chosen = deputy
        if chosen is None:
            pick = least_loaded(loads)
            chosen = session.get(User, pick) if pick is not None else None
        if chosen is None:
            outcomes.append(
                _refused(case_id, None, InvalidInput("nobody of the same role is present"))
            )
            continue
        try:
            with session.begin_nested():
                done = assign_case(
                    session, actor, case_id, chosen, now=now, today=today, reason=reason
                )
                record_move(session, absence.id, case_id, chosen.id, now)
        except (DomainError, SQLAlchemyError) as exc:
            outcomes.append(_refused(case_id, None, exc))
            continue
        if chosen.id in loads:
            count, name, login = loads[chosen.id]
            loads[chosen.id] = (count + 1, name, login)
        outcomes.append(
            CaseOutcome(
                case_id,
                done.case.file_number,
                True,
                assignee_login=chosen.login,
                version=done.case.version,
            )
        )
    return tuple(outcomes)


def _give_back(
    session: Session,
    actor: Actor,
    move: AbsenceMove,
    clerk: User,
    reason: str,
    now: datetime,
    today: date,
) -> CaseOutcome:
    case = session.get(Case, move.case_id)
    assert case is not None  # foreign key, cascade
    if not Status(case.status).is_open:
        move.given_back_at = now  # nothing to give back any more
        return CaseOutcome(
            case.id, case.file_number, False, Refusal.CLOSED, f"{case.file_number} is closed"
        )
    if case.assignee_id != move.to_user_id:
        return CaseOutcome(
            case.id,
            case.file_number,
            False,
            Refusal.CONCURRENT_CHANGE,
            f"{case.file_number} was reassigned since; it stays where it is",
        )
    try:
        with session.begin_nested():
            done = assign_case(session, actor, case.id, clerk, now=now, today=today, reason=reason)
            move.given_back_at = now
    except (DomainError, SQLAlchemyError) as exc:
        return _refused(case.id, case.file_number, exc)
    return CaseOutcome(
        case.id, case.file_number, True, assignee_login=clerk.login, version=done.case.version
    )


def _refused(case_id: int, file_number: str | None, exc: Exception) -> CaseOutcome:
    return CaseOutcome(case_id, file_number, False, refusal_of(exc), str(exc))


def _covering(day: date) -> Select[Absence]:
    return select(Absence).where(
        Absence.cancelled_at.is_(None), Absence.first_day <= day, Absence.last_day >= day
    )


def _overlapping(session: Session, user_id: int, first: date, last: date) -> bool:
    return (
        session.scalar(
            select(Absence.id)
            .where(
                Absence.user_id == user_id,
                Absence.cancelled_at.is_(None),
                Absence.first_day <= last,
                Absence.last_day >= first,
            )
            .limit(1)
        )
        is not None
    )


def _load(session: Session, absence_id: int) -> Absence:
    absence = session.get(Absence, absence_id)
    if absence is None:
        raise NotFound(f"no absence with id {absence_id}")
    return absence


def _info(session: Session, absence: Absence) -> AbsenceInfo:
    user = session.get(User, absence.user_id)
    deputy = session.get(User, absence.deputy_id) if absence.deputy_id else None
    creator = session.get(User, absence.created_by_id) if absence.created_by_id else None
    assert user is not None  # foreign key
    moved, back = session.execute(
        select(func.count(AbsenceMove.id), func.count(AbsenceMove.given_back_at)).where(
            AbsenceMove.absence_id == absence.id
        )
    ).one()
    return AbsenceInfo(
        id=absence.id,
        login=user.login,
        display_name=user.display_name,
        first_day=absence.first_day,
        last_day=absence.last_day,
        deputy_login=deputy.login if deputy else None,
        deputy_name=deputy.display_name if deputy else None,
        created_by=creator.login if creator else None,
        created_at=absence.created_at,
        cancelled=absence.cancelled_at is not None,
        moved=int(moved),
        given_back=int(back),
    )
