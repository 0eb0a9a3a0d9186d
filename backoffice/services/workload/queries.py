"""The grouped queries behind the team figures: one scan each, grouped in the database.

Each returns small results (rows per service and band, week or due date), never one row
per case, except :func:`closed_cases_with_history`, which reads the cases closed in the
period with their status changes (the lead time leaves paused working days out, and
those are only known from the history).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Date, and_, case, func, literal, select
from sqlalchemy.orm import Session

from backoffice.domain.deadlines import local_date, pauses_from_history
from backoffice.domain.figures import AgeBand
from backoffice.domain.status import OPEN_STATUSES, Status
from backoffice.services.audit import EventKind
from backoffice.services.queries import start_of_day
from backoffice.store.models import Case, CaseEvent, ServiceTemplateRow, User

_OPEN = sorted(s.value for s in OPEN_STATUSES)

#: The events that make a user one of a service's staff in a period ("worked on it").
STAFF_EVENTS = (
    EventKind.CLAIMED.value,
    EventKind.STATUS_CHANGED.value,
    EventKind.DOCUMENT_GENERATED.value,
    EventKind.NOTE_ADDED.value,
)


def service_names(session: Session) -> dict[str, tuple[str, str]]:
    """Every service key with its newest version's names (de, en)."""
    newest = (
        select(ServiceTemplateRow.key, func.max(ServiceTemplateRow.version).label("version"))
        .group_by(ServiceTemplateRow.key)
        .subquery()
    )
    rows = session.execute(
        select(ServiceTemplateRow.key, ServiceTemplateRow.name_de, ServiceTemplateRow.name_en)
        .join(
            newest,
            and_(
                newest.c.key == ServiceTemplateRow.key,
                newest.c.version == ServiceTemplateRow.version,
            ),
        )
        .order_by(ServiceTemplateRow.key)
    ).all()
    return {key: (de, en) for key, de, en in rows}


@dataclass(frozen=True)
class OpenCounts:
    """What one scan of the open cases gives, per service."""

    by_band: dict[str, dict[AgeBand, int]]
    overdue: dict[str, int]
    #: Open cases with a running clock due from today to the horizon, per due date; the
    #: overdue ones under ``OVERDUE_DAY`` (they only take places in the queue).
    due: dict[str, list[tuple[date, int]]]
    #: Who holds open cases of the service.
    holders: dict[str, set[int]]
    #: How many open cases each holder has, over all services.
    held: dict[int, int]


#: Stands for "due before today" in :attr:`OpenCounts.due` (sorts first).
OVERDUE_DAY = date.min


def open_counts(
    session: Session,
    band_starts: Sequence[tuple[AgeBand, date | None]],
    today: date,
    horizon: date,
) -> OpenCounts:
    """Open cases per service and age band, overdue, due within the horizon, and their
    holders, in one scan grouped by (service, band, due bucket, holder): at most a few
    thousand rows however many cases there are.

    ``band_starts``: each band with its earliest date of receipt, youngest band first
    (None: no limit, the last band)."""
    whens = [
        (Case.received_at >= start_of_day(first), literal(band.value))
        for band, first in band_starts
        if first is not None
    ]
    last = next(band for band, first in band_starts if first is None)
    band = case(*whens, else_=literal(last.value)).label("band")
    # NULL: no running clock or due after the horizon; the overdue ones as one bucket.
    due = case(
        (Case.due_date < today, literal(OVERDUE_DAY, type_=Date)),
        (Case.due_date <= horizon, Case.due_date),
        else_=None,
    ).label("due")
    rows = session.execute(
        select(Case.service_key, band, due, Case.assignee_id, func.count())
        .where(Case.status.in_(_OPEN))
        # The computed columns first: SQLite would otherwise read the cases in the order of
        # the service index (to group without sorting), row by wide row.
        .group_by(band, due, Case.service_key, Case.assignee_id)
    ).all()
    by_band: dict[str, dict[AgeBand, int]] = defaultdict(dict)
    overdue: dict[str, int] = defaultdict(int)
    dues: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    holders: dict[str, set[int]] = defaultdict(set)
    held: dict[int, int] = defaultdict(int)
    for key, band_value, due_day, holder, count in rows:
        bucket = by_band[key]
        bucket[AgeBand(band_value)] = bucket.get(AgeBand(band_value), 0) + int(count)
        if due_day is not None:
            dues[key][due_day] += int(count)
            if due_day == OVERDUE_DAY:
                overdue[key] += int(count)
        if holder is not None:
            holders[key].add(int(holder))
            held[int(holder)] += int(count)
    return OpenCounts(
        dict(by_band),
        dict(overdue),
        {key: sorted(days.items()) for key, days in dues.items()},
        dict(holders),
        dict(held),
    )


