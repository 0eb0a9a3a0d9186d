"""The team lead's services on one database, as the composition root builds them: the
figures, bulk actions, absences and four-eyes approvals (issue 10)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from backoffice.domain.deadlines import WorkingCalendar
from backoffice.store.database import Database

from .absences import AbsenceService
from .approvals import ApprovalService
from .bulk import BulkActions
from .casework import Casework
from .documents import DocumentService
from .workload import WorkloadService


@dataclass(frozen=True)
class TeamServices:
    workload: WorkloadService
    bulk: BulkActions
    absences: AbsenceService
    approvals: ApprovalService

    @classmethod
    def build(
        cls,
        db: Database,
        casework: Casework,
        documents: DocumentService,
        calendar: WorkingCalendar,
        clock: Callable[[], datetime],
    ) -> TeamServices:
        return cls(
            workload=WorkloadService(db, calendar, clock),
            bulk=BulkActions(db, casework.commands, documents, calendar, clock),
            absences=AbsenceService(db, clock),
            approvals=ApprovalService(db, casework.commands, clock),
        )
