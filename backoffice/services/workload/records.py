"""What the workload service returns: plain data, safe to hand to another thread.

Every number is a :class:`Cell`: its value, whether it is suppressed (staff-council rule,
never shown as 0), and the inbox filter it drills down to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from backoffice.domain.figures import AgeBand
from backoffice.services.queries import CaseFilter


@dataclass(frozen=True)
class Cell:
    """One figure. ``value`` is None when ``suppressed`` (fewer staff than the minimum
    group size) or when there is nothing to measure (a lead time with no closed case)."""

    value: float | None
    filter: CaseFilter
    suppressed: bool = False

    @property
    def shown(self) -> bool:
        return not self.suppressed and self.value is not None


@dataclass(frozen=True)
class WeekFigures:
    """One calendar week (Monday to Sunday, Berlin): cases received and cases closed."""

    week_start: date
    inflow: Cell
    closed: Cell


@dataclass(frozen=True)
class ServiceFigures:
    """The figures of one service (or, with ``service_key`` None, the totals of the
    services shown)."""

    service_key: str | None
    name_de: str
    name_en: str
    #: Fewer distinct staff than the minimum group size worked on it: every cell is
    #: suppressed. (The staff count itself is not returned: it would name small groups.)
    suppressed: bool
    open_by_age: dict[AgeBand, Cell]
    open_total: Cell
    overdue: Cell
    weeks: tuple[WeekFigures, ...]
    #: Working days, paused time left out; cases closed in the period.
    lead_time_median: Cell
    lead_time_p90: Cell
    #: How many closed cases the lead times are measured over.
    lead_time_cases: Cell
    #: Cases closed per working day over the pace weeks (domain.figures.PACE_WEEKS).
    pace_per_day: Cell
    #: Open cases due within the horizon that the current pace will not reach in time.
    forecast_breaches: Cell

    def name(self, language: str) -> str:
        return self.name_de if language == "de" else self.name_en


@dataclass(frozen=True)
class AssignmentLoad:
    """One line of the assignment list: a person who holds open cases today, and how many.
    Listed by name, never ranked; no history."""

    user_id: int
    login: str
    display_name: str
    open_cases: int
    filter: CaseFilter


@dataclass(frozen=True)
class CouncilPolicy:
    """The staff-council setting in force: the minimum group size and, where lower than
    the default, the service agreement that allows it."""

    min_staff: int
    agreement: str | None = None
    changed_by: str | None = None
    changed_at: datetime | None = None


@dataclass(frozen=True)
class Dashboard:
    """The team lead's figures as of ``today`` (a Berlin date)."""

    today: date
    computed_at: datetime
    #: The period of the weekly figures, the lead times and the staff count.
    weeks: int
    period_start: date
    #: The forecast looks this many working days ahead (to ``horizon``, included).
    horizon_days: int
    horizon: date
    policy: CouncilPolicy
    services: tuple[ServiceFigures, ...]
    #: The totals of the services shown (suppressed services are left out).
    totals: ServiceFigures
    assignments: tuple[AssignmentLoad, ...] = field(default_factory=tuple)

    @property
    def suppressed_services(self) -> int:
        return sum(1 for s in self.services if s.suppressed)
