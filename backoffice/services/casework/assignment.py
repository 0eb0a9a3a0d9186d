"""Assigning one case inside the caller's transaction: the rules CaseCommands.assign and the
bulk actions share (permission, closed cases, optimistic lock, absences, history, notices).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from backoffice.domain.roles import Permission
from backoffice.domain.status import Status
from backoffice.services.absence_rules import absence_on, recipient
from backoffice.services.actor import Actor
from backoffice.services.audit import EventKind, append_event
from backoffice.services.errors import InvalidInput, NotFound
from backoffice.store.models import AbsenceMove, Case, Notice, User

from .common import load_case, user_login


class CaseClosed(InvalidInput):
    """The case is completed, rejected or withdrawn: its assignment is final."""

    code = "case_closed"


@dataclass(frozen=True)
class Assigned:
    case: Case
    #: Who holds the case now (None: released).
    holder: User | None
    #: The absent user the assignment was meant for, when it went to their stand-in.
    instead_of: str | None = None
    #: False when the case already had that holder (nothing written).
    changed: bool = True


def find_active_user(session: Session, login: str) -> User:
    user = session.scalars(select(User).where(User.login == login, User.active.is_(True))).first()
    if user is None:
        raise NotFound(f"no active user with the login {login!r}")
    return user


def assign_case(
    session: Session,
    actor: Actor,
    case_id: int,
    target: User | None,
    *,
    now: datetime,
    today: date,
    reason: str | None = None,
) -> Assigned:
    """Assign ``case_id`` to ``target`` (None: release) in the caller's transaction.

    Team leads only (ASSIGN_CASES), except that anyone may release their own claim. An
    assignment to someone absent today goes to their stand-in (absence_rules.recipient),
    is recorded as moved by that absence (so that it can be given back), and says so in
    the history. ``reason`` goes into the history entry. The previous holder and the new
    one (unless the actor) get a notice."""
    case = load_case(session, case_id, lock=True)
    previous = case.assignee_id
    own_release = target is None and previous == actor.user_id and previous is not None
    if not own_release:
        actor.require(Permission.ASSIGN_CASES)
    if not Status(case.status).is_open:
        raise CaseClosed(
            f"{case.file_number} is closed; its assignment is final", file_number=case.file_number
        )
    instead_of = None
    absence = absence_on(session, target.id, today) if target is not None else None
    if target is not None and absence is not None:
        stand_in = recipient(session, absence, today)
        if stand_in is not None:
            instead_of = target.login
            target = stand_in
    new_id = target.id if target else None
    if new_id == previous:
        return Assigned(case, target, instead_of, changed=False)
    case.assignee_id = new_id
    case.version += 1
    case.updated_at = now
    case.updated_by_id = actor.user_id
    session.flush()
    kind = EventKind.RELEASED if new_id is None else EventKind.ASSIGNED
    payload: dict[str, object] = {
        "from": user_login(session, previous),
        "to": target.login if target else None,
        "version": case.version,
    }
    if reason:
        payload["reason"] = reason
    if instead_of:
        payload["instead_of"] = instead_of
    event = append_event(session, case_id, actor.user_id, kind, payload, at=now)
    if previous is not None and previous != actor.user_id:
        session.add(Notice(user_id=previous, case_id=case_id, event_id=event.id))
    if new_id is not None and new_id != actor.user_id:
        session.add(Notice(user_id=new_id, case_id=case_id, event_id=event.id))
    if absence is not None and target is not None and instead_of is not None:
        record_move(session, absence.id, case_id, target.id, now)
    return Assigned(case, target, instead_of)


def record_move(
    session: Session, absence_id: int, case_id: int, to_user_id: int, now: datetime
) -> None:
    move = session.scalars(
        select(AbsenceMove).where(
            AbsenceMove.absence_id == absence_id, AbsenceMove.case_id == case_id
        )
    ).first()
    if move is None:
        session.add(
            AbsenceMove(absence_id=absence_id, case_id=case_id, to_user_id=to_user_id, moved_at=now)
        )
    else:
        move.to_user_id = to_user_id
        move.moved_at = now
        move.given_back_at = None
