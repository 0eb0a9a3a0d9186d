"""Audit views: the history of any case and of the administration, the verification of both
chains, and who read a case.

Plain data for the window's audit workspace and the command line. A case's history needs
VIEW_CASES (as the case itself); verifying every case's chain, the administration's trail and
the read log of a case are for administrators (MANAGE_USERS): who read what is about staff,
not citizens.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from backoffice.domain.roles import Permission
from backoffice.store.database import Database
from backoffice.store.models import Case, CaseEvent, ReadEntry, User

from .actor import Actor
from .admin_audit import AdminAuditService, AdminBrokenLink, AdminEntry
from .audit import BrokenLink, verify_chain
from .errors import NotFound, storage_errors


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

    @property
    def intact(self) -> bool:
        return not self.broken and self.administration is None


@storage_errors
class AuditViews:
    def __init__(self, db: Database, admin_audit: AdminAuditService) -> None:
        self._db = db
        self._admin = admin_audit

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

    def verify_everything(self, actor: Actor) -> ChainReport:
        """Every case's chain and the administration's trail."""
        actor.require(Permission.MANAGE_USERS)
        with self._db.read() as session:
            ids = list(session.scalars(select(Case.id).order_by(Case.id)))
        broken = []
        for case_id in ids:
            with self._db.read() as session:
                link = verify_chain(session, case_id)
            if link is not None:
                broken.append(link)
        return ChainReport(len(ids), broken, self._admin.verify(actor))
