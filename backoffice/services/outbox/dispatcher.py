"""The persistent outbox: messages written in a business transaction, sent afterwards.

One dispatcher sends every kind of message through the handler registered for its
:class:`Route` (kind and channel): the portal decision today; the citizen's status
messages by FIT-Connect reply, e-mail or letter next. Any service queues a message in
its own transaction with :func:`queue_message` (or :meth:`OutboxDispatcher.add`).
A handler is called with the payload (:class:`Handler`); one that needs the message's id
(a letter linked to its message, a reply resumed after a crash) is a :class:`MessageHandler`
and gets the whole :class:`Leased` message.

A row is claimed with a short lease (one conditional UPDATE), sent, and marked
sent; a transient failure reschedules it with exponential back-off; a final
refusal marks it failed with the reason, visible to the clerk. Two desktops
dispatching at once never send one row twice at the same moment; a row sent
but not yet marked (crash) is sent again and the portal's 409 tells us it was
done already.

A busy writer (intake) saves two transactions per message: :meth:`OutboxDispatcher.add`
writes the row already leased in the business transaction, and ``send_leased(…,
defer=True)`` keeps the "sent" mark in memory until the writer's next transaction
(:meth:`OutboxDispatcher.record_sent`) or :meth:`OutboxDispatcher.flush`; writing a
mark twice is harmless (only a pending row is marked). A crash in between loses
only the mark: the lease runs out, the row is sent again, and the 409 path above
marks it.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any, NamedTuple, Protocol, TypeAlias, runtime_checkable

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from backoffice.services.audit import EventKind, append_event
from backoffice.store.database import Database
from backoffice.store.models import OutboxMessage

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)
MAX_ATTEMPTS = 50
BACKOFF_START = timedelta(seconds=30)
BACKOFF_MAX = timedelta(hours=1)


class OutboxState(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  # refused for good, or given up after MAX_ATTEMPTS; needs a person


class Route(NamedTuple):
    """Which handler sends a message: what it is and which way it goes."""

    kind: str
    channel: str


class Delivered(Exception):
    """Raised by a handler when the other side says it has this message already."""


class Refused(Exception):
    """Raised by a handler when the message will never be accepted (no retry)."""


class Retry(Exception):
    """Raised by a handler for a transient failure; ``after`` overrides the back-off."""

    def __init__(self, message: str, after: float | None = None) -> None:
        super().__init__(message)
        self.after = after


class Handler(Protocol):
    def __call__(self, payload: Mapping[str, Any]) -> None: ...


@runtime_checkable
class MessageHandler(Protocol):
    """A handler that needs the message, not only its payload: its id (to link what it makes
    to the message, or to find what an earlier attempt left) and its attempts so far."""

    def send_message(self, message: Leased) -> None: ...


#: What the handler table holds: either kind of handler.
AnyHandler: TypeAlias = Handler | MessageHandler


@dataclass(frozen=True)
class Leased:
    """A message this dispatcher holds the lease of, with what sending it needs."""

    id: int
    route: Route
    payload: dict[str, Any]
    attempts: int
    case_id: int | None

    @property
    def kind(self) -> str:
        return self.route.kind


@dataclass(frozen=True)
class Outcome:
    """What sending a message gave: sent, pending (try again later) or failed for good."""

    leased: Leased
    state: str
    error: str | None
    retry_after: float | None = None
    at: datetime | None = None


@dataclass(frozen=True)
class _SentMark:
    message_id: int
    case_id: int | None
    kind: str
    at: datetime


@dataclass
class DispatchReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    #: How many of ``sent`` were of each kind (portal decisions, citizen messages, …).
    sent_by_kind: Counter[str] = field(default_factory=Counter)

    def sent_of(self, kind: str) -> int:
        return self.sent_by_kind[kind]


def queue_message(
    session: Session,
    *,
    kind: str,
    channel: str,
    payload: dict[str, Any],
    idempotency_key: str,
    case_id: int | None,
    now: datetime,
    not_before: datetime | None = None,
) -> int:
    """Write a message to send in the caller's transaction; returns its id.

    The idempotency key is unique: queuing the same message twice fails the transaction
    (IntegrityError), so a retried business transaction never sends a message twice."""
    message = OutboxMessage(
        case_id=case_id,
        kind=kind,
        channel=channel,
        payload=payload,
        idempotency_key=idempotency_key,
        created_at=now,
        next_attempt_at=not_before or now,
    )
    session.add(message)
    session.flush()
    return message.id


def backoff(attempts: int) -> timedelta:
    # Doublings capped: from attempt 43 on, 30 s * 2**42 no longer fits a timedelta.
    doublings = min(max(0, attempts - 1), 30)
    return min(BACKOFF_START * (1 << doublings), BACKOFF_MAX)


class OutboxDispatcher:
    def __init__(
        self,
        db: Database,
        handlers: Mapping[Route, AnyHandler],
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._db = db
        self._handlers = handlers
        self._clock = clock
        self._unrecorded: list[_SentMark] = []

    def due_ids(self, limit: int = 500) -> list[int]:
        """The messages due now that this dispatcher has a handler for, oldest first."""
        if not self._handlers:
            return []
        now = self._clock()
        with self._db.read() as session:
            return list(
                session.scalars(
                    select(OutboxMessage.id)
                    .where(
                        OutboxMessage.state == OutboxState.PENDING,
                        OutboxMessage.next_attempt_at <= now,
                        or_(
                            *(
                                and_(OutboxMessage.kind == kind, OutboxMessage.channel == channel)
                                for kind, channel in sorted(self._handlers)
                            )
                        ),
                    )
                    .order_by(OutboxMessage.id)
                    .limit(limit)
                )
            )

    def send_due(self, limit: int = 500) -> DispatchReport:
        report = DispatchReport()
        for message_id in self.due_ids(limit):
            self.send(message_id, report)
        return report

    def send(self, message_id: int, report: DispatchReport | None = None) -> DispatchReport:
        report = report or DispatchReport()
        leased = self._claim(message_id)
        if leased is None:
            return report  # sent, failed, or leased by another desktop
        return self.send_leased(leased, report)

    def add(
        self,
        session: Session,
        *,
        kind: str,
        channel: str,
        payload: dict[str, Any],
        idempotency_key: str,
        case_id: int | None,
    ) -> Leased:
        """Write a message in the caller's transaction, leased to us: send it after the commit
        with :meth:`send_leased` (no claim needed). Should we not, it is due when the lease ends."""
        now = self._clock()
        message_id = queue_message(
            session,
            kind=kind,
            channel=channel,
            payload=payload,
            idempotency_key=idempotency_key,
            case_id=case_id,
            now=now,
            not_before=now + LEASE,
        )
        return Leased(message_id, Route(kind, channel), payload, 0, case_id)

    def send_leased(
        self, leased: Leased, report: DispatchReport | None = None, *, defer: bool = False
    ) -> DispatchReport:
        """Send a message we hold the lease of. ``defer`` keeps the "sent" mark for
        :meth:`record_sent` or :meth:`flush` (failures are written at once)."""
        return self.record(self.deliver(leased), report, defer=defer)

    def deliver(self, leased: Leased) -> Outcome:
        """Hand a leased message to its handler; no database work of its own (any thread may
        call it; a citizen-message handler reads and writes in sessions of its own)."""
        try:
            handler = self._handlers[leased.route]
        except KeyError:
            return Outcome(leased, OutboxState.PENDING, f"no handler for {leased.route}")
        try:
            if isinstance(handler, MessageHandler):
                handler.send_message(leased)
            else:
                handler(leased.payload)
        except Refused as exc:
            return Outcome(leased, OutboxState.FAILED, str(exc))
        except Retry as exc:
            return Outcome(leased, OutboxState.PENDING, str(exc), exc.after)
        except Delivered:
            pass
        return Outcome(leased, OutboxState.SENT, None, at=self._clock())

    def record(
        self, outcome: Outcome, report: DispatchReport | None = None, *, defer: bool = False
    ) -> DispatchReport:
        """Write what :meth:`deliver` found (a "sent" mark later if ``defer``)."""
        report = report or DispatchReport()
        leased = outcome.leased
        if outcome.state == OutboxState.FAILED:
            assert outcome.error is not None
            self._finish(leased.id, OutboxState.FAILED, outcome.error, leased.case_id, leased.kind)
            report.failed += 1
            report.errors.append(outcome.error)
        elif outcome.state == OutboxState.PENDING:
            assert outcome.error is not None
            self._reschedule(
                leased.id,
                leased.attempts + 1,
                outcome.error,
                outcome.retry_after,
                leased.case_id,
                leased.kind,
            )
            report.retried += 1
            report.errors.append(outcome.error)
        else:
            mark = _SentMark(leased.id, leased.case_id, leased.kind, outcome.at or self._clock())
            if defer:
                self._unrecorded.append(mark)
            else:
                with self._db.write() as session:
                    self._mark_sent(session, mark)
            report.sent += 1
            report.sent_by_kind[leased.kind] += 1
        return report

    def record_sent(self, session: Session) -> None:
        """Write the deferred "sent" marks in the caller's transaction; call
        :meth:`sent_recorded` once it has committed (until then the marks are kept, so that a
        rolled-back transaction loses none)."""
        for mark in self._unrecorded:
            self._mark_sent(session, mark)

    def sent_recorded(self) -> None:
        self._unrecorded.clear()

    def flush(self) -> None:
        """Write the deferred "sent" marks in a transaction of their own."""
        if self._unrecorded:
            with self._db.write() as session:
                self.record_sent(session)
            self.sent_recorded()

    def _claim(self, message_id: int) -> Leased | None:
        now = self._clock()
        with self._db.write() as session:
            result = session.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.id == message_id,
                    OutboxMessage.state == OutboxState.PENDING,
                    OutboxMessage.next_attempt_at <= now,
                )
                .values(next_attempt_at=now + LEASE)
                .execution_options(synchronize_session=False)
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                return None
            row = session.get(OutboxMessage, message_id)
            assert row is not None
            route = Route(row.kind, row.channel)
            return Leased(row.id, route, dict(row.payload), row.attempts, row.case_id)

    def _mark_sent(self, session: Session, mark: _SentMark) -> None:
        self._write_outcome(
            session, mark.message_id, OutboxState.SENT, None, mark.case_id, mark.kind, mark.at
        )

    def _finish(
        self, message_id: int, state: str, error: str | None, case_id: int | None, kind: str
    ) -> None:
        with self._db.write() as session:
            self._write_outcome(session, message_id, state, error, case_id, kind, self._clock())

    @staticmethod
    def _write_outcome(
        session: Session,
        message_id: int,
        state: str,
        error: str | None,
        case_id: int | None,
        kind: str,
        now: datetime,
    ) -> None:
        result = session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id, OutboxMessage.state == OutboxState.PENDING)
            .values(
                state=state,
                sent_at=now if state == OutboxState.SENT else None,
                last_error=error,
                attempts=OutboxMessage.attempts + 1,
            )
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            return  # written already (another desktop took over after our lease ran out)
        if case_id is not None:
            append_event(
                session,
                case_id,
                None,
                EventKind.MESSAGE_SENT if state == OutboxState.SENT else EventKind.MESSAGE_FAILED,
                {"outbox_id": message_id, "kind": kind, **({"error": error} if error else {})},
                at=now,
            )

    def _reschedule(
        self,
        message_id: int,
        attempts: int,
        error: str,
        after: float | None,
        case_id: int | None,
        kind: str,
    ) -> None:
        if attempts >= MAX_ATTEMPTS:
            self._finish(
                message_id,
                OutboxState.FAILED,
                f"gave up after {attempts} attempts: {error}",
                case_id,
                kind,
            )
            return
        delay = timedelta(seconds=after) if after is not None else backoff(attempts)
        with self._db.write() as session:
            session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == message_id)
                .values(
                    attempts=attempts,
                    last_error=error,
                    next_attempt_at=self._clock() + min(delay, BACKOFF_MAX),
                )
            )
        log.info(
            "outbox message %s: attempt %s failed, retry later: %s", message_id, attempts, error
        )
