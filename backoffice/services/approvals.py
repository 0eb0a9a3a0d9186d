"""Four-eyes sign-off: transitions a template marks ``"requires": ["approval"]`` take effect
only when a second person approves them.

The clerk *requests* the change (:meth:`ApprovalService.request`): a pending-approval record
and an ``approval_requested`` entry in the history; the case does not move. Someone else with
ASSIGN_CASES (never the requester) approves it: the transition then happens through
CaseCommands.change_status in one transaction with the approval (the citizen's message is
queued then), and the history shows who requested and who approved; or refuses it, with a
reason, and the requester gets a notice. CaseCommands.change_status refuses such a
transition without an approval (ApprovalRequired), whoever calls it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from backoffice.domain.status import Status
from backoffice.store.database import Database

from .actor import Actor
from .casework import CaseCommands
from .errors import ServiceError, storage_errors
from .queries import CaseRow


class ApprovalRequired(ServiceError):
    """The transition needs a second person's approval: request one instead."""

    code = "approval_required"


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
        raise NotImplementedError

    def approve(self, actor: Actor, approval_id: int) -> CaseRow:
        """Approve and carry out the transition (needs ASSIGN_CASES; never the requester).
        The citizen's message is queued in the same transaction; a refused message leaves
        the request pending."""
        raise NotImplementedError

    def refuse(self, actor: Actor, approval_id: int, reason: str) -> ApprovalInfo:
        """Refuse the request with a reason (needs ASSIGN_CASES; never the requester); the
        requester gets a notice."""
        raise NotImplementedError

    def withdraw(self, actor: Actor, approval_id: int) -> ApprovalInfo:
        """The requester takes the request back."""
        raise NotImplementedError

    def pending(self, actor: Actor, case_id: int | None = None) -> list[ApprovalInfo]:
        """Pending requests (of one case, or all), oldest first. Needs VIEW_CASES."""
        raise NotImplementedError
