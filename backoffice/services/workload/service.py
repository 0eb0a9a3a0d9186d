"""The team lead's figures (issue 10): computed in the database, staff-council safe.

Permission VIEW_WORKLOAD. See :mod:`backoffice.domain.figures` for what each figure counts
and when it is suppressed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from backoffice.domain.deadlines import WorkingCalendar, today_local
from backoffice.domain.figures import DEFAULT_HORIZON_DAYS, DEFAULT_WEEKS
from backoffice.services.actor import Actor
from backoffice.services.errors import storage_errors
from backoffice.store.database import Database

from .records import CouncilPolicy, Dashboard


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
        raise NotImplementedError

    def policy(self, actor: Actor) -> CouncilPolicy:
        """The staff-council setting in force (needs VIEW_WORKLOAD)."""
        raise NotImplementedError

    def set_policy(self, actor: Actor, min_staff: int, agreement: str | None) -> CouncilPolicy:
        """Change the minimum group size. Administrators only; a value below the default
        needs the service agreement that allows it (its reference, e.g. "DV 2026/3 § 4").
        Written to the administration audit trail in the same transaction."""
        raise NotImplementedError

    def _today(self) -> date:
        return today_local(self._clock())
