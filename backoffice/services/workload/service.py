"""The team lead's figures (issue 10): computed in the database, staff-council safe.

Permission VIEW_WORKLOAD. See :mod:`backoffice.domain.figures` for what each figure counts
and when it is suppressed: a service whose staff in the period number fewer than the
policy's minimum has every cell suppressed (value None, ``suppressed`` True) and is left
out of the totals, which are the totals of the services shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

from backoffice.domain.deadlines import WorkingCalendar, today_local
from backoffice.domain.figures import (
    DEFAULT_HORIZON_DAYS,
    DEFAULT_WEEKS,
    PACE_WEEKS,
    AgeBand,
    band_receipt_dates,
    describe_markdown,
    forecast_breaches,
    lead_working_days,
    median,
    percentile_nearest_rank,
    week_start,
)
from backoffice.domain.roles import Permission
from backoffice.services.actor import Actor
from backoffice.services.errors import InvalidInput, storage_errors
from backoffice.services.queries import CaseFilter, DateSpan
from backoffice.store.database import Database
from backoffice.store.models import Case

from . import queries as q
from .policy import read_policy, write_policy
from .records import AssignmentLoad, Cell, CouncilPolicy, Dashboard, ServiceFigures, WeekFigures

MAX_WEEKS = 52
MAX_HORIZON_DAYS = 60


@dataclass(frozen=True)
class _Frame:
    """The dates every figure of one dashboard is computed against."""

    today: date
    weeks: tuple[date, ...]  # Mondays, oldest first; the last is this week
    bands: dict[AgeBand, tuple[date | None, date]]
    pace_first: date
    pace_last: date
    pace_days: int
    horizon_days: int
    horizon: date


@dataclass
class _Raw:
    """One service's (or the totals') counts before they become cells."""

    by_band: dict[AgeBand, int]
    overdue: int
    inflow: dict[date, int]
    closed: dict[date, int]
    lead_times: list[int]
    pace_closed: int
    breaches: int


@storage_errors
class WorkloadService:
    def __init__(
        self,
        db: Database,
        calendar: WorkingCalendar | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._db = db
        self._calendar = calendar or WorkingCalendar()
        self._clock = clock

    def dashboard(
        self,
        actor: Actor,
        *,
        weeks: int = DEFAULT_WEEKS,
        horizon_days: int = DEFAULT_HORIZON_DAYS,
        today: date | None = None,
    ) -> Dashboard:
        """Every figure of the dashboard as of ``today`` (Berlin; default: the clock's).

        ``weeks`` (1-52): the period of the weekly figures, the lead times and the staff
        count; ``horizon_days`` (1-60): how many working days the forecast looks ahead.
        Needs VIEW_WORKLOAD."""
        actor.require(Permission.VIEW_WORKLOAD)
        if not 1 <= weeks <= MAX_WEEKS:
            raise InvalidInput(f"weeks must be 1 to {MAX_WEEKS}, not {weeks}")
        if not 1 <= horizon_days <= MAX_HORIZON_DAYS:
            raise InvalidInput(f"the horizon must be 1 to {MAX_HORIZON_DAYS} working days")
        frame = self._frame(today or self._today(), weeks, horizon_days)
        with self._db.read() as session:
            policy = read_policy(session)
            names = q.service_names(session)
            raw, staff, held = self._raw(session, frame)
            holdings = q.assignment_list(session, held)
        keys = sorted(raw)  # services with something to count; names only label them
        services = []
        shown: list[str] = []
        for key in keys:
            suppressed = len(staff.get(key, ())) < policy.min_staff
            de, en = names.get(key, (key, key))
            figures = self._figures(
                key, de, en, raw.get(key) or _empty(), frame, frozenset({key}), suppressed
            )
            services.append(figures)
            if not suppressed:
                shown.append(key)
        any_suppressed = len(shown) < len(keys)
        totals = self._figures(
            None,
            "Summe der angezeigten Dienste" if any_suppressed else "Summe",
            "Total of the services shown" if any_suppressed else "Total",
            _sum([raw[k] for k in shown if k in raw]),
            frame,
            frozenset(shown) if any_suppressed else frozenset(),
            suppressed=not shown and any_suppressed,
        )
        assignments = tuple(
            AssignmentLoad(
                h.user_id,
                h.login,
                h.display_name,
                h.open_cases,
                CaseFilter(assignee_id=h.user_id, open_only=True),
            )
            for h in holdings
        )
        return Dashboard(
            today=frame.today,
            computed_at=self._clock(),
            weeks=weeks,
            period_start=frame.weeks[0],
            horizon_days=horizon_days,
            horizon=frame.horizon,
            policy=policy,
            services=tuple(services),
            totals=totals,
            assignments=assignments,
        )

    def policy(self, actor: Actor) -> CouncilPolicy:
        """The staff-council setting in force (needs VIEW_WORKLOAD)."""
        actor.require(Permission.VIEW_WORKLOAD)
        with self._db.read() as session:
            return read_policy(session)

    def set_policy(self, actor: Actor, min_staff: int, agreement: str | None) -> CouncilPolicy:
        """Change the minimum group size. Administrators only; a value below the default
        needs the service agreement that allows it (its reference, e.g. "DV 2026/3 § 4").
        Written to the administration audit trail in the same transaction."""
        with self._db.write() as session:
            return write_policy(session, actor, min_staff, agreement, self._clock())

    def describe(self) -> str:
        """Every figure in plain language (Markdown) with the policy in force, for the staff
        council; it shows no figure, so it needs no permission."""
        with self._db.read() as session:
            policy = read_policy(session)
        return describe_markdown(policy.min_staff, policy.agreement)

    # -- computing -------------------------------------------------------------------------

    def _today(self) -> date:
        return today_local(self._clock())

    def _frame(self, today: date, weeks: int, horizon_days: int) -> _Frame:
        this_week = week_start(today)
        mondays = tuple(this_week - timedelta(weeks=n) for n in reversed(range(weeks)))
        bands = {band: band_receipt_dates(band, today, self._calendar) for band in AgeBand}
        pace_first = today - timedelta(weeks=PACE_WEEKS)
        pace_last = today - timedelta(days=1)
        pace_days = self._calendar.working_days_between(pace_first - timedelta(days=1), pace_last)
        horizon = self._calendar.add_working_days(today, horizon_days)
        return _Frame(
            today, mondays, bands, pace_first, pace_last, pace_days, horizon_days, horizon
        )

    def _raw(
        self, session: Session, frame: _Frame
    ) -> tuple[dict[str, _Raw], dict[str, set[int]], dict[int, int]]:
        """Every service's counts, its staff (who worked on it or holds its cases), and the
        open cases each holder has."""
        opened = q.open_counts(
            session,
            [(band, frame.bands[band][0]) for band in AgeBand],
            frame.today,
            frame.horizon,
        )
        inflow = q.weekly_counts(session, Case.received_at, frame.weeks)
        closed = q.weekly_counts(session, Case.closed_at, frame.weeks)
        paced = q.closed_between(session, frame.pace_first, frame.pace_last)
        due = opened.due
        staff = q.acting_staff(session, frame.weeks[0])
        for key, holders in opened.holders.items():
            staff.setdefault(key, set()).update(holders)
        leads: dict[str, list[int]] = {}
        for done in q.closed_cases_with_history(session, frame.weeks[0]):
            if done.closed <= frame.today:
                leads.setdefault(done.service_key, []).append(
                    lead_working_days(done.received, done.closed, done.pauses, self._calendar)
                )
        keys = set(opened.by_band) | set(inflow) | set(closed) | set(paced) | set(due)
        raw: dict[str, _Raw] = {}
        for key in keys:
            pace = paced.get(key, 0) / frame.pace_days if frame.pace_days else 0.0
            raw[key] = _Raw(
                by_band=opened.by_band.get(key, {}),
                overdue=opened.overdue.get(key, 0),
                inflow=inflow.get(key, {}),
                closed=closed.get(key, {}),
                lead_times=leads.get(key, []),
                pace_closed=paced.get(key, 0),
                breaches=forecast_breaches(
                    due.get(key, []), frame.today, frame.horizon_days, pace, self._calendar
                ),
            )
        return raw, staff, opened.held

    def _figures(
        self,
        key: str | None,
        name_de: str,
        name_en: str,
        raw: _Raw,
        frame: _Frame,
        services: frozenset[str],
        suppressed: bool,
    ) -> ServiceFigures:
        def cell(value: float | None, flt: CaseFilter) -> Cell:
            return Cell(None, flt, True) if suppressed else Cell(value, flt)

        opened = CaseFilter(services=services, open_only=True)
        by_age = {
            band: cell(
                raw.by_band.get(band, 0),
                CaseFilter(
                    services=services, open_only=True, received=DateSpan(*frame.bands[band])
                ),
            )
            for band in AgeBand
        }
        weeks = tuple(
            WeekFigures(
                monday,
                cell(
                    raw.inflow.get(monday, 0),
                    CaseFilter(services=services, received=_week(monday)),
                ),
                cell(
                    raw.closed.get(monday, 0),
                    CaseFilter(services=services, closed=_week(monday)),
                ),
            )
            for monday in frame.weeks
        )
        closed_in_period = CaseFilter(services=services, closed=DateSpan(frame.weeks[0], None))
        pace = raw.pace_closed / frame.pace_days if frame.pace_days else 0.0
        return ServiceFigures(
            service_key=key,
            name_de=name_de,
            name_en=name_en,
            suppressed=suppressed,
            open_by_age=by_age,
            open_total=cell(sum(raw.by_band.values()), opened),
            overdue=cell(raw.overdue, CaseFilter(services=services, overdue=True)),
            weeks=weeks,
            lead_time_median=cell(median(raw.lead_times), closed_in_period),
            lead_time_p90=cell(
                _float(percentile_nearest_rank(raw.lead_times, 90)), closed_in_period
            ),
            lead_time_cases=cell(len(raw.lead_times), closed_in_period),
            pace_per_day=cell(
                round(pace, 2),
                CaseFilter(services=services, closed=DateSpan(frame.pace_first, frame.pace_last)),
            ),
            forecast_breaches=cell(
                raw.breaches,
                CaseFilter(
                    services=services, open_only=True, due=DateSpan(frame.today, frame.horizon)
                ),
            ),
        )


def _week(monday: date) -> DateSpan:
    return DateSpan(monday, monday + timedelta(days=6))


def _float(value: int | None) -> float | None:
    return None if value is None else float(value)


def _empty() -> _Raw:
    return _Raw({}, 0, {}, {}, [], 0, 0)


def _sum(raws: list[_Raw]) -> _Raw:
    total = _empty()
    for raw in raws:
        for band, count in raw.by_band.items():
            total.by_band[band] = total.by_band.get(band, 0) + count
        total.overdue += raw.overdue
        for monday, count in raw.inflow.items():
            total.inflow[monday] = total.inflow.get(monday, 0) + count
        for monday, count in raw.closed.items():
            total.closed[monday] = total.closed.get(monday, 0) + count
        total.lead_times.extend(raw.lead_times)
        total.pace_closed += raw.pace_closed
        total.breaches += raw.breaches
    return total
