"""What the casework services return: plain data, safe to hand to another thread."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from backoffice.domain.status import Status
from backoffice.domain.templates import ServiceTemplate, Transition
from backoffice.services.queries import CaseRow

from .checklist import ChecklistEntry


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

    @property
    def declared_type(self) -> str | None:
        """The media type the portal declared for the file, when the check found it to
        differ or could not recognise the content (``verification`` says which; intake
        records it in ``verification_detail`` as "declared <type>"). The UI words the
        check by its code with this, instead of showing the English detail."""
        found = _DECLARED.search(self.verification_detail or "")
        return found.group(1) if found else None


#: How intake names the declared type in a check's detail (services/intake_checks.py).
_DECLARED = re.compile(r"\bdeclared ([\w.+-]+/[\w.+-]+)")


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
    #: The destination (our mailbox at the portal) the submission came through.
    destination_id: str | None = None
    #: The template's checklist with what is ticked (empty: the service has none).
    checklist: list[ChecklistEntry] = field(default_factory=list)

    def checklist_missing(self, target: Status) -> list[ChecklistEntry]:
        """The unticked items a change into ``target`` needs."""
        return [e for e in self.checklist if target in e.required_before and not e.ticked]
