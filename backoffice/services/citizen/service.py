"""The use cases of messages to citizens: preview, queue, send a free message, list, re-route.

A status message is queued by :func:`queue_status_message` inside the transaction of the
status change (``CaseCommands.change_status`` calls it), so that the change and its message
are stored together or not at all; the outbox sends it afterwards. The idempotency key
names the case and the status: entering a status a second time queues no second message
for it unless the clerk writes something new or asks for it again (``resend``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backoffice.domain.citizen_messages import Channel
from backoffice.domain.roles import Permission
from backoffice.domain.status import Status
from backoffice.domain.templates import ServiceTemplate
from backoffice.services.actor import Actor
from backoffice.services.audit import EventKind, append_event
from backoffice.services.casework.common import case_template, load_case
from backoffice.services.errors import InvalidInput, NotFound, PermissionDenied, storage_errors
from backoffice.services.outbox import OutboxState, queue_message
from backoffice.store.database import Database
from backoffice.store.models import Case, Document, OutboxMessage

from .compose import Draft, Problem, draft, require_sendable
from .message import KIND, CitizenMessage

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class MessagePreview:
    """Everything the clerk checks before a message goes out."""

    channel: Channel
    recipient: str  # in words: the address, the e-mail, "the portal's mailbox"
    subject: str
    body: str
    attachments: tuple[str, ...]  # document titles
    problems: tuple[Problem, ...]
    #: A message for this status went out (or waits) already; it is sent again only on request.
    already_sent: bool

    @property
    def sendable(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class MessageInfo:
    """One message of a case, as the case view and ``cases show`` list it."""

    id: int
    channel: Channel
    state: OutboxState
    status: str | None
    subject: str
    created_at: datetime
    sent_at: datetime | None
    attempts: int
    last_error: str | None
    #: Post: the letter made for it (None until the outbox made it), and when it was printed.
    letter_id: int | None = None
    printed_at: datetime | None = None
    #: What the clerk wrote (a message sent again by another channel says it again).
    clerk_text: str = ""


def status_key(case_id: int, status: Status) -> str:
    return f"citizen:{case_id}:status:{status.value}"


def queue_status_message(
    session: Session,
    actor: Actor,
    case: Case,
    template: ServiceTemplate,
    status: Status,
    clerk_text: str,
    now: datetime,
    *,
    resend: bool = False,
) -> int | None:
    """Queue the message for a status change in the caller's transaction; its outbox id.

    None when a message for this status went out before and there is nothing new to say
    (no text of the clerk's) and no ``resend``. Raises PlaceholderEmpty or RecipientMissing
    (the transaction, and with it the status change, is then rolled back by the caller)."""
    key = status_key(case.id, status)
    earlier = _count_keys(session, key)
    if earlier and not resend and not clerk_text.strip():
        return None
    composed = draft(
        session, case, template, status, clerk_text, clerk_name=actor.display_name, now=now
    )
    message = require_sendable(composed)
    return _queue(session, actor, message, key if not earlier else f"{key}:{earlier + 1}", now)


def _queue(session: Session, actor: Actor, message: CitizenMessage, key: str, now: datetime) -> int:
    message_id = queue_message(
        session,
        kind=KIND,
        channel=message.channel.value,
        payload=message.to_payload(),
        idempotency_key=key,
        case_id=message.case_id,
        now=now,
    )
    append_event(
        session,
        message.case_id,
        actor.user_id,
        EventKind.MESSAGE_QUEUED,
        {
            "outbox_id": message_id,
            "kind": KIND,
            "channel": message.channel.value,
            "status": message.status,
            "subject": message.subject,
        },
        at=now,
    )
    return message_id


def _count_keys(session: Session, key: str) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(OutboxMessage)
            .where(
                (OutboxMessage.idempotency_key == key)
                | OutboxMessage.idempotency_key.like(key.replace("_", r"\_") + ":%", escape="\\")
            )
        )
        or 0
    )


@storage_errors
class CitizenMessages:
    def __init__(self, db: Database, clock: Clock = lambda: datetime.now(UTC)) -> None:
        self._db = db
        self._clock = clock

    def preview(
        self,
        actor: Actor,
        case_id: int,
        status: Status | None,
        clerk_text: str = "",
        channel: Channel | None = None,
    ) -> MessagePreview:
        """What the citizen would receive if the case went to ``status`` now (None: a message
        without a status change), with every reason it could not be sent."""
        actor.require(Permission.VIEW_CASES)
        with self._db.read() as session:
            case = load_case(session, case_id)
            template = case_template(session, case)
            composed = draft(
                session,
                case,
                template,
                status,
                clerk_text,
                clerk_name=actor.display_name,
                now=self._clock(),
                channel=channel,
            )
            already = status is not None and _count_keys(session, status_key(case_id, status)) > 0
            return _preview(session, composed, already)

    def send_message(
        self, actor: Actor, case_id: int, text: str, channel: Channel | None = None
    ) -> int:
        """Queue a message without a status change (a question, a note); its outbox id."""
        actor.require(Permission.WORK_OWN_CASES)
        now = self._clock()
        with self._db.write() as session:
            case = load_case(session, case_id)
            _require_holder(session, actor, case)
            template = case_template(session, case)
            if not text.strip():
                raise InvalidInput("a message needs some text")
            composed = draft(
                session,
                case,
                template,
                None,
                text,
                clerk_name=actor.display_name,
                now=now,
                channel=channel,
            )
            message = require_sendable(composed)
            return _queue(session, actor, message, f"citizen:{case_id}:message:{uuid.uuid4()}", now)

    def reroute(self, actor: Actor, message_id: int, channel: Channel) -> int:
        """Send a message that failed (or was given up) again by another channel; the new
        message's outbox id. The failed one stays in the record."""
        actor.require(Permission.WORK_OWN_CASES)
        now = self._clock()
        with self._db.write() as session:
            row = session.get(OutboxMessage, message_id)
            if row is None or row.kind != KIND or row.case_id is None:
                raise NotFound(f"no message to a citizen with id {message_id}")
            if row.state != OutboxState.FAILED:
                raise InvalidInput(
                    f"message {message_id} is {row.state}: only a failed message is re-sent"
                )
            case = load_case(session, row.case_id)
            _require_holder(session, actor, case)
            old = CitizenMessage.from_payload(dict(row.payload))
            composed = draft(
                session,
                case,
                case_template(session, case),
                Status(old.status) if old.status else None,
                old.clerk_text,
                clerk_name=actor.display_name,
                now=now,
                channel=channel,
            )
            message = require_sendable(composed)
            return _queue(session, actor, message, f"{row.idempotency_key}:via:{channel}", now)

    def for_case(self, actor: Actor, case_id: int) -> list[MessageInfo]:
        """Every message to the citizen of a case, oldest first."""
        actor.require(Permission.VIEW_CASES)
        with self._db.read() as session:
            load_case(session, case_id)
            letters = {
                message_id: (letter_id, printed_at)
                for letter_id, message_id, printed_at in session.execute(
                    select(Document.id, Document.outbox_message_id, Document.printed_at).where(
                        Document.case_id == case_id, Document.kind == "letter"
                    )
                )
            }
            rows = session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.case_id == case_id, OutboxMessage.kind == KIND)
                .order_by(OutboxMessage.created_at, OutboxMessage.id)
            )
            return [
                MessageInfo(
                    id=m.id,
                    channel=Channel(m.channel),
                    state=OutboxState(m.state),
                    status=m.payload.get("status"),
                    subject=str(m.payload.get("subject") or ""),
                    created_at=m.created_at,
                    sent_at=m.sent_at,
                    attempts=m.attempts,
                    last_error=m.last_error,
                    letter_id=letters.get(m.id, (None, None))[0],
                    printed_at=letters.get(m.id, (None, None))[1],
                    clerk_text=str(m.payload.get("clerk_text") or ""),
                )
                for m in rows
            ]


def _preview(session: Session, composed: Draft, already_sent: bool) -> MessagePreview:
    message = composed.message
    titles = [
        f"{kind} {created:%d.%m.%Y}"
        for kind, created in session.execute(
            select(Document.kind, Document.created_at).where(Document.id.in_(message.document_ids))
        )
    ]
    return MessagePreview(
        channel=message.channel,
        recipient=_describe_recipient(message),
        subject=message.subject,
        body=message.body,
        attachments=tuple(titles),
        problems=composed.problems,
        already_sent=already_sent,
    )


def _describe_recipient(message: CitizenMessage) -> str:
    r = message.recipient
    if message.channel is Channel.EMAIL:
        return f"{r.name} <{r.email or '?'}>"
    if message.channel is Channel.FIT_CONNECT:
        return f"{r.name} (portal case {r.portal_case_id or '?'})"
    return ", ".join(part for part in (r.name, r.street, r.city, r.country) if part)


def _require_holder(session: Session, actor: Actor, case: Case) -> None:
    if case.assignee_id != actor.user_id and not actor.can(Permission.WORK_ANY_CASE):
        raise PermissionDenied(
            f"claim {case.file_number} before writing to its applicant",
            file_number=case.file_number,
        )
