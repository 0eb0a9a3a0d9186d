"""What the casework services share: loading a case, its template and row, its history."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from backoffice.domain.deadlines import WorkingCalendar, today_local
from backoffice.domain.templates import ServiceTemplate
from backoffice.services.audit import EventKind
from backoffice.services.catalogue import template_from_row
from backoffice.services.errors import NotFound
from backoffice.services.follow_up import answered_cases
from backoffice.services.queries import CaseFilter, CaseRow, CaseSort, page_query, rows_from
from backoffice.store.database import Database
from backoffice.store.models import Case, CaseEvent, Document, ServiceTemplateRow, User


class CaseworkBase:
    """The database, the working-day calendar and the clock of a casework service."""

    def __init__(
        self,
        db: Database,
        calendar: WorkingCalendar | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._db = db
        self._calendar = calendar or WorkingCalendar()
        self._clock = clock

    def _today(self) -> date:
        return today_local(self._clock())

    def _row(self, session: Session, case: Case, today: date | None = None) -> CaseRow:
        today = today or self._today()
        result = session.execute(
            page_query(CaseFilter(), CaseSort(), None, 1, today).where(Case.id == case.id)
        ).all()
        row = rows_from(result, today)[0]
        if answered_cases(session, [row.id]):
            row = replace(row, answered=True)
        return row


def has_certificate(session: Session, case_id: int) -> bool:
    """Whether the case has the document a completion needs (a certificate; not a letter)."""
    return (
        session.scalar(
            select(Document.id)
            .where(Document.case_id == case_id, Document.kind == "certificate")
            .limit(1)
        )
        is not None
    )


def status_history(session: Session, case_id: int) -> list[tuple[datetime, str]]:
    events = session.execute(
        select(CaseEvent.at, CaseEvent.payload)
        .where(CaseEvent.case_id == case_id, CaseEvent.kind == EventKind.STATUS_CHANGED)
        .order_by(CaseEvent.seq)
    ).all()
    return [(e.at, e.payload["to"]) for e in events]


def load_case(session: Session, case_id: int, *, lock: bool = False) -> Case:
    query = select(Case).where(Case.id == case_id)
    if lock:
        query = query.with_for_update()
    case = session.scalars(query).first()
    if case is None:
        raise NotFound(f"no case with id {case_id}", case_id=case_id)
    return case


def case_template(session: Session, case: Case) -> ServiceTemplate:
    row = session.get(ServiceTemplateRow, case.template_id)
    assert row is not None  # foreign key
    return template_from_row(row)


def user_name(session: Session, user_id: int | None) -> str | None:
    if user_id is None:
        return None
    return session.scalar(select(User.display_name).where(User.id == user_id))


def user_login(session: Session, user_id: int | None) -> str | None:
    if user_id is None:
        return None
    return session.scalar(select(User.login).where(User.id == user_id))
