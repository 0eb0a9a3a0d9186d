"""Audit views: the history of any case and of the administration, the verification of both
chains, and who read a case.

Plain data for the window's audit workspace and the command line. A case's history needs
VIEW_CASES (as the case itself); verifying every case's chain, the administration's trail and
the read log of a case are for administrators (MANAGE_USERS): who read what is about staff,
not citizens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from backoffice.domain.roles import Permission
from backoffice.store.database import Database
from backoffice.store.models import Case, CaseEvent, DeletionRecord, ReadEntry, User

from .actor import Actor
from .admin_audit import AdminAuditService, AdminBrokenLink, AdminEntry
from .audit import BrokenLink, verify_chain
from .errors import NotFound, storage_errors
from .progress import CancelToken, Progress, ProgressCallback, no_progress


@dataclass(frozen=True)
class CaseAuditEntry:
    seq: int
    at: datetime
    actor: str | None  # display name; None for the system
    kind: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class ReadInfo:
    at: datetime
    actor: str | None
    kind: str  # case_opened | document_viewed
    document_id: int | None


@dataclass(frozen=True)
class ChainReport:
    cases_checked: int
    broken: list[BrokenLink]
    administration: AdminBrokenLink | None
    #: Stopped before every chain was checked (then nothing is said about the rest).
    stopped: bool = False
    #: How many case chains there were to check.
    cases_total: int | None = None
    #: The file numbers of the cases with a broken chain (by case id).
    file_numbers: dict[int, str] = field(default_factory=dict)

    @property
    def intact(self) -> bool:
        return not self.broken and self.administration is None and not self.stopped


@dataclass(frozen=True)
class CaseRef:
    """A case found by its file number (for the audit views, which take the id)."""

    case_id: int
    file_number: str
    service_key: str
    status: str


@storage_errors
class AuditViews:
    def __init__(self, db: Database, admin_audit: AdminAuditService) -> None:
        self._db = db
        self._admin = admin_audit

    def find_case(self, actor: Actor, file_number: str) -> CaseRef:
        """The case with this file number (spaces and case ignored); NotFound names a
        deleted case's deletion day when it had one."""
        actor.require(Permission.VIEW_CASES)
        wanted = "".join(file_number.split()).upper()
        with self._db.read() as session:
            case = session.scalars(select(Case).where(Case.file_number == wanted)).first()
            if case is not None:
                return CaseRef(case.id, case.file_number, case.service_key, case.status)
            deleted = session.scalars(
                select(DeletionRecord).where(DeletionRecord.file_number == wanted)
            ).first()
        if deleted is not None:
            raise NotFound(
                f"case {wanted} was deleted on {deleted.deleted_at:%Y-%m-%d} "
                f"by {deleted.deleted_by_login} (retention period over)",
                file_number=wanted,
                deleted_at=deleted.deleted_at.isoformat(),
                deleted_by=deleted.deleted_by_login,
            )
        raise NotFound(f"no case with the file number {wanted}", file_number=wanted)

    def case_history(self, actor: Actor, case_id: int) -> list[CaseAuditEntry]:
        actor.require(Permission.VIEW_CASES)
        with self._db.read() as session:
            if session.get(Case, case_id) is None:
                raise NotFound(f"no case with id {case_id}", case_id=case_id)
            rows = session.execute(
                select(CaseEvent, User.display_name)
                .outerjoin(User, User.id == CaseEvent.actor_id)
                .where(CaseEvent.case_id == case_id)
                .order_by(CaseEvent.seq)
            ).all()
            return [CaseAuditEntry(e.seq, e.at, name, e.kind, dict(e.payload)) for e, name in rows]

    def verify_case(self, actor: Actor, case_id: int) -> BrokenLink | None:
        actor.require(Permission.VIEW_CASES)
        with self._db.read() as session:
            if session.get(Case, case_id) is None:
                raise NotFound(f"no case with id {case_id}", case_id=case_id)
            return verify_chain(session, case_id)

    def reads(self, actor: Actor, case_id: int) -> list[ReadInfo]:
        actor.require(Permission.MANAGE_USERS)
        with self._db.read() as session:
            rows = session.execute(
                select(ReadEntry, User.display_name)
                .outerjoin(User, User.id == ReadEntry.actor_id)
                .where(ReadEntry.case_id == case_id)
                .order_by(ReadEntry.at, ReadEntry.id)
            ).all()
            return [ReadInfo(r.at, name, r.kind, r.document_id) for r, name in rows]

    def administration_history(self, actor: Actor, *, limit: int = 500) -> list[AdminEntry]:
        return self._admin.history(actor, limit=limit)

    def verify_everything(
        self,
        actor: Actor,
        *,
        progress: ProgressCallback = no_progress,
        cancel: CancelToken | None = None,
    ) -> ChainReport:
        """Every case's chain and the administration's trail; ``progress`` hears of every
        hundredth case, ``cancel`` stops between two cases (the report says so)."""
        actor.require(Permission.MANAGE_USERS)
        with self._db.read() as session:
            numbers = dict(
                session.execute(select(Case.id, Case.file_number).order_by(Case.id)).all()
            )
        ids = list(numbers)
        broken: list[BrokenLink] = []
        for checked, case_id in enumerate(ids):
            if cancel is not None and cancel.cancelled:
                return ChainReport(
                    checked,
                    broken,
                    None,
                    stopped=True,
                    cases_total=len(ids),
                    file_numbers={link.case_id: numbers[link.case_id] for link in broken},
                )
            if checked % 100 == 0:
                progress(Progress(checked, len(ids)))
            with self._db.read() as session:
                link = verify_chain(session, case_id)
            if link is not None:
                broken.append(link)
        progress(Progress(len(ids), len(ids)))
        return ChainReport(
            len(ids),
            broken,
            self._admin.verify(actor),
            cases_total=len(ids),
            file_numbers={link.case_id: numbers[link.case_id] for link in broken},
        )
