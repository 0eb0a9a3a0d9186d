"""Reading attachments: their content for a preview, a safe copy for another program.

The content is loaded only here (it is deferred everywhere else). Every read is
written to the case's audit trail ("who looked at the passport copy when").
A copy on disk gets the sanitised name, owner-only permissions, and never
overwrites a file: a citizen-chosen name cannot reach outside the folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import undefer

from backoffice.domain.files import safe_filename
from backoffice.domain.roles import Permission
from backoffice.store.database import Database
from backoffice.store.models import Attachment

from .actor import Actor
from .audit import EventKind, append_event
from .casework import AttachmentInfo
from .errors import NotFound, storage_errors


@dataclass(frozen=True)
class AttachmentContent:
    info: AttachmentInfo
    case_id: int
    data: bytes


@storage_errors
class AttachmentService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def content(self, actor: Actor, attachment_id: int, purpose: str = "view") -> AttachmentContent:
        actor.require(Permission.VIEW_CASES)
        with self._db.write() as session:
            attachment = session.scalars(
                select(Attachment)
                .options(undefer(Attachment.content))
                .where(Attachment.id == attachment_id)
            ).first()
            if attachment is None:
                raise NotFound(f"no attachment with id {attachment_id}")
            append_event(
                session,
                attachment.case_id,
                actor.user_id,
                EventKind.ATTACHMENT_VIEWED,
                {"attachment": attachment.safe_name, "purpose": purpose},
                at=datetime.now(UTC),
            )
            info = AttachmentInfo(
                attachment.id,
                attachment.original_name,
                attachment.safe_name,
                attachment.media_type,
                attachment.size,
                attachment.sha512,
                attachment.verification,
                attachment.verification_detail,
            )
            return AttachmentContent(info, attachment.case_id, attachment.content)

    def save_copy(
        self, actor: Actor, attachment_id: int, folder: Path, name: str | None = None
    ) -> Path:
        """Write the attachment into ``folder`` under a safe name; return the path."""
        content = self.content(actor, attachment_id, purpose="saved")
        folder.mkdir(parents=True, exist_ok=True)
        target = _free_name(
            folder, safe_filename(name or content.info.safe_name, content.info.media_type)
        )
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content.data)
        return target


def _free_name(folder: Path, name: str) -> Path:
    candidate = folder / name
    stem, suffix = candidate.stem, candidate.suffix
    number = 1
    while candidate.exists():
        number += 1
        candidate = folder / f"{stem} ({number}){suffix}"
    return candidate
