"""What a test needs to know about each generated submission, and whether a decision agrees."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .faults import Expected, SubmissionFault
from .generator import Draft
from .state import Decision


@dataclass(frozen=True)
class Generated:
    """One generated submission, as a test needs to know it."""

    index: int
    submission_id: str
    case_id: str
    service_key: str
    service_identifier: str
    attachment_ids: tuple[str, ...]
    fault: SubmissionFault | None
    target: str | None  # the attachment the fault concerns
    reply_channel: str | None
    compressed: bool
    expected: Expected

    def as_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "submissionId": self.submission_id,
            "caseId": self.case_id,
            "service": self.service_key,
            "serviceIdentifier": self.service_identifier,
            "attachments": list(self.attachment_ids),
            "fault": self.fault.value if self.fault else None,
            "target": self.target,
            "replyChannel": self.reply_channel,
            "compressed": self.compressed,
            "expected": self.expected.as_dict(),
        }

    @classmethod
    def of(cls, draft: Draft) -> Generated:
        return cls(
            index=draft.index,
            submission_id=draft.submission_id,
            case_id=draft.case_id,
            service_key=draft.service.key,
            service_identifier=draft.service.identifier,
            attachment_ids=tuple(draft.listed),
            fault=draft.fault,
            target=draft.target,
            reply_channel=draft.reply_channel,
            compressed=draft.compress,
            expected=draft.expected,
        )


def agrees(expected: Expected, decision: Decision) -> bool:
    if expected.accept:
        return decision.accepted
    assert expected.problem is not None
    return not decision.accepted and any(
        problem.get("type") == expected.problem.uri and problem.get("instance") == expected.instance
        for problem in decision.problems
    )
