"""Notices: what happened to a clerk's cases that they have not seen yet (taken over, given)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from backoffice.services.actor import Actor
from backoffice.services.errors import storage_errors
from backoffice.store.models import Case, CaseEvent, Notice, User

from .common import CaseworkBase
from .records import NoticeInfo


@storage_errors
class CaseNotices(CaseworkBase):
    def unseen(self, actor: Actor) -> list[NoticeInfo]:
        """The actor's unseen notices, oldest first."""
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

    def dismiss(self, actor: Actor, notice_ids: list[int]) -> int:
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


def has_unseen_notice(session: Session, actor: Actor, case_id: int) -> bool:
    if actor.user_id is None:
        return False
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


def take_notices(session: Session, actor: Actor, case_id: int, now: datetime) -> list[NoticeInfo]:
    """The actor's unseen notices of one case, marked as seen in the caller's transaction."""
    if actor.user_id is None:
        return []
    rows = session.execute(
        select(Notice, CaseEvent, User.display_name)
        .join(CaseEvent, CaseEvent.id == Notice.event_id)
        .outerjoin(User, User.id == CaseEvent.actor_id)
        .where(Notice.user_id == actor.user_id, Notice.case_id == case_id, Notice.seen_at.is_(None))
    ).all()
    for notice, _event, _name in rows:
        notice.seen_at = now
    file_number = session.scalar(select(Case.file_number).where(Case.id == case_id)) or ""
    return [
        NoticeInfo(n.id, case_id, file_number, e.kind, name, e.at, dict(e.payload))
        for n, e, name in rows
    ]
