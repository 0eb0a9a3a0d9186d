"""Assigning one case inside the caller's transaction: the rules CaseCommands.assign and the
bulk actions share (permission, closed cases, optimistic lock, absences, history, notices).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from backoffice.domain.roles import Permission
from backoffice.domain.status import Status
from backoffice.services.absence_rules import absence_on, recipient
from backoffice.services.actor import Actor
from backoffice.services.audit import EventKind, NewEvent, append_event, append_events
from backoffice.services.errors import InvalidInput, NotFound, PermissionDenied, ServiceError
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
    target_may_be_absent: bool = True,
    logins: dict[int, str] | None = None,
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
    absence = (
        absence_on(session, target.id, today)
        if target is not None and target_may_be_absent
        else None
    )
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
        "from": _login(session, previous, logins),
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


def _login(session: Session, user_id: int | None, cache: dict[int, str] | None) -> str | None:
    if user_id is None or cache is None:
        return user_login(session, user_id)
    if user_id not in cache:
        login = user_login(session, user_id)
        if login is None:
            return None
        cache[user_id] = login
    return cache[user_id]


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


@dataclass(frozen=True)
class ManyOutcome:
    """What :func:`assign_many` did with one case: ``error`` is set when refused."""

    case_id: int
    file_number: str | None
    version: int | None
    changed: bool = False
    error: ServiceError | None = None


def assign_many(
    session: Session,
    actor: Actor,
    case_ids: Sequence[int],
    target: User | None,
    *,
    now: datetime,
    reason: str | None = None,
) -> list[ManyOutcome]:
    """:func:`assign_case` for many cases at once, to a target who is not absent (or None:
    release), with the same rules, history entries and notices, in a handful of statements
    for the whole selection (the rows locked, one UPDATE, the history appended in bulk).
    Every case is checked on its own; a refused one is left as it is."""
    rows: dict[int, Any] = {}
    for start in range(0, len(case_ids), _CHUNK):
        chunk = list(case_ids[start : start + _CHUNK])
        for found in session.execute(
            select(Case.id, Case.file_number, Case.status, Case.assignee_id, Case.version)
            .where(Case.id.in_(chunk))
            .with_for_update()
        ):
            rows[int(found.id)] = found
    new_id = target.id if target else None
    outcomes: dict[int, ManyOutcome] = {}
    changing: list[Any] = []
    for case_id in case_ids:
        row = rows.get(case_id)
        if row is None:
            error: ServiceError = NotFound(f"no case with id {case_id}", case_id=case_id)
            outcomes[case_id] = ManyOutcome(case_id, None, None, error=error)
            continue
        own_release = target is None and row.assignee_id == actor.user_id
        problem: ServiceError | None = None
        if not (own_release and row.assignee_id is not None) and not actor.can(
            Permission.ASSIGN_CASES
        ):
            problem = PermissionDenied(
                f"{actor.login} ({actor.role.value}) may not assign cases",
                permission=Permission.ASSIGN_CASES.value,
            )
        elif not Status(row.status).is_open:
            problem = CaseClosed(
                f"{row.file_number} is closed; its assignment is final",
                file_number=row.file_number,
            )
        if problem is not None:
            outcomes[case_id] = ManyOutcome(case_id, row.file_number, row.version, error=problem)
        elif row.assignee_id == new_id:
            outcomes[case_id] = ManyOutcome(case_id, row.file_number, row.version)
        else:
            changing.append(row)
    if changing:
        ids = [row.id for row in changing]
        for start in range(0, len(ids), _CHUNK):
            session.execute(
                update(Case)
                .where(Case.id.in_(ids[start : start + _CHUNK]))
                .values(
                    assignee_id=new_id,
                    version=Case.version + 1,
                    updated_at=now,
                    updated_by_id=actor.user_id,
                )
                .execution_options(synchronize_session=False)
            )
        previous = {row.assignee_id for row in changing if row.assignee_id is not None}
        logins = dict(
            session.execute(select(User.id, User.login).where(User.id.in_(previous))).all()
        )
        kind = EventKind.RELEASED if new_id is None else EventKind.ASSIGNED
        entries = []
        for row in changing:
            payload: dict[str, Any] = {
                "from": logins.get(row.assignee_id),
                "to": target.login if target else None,
                "version": row.version + 1,
            }
            if reason:
                payload["reason"] = reason
            entries.append(NewEvent(row.id, actor.user_id, kind, payload, now))
        events = append_events(session, entries)
        notices = []
        for row, event in zip(changing, events, strict=True):
            if row.assignee_id is not None and row.assignee_id != actor.user_id:
                notices.append(Notice(user_id=row.assignee_id, case_id=row.id, event_id=event.id))
            if new_id is not None and new_id != actor.user_id:
                notices.append(Notice(user_id=new_id, case_id=row.id, event_id=event.id))
        session.add_all(notices)
        session.flush()
        for row in changing:
            outcomes[row.id] = ManyOutcome(row.id, row.file_number, row.version + 1, changed=True)
    return [outcomes[case_id] for case_id in case_ids]


_CHUNK = 1_000
