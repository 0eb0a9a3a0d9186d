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

from backoffice.store.database import Database

from .actor import Actor
from .bulk import BulkResult
from .errors import storage_errors


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
        raise NotImplementedError

    def start_due(self, actor: Actor, today: date | None = None) -> list[AbsenceResult]:
        """Move the open cases of every absence that has begun by ``today`` and still holds
        cases (absences recorded ahead of time); idempotent."""
        raise NotImplementedError

    def list_absences(
        self, actor: Actor, *, include_past: bool = False, today: date | None = None
    ) -> list[AbsenceInfo]:
        """Current and future absences (with ``include_past`` every one), by first day."""
        raise NotImplementedError

    def cancel(self, actor: Actor, absence_id: int) -> AbsenceInfo:
        """End an absence early (or drop a future one); cases already moved stay where they
        are until given back."""
        raise NotImplementedError

    def give_back(self, actor: Actor, absence_id: int, reason: str | None = None) -> BulkResult:
        """Return to the clerk the cases this absence moved that are still open and still
        with whoever received them; each move is one entry in the case's history."""
        raise NotImplementedError
