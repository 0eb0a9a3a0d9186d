"""Retention and deletion: closed cases are deleted when their retention period is over.

A case's ``retention_until`` is set when it closes: the closing day plus the service
template's ``retention_years`` (default 10). :meth:`RetentionService.due` lists the cases
whose period ended before today; :meth:`RetentionService.run` deletes them, one transaction
per case, with everything that carries personal data: form data, attachments, documents,
the audit trail and read log of the case, notices, the outbox messages to the citizen, and
the metadata kept with the intake record (the record itself stays, without it, so that a
submission listed again is never taken in twice). What remains is a
:class:`~backoffice.store.models.DeletionRecord`: file number, service, template version,
closed and retention dates, deleted at and by whom; and one entry in the administration's
audit trail per run. No personal data survives.

Needs MANAGE_TEMPLATES (retention periods belong to the service templates).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from backoffice.domain.roles import Permission
from backoffice.domain.status import OPEN_STATUSES
from backoffice.domain.templates import DEFAULT_RETENTION_YEARS
from backoffice.store.database import Database
from backoffice.store.models import (
    AbsenceMove,
    Attachment,
    Case,
    CaseEvent,
    DeletionRecord,
    Document,
    Notice,
    OutboxMessage,
    PendingApproval,
    ReadEntry,
    ServiceTemplateRow,
    SubmissionRecord,
)

from . import admin_audit
from .actor import Actor
from .errors import storage_errors
from .progress import CancelToken, Progress, ProgressCallback, no_progress
from .template_live import berlin_today, live_on


@dataclass(frozen=True)
class DueCase:
    case_id: int
    file_number: str
    service_key: str
    closed_at: datetime | None
    retention_until: date


@dataclass
class RetentionReport:
    dry_run: bool
    due: list[DueCase] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)  # file numbers
    #: Cases listed as due that were no longer due when their turn came (reopened meanwhile).
    skipped: list[str] = field(default_factory=list)
    #: The run was stopped before every due case had its turn (the rest stays for next time).
    stopped: bool = False


@dataclass(frozen=True)
class RetentionPeriod:
    """How long the live version of a service keeps its closed cases, and where that is set."""

    service_key: str
    name_de: str
    name_en: str
    version: int
    years: int
    #: True: ``retention_years`` in the service template; False: the default.
    from_template: bool


@dataclass(frozen=True)
class DeletionInfo:
    file_number: str
    service_key: str
    template_version: int
    closed_at: datetime | None
    retention_until: date | None
    deleted_at: datetime
    deleted_by: str


@storage_errors
class RetentionService:
    def __init__(
        self, db: Database, clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self._db = db
        self._clock = clock

    def due(self, actor: Actor, *, limit: int = 10_000) -> list[DueCase]:
        """Closed cases whose retention period ended before today, oldest first."""
        actor.require(Permission.MANAGE_TEMPLATES)
        today = berlin_today(self._clock())
        with self._db.read() as session:
            rows = session.execute(
                select(
                    Case.id,
                    Case.file_number,
                    Case.service_key,
                    Case.closed_at,
                    Case.retention_until,
                )
                .where(
                    Case.retention_until.is_not(None),
                    Case.retention_until < today,
                    Case.status.not_in([s.value for s in OPEN_STATUSES]),
                )
                .order_by(Case.retention_until, Case.id)
                .limit(limit)
            ).all()
        return [DueCase(r[0], r[1], r[2], r[3], r[4]) for r in rows if r[4] is not None]

    def periods(self, actor: Actor) -> list[RetentionPeriod]:
        """The retention period of every service's version live today, by service key.

        A case takes the period of its own version when it closes."""
        actor.require(Permission.MANAGE_TEMPLATES)
        today = berlin_today(self._clock())
        with self._db.read() as session:
            rows = session.scalars(
                select(ServiceTemplateRow).where(live_on(today)).order_by(ServiceTemplateRow.key)
            ).all()
            periods = []
            for row in rows:
                years = row.definition.get("retention_years")
                periods.append(
                    RetentionPeriod(
                        row.key,
                        row.name_de,
                        row.name_en,
                        row.version,
                        years if isinstance(years, int) else DEFAULT_RETENTION_YEARS,
                        isinstance(years, int),
                    )
                )
            return periods

    def run(
        self,
        actor: Actor,
        *,
        confirm: bool = False,
        only: Collection[int] | None = None,
        progress: ProgressCallback = no_progress,
        cancel: CancelToken | None = None,
    ) -> RetentionReport:
        """Delete what is due (with ``confirm``; without, only list it: a dry run).

        ``only``: delete no more than these cases (their ids), e.g. the list a person
        confirmed; a case due since is left for the next run. ``progress`` hears of each
        case; ``cancel`` stops the run between two cases (each is its own transaction)."""
        actor.require(Permission.MANAGE_TEMPLATES)
        due = self.due(actor)
        if only is not None:
            wanted = set(only)
            due = [item for item in due if item.case_id in wanted]
        report = RetentionReport(dry_run=not confirm, due=due)
        if not confirm:
            return report
        today = berlin_today(self._clock())
        for number, item in enumerate(report.due):
            if cancel is not None and cancel.cancelled:
                report.stopped = True
                break
            progress(Progress(number, len(report.due), item.file_number))
            with self._db.write() as session:
                if self._delete(session, actor, item.case_id, today):
                    report.deleted.append(item.file_number)
                else:
                    report.skipped.append(item.file_number)
        progress(Progress(len(report.deleted) + len(report.skipped), len(report.due)))
        if report.deleted or report.skipped:
            with self._db.write() as session:
                admin_audit.record(
                    session,
                    actor,
                    "retention_run",
                    f"{len(report.deleted)} case(s) deleted",
                    {"deleted": report.deleted, "skipped": report.skipped},
                    at=self._clock(),
                )
        return report

    def deletions(self, actor: Actor, *, limit: int = 1000) -> list[DeletionInfo]:
        """What remains of deleted cases, newest first."""
        actor.require(Permission.MANAGE_TEMPLATES)
        with self._db.read() as session:
            rows = session.scalars(
                select(DeletionRecord).order_by(DeletionRecord.id.desc()).limit(limit)
            ).all()
            return [
                DeletionInfo(
                    r.file_number,
                    r.service_key,
                    r.template_version,
                    r.closed_at,
                    r.retention_until,
                    r.deleted_at,
                    r.deleted_by_login,
                )
                for r in rows
            ]

    def _delete(self, session: Session, actor: Actor, case_id: int, today: date) -> bool:
        case = session.scalars(select(Case).where(Case.id == case_id).with_for_update()).first()
        if (
            case is None
            or case.retention_until is None
            or case.retention_until >= today
            or case.status in {s.value for s in OPEN_STATUSES}
        ):
            return False
        version = session.scalar(
            select(ServiceTemplateRow.version).where(ServiceTemplateRow.id == case.template_id)
        )
        session.add(
            DeletionRecord(
                file_number=case.file_number,
                service_key=case.service_key,
                template_version=version or 0,
                closed_at=case.closed_at,
                retention_until=case.retention_until,
                deleted_at=self._clock(),
                deleted_by_id=actor.user_id,
                deleted_by_login=actor.login,
            )
        )
        # Children first, in the order their foreign keys need (no reliance on cascades).
        session.execute(delete(Notice).where(Notice.case_id == case_id))
        session.execute(delete(PendingApproval).where(PendingApproval.case_id == case_id))
        session.execute(delete(AbsenceMove).where(AbsenceMove.case_id == case_id))
        session.execute(delete(ReadEntry).where(ReadEntry.case_id == case_id))
        session.execute(delete(CaseEvent).where(CaseEvent.case_id == case_id))
        session.execute(delete(Document).where(Document.case_id == case_id))
        session.execute(delete(Attachment).where(Attachment.case_id == case_id))
        session.execute(delete(OutboxMessage).where(OutboxMessage.case_id == case_id))
        session.execute(
            update(SubmissionRecord)
            .where(SubmissionRecord.case_id == case_id)
            .values(case_id=None, received_metadata=None, attachment_ids=None, problem_detail=None)
        )
        session.execute(delete(Case).where(Case.id == case_id))
        return True
