"""The administration's audit trail: one append-only hash chain over every administrative
change (template versions, the town's identity, users and roles, retention runs).

Like the case trail (:mod:`backoffice.services.audit`), each entry's hash covers the previous
entry's hash and its own canonical content, so that a changed or removed entry in the middle
shows. Appends are serialised: on PostgreSQL by a transaction-level advisory lock, on SQLite by
``BEGIN IMMEDIATE``; the unique ``seq`` backs both up. Entries are written in the caller's
transaction, so a change and its record stand or fall together.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from backoffice.domain.roles import Permission
from backoffice.store.database import Database
from backoffice.store.models import AdminEvent

from .actor import Actor
from .errors import storage_errors

GENESIS = "0" * 64
#: Any fixed number; names the lock that serialises appends to the administration trail.
_LOCK_ID = 0x0AD_A0D17


def _digest(
    prev_hash: str,
    seq: int,
    at: datetime,
    actor: str,
    kind: str,
    subject: str,
    payload: dict[str, Any],
) -> str:
    canonical = json.dumps(
        {
            "prev": prev_hash,
            "seq": seq,
            "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor": actor,
            "kind": kind,
            "subject": subject,
            "payload": payload,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def record(
    session: Session,
    actor: Actor,
    kind: str,
    subject: str,
    payload: dict[str, Any] | None = None,
    *,
    at: datetime | None = None,
) -> AdminEvent:
    """Append one entry (in the caller's transaction)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _LOCK_ID})
    last = session.execute(
        select(AdminEvent.seq, AdminEvent.hash).order_by(AdminEvent.seq.desc()).limit(1)
    ).first()
    seq, prev_hash = (last.seq + 1, last.hash) if last else (1, GENESIS)
    payload = json.loads(json.dumps(payload or {}, default=str))
    at = (at or datetime.now(UTC)).astimezone(UTC)
    event = AdminEvent(
        seq=seq,
        at=at,
        actor_id=actor.user_id,
        actor_login=actor.login,
        kind=kind,
        subject=subject[:200],
        payload=payload,
        prev_hash=prev_hash,
        hash=_digest(prev_hash, seq, at, actor.login, kind, subject[:200], payload),
    )
    session.add(event)
    session.flush()
    return event


@dataclass(frozen=True)
class AdminEntry:
    seq: int
    at: datetime
    actor_login: str
    kind: str
    subject: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class AdminBrokenLink:
    seq: int
    reason: str

    def __str__(self) -> str:
        return f"administration trail, entry {self.seq}: {self.reason}"


@storage_errors
class AdminAuditService:
    """Reading and verifying the administration's trail (administrators only)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def history(
        self, actor: Actor, *, limit: int = 500, kind: str | None = None
    ) -> list[AdminEntry]:
        """The newest entries first."""
        _require_admin(actor)
        with self._db.read() as session:
            query = select(AdminEvent).order_by(AdminEvent.seq.desc()).limit(limit)
            if kind is not None:
                query = query.where(AdminEvent.kind == kind)
            return [
                AdminEntry(e.seq, e.at, e.actor_login, e.kind, e.subject, dict(e.payload))
                for e in session.scalars(query)
            ]

    def verify(self, actor: Actor) -> AdminBrokenLink | None:
        """Recompute the chain; the first broken link, or None when intact."""
        _require_admin(actor)
        prev_hash, expected = GENESIS, 1
        with self._db.read() as session:
            for e in session.scalars(select(AdminEvent).order_by(AdminEvent.seq)):
                if e.seq != expected:
                    return AdminBrokenLink(expected, f"entry {expected} is missing")
                if e.prev_hash != prev_hash:
                    return AdminBrokenLink(e.seq, "does not follow the previous entry")
                digest = _digest(
                    prev_hash, e.seq, e.at, e.actor_login, e.kind, e.subject, e.payload
                )
                if digest != e.hash:
                    return AdminBrokenLink(e.seq, "content was changed after it was written")
                prev_hash, expected = e.hash, expected + 1
        return None


def _require_admin(actor: Actor) -> None:
    if not (actor.can(Permission.MANAGE_USERS) or actor.can(Permission.MANAGE_TEMPLATES)):
        actor.require(Permission.MANAGE_USERS)
