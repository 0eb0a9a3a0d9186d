"""Four-eyes sign-off: transitions a template marks ``"requires": ["approval"]`` take effect
only when a second person approves them.

The clerk *requests* the change (:meth:`ApprovalService.request`): a pending-approval record
and an ``approval_requested`` entry in the history; the case does not move. Someone else with
ASSIGN_CASES (never the requester) approves it: the transition then happens through
CaseCommands.change_status in one transaction with the approval (the citizen's message is
queued then), and the history shows who requested and who approved; or refuses it, with a
reason. Either way the requester gets a notice (CaseNotices) of the decision.
CaseCommands.change_status refuses such a transition without an approval (ApprovalRequired),
whoever calls it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from backoffice.domain.roles import Permission
from backoffice.domain.status import Status
from backoffice.store.database import Database
from backoffice.store.models import Case, Notice, PendingApproval, User

from .actor import Actor
from .approval_rules import ApprovalRequired, ApprovalStale
from .audit import append_event
from .casework import MAX_COMMENT_CHARS, MAX_NOTE_CHARS, CaseCommands
from .casework.checklist import require_checklist
from .casework.common import case_template, has_certificate, load_case
from .errors import ConcurrentChange, InvalidInput, NotFound, PermissionDenied, storage_errors
from .queries import CaseRow

__all__ = ["ApprovalInfo", "ApprovalRequired", "ApprovalService", "ApprovalStale", "ApprovalState"]


class ApprovalState(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"  # by the requester, or the case moved on meanwhile


@dataclass(frozen=True)
class ApprovalInfo:
    id: int
    case_id: int
    file_number: str
    service_key: str
    source: Status
    target: Status
    comment: str | None
    message: str | None
    requested_by: str
    requested_by_name: str
    requested_at: datetime
    state: ApprovalState
    decided_by: str | None = None
    decided_at: datetime | None = None
    reason: str | None = None


@storage_errors
class ApprovalService:
    def __init__(
        self,
        db: Database,
        commands: CaseCommands,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._db = db
        self._commands = commands
        self._clock = clock

    def request(
        self,
        actor: Actor,
        case_id: int,
        expected_version: int,
        target: Status,
        *,
        comment: str | None = None,
        message: str | None = None,
    ) -> ApprovalInfo:
        """Ask for a transition that needs approval. Checked as change_status would check it
        (permission, version, workflow, requirements) but not carried out; one pending
        request per case at a time."""
        actor.require(Permission.WORK_OWN_CASES)
        if actor.user_id is None:
            raise PermissionDenied("the system cannot request approvals")
        comment = _text(comment, MAX_COMMENT_CHARS, "comment")
        message = _text(message, MAX_NOTE_CHARS, "message")
        now = self._clock()
        with self._db.write() as session:
            case = load_case(session, case_id, lock=True)
            if case.version != expected_version:
                raise ConcurrentChange(
                    f"{case.file_number} was changed meanwhile; reload it and try again",
                    current_version=case.version,
                    file_number=case.file_number,
                )
            if case.assignee_id != actor.user_id and not actor.can(Permission.WORK_ANY_CASE):
                raise PermissionDenied(
                    f"claim {case.file_number} before asking to change its status",
                    file_number=case.file_number,
                )
            source = Status(case.status)
            transition = case_template(session, case).workflow.check(
                source,
                target,
                comment=comment,
                has_document=has_certificate(session, case.id),
                message=message,
            )
            require_checklist(session, case_template(session, case), case.id, source, target)
            if not transition.needs_approval:
                raise InvalidInput(
                    f"going from {source.value!r} to {target.value!r} needs no approval; "
                    "change the status directly"
                )
            if session.scalar(_pending_query().where(PendingApproval.case_id == case.id)):
                raise InvalidInput(f"{case.file_number} has a request waiting for approval")
            approval = PendingApproval(
                case_id=case.id,
                source=source.value,
                target=target.value,
                comment=comment,
                message=message,
                requested_by_id=actor.user_id,
                requested_at=now,
                state=ApprovalState.PENDING.value,
            )
            session.add(approval)
            session.flush()
            payload: dict[str, Any] = {
                "approval": approval.id,
                "from": source.value,
                "to": target.value,
            }
            if comment:
                payload["comment"] = comment
            append_event(session, case.id, actor.user_id, REQUESTED, payload, at=now)
            return _info(session, approval)

    def approve(self, actor: Actor, approval_id: int) -> CaseRow:
        """Approve and carry out the transition (needs ASSIGN_CASES; never the requester).
        The citizen's message is queued in the same transaction; a refused message leaves
        the request pending."""
        actor.require(Permission.ASSIGN_CASES)
        with self._db.read() as session:
            approval = _load(session, approval_id)
            _check_decider(actor, approval)
            version, status = session.execute(
                select(Case.version, Case.status).where(Case.id == approval.case_id)
            ).one()
            case_id, source, target = approval.case_id, approval.source, approval.target
            comment, message = approval.comment, approval.message
        if status != source:
            self._close(approval_id, ApprovalState.WITHDRAWN, None, "the case moved on")
            raise ApprovalStale(
                f"the case is no longer {source!r} (now {status!r}); the request is withdrawn"
            )
        return self._commands.change_status(
            actor,
            case_id,
            int(version),
            Status(target),
            comment=comment,
            message=message,
            approval_id=approval_id,
        )

    def refuse(self, actor: Actor, approval_id: int, reason: str) -> ApprovalInfo:
        """Refuse the request with a reason (needs ASSIGN_CASES; never the requester); the
        requester gets a notice."""
        actor.require(Permission.ASSIGN_CASES)
        text = _text(reason, MAX_COMMENT_CHARS, "reason")
        if not text:
            raise InvalidInput("refusing an approval needs a reason")
        with self._db.read() as session:
            _check_decider(actor, _load(session, approval_id))
        return self._close(approval_id, ApprovalState.REFUSED, actor, text)

    def withdraw(self, actor: Actor, approval_id: int) -> ApprovalInfo:
        """The requester takes the request back."""
        with self._db.read() as session:
            approval = _load(session, approval_id)
            if approval.requested_by_id != actor.user_id:
                raise PermissionDenied("only the requester may withdraw a request")
        return self._close(approval_id, ApprovalState.WITHDRAWN, actor, None)

    def pending(self, actor: Actor, case_id: int | None = None) -> list[ApprovalInfo]:
        """Pending requests (of one case, or all), oldest first. Needs VIEW_CASES."""
        actor.require(Permission.VIEW_CASES)
        query = select(PendingApproval).where(PendingApproval.state == ApprovalState.PENDING.value)
        if case_id is not None:
            query = query.where(PendingApproval.case_id == case_id)
        with self._db.read() as session:
            rows = session.scalars(query.order_by(PendingApproval.id)).all()
            return [_info(session, a) for a in rows]

    def _close(
        self, approval_id: int, state: ApprovalState, actor: Actor | None, reason: str | None
    ) -> ApprovalInfo:
        now = self._clock()
        with self._db.write() as session:
            approval = session.get(PendingApproval, approval_id, with_for_update=True)
            if approval is None or approval.state != ApprovalState.PENDING.value:
                raise ApprovalStale(f"the approval request {approval_id} is decided already")
            approval.state = state.value
            approval.decided_by_id = actor.user_id if actor else None
            approval.decided_at = now
            approval.reason = reason
            kind = REFUSED if state is ApprovalState.REFUSED else WITHDRAWN
            payload: dict[str, Any] = {
                "approval": approval.id,
                "from": approval.source,
                "to": approval.target,
            }
            if reason:
                payload["reason"] = reason
            event = append_event(
                session, approval.case_id, actor.user_id if actor else None, kind, payload, at=now
            )
            if state is ApprovalState.REFUSED:
                session.add(
                    Notice(
                        user_id=approval.requested_by_id,
                        case_id=approval.case_id,
                        event_id=event.id,
                    )
                )
            session.flush()
            return _info(session, approval)


#: History entries of the four-eyes rule (the approval itself is in the status change).
REQUESTED = "approval_requested"
REFUSED = "approval_refused"
WITHDRAWN = "approval_withdrawn"


def _pending_query() -> Select[int]:
    return select(PendingApproval.id).where(PendingApproval.state == ApprovalState.PENDING.value)


def _load(session: Session, approval_id: int) -> PendingApproval:
    approval = session.get(PendingApproval, approval_id)
    if approval is None:
        raise NotFound(f"no approval request with id {approval_id}")
    return approval


def _check_decider(actor: Actor, approval: PendingApproval) -> None:
    if actor.user_id is None or actor.user_id == approval.requested_by_id:
        raise PermissionDenied(
            "a change needs the decision of a second person, not of the one who asked for it"
        )
    if approval.state != ApprovalState.PENDING.value:
        raise ApprovalStale(f"the approval request {approval.id} is decided already")


def _text(value: str | None, limit: int, what: str) -> str | None:
    text = (value or "").strip()
    if len(text) > limit:
        raise InvalidInput(f"the {what} is too long ({len(text)} characters, at most {limit})")
    return text or None


def _info(session: Session, approval: PendingApproval) -> ApprovalInfo:
    case = session.get(Case, approval.case_id)
    requester = session.get(User, approval.requested_by_id)
    decider = session.get(User, approval.decided_by_id) if approval.decided_by_id else None
    assert case is not None and requester is not None  # foreign keys
    return ApprovalInfo(
        id=approval.id,
        case_id=case.id,
        file_number=case.file_number,
        service_key=case.service_key,
        source=Status(approval.source),
        target=Status(approval.target),
        comment=approval.comment,
        message=approval.message,
        requested_by=requester.login,
        requested_by_name=requester.display_name,
        requested_at=approval.requested_at,
        state=ApprovalState(approval.state),
        decided_by=decider.login if decider else None,
        decided_at=approval.decided_at,
        reason=approval.reason,
    )
