"""Reading cases: pages of the inbox, counts, and one case with everything the case view shows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backoffice.domain.deadlines import compute_deadline, local_date, pauses_from_history
from backoffice.domain.roles import Permission
from backoffice.domain.status import Status
from backoffice.services.actor import Actor
from backoffice.services.audit import BrokenLink, verify_chain
from backoffice.services.errors import storage_errors
from backoffice.services.queries import (
    CaseFilter,
    CasePage,
    CaseSort,
    Cursor,
    count_query,
    cursor_after,
    filter_conditions,
    page_query,
    rows_from,
)
from backoffice.store.models import Attachment, Case, CaseEvent, User

from ..follow_up import answered_cases
from ..read_log import CASE_OPENED, log_read, record_read
from .common import CaseworkBase, case_template, has_certificate, load_case, status_history
from .notices import has_unseen_notice, take_notices
from .records import AttachmentInfo, CaseDetail, HistoryEntry, NoticeInfo


@storage_errors
class CaseQueries(CaseworkBase):
    def list_cases(
        self,
        actor: Actor,
        flt: CaseFilter = CaseFilter(),  # noqa: B008 - frozen dataclass
        sort: CaseSort = CaseSort(),  # noqa: B008
        after: Cursor | None = None,
        limit: int = 100,
        today: date | None = None,
    ) -> CasePage:
        actor.require(Permission.VIEW_CASES)
        today = today or self._today()
        with self._db.read() as session:
            result = session.execute(
                page_query(flt, sort, after, limit, today, fts=self._db.has_search_index)
            ).all()
            rows = rows_from(result, today)
            # One more query for the page only: which of these the citizen has answered.
            answered = answered_cases(session, [row.id for row in rows])
        if answered:
            rows = [replace(row, answered=True) if row.id in answered else row for row in rows]
        next_cursor = cursor_after(rows[-1], sort.key) if len(rows) == limit and rows else None
        return CasePage(rows, next_cursor, flt)

    def count_cases(self, actor: Actor, flt: CaseFilter, today: date | None = None) -> int:
        actor.require(Permission.VIEW_CASES)
        with self._db.read() as session:
            return (
                session.scalar(
                    count_query(flt, today or self._today(), fts=self._db.has_search_index)
                )
                or 0
            )

    def count_cases_by(
        self, actor: Actor, flt: CaseFilter, group: str, today: date | None = None
    ) -> dict[str, int]:
        """Counts per status or per service under a filter, in one grouped query."""
        actor.require(Permission.VIEW_CASES)
        column = {"status": Case.status, "service": Case.service_key}[group]
        with self._db.read() as session:
            rows = session.execute(
                select(column, func.count())
                .where(
                    *filter_conditions(flt, today or self._today(), fts=self._db.has_search_index)
                )
                .group_by(column)
            ).all()
        return {str(key): int(count) for key, count in rows}

    def get_case(self, actor: Actor, case_id: int, today: date | None = None) -> CaseDetail:
        """Read a case with its history; marks the actor's notices for it as seen. The
        opening is recorded in the read log (services/read_log.py)."""
        actor.require(Permission.VIEW_CASES)
        today = today or self._today()
        with self._db.read() as session:
            unseen = has_unseen_notice(session, actor, case_id)
        if unseen:
            with self._db.write() as session:
                case = load_case(session, case_id)
                notices = take_notices(session, actor, case_id, self._clock())
                log_read(session, actor, case_id, CASE_OPENED, at=self._clock())
                return self._detail(session, actor, case, today, notices)
        with self._db.read() as session:
            detail = self._detail(session, actor, load_case(session, case_id), today, [])
        record_read(self._db, actor, case_id, CASE_OPENED, at=self._clock())
        return detail

    def verify_history(self, actor: Actor, case_id: int) -> BrokenLink | None:
        """Recompute the hash chain of a case's history: the first broken link, or None.

        Raises NotFound for a case that does not exist (whose empty chain proves nothing)."""
        actor.require(Permission.VIEW_CASES)
        with self._db.read() as session:
            load_case(session, case_id)
            return verify_chain(session, case_id)

    def _detail(
        self, session: Session, actor: Actor, case: Case, today: date, notices: list[NoticeInfo]
    ) -> CaseDetail:
        template = case_template(session, case)
        row = self._row(session, case, today)
        attachments = [
            AttachmentInfo(
                a.id,
                a.original_name,
                a.safe_name,
                a.media_type,
                a.size,
                a.sha512,
                a.verification,
                a.verification_detail,
            )
            for a in session.scalars(
                select(Attachment).where(Attachment.case_id == case.id).order_by(Attachment.id)
            )
        ]
        history = [
            HistoryEntry(e.seq, e.at, name, e.kind, dict(e.payload))
            for e, name in session.execute(
                select(CaseEvent, User.display_name)
                .outerjoin(User, User.id == CaseEvent.actor_id)
                .where(CaseEvent.case_id == case.id)
                .order_by(CaseEvent.seq)
            )
        ]
        may_work = case.assignee_id == actor.user_id or actor.can(Permission.WORK_ANY_CASE)
        allowed = (
            list(template.workflow.allowed_from(Status(case.status)))
            if may_work and actor.can(Permission.WORK_OWN_CASES)
            else []
        )
        remaining = None
        if Status(case.status).is_open:
            pauses = pauses_from_history(
                [(at, Status(to)) for at, to in status_history(session, case.id)]
            )
            remaining = compute_deadline(
                local_date(case.received_at),
                template.processing_days,
                pauses,
                today,
                self._calendar,
            ).remaining_working_days
        return CaseDetail(
            row=row,
            template=template,
            form_data=dict(case.form_data or {}),
            applicant_email=case.applicant_email,
            reply_channel=case.reply_channel,
            auth_level=case.auth_level,
            payment_state=case.payment_state,
            submission_id=case.submission_id,
            closed_at=case.closed_at,
            paused_since=case.paused_since,
            remaining_working_days=remaining,
            attachments=attachments,
            history=history,
            allowed_transitions=allowed,
            notices=notices,
            has_certificate=has_certificate(session, case.id),
            destination_id=case.destination_id,
        )
