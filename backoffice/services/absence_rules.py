"""Who is away, and who takes their cases: the session-level rules that both the absence
service and every assignment (CaseCommands.assign, bulk actions) use.

While a user is absent, work for them goes to the absence's deputy; without a deputy (or
when the deputy is away too or no longer active), to the active user of the same role with
the fewest open cases who is not absent that day (ties by name, then login). There are no
teams yet; "the same role" stands in for a team.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from backoffice.domain.status import OPEN_STATUSES
from backoffice.store.models import Absence, Case, User

_OPEN = sorted(s.value for s in OPEN_STATUSES)


def absence_on(session: Session, user_id: int, day: date) -> Absence | None:
    """The user's (not cancelled) absence covering ``day``, if any."""
    return session.scalars(
        select(Absence)
        .where(
            Absence.user_id == user_id,
            Absence.cancelled_at.is_(None),
            Absence.first_day <= day,
            Absence.last_day >= day,
        )
        .order_by(Absence.id.desc())
        .limit(1)
    ).first()


def absent_user_ids(session: Session, day: date) -> set[int]:
    return set(
        session.scalars(
            select(Absence.user_id).where(
                Absence.cancelled_at.is_(None),
                Absence.first_day <= day,
                Absence.last_day >= day,
            )
        )
    )


def open_loads(session: Session, role: str, exclude: set[int]) -> dict[int, tuple[int, str, str]]:
    """Active users of ``role`` not in ``exclude``: id → (open cases, name, login)."""
    rows = session.execute(
        select(User.id, User.display_name, User.login, func.count(Case.id))
        .outerjoin(Case, and_(Case.assignee_id == User.id, Case.status.in_(_OPEN)))
        .where(User.role == role, User.active.is_(True))
        .group_by(User.id, User.display_name, User.login)
    ).all()
    return {int(i): (int(n), name, login) for i, name, login, n in rows if int(i) not in exclude}


def least_loaded(loads: Mapping[int, tuple[int, str, str]]) -> int | None:
    if not loads:
        return None
    return min(loads, key=lambda i: loads[i])


def recipient(session: Session, absence: Absence, day: date) -> User | None:
    """Who takes work for the absent user on ``day``: the deputy if present and active,
    else the least loaded colleague of the same role (None: nobody is there)."""
    away = absent_user_ids(session, day) | {absence.user_id}
    if absence.deputy_id is not None and absence.deputy_id not in away:
        deputy = session.get(User, absence.deputy_id)
        if deputy is not None and deputy.active:
            return deputy
    absent = session.get(User, absence.user_id)
    assert absent is not None  # foreign key
    chosen = least_loaded(open_loads(session, absent.role, away))
    return session.get(User, chosen) if chosen is not None else None
