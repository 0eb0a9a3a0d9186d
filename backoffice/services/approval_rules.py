"""The four-eyes check inside a status change (session-level, used by CaseCommands).

A transition whose template entry requires ``approval`` happens only together with a
pending approval of exactly that change, decided by someone with ASSIGN_CASES who is not
the requester; the approval is marked granted in the same transaction as the change, and the
requester gets a notice of the status change (:func:`tell_requester`), as of a refusal.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from backoffice.domain.roles import Permission
from backoffice.domain.status import Status
from backoffice.services.actor import Actor
from backoffice.services.errors import PermissionDenied, ServiceError
from backoffice.store.models import Case, Notice, PendingApproval, User

PENDING = "pending"
APPROVED = "approved"


class ApprovalRequired(ServiceError):
    """The transition needs a second person's approval: request one instead."""

    code = "approval_required"


class ApprovalStale(ServiceError):
    """The request no longer matches the case (it moved on, or it was decided already)."""

    code = "approval_stale"


def grant(
    session: Session,
    actor: Actor,
    case: Case,
    source: Status,
    target: Status,
    approval_id: int | None,
    now: datetime,
) -> dict[str, object]:
    """Check and mark the approval of this change; what the history entry records of it."""
    if approval_id is None:
        raise ApprovalRequired(
            f"going from {source.value!r} to {target.value!r} in {case.file_number} needs a "
            "second person's approval; request it",
            file_number=case.file_number,
            source=source.value,
            target=target.value,
        )
    approval = session.get(PendingApproval, approval_id, with_for_update=True)
    if (
        approval is None
        or approval.case_id != case.id
        or approval.state != PENDING
        or (approval.source, approval.target) != (source.value, target.value)
    ):
        raise ApprovalStale(
            f"the approval request {approval_id} does not match {case.file_number} as it is now"
        )
    actor.require(Permission.ASSIGN_CASES)
    if actor.user_id is None or actor.user_id == approval.requested_by_id:
        raise PermissionDenied(
            "a change needs the approval of a second person, not of the one who asked for it"
        )
    approval.state = APPROVED
    approval.decided_by_id = actor.user_id
    approval.decided_at = now
    requester = session.get(User, approval.requested_by_id)
    return {
        "approval": approval.id,
        "requested_by": requester.login if requester else None,
        "approved_by": actor.login,
    }


def tell_requester(
    session: Session, granted: dict[str, object], case_id: int, event_id: int
) -> None:
    """The requester's notice of the granted change (``granted``: what :func:`grant` returned;
    ``event_id``: the status change's history entry)."""
    approval = session.get(PendingApproval, granted["approval"])
    assert approval is not None  # grant() just marked it
    session.add(Notice(user_id=approval.requested_by_id, case_id=case_id, event_id=event_id))