def weekly_counts(
    session: Session, column: Any, week_starts: Sequence[date]
) -> dict[str, dict[date, int]]:
    """Cases per service and calendar week by ``column`` (received_at or closed_at), for
    the weeks starting on ``week_starts`` (oldest first, consecutive, the last one open)."""
    newest_first = sorted(week_starts, reverse=True)
    bucket = case(
        *[(column >= start_of_day(start), literal(start.isoformat())) for start in newest_first],
        else_=None,
    ).label("week")
    rows = session.execute(
        select(Case.service_key, bucket, func.count())
        .where(column >= start_of_day(newest_first[-1]))
        .group_by(bucket, Case.service_key)  # the bucket first: see open_counts
    ).all()
    counts: dict[str, dict[date, int]] = defaultdict(dict)
    for key, week, count in rows:
        if week is not None:
            counts[key][date.fromisoformat(week)] = int(count)
    return dict(counts)


def closed_between(session: Session, first: date, last: date) -> dict[str, int]:
    """Cases closed per service from ``first`` to ``last`` (Berlin dates, included)."""
    rows = session.execute(
        select(Case.service_key, func.count())
        .where(
            Case.closed_at >= start_of_day(first),
            Case.closed_at < start_of_day(last + timedelta(days=1)),
        )
        .group_by(Case.service_key)
    ).all()
    return {key: int(count) for key, count in rows}


@dataclass(frozen=True)
class ClosedCase:
    service_key: str
    received: date
    closed: date
    pauses: list[tuple[date, date | None]]


def closed_cases_with_history(session: Session, since: date) -> list[ClosedCase]:
    """The cases closed since ``since`` (Berlin) with their pauses from the status history."""
    bound = start_of_day(since)
    cases = session.execute(
        select(Case.id, Case.service_key, Case.received_at, Case.closed_at).where(
            Case.closed_at >= bound
        )
    ).all()
    if not cases:
        return []
    history: dict[int, list[tuple[datetime, Status]]] = defaultdict(list)
    events = session.execute(
        select(CaseEvent.case_id, CaseEvent.at, CaseEvent.payload["to"].as_string())
        .join(Case, Case.id == CaseEvent.case_id)
        .where(Case.closed_at >= bound, CaseEvent.kind == EventKind.STATUS_CHANGED.value)
        .order_by(CaseEvent.case_id, CaseEvent.seq)
    ).all()
    for case_id, at, to in events:
        if to in Status.__members__.values():
            history[case_id].append((at, Status(to)))
    result = []
    for case_id, key, received_at, closed_at in cases:
        if closed_at is None:  # pragma: no cover - the WHERE excludes it
            continue
        received = local_date(received_at)
        pauses = pauses_from_history(history.get(case_id, []))
        result.append(
            ClosedCase(
                key,
                received,
                local_date(closed_at),
                [(max(start, received), end) for start, end in pauses],
            )
        )
    return result


def acting_staff(session: Session, since: date) -> dict[str, set[int]]:
    """The distinct users who worked on each service's cases since ``since`` (the staff
    events; those who hold open cases come from :func:`open_counts`)."""
    rows = session.execute(
        select(Case.service_key, CaseEvent.actor_id)
        .join(Case, Case.id == CaseEvent.case_id)
        .where(
            CaseEvent.at >= start_of_day(since),
            CaseEvent.actor_id.is_not(None),
            CaseEvent.kind.in_(STAFF_EVENTS),
        )
        .distinct()
    ).all()
    staff: dict[str, set[int]] = defaultdict(set)
    for key, user_id in rows:
        if user_id is not None:
            staff[key].add(int(user_id))
    return dict(staff)


@dataclass(frozen=True)
class Holding:
    user_id: int
    login: str
    display_name: str
    open_cases: int


def assignment_list(session: Session, held: dict[int, int]) -> list[Holding]:
    """Who holds open cases now (counts from :func:`open_counts`): by name, never by count."""
    if not held:
        return []
    rows = session.execute(
        select(User.id, User.login, User.display_name)
        .where(User.id.in_(sorted(held)))
        .order_by(User.display_name, User.login)
    ).all()
    return [Holding(int(i), login, name, held[int(i)]) for i, login, name in rows]
