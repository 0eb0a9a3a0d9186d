"""What the channel handlers' tests share: a case with a certificate, a message to its
citizen made with ``CitizenMessage(...).to_payload()``, queued in the real outbox."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select

from backoffice.domain.citizen_messages import Channel
from backoffice.services.citizen.message import KIND, CitizenMessage, Recipient
from backoffice.services.documents import DocumentService
from backoffice.services.outbox import (
    MAX_ATTEMPTS,
    AnyHandler,
    OutboxDispatcher,
    Route,
    queue_message,
)
from backoffice.store.models import Case, CaseEvent, Document, OutboxMessage
from tests.integration.conftest import World

_keys = itertools.count(1)


def certificate(world: World, case_id: int) -> tuple[int, bytes]:
    """A real certificate of the case (claimed by clerk1 first); its id and PDF."""
    world.casework.commands.claim(world.clerk1, case_id)
    documents = DocumentService(world.db, world.clock)
    info = documents.generate(world.clerk1, case_id)
    return info.id, documents.get_pdf(world.clerk1, info.id)


def message(
    world: World,
    case_id: int,
    channel: Channel,
    recipient: Recipient,
    *,
    document_ids: tuple[int, ...] = (),
    **changes: Any,
) -> CitizenMessage:
    """A completion notice as the citizen service would queue it."""
    with world.db.read() as session:
        case = session.get(Case, case_id)
        assert case is not None
        file_number = case.file_number
    made = CitizenMessage(
        case_id=case_id,
        file_number=file_number,
        channel=channel,
        language="de",
        subject=f"Geburtsurkunde: Abgeschlossen ({file_number})",
        body="Ihre Urkunde ist fertig.\n\nSie liegt dieser Nachricht bei. <b>Grüße</b> & {x}",
        status="completed",
        citizen_status="COMPLETED",
        status_details="Abgeschlossen",
        additional_information=f"Geburtsurkunde, {file_number}",
        recipient=recipient,
        clerk_name="Petra Sommer",
        created_at=world.clock.now,
        document_ids=document_ids,
    )
    return replace(made, **changes)


def queue(world: World, citizen: CitizenMessage) -> int:
    """Queue the message in the outbox as the status change would; its outbox id."""
    with world.db.write() as session:
        return queue_message(
            session,
            kind=KIND,
            channel=citizen.channel.value,
            payload=citizen.to_payload(),
            idempotency_key=f"test-message:{next(_keys)}",
            case_id=citizen.case_id,
            now=world.clock.now,
        )


@dataclass
class Row:
    state: str
    attempts: int
    last_error: str | None


def row(world: World, message_id: int) -> Row:
    with world.db.read() as session:
        found = session.get(OutboxMessage, message_id)
        assert found is not None
        return Row(found.state, found.attempts, found.last_error)


def lose_sent_mark(world: World, message_id: int) -> None:
    """What a crash after sending, before the "sent" mark was written, leaves behind."""
    with world.db.write() as session:
        found = session.get(OutboxMessage, message_id)
        assert found is not None and found.state == "sent"
        found.state, found.sent_at = "pending", None
        found.next_attempt_at = world.clock.now


def history(world: World, case_id: int) -> list[CaseEvent]:
    with world.db.read() as session:
        return list(
            session.scalars(
                select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.seq)
            )
        )


def letters(world: World, case_id: int) -> list[Document]:
    with world.db.read() as session:
        return list(
            session.scalars(
                select(Document).where(Document.case_id == case_id, Document.kind == "letter")
            )
        )


def dispatcher(world: World, handlers: Mapping[Route, AnyHandler]) -> OutboxDispatcher:
    return OutboxDispatcher(world.db, handlers, world.clock)


def give_up(world: World, dispatcher: OutboxDispatcher, message_id: int) -> int:
    """Send again and again, as the schedule would, until the dispatcher gives up; the
    number of attempts it made."""
    tries = 0
    while row(world, message_id).state == "pending":
        assert tries <= MAX_ATTEMPTS, "the dispatcher did not give up"
        world.clock.advance(hours=2)  # beyond the longest back-off
        report = dispatcher.send_due()
        assert report.sent == 0
        tries += 1
    return tries
