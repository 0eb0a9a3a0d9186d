"""The audit trail: append-only, hash-chained per case.

Every event's hash covers the previous event's hash and the event's own
content in a canonical JSON form, so that changing, removing or reordering an
entry breaks the chain from there on. :func:`verify_chain` names the first
broken link. Appends to one case are serialised by locking the case row
(``SELECT … FOR UPDATE`` on PostgreSQL; SQLite writers are serialised by
``BEGIN IMMEDIATE`` already); the unique (case_id, seq) constraint backs it up.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from backoffice.store.models import Case, CaseEvent

GENESIS = "0" * 64


class EventKind(StrEnum):
    RECEIVED = "received"
    CLAIMED = "claimed"
    ASSIGNED = "assigned"
    RELEASED = "released"
    STATUS_CHANGED = "status_changed"
    NOTE_ADDED = "note_added"
    DOCUMENT_GENERATED = "document_generated"
    MESSAGE_QUEUED = "message_queued"
    MESSAGE_SENT = "message_sent"
    MESSAGE_FAILED = "message_failed"
    ATTACHMENT_VIEWED = "attachment_viewed"
    LETTER_PRINTED = "letter_printed"
    #: A message to the citizen opened as a reply at the portal (its id, to resume after a crash).
    REPLY_ANNOUNCED = "reply_announced"
    #: The citizen answered on the case: a follow-up submission (services/follow_up.py).
    CITIZEN_ANSWERED = "citizen_answered"


def _digest(
    prev_hash: str,
    case_id: int,
    seq: int,
    at: datetime,
    actor_id: int | None,
    kind: str,
    payload: dict[str, Any],
) -> str:
    canonical = json.dumps(
        {
            "prev": prev_hash,
            "case": case_id,
            "seq": seq,
            "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor": actor_id,
            "kind": kind,
            "payload": payload,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def append_event(
    session: Session,
    case_id: int,
    actor_id: int | None,
    kind: str,
    payload: dict[str, Any] | None = None,
    *,
    at: datetime | None = None,
) -> CaseEvent:
    """Append one event to a case's trail (in the caller's transaction)."""
    session.execute(select(Case.id).where(Case.id == case_id).with_for_update())
    last = session.execute(
        select(CaseEvent.seq, CaseEvent.hash)
        .where(CaseEvent.case_id == case_id)
        .order_by(CaseEvent.seq.desc())
        .limit(1)
    ).first()
    seq, prev_hash = (last.seq + 1, last.hash) if last else (1, GENESIS)
    event = _add_event(session, case_id, seq, prev_hash, actor_id, kind, payload, at)
    session.flush()
    return event


@dataclass(frozen=True)
class NewEvent:
    """One entry for :func:`append_events`."""

    case_id: int
    actor_id: int | None
    kind: str
    payload: dict[str, Any]
    at: datetime


def append_events(session: Session, events: Sequence[NewEvent]) -> list[CaseEvent]:
    """Append one entry to each of many cases (each case at most once) in the caller's
    transaction: the case rows locked, the chains' last links read, and the entries
    inserted in a few statements for all (bulk actions), instead of three per case."""
    ids = [e.case_id for e in events]
    if len(set(ids)) != len(ids):
        raise ValueError("append_events takes at most one entry per case")
    links: dict[int, tuple[int, str]] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        session.execute(select(Case.id).where(Case.id.in_(chunk)).with_for_update())
        latest = (
            select(CaseEvent.case_id, func.max(CaseEvent.seq).label("seq"))
            .where(CaseEvent.case_id.in_(chunk))
            .group_by(CaseEvent.case_id)
            .subquery()
        )
        for case_id, seq, digest in session.execute(
            select(CaseEvent.case_id, CaseEvent.seq, CaseEvent.hash).join(
                latest, and_(latest.c.case_id == CaseEvent.case_id, latest.c.seq == CaseEvent.seq)
            )
        ):
            links[int(case_id)] = (int(seq), str(digest))
    added = []
    for e in events:
        seq, prev_hash = links.get(e.case_id, (0, GENESIS))
        added.append(
            _add_event(session, e.case_id, seq + 1, prev_hash, e.actor_id, e.kind, e.payload, e.at)
        )
    session.flush()
    return added


_CHUNK = 1_000


def first_event(
    session: Session,
    case_id: int,
    actor_id: int | None,
    kind: str,
    payload: dict[str, Any] | None = None,
    *,
    at: datetime | None = None,
) -> CaseEvent:
    """The first entry of a case inserted in this very transaction.

    Nobody else can see the case yet, so neither the row lock nor the look-up of the previous
    entry is needed; the unique (case_id, seq) constraint still refuses a second first entry.
    The entry is written with the caller's next flush or commit.
    """
    return _add_event(session, case_id, 1, GENESIS, actor_id, kind, payload, at)


def _add_event(
    session: Session,
    case_id: int,
    seq: int,
    prev_hash: str,
    actor_id: int | None,
    kind: str,
    payload: dict[str, Any] | None,
    at: datetime | None,
) -> CaseEvent:
    payload = dict(payload or {})
    at = (at or datetime.now(UTC)).astimezone(UTC)
    event = CaseEvent(
        case_id=case_id,
        seq=seq,
        at=at,
        actor_id=actor_id,
        kind=kind,
        payload=payload,
        prev_hash=prev_hash,
        hash=_digest(prev_hash, case_id, seq, at, actor_id, kind, payload),
    )
    session.add(event)
    return event


@dataclass(frozen=True)
class BrokenLink:
    case_id: int
    seq: int
    event_id: int | None
    reason: str

    def __str__(self) -> str:
        return f"case {self.case_id}, entry {self.seq}: {self.reason}"


def verify_chain(session: Session, case_id: int) -> BrokenLink | None:
    """Recompute the chain of one case; return the first broken link, or None if intact."""
    prev_hash = GENESIS
    expected_seq = 1
    events = session.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.seq)
    )
    for event in events:
        if event.seq != expected_seq:
            return BrokenLink(case_id, expected_seq, None, f"entry {expected_seq} is missing")
        if event.prev_hash != prev_hash:
            return BrokenLink(case_id, event.seq, event.id, "does not follow the previous entry")
        recomputed = _digest(
            prev_hash, case_id, event.seq, event.at, event.actor_id, event.kind, event.payload
        )
        if recomputed != event.hash:
            return BrokenLink(
                case_id, event.seq, event.id, "content was changed after it was written"
            )
        prev_hash = event.hash
        expected_seq += 1
    return None
