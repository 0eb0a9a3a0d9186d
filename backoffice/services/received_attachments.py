"""Attachments that came with a submission, stored on their case (new or answered).

Intake stores a new case's attachments and :mod:`.follow_up` an answer's, both in the
caller's transaction, after the checks of :mod:`.intake_checks` have passed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from backoffice.store.blobs import LargeBlobs
from backoffice.store.models import Attachment

if TYPE_CHECKING:
    from .intake_checks import VerifiedAttachment


def store_attachments(
    session: Session, blobs: LargeBlobs, case_id: int, attachments: Iterable[VerifiedAttachment]
) -> None:
    """Add one row per checked attachment, its content through ``blobs``."""
    for attachment in attachments:
        row = Attachment(
            case_id=case_id,
            portal_attachment_id=attachment.attachment_id,
            original_name=attachment.original_name,
            safe_name=attachment.safe_name,
            media_type=attachment.media_type,
            size=len(attachment.content),
            sha512=attachment.sha512,
            verification=attachment.verification,
            verification_detail=attachment.verification_detail,
        )
        blobs.put(row, "content", attachment.content)
        session.add(row)


__all__ = ["store_attachments"]
