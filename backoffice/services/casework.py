"""Casework use cases: list, read, claim, assign, release, change status, add notes.

Each use case checks the actor's permission, runs in one transaction and writes
its audit entries in that same transaction. Writes to a case go through one
conditional UPDATE of the case row, which also serialises the audit chain:

* claiming succeeds only where nobody holds the case (two clerks at once: one wins);
* status changes succeed only on the version the clerk saw (optimistic locking),
  otherwise :class:`ConcurrentChange` says who changed what meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from backoffice.domain.deadlines import (
    WorkingCalendar,
    compute_deadline,
    local_date,
    pauses_from_history,
    today_local,
)
from backoffice.domain.roles import Permission
from backoffice.domain.status import OPEN_STATUSES, Status
from backoffice.domain.templates import ServiceTemplate, Transition
from backoffice.domain.text import clean_line
from backoffice.store.database import Database
from backoffice.store.models import (
    Attachment,
    Case,
    CaseEvent,
    Document,
    Notice,
    ServiceTemplateRow,
    User,
)

from .actor import Actor
from .audit import EventKind, append_event
from .catalogue import template_from_row
from .errors import (
    ClaimConflict,
    ConcurrentChange,
    InvalidInput,
    NotFound,
    PermissionDenied,
    storage_errors,
)
from .queries import (
    CaseFilter,
    CasePage,
    CaseRow,
    CaseSort,
    Cursor,
    count_query,
    cursor_after,
    filter_conditions,
    page_query,
    rows_from,
)

MAX_NOTE_CHARS = 10_000
MAX_COMMENT_CHARS = 2_000
#: Closed cases are kept this long before they may be deleted (configurable later per service).
RETENTION_YEARS = 10


@dataclass(frozen=True)
class HistoryEntry:
    seq: int
    at: datetime
    actor_name: str | None
    kind: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    original_name: str
    safe_name: str
    media_type: str
    size: int
    sha512: str
    verification: str
    verification_detail: str | None


@dataclass(frozen=True)
class NoticeInfo:
    id: int
    case_id: int
    file_number: str
    kind: str
    actor_name: str | None
    at: datetime
    payload: dict[str, Any]


@dataclass(frozen=True)
class CaseDetail:
    """A case with everything the case view shows; plain data."""

    row: CaseRow
    template: ServiceTemplate
    form_data: dict[str, Any]
    applicant_email: str | None
    reply_channel: str
    auth_level: str | None
    payment_state: str | None
    submission_id: str | None
    closed_at: datetime | None
    paused_since: date | None
    remaining_working_days: int | None
    attachments: list[AttachmentInfo]
    history: list[HistoryEntry]
    allowed_transitions: list[Transition]
    notices: list[NoticeInfo]
    has_certificate: bool = False


@storage_errors
class CaseworkService:
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

    # -- reading ---------------------------------------------------------------------------

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
        """Read a case with its history; marks the actor's notices for it as seen."""
        actor.require(Permission.VIEW_CASES)
        today = today or self._today()
        if self._has_unseen_notice(actor, case_id):
            with self._db.write() as session:
                case = self._load(session, case_id)
                notices = self._take_notices(session, actor, case_id)
                return self._detail(session, actor, case, today, notices)
        with self._db.read() as session:
            return self._detail(session, actor, self._load(session, case_id), today, [])

    def _has_unseen_notice(self, actor: Actor, case_id: int) -> bool:
        if actor.user_id is None:
            return False
        with self._db.read() as session:
            return (
                session.scalar(
                    select(Notice.id)
                    .where(
                        Notice.user_id == actor.user_id,
                        Notice.case_id == case_id,
                        Notice.seen_at.is_(None),
                    )
                    .limit(1)
                )
                is not None
            )

    def unseen_notices(self, actor: Actor) -> list[NoticeInfo]:
        """What happened to the actor's cases that they have not seen yet (e.g. taken over)."""
        if actor.user_id is None:
            return []
        with self._db.read() as session:
            rows = session.execute(
                select(Notice, CaseEvent, Case.file_number, User.display_name)
                .join(CaseEvent, CaseEvent.id == Notice.event_id)
                .join(Case, Case.id == Notice.case_id)
                .outerjoin(User, User.id == CaseEvent.actor_id)
                .where(Notice.user_id == actor.user_id, Notice.seen_at.is_(None))
                .order_by(Notice.id)
            ).all()
            return [
                NoticeInfo(n.id, n.case_id, fn, e.kind, name, e.at, dict(e.payload))
                for n, e, fn, name in rows
            ]

    def dismiss_notices(self, actor: Actor, notice_ids: list[int]) -> int:
        """Mark the actor's own notices as seen; returns how many were still unseen."""
        if actor.user_id is None or not notice_ids:
            return 0
        with self._db.write() as session:
            result = session.execute(
                update(Notice)
                .where(
                    Notice.id.in_(notice_ids),
                    Notice.user_id == actor.user_id,
                    Notice.seen_at.is_(None),
                )
                .values(seen_at=self._clock())
                .execution_options(synchronize_session=False)
            )
            return int(result.rowcount)  # type: ignore[attr-defined]

    # -- claiming and assigning --------------------------------------------------------------

    def claim(self, actor: Actor, case_id: int) -> CaseRow:
        """Take an unassigned open case. Exactly one of two simultaneous claims wins."""
        actor.require(Permission.CLAIM_CASE)
        if actor.user_id is None:
            raise PermissionDenied("the system cannot claim cases")
        now = self._clock()
        with self._db.write() as session:
            result = session.execute(
                update(Case)
                .where(
                    Case.id == case_id,
                    Case.assignee_id.is_(None),
                    Case.status.in_([s.value for s in OPEN_STATUSES]),
                )
                .values(
                    assignee_id=actor.user_id,
                    version=Case.version + 1,
                    updated_at=now,
                    updated_by_id=actor.user_id,
                )
                .execution_options(synchronize_session=False)
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                case = self._load(session, case_id)
                if case.assignee_id == actor.user_id:
                    return self._row(session, case)
                if not Status(case.status).is_open:
                    raise ClaimConflict(
                        f"{case.file_number} is closed ({case.status}) and cannot be claimed",
                        file_number=case.file_number,
                    )
                holder = self._user_name(session, case.assignee_id)
                raise ClaimConflict(
                    f"{case.file_number} was claimed by {holder} just before you",
                    file_number=case.file_number,
                    holder=holder,
                )
            case = self._load(session, case_id)
            append_event(
                session,
                case_id,
                actor.user_id,
                EventKind.CLAIMED,
                {"version": case.version},
                at=now,
            )
            return self._row(session, case)

    def assign(
        self,
        actor: Actor,
        case_id: int,
        assignee_login: str | None,
        expected_version: int | None = None,
    ) -> CaseRow:
        """Assign, reassign, take over or (with None) release a case. Team leads only,
        except that anyone may release their own claim. With ``expected_version``, the
        change is refused (ConcurrentChange) if the case changed since the caller saw it."""
        now = self._clock()
        with self._db.write() as session:
            case = self._load(session, case_id, lock=True)
            if expected_version is not None and case.version != expected_version:
                raise self._conflict(session, case, expected_version)
            previous = case.assignee_id
            target = None
            if assignee_login is not None:
                target = session.scalars(
                    select(User).where(User.login == assignee_login, User.active.is_(True))
                ).first()
                if target is None:
                    raise NotFound(f"no active user with the login {assignee_login!r}")
            own_release = target is None and previous == actor.user_id and previous is not None
            if not own_release:
                actor.require(Permission.ASSIGN_CASES)
            if not Status(case.status).is_open:
                raise InvalidInput(f"{case.file_number} is closed; its assignment is final")
            new_id = target.id if target else None
            if new_id == previous:
                return self._row(session, case)
            case.assignee_id = new_id
            case.version += 1
            case.updated_at = now
            case.updated_by_id = actor.user_id
            session.flush()
            kind = EventKind.RELEASED if new_id is None else EventKind.ASSIGNED
            event = append_event(
                session,
                case_id,
                actor.user_id,
                kind,
                {
                    "from": self._user_login(session, previous),
                    "to": target.login if target else None,
                    "version": case.version,
                },
                at=now,
            )
            if previous is not None and previous != actor.user_id:
                session.add(Notice(user_id=previous, case_id=case_id, event_id=event.id))
            if new_id is not None and new_id != actor.user_id:
                session.add(Notice(user_id=new_id, case_id=case_id, event_id=event.id))
            return self._row(session, case)

    def release(self, actor: Actor, case_id: int, expected_version: int | None = None) -> CaseRow:
        return self.assign(actor, case_id, None, expected_version)

    # -- status and notes ----------------------------------------------------------------

    def change_status(
        self,
        actor: Actor,
        case_id: int,
        expected_version: int,
        target: Status,
        *,
        comment: str | None = None,
        message: str | None = None,
        today: date | None = None,
    ) -> CaseRow:
        """Move a case along its workflow, if it still is what the clerk saw."""
        actor.require(Permission.WORK_OWN_CASES)
        comment = _bounded(comment, MAX_COMMENT_CHARS, "comment")
        message = _bounded(message, MAX_NOTE_CHARS, "message")
        now = self._clock()
        today = today or self._today()
        with self._db.write() as session:
            case = self._load(session, case_id)
            if case.version != expected_version:
                raise self._conflict(session, case, expected_version)
            if case.assignee_id != actor.user_id and not actor.can(Permission.WORK_ANY_CASE):
                who = self._user_name(session, case.assignee_id) if case.assignee_id else None
                raise PermissionDenied(
                    f"{case.file_number} is held by {who}"
                    if who
                    else f"claim {case.file_number} before changing its status",
                    file_number=case.file_number,
                )
            template = self._template(session, case)
            source = Status(case.status)
            has_document = self._has_certificate(session, case_id)
            template.workflow.check(
                source, target, comment=comment, has_document=has_document, message=message
            )
            values = self._deadline_values(session, case, target, now, today)
            result = session.execute(
                update(Case)
                .where(Case.id == case_id, Case.version == expected_version)
                .values(
                    status=target.value,
                    version=Case.version + 1,
                    updated_at=now,
                    updated_by_id=actor.user_id,
                    **values,
                )
                .execution_options(synchronize_session=False)
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                session.expire(case)
                raise self._conflict(session, self._load(session, case_id), expected_version)
            payload: dict[str, Any] = {
                "from": source.value,
                "to": target.value,
                "version": expected_version + 1,
            }
            if comment:
                payload["comment"] = comment
            if message:
                payload["message"] = message
            append_event(session, case_id, actor.user_id, EventKind.STATUS_CHANGED, payload, at=now)
            session.expire(case)
            return self._row(session, self._load(session, case_id))

    def add_note(self, actor: Actor, case_id: int, text: str) -> HistoryEntry:
        actor.require(Permission.ADD_NOTE)
        note = _bounded(text, MAX_NOTE_CHARS, "note")
        if not note:
            raise InvalidInput("a note needs some text")
        now = self._clock()
        with self._db.write() as session:
            # Touch the row: serialises appends to this case's audit chain (row lock on
            # PostgreSQL; SQLite writers are serialised already). The version stays.
            result = session.execute(
                update(Case)
                .where(Case.id == case_id)
                .values(updated_at=now)
                .execution_options(synchronize_session=False)
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                raise NotFound(f"no case with id {case_id}", case_id=case_id)
            event = append_event(
                session, case_id, actor.user_id, EventKind.NOTE_ADDED, {"text": note}, at=now
            )
            return HistoryEntry(event.seq, event.at, actor.display_name, event.kind, event.payload)

    # -- helpers -------------------------------------------------------------------------

    def _deadline_values(
        self, session: Session, case: Case, target: Status, now: datetime, today: date
    ) -> dict[str, Any]:
        if not target.is_open:
            return {
                "due_date": None,
                "paused_since": None,
                "closed_at": now,
                "retention_until": _retention_until(local_date(now)),
            }
        history = [(at, Status(to)) for at, to in self._status_history(session, case.id)]
        history.append((now, target))
        template = self._template(session, case)
        deadline = compute_deadline(
            local_date(case.received_at),
            template.processing_days,
            pauses_from_history(history),
            today,
            self._calendar,
        )
        return {
            "due_date": deadline.due,
            "paused_since": local_date(now) if deadline.paused else None,
        }

    @staticmethod
    def _has_certificate(session: Session, case_id: int) -> bool:
        """Whether the case has the document a completion needs (a certificate; not a letter)."""
        return (
            session.scalar(
                select(Document.id)
                .where(Document.case_id == case_id, Document.kind == "certificate")
                .limit(1)
            )
            is not None
        )

    @staticmethod
    def _status_history(session: Session, case_id: int) -> list[tuple[datetime, str]]:
        events = session.execute(
            select(CaseEvent.at, CaseEvent.payload)
            .where(CaseEvent.case_id == case_id, CaseEvent.kind == EventKind.STATUS_CHANGED)
            .order_by(CaseEvent.seq)
        ).all()
        return [(e.at, e.payload["to"]) for e in events]

    @staticmethod
    def _load(session: Session, case_id: int, *, lock: bool = False) -> Case:
        query = select(Case).where(Case.id == case_id)
        if lock:
            query = query.with_for_update()
        case = session.scalars(query).first()
        if case is None:
            raise NotFound(f"no case with id {case_id}", case_id=case_id)
        return case

    @staticmethod
    def _template(session: Session, case: Case) -> ServiceTemplate:
        row = session.get(ServiceTemplateRow, case.template_id)
        assert row is not None  # foreign key
        return template_from_row(row)

    @staticmethod
    def _user_name(session: Session, user_id: int | None) -> str | None:
        if user_id is None:
            return None
        return session.scalar(select(User.display_name).where(User.id == user_id))

    @staticmethod
    def _user_login(session: Session, user_id: int | None) -> str | None:
        if user_id is None:
            return None
        return session.scalar(select(User.login).where(User.id == user_id))

    def _row(self, session: Session, case: Case, today: date | None = None) -> CaseRow:
        today = today or self._today()
        result = session.execute(
            page_query(CaseFilter(), CaseSort(), None, 1, today).where(Case.id == case.id)
        ).all()
        return rows_from(result, today)[0]

    def _conflict(self, session: Session, case: Case, expected_version: int) -> ConcurrentChange:
        events = session.execute(
            select(CaseEvent, User.display_name)
            .outerjoin(User, User.id == CaseEvent.actor_id)
            .where(CaseEvent.case_id == case.id)
            .order_by(CaseEvent.seq.desc())
            .limit(50)
        ).all()
        changes = [
            {"kind": e.kind, "by": name, "at": e.at.isoformat(), **e.payload}
            for e, name in reversed(events)
            if int(e.payload.get("version", 0)) > expected_version
        ]
        changed_by = self._user_name(session, case.updated_by_id)
        summary = "; ".join(_describe(c) for c in changes) or "the case was updated"
        return ConcurrentChange(
            f"{case.file_number} was changed by {changed_by or 'the system'} meanwhile "
            f"({summary}); "
            "reload it and try again",
            changed_by=changed_by,
            current_version=case.version,
            changes=changes,
            file_number=case.file_number,
        )

    def _take_notices(self, session: Session, actor: Actor, case_id: int) -> list[NoticeInfo]:
        if actor.user_id is None:
            return []
        rows = session.execute(
            select(Notice, CaseEvent, User.display_name)
            .join(CaseEvent, CaseEvent.id == Notice.event_id)
            .outerjoin(User, User.id == CaseEvent.actor_id)
            .where(
                Notice.user_id == actor.user_id, Notice.case_id == case_id, Notice.seen_at.is_(None)
            )
        ).all()
        now = self._clock()
        for notice, _event, _name in rows:
            notice.seen_at = now
        file_number = session.scalar(select(Case.file_number).where(Case.id == case_id)) or ""
        return [
            NoticeInfo(n.id, case_id, file_number, e.kind, name, e.at, dict(e.payload))
            for n, e, name in rows
        ]

    def _detail(
        self, session: Session, actor: Actor, case: Case, today: date, notices: list[NoticeInfo]
    ) -> CaseDetail:
        template = self._template(session, case)
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
                [(at, Status(to)) for at, to in self._status_history(session, case.id)]
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
            has_certificate=self._has_certificate(session, case.id),
        )


def _retention_until(closed: date) -> date:
    try:
        return closed.replace(year=closed.year + RETENTION_YEARS)
    except ValueError:  # 29 February
        return closed.replace(year=closed.year + RETENTION_YEARS, day=28)


def _bounded(text: str | None, limit: int, what: str) -> str | None:
    if text is None:
        return None
    text = text.strip()
    if len(text) > limit:
        raise InvalidInput(f"the {what} is too long ({len(text)} characters, at most {limit})")
    return text or None


def _describe(change: dict[str, Any]) -> str:
    by = change.get("by") or "system"
    kind = change["kind"]
    if kind == EventKind.STATUS_CHANGED:
        return f"{by} set the status {change.get('from')} → {change.get('to')}"
    if kind in (EventKind.ASSIGNED, EventKind.CLAIMED):
        return f"{by} assigned it to {change.get('to') or by}"
    if kind == EventKind.RELEASED:
        return f"{by} released it"
    return f"{by}: {clean_line(kind)}"
