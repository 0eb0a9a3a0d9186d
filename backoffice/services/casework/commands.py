"""Changing cases: claim, assign, release, change status, add notes.

Each use case checks the actor's permission, runs in one transaction and writes
its audit entries in that same transaction. Writes to a case go through one
conditional UPDATE of the case row, which also serialises the audit chain:

* claiming succeeds only where nobody holds the case (two clerks at once: one wins);
* status changes succeed only on the version the clerk saw (optimistic locking),
  otherwise :class:`ConcurrentChange` says who changed what meanwhile.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from backoffice.domain.deadlines import compute_deadline, local_date, pauses_from_history
from backoffice.domain.roles import Permission
from backoffice.domain.status import OPEN_STATUSES, Status
from backoffice.domain.templates import DEFAULT_RETENTION_YEARS
from backoffice.domain.text import clean_line
from backoffice.services.actor import Actor
from backoffice.services.approval_rules import grant, tell_requester
from backoffice.services.audit import EventKind, append_event
from backoffice.services.citizen.service import queue_status_message
from backoffice.services.errors import (
    ClaimConflict,
    ConcurrentChange,
    InvalidInput,
    NotFound,
    PermissionDenied,
    storage_errors,
)
from backoffice.services.queries import CaseRow
from backoffice.store.models import Case, CaseEvent, ChecklistTick, User

from .assignment import assign_case, find_active_user
from .checklist import ChecklistEntry, checklist_of, require_checklist
from .common import (
    CaseworkBase,
    case_template,
    has_certificate,
    load_case,
    status_history,
    user_name,
)
from .records import HistoryEntry

MAX_NOTE_CHARS = 10_000
MAX_COMMENT_CHARS = 2_000
#: Closed cases are kept this long before they may be deleted, unless the service's template
#: sets ``retention_years``.
RETENTION_YEARS = DEFAULT_RETENTION_YEARS


@storage_errors
class CaseCommands(CaseworkBase):
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
                case = load_case(session, case_id)
                if case.assignee_id == actor.user_id:
                    return self._row(session, case)
                if not Status(case.status).is_open:
                    raise ClaimConflict(
                        f"{case.file_number} is closed ({case.status}) and cannot be claimed",
                        file_number=case.file_number,
                    )
                holder = user_name(session, case.assignee_id)
                raise ClaimConflict(
                    f"{case.file_number} was claimed by {holder} just before you",
                    file_number=case.file_number,
                    holder=holder,
                )
            case = load_case(session, case_id)
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
        *,
        reason: str | None = None,
    ) -> CaseRow:
        """Assign, reassign, take over or (with None) release a case. Team leads only,
        except that anyone may release their own claim. With ``expected_version``, the
        change is refused (ConcurrentChange) if the case changed since the caller saw it.
        An assignment to someone absent today goes to their stand-in (services.absences);
        ``reason`` goes into the history."""
        now = self._clock()
        reason = _bounded(reason, MAX_COMMENT_CHARS, "reason")
        with self._db.write() as session:
            case = load_case(session, case_id, lock=True)
            if expected_version is not None and case.version != expected_version:
                raise self._conflict(session, case, expected_version)
            target = (
                find_active_user(session, assignee_login) if assignee_login is not None else None
            )
            done = assign_case(
                session, actor, case_id, target, now=now, today=self._today(), reason=reason
            )
            return self._row(session, done.case)

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
        notify: bool = True,
        resend: bool = False,
        approval_id: int | None = None,
    ) -> CaseRow:
        """Move a case along its workflow, if it still is what the clerk saw.

        A transition the template marks ``requires: approval`` is refused
        (ApprovalRequired) unless ``approval_id`` names the pending approval of exactly
        this change and the actor may grant it (services.approvals calls it so).

        With ``notify``, the citizen's message for the new status (the template's text and
        ``message``) is queued in the same transaction; it is refused, and with it the
        change, when a placeholder has no value or the reply channel lacks an address.
        Entering a status again queues no second message unless ``message`` says something
        or ``resend`` asks for it."""
        actor.require(Permission.WORK_OWN_CASES)
        comment = _bounded(comment, MAX_COMMENT_CHARS, "comment")
        message = _bounded(message, MAX_NOTE_CHARS, "message")
        now = self._clock()
        today = today or self._today()
        with self._db.write() as session:
            case = load_case(session, case_id)
            if case.version != expected_version:
                raise self._conflict(session, case, expected_version)
            if case.assignee_id != actor.user_id and not actor.can(Permission.WORK_ANY_CASE):
                who = user_name(session, case.assignee_id) if case.assignee_id else None
                raise PermissionDenied(
                    f"{case.file_number} is held by {who}"
                    if who
                    else f"claim {case.file_number} before changing its status",
                    file_number=case.file_number,
                )
            template = case_template(session, case)
            source = Status(case.status)
            has_document = has_certificate(session, case_id)
            transition = template.workflow.check(
                source, target, comment=comment, has_document=has_document, message=message
            )
            approval = (
                grant(session, actor, case, source, target, approval_id, now)
                if transition.needs_approval
                else None
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
                raise self._conflict(session, load_case(session, case_id), expected_version)
            # After the UPDATE, which holds the case row: an untick committed meanwhile is
            # seen here (ticking touches the row too), and refusing rolls the change back.
            require_checklist(session, template, case_id, source, target)
            payload: dict[str, Any] = {
                "from": source.value,
                "to": target.value,
                "version": expected_version + 1,
            }
            if comment:
                payload["comment"] = comment
            if message:
                payload["message"] = message
            if approval:
                payload.update(approval)
            event = append_event(
                session, case_id, actor.user_id, EventKind.STATUS_CHANGED, payload, at=now
            )
            if approval:
                tell_requester(session, approval, case_id, event.id)
            session.expire(case)
            changed = load_case(session, case_id)
            if notify:
                queue_status_message(
                    session, actor, changed, template, target, message or "", now, resend=resend
                )
            return self._row(session, changed)

    def tick_item(
        self, actor: Actor, case_id: int, item_key: str, *, ticked: bool = True
    ) -> ChecklistEntry:
        """Tick (or with ``ticked=False`` untick) an item of the case's checklist.

        Who may change the status may tick: WORK_OWN_CASES on one's own case, WORK_ANY_CASE
        on any. Only on open cases. Ticking what is ticked (unticking what is not) changes
        nothing and writes no history. The case's version stays (like a note): a tick is
        not a change of what a colleague decided on; status changes read the ticks in
        their own transaction."""
        actor.require(Permission.WORK_OWN_CASES)
        now = self._clock()
        with self._db.write() as session:
            # Touch the row first: serialises this with status changes and the audit chain.
            result = session.execute(
                update(Case)
                .where(Case.id == case_id, Case.status.in_([s.value for s in OPEN_STATUSES]))
                .values(updated_at=now)
                .execution_options(synchronize_session=False)
            )
            case = load_case(session, case_id)
            if result.rowcount != 1:  # type: ignore[attr-defined]
                raise InvalidInput(
                    f"{case.file_number} is closed ({case.status}); its checklist cannot change",
                    file_number=case.file_number,
                )
            if case.assignee_id != actor.user_id and not actor.can(Permission.WORK_ANY_CASE):
                who = user_name(session, case.assignee_id) if case.assignee_id else None
                raise PermissionDenied(
                    f"{case.file_number} is held by {who}"
                    if who
                    else f"claim {case.file_number} before ticking its checklist",
                    file_number=case.file_number,
                )
            template = case_template(session, case)
            if template.checklist_item(item_key) is None:
                known = ", ".join(i.key for i in template.checklist) or "none"
                raise InvalidInput(
                    f"{case.file_number} has no checklist item {item_key!r} (items: {known})",
                    file_number=case.file_number,
                    item=item_key,
                )
            tick = session.scalars(
                select(ChecklistTick).where(
                    ChecklistTick.case_id == case_id, ChecklistTick.item_key == item_key
                )
            ).first()
            if ticked and tick is None:
                session.add(
                    ChecklistTick(
                        case_id=case_id,
                        item_key=item_key,
                        ticked_at=now,
                        ticked_by_id=actor.user_id,
                    )
                )
                kind = EventKind.CHECKLIST_TICKED
            elif not ticked and tick is not None:
                session.delete(tick)
                kind = EventKind.CHECKLIST_UNTICKED
            else:
                kind = None
            if kind is not None:
                session.flush()
                append_event(session, case_id, actor.user_id, kind, {"item": item_key}, at=now)
            return next(e for e in checklist_of(session, template, case_id) if e.key == item_key)

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
                "retention_until": _retention_until(
                    local_date(now), case_template(session, case).retention_years
                ),
            }
        history = [(at, Status(to)) for at, to in status_history(session, case.id)]
        history.append((now, target))
        template = case_template(session, case)
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
        changed_by = user_name(session, case.updated_by_id)
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


def _retention_until(closed: date, years: int = RETENTION_YEARS) -> date:
    try:
        return closed.replace(year=closed.year + years)
    except ValueError:  # 29 February
        return closed.replace(year=closed.year + years, day=28)


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
