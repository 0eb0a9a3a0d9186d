"""Messages to citizens: composed, previewed, queued with the status change, never twice."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from backoffice.domain.citizen_messages import Channel, PlaceholderEmpty
from backoffice.domain.status import Status
from backoffice.services.citizen.compose import RecipientMissing
from backoffice.services.citizen.message import KIND, CitizenMessage
from backoffice.services.citizen.service import CitizenMessages
from backoffice.services.errors import InvalidInput, PermissionDenied
from backoffice.services.outbox import OutboxState
from backoffice.store.models import Case, OutboxMessage, SubmissionRecord
from tests.fakes import tick_checklist
from tests.integration.conftest import World

REPLY_KEY = {"kty": "RSA", "kid": "citizen-1", "use": "enc", "alg": "RSA-OAEP-256", "n": "x"}


def _applicant(**extra: Any) -> dict[str, Any]:
    person = {
        "given_name": "Jörg",
        "family_name": "Müller-Lüdenscheidt",
        "street": "Am Markt",
        "house_number": "3",
        "postal_code": "48143",
        "city": "Musterstadt",
        "email": "joerg@example.org",
    }
    person.update(extra)
    return {"applicant": person}


def _with_channel(world: World, case_id: int, channel: dict[str, Any] | None) -> None:
    """Give a case the submission record whose replyChannel the message follows."""
    submission_id = f"00000000-0000-4000-8000-{case_id:012d}"
    name = next(iter(channel)) if channel else "postal"
    with world.db.write() as session:
        case = session.get(Case, case_id)
        assert case is not None
        case.submission_id = submission_id
        case.portal_case_id = f"10000000-0000-4000-8000-{case_id:012d}"
        case.destination_id = "20000000-0000-4000-8000-000000000001"
        case.reply_channel = name
        session.add(
            SubmissionRecord(
                submission_id=submission_id,
                portal_case_id=case.portal_case_id,
                destination_id=case.destination_id,
                service_identifier="x",
                arrived_at=world.clock.now,
                outcome="accepted",
                case_id=case_id,
                received_metadata={"replyChannel": channel} if channel else {},
            )
        )


def _held_case(world: World, form_data: dict[str, Any] | None = None) -> tuple[int, int]:
    case_id = world.add_case(form_data=form_data or _applicant())
    version = world.casework.commands.claim(world.clerk1, case_id).version
    return case_id, version


def _messages(world: World, case_id: int) -> list[OutboxMessage]:
    with world.db.read() as session:
        return list(
            session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.case_id == case_id, OutboxMessage.kind == KIND)
                .order_by(OutboxMessage.id)
            )
        )


def _service(world: World) -> CitizenMessages:
    return CitizenMessages(world.db, world.clock)


def test_a_status_change_queues_its_message_by_post(world: World) -> None:
    case_id, version = _held_case(world)
    row = world.casework.commands.change_status(world.clerk1, case_id, version, Status.IN_PROGRESS)
    [stored] = _messages(world, case_id)
    message = CitizenMessage.from_payload(dict(stored.payload))
    assert (stored.channel, stored.state) == ("post", OutboxState.PENDING)
    assert message.status == "in_progress" and message.citizen_status == "PROCESSING"
    assert row.file_number in message.body and "{" not in message.body
    assert message.recipient.street == "Am Markt 3"
    assert message.recipient.city == "48143 Musterstadt"
    assert message.subject == f"Geburtsurkunde: In Bearbeitung ({row.file_number})"
    info = _service(world).for_case(world.clerk1, case_id)
    assert [(m.channel, m.state, m.status) for m in info] == [
        (Channel.POST, OutboxState.PENDING, "in_progress")
    ]


def test_the_channel_follows_the_reply_channel_of_the_submission(world: World) -> None:
    mail_case, v1 = _held_case(world)
    _with_channel(world, mail_case, {"eMail": {"address": "citizen@example.net"}})
    reply_case, v2 = _held_case(world)
    _with_channel(world, reply_case, {"fitConnect": {"encryptionKey": REPLY_KEY}})
    world.casework.commands.change_status(world.clerk1, mail_case, v1, Status.IN_PROGRESS)
    world.casework.commands.change_status(world.clerk1, reply_case, v2, Status.IN_PROGRESS)
    [mail] = _messages(world, mail_case)
    [reply] = _messages(world, reply_case)
    assert mail.channel == "email" and mail.payload["recipient"]["email"] == "citizen@example.net"
    assert reply.channel == "fit-connect-reply"
    assert reply.payload["recipient"]["reply_key"] == REPLY_KEY
    assert reply.payload["recipient"]["portal_case_id"].startswith("10000000-")


def test_a_channel_without_an_address_refuses_the_change_and_stores_nothing(
    world: World,
) -> None:
    case_id, version = _held_case(world, {"applicant": {"given_name": "Ana", "family_name": "B"}})
    preview = _service(world).preview(world.clerk1, case_id, Status.IN_PROGRESS)
    assert not preview.sendable
    assert [p.code for p in preview.problems] == ["recipient_missing"]
    with pytest.raises(RecipientMissing, match="choose another channel"):
        world.casework.commands.change_status(world.clerk1, case_id, version, Status.IN_PROGRESS)
    detail = world.casework.queries.get_case(world.clerk1, case_id)
    assert detail.row.status is Status.RECEIVED and detail.row.version == version
    assert _messages(world, case_id) == []
    # The clerk may change the status without telling anyone (e.g. to fix a mistake).
    world.casework.commands.change_status(
        world.clerk1, case_id, version, Status.IN_PROGRESS, notify=False
    )
    assert _messages(world, case_id) == []


def test_an_empty_placeholder_refuses_the_message(world: World) -> None:
    # The template greets the applicant by name: a case without one cannot be told.
    template = world.templates["birth_certificate"]
    raw_texts = {s: t.de for s, t in template.messages.items()}
    assert all("{" in text for text in raw_texts.values())
    case_id, version = _held_case(world)
    service = _service(world)
    with world.db.write() as session:
        case = session.get(Case, case_id)
        assert case is not None
        case.file_number = " "  # no value for {file_number}
    preview = service.preview(world.clerk1, case_id, Status.IN_PROGRESS)
    assert [p.code for p in preview.problems] == ["placeholder_empty"]
    assert "{file_number}" in preview.problems[0].detail
    with pytest.raises(PlaceholderEmpty):
        world.casework.commands.change_status(world.clerk1, case_id, version, Status.IN_PROGRESS)
    assert _messages(world, case_id) == []


def test_the_preview_is_what_is_queued(world: World) -> None:
    case_id, version = _held_case(world)
    service = _service(world)
    text = "Bitte senden Sie uns <b>eine Kopie</b> Ihres Ausweises."
    row = world.casework.commands.change_status(world.clerk1, case_id, version, Status.IN_PROGRESS)
    preview = service.preview(world.clerk1, case_id, Status.WAITING_FOR_CITIZEN, text)
    assert preview.sendable and not preview.already_sent
    assert preview.channel is Channel.POST
    assert preview.recipient == "Jörg Müller-Lüdenscheidt, Am Markt 3, 48143 Musterstadt"
    world.casework.commands.change_status(
        world.clerk1, case_id, row.version, Status.WAITING_FOR_CITIZEN, message=text
    )
    queued = CitizenMessage.from_payload(dict(_messages(world, case_id)[-1].payload))
    assert (queued.subject, queued.body) == (preview.subject, preview.body)
    assert queued.body.endswith(text)  # as written: markup is text, the handlers escape it
    assert queued.citizen_status == "ACTION_REQUIRED"


def test_entering_a_status_again_sends_no_second_message_unless_asked(world: World) -> None:
    case_id, version = _held_case(world)
    commands = world.casework.commands
    version = commands.change_status(world.clerk1, case_id, version, Status.IN_PROGRESS).version
    version = commands.change_status(
        world.clerk1, case_id, version, Status.WAITING_FOR_CITIZEN, message="Ausweis fehlt."
    ).version
    version = commands.change_status(world.clerk1, case_id, version, Status.IN_PROGRESS).version
    assert [m.payload["status"] for m in _messages(world, case_id)] == [
        "in_progress",
        "waiting_for_citizen",
    ]
    assert _service(world).preview(world.clerk1, case_id, Status.IN_PROGRESS).already_sent
    # Asked for: the same status message again, under a key of its own.
    version = commands.change_status(
        world.clerk1, case_id, version, Status.WAITING_FOR_CITIZEN, message="Ausweis fehlt."
    ).version
    version = commands.change_status(
        world.clerk1, case_id, version, Status.IN_PROGRESS, resend=True
    ).version
    keys = [m.idempotency_key for m in _messages(world, case_id)]
    assert keys == [
        f"citizen:{case_id}:status:in_progress",
        f"citizen:{case_id}:status:waiting_for_citizen",
        f"citizen:{case_id}:status:waiting_for_citizen:2",
        f"citizen:{case_id}:status:in_progress:2",
    ]


def test_a_free_message_needs_text_and_the_case(world: World) -> None:
    case_id, _ = _held_case(world)
    service = _service(world)
    with pytest.raises(InvalidInput):
        service.send_message(world.clerk1, case_id, "   ")
    with pytest.raises(PermissionDenied, match="claim"):
        service.send_message(world.clerk2, case_id, "Guten Tag")
    first = service.send_message(world.clerk1, case_id, "Guten Tag, eine Frage: …")
    second = service.send_message(world.lead, case_id, "Guten Tag, eine Frage: …")
    assert first != second  # two messages, each once
    [a, b] = _messages(world, case_id)
    assert a.payload["status"] is None and a.payload["clerk_text"] == "Guten Tag, eine Frage: …"
    assert b.payload["clerk_name"] == "Sabine Albrecht"


def test_a_failed_message_goes_again_by_another_channel(world: World) -> None:
    case_id, version = _held_case(world)
    _with_channel(world, case_id, {"eMail": {"address": "citizen@example.net"}})
    world.casework.commands.change_status(world.clerk1, case_id, version, Status.IN_PROGRESS)
    [failed] = _messages(world, case_id)
    service = _service(world)
    with pytest.raises(InvalidInput, match="only a failed message"):
        service.reroute(world.clerk1, failed.id, Channel.POST)
    with world.db.write() as session:
        row = session.get(OutboxMessage, failed.id)
        assert row is not None
        row.state = OutboxState.FAILED
        row.last_error = "550 mailbox unavailable"
    new_id = service.reroute(world.clerk1, failed.id, Channel.POST)
    info = {m.id: m for m in service.for_case(world.clerk1, case_id)}
    assert info[failed.id].state is OutboxState.FAILED
    assert info[failed.id].last_error == "550 mailbox unavailable"
    assert (info[new_id].channel, info[new_id].state) == (Channel.POST, OutboxState.PENDING)
    assert info[new_id].subject == info[failed.id].subject


def test_completion_encloses_the_certificate(world: World) -> None:
    from backoffice.services.documents import DocumentService

    case_id, version = _held_case(world)
    commands = world.casework.commands
    version = commands.change_status(world.clerk1, case_id, version, Status.IN_PROGRESS).version
    documents = DocumentService(world.db, clock=world.clock)
    certificate = documents.generate(world.clerk1, case_id)
    row = world.casework.queries.get_case(world.clerk1, case_id).row
    preview = _service(world).preview(world.clerk1, case_id, Status.COMPLETED)
    assert preview.attachments == (f"certificate {world.clock.now:%d.%m.%Y}",)
    tick_checklist(commands, world.clerk1, case_id, world.templates["birth_certificate"])
    commands.change_status(world.clerk1, case_id, row.version, Status.COMPLETED)
    last = _messages(world, case_id)[-1]
    assert last.payload["document_ids"] == [certificate.id]
    assert last.payload["citizen_status"] == "COMPLETED"


def test_messages_are_listed_for_their_case_only(world: World) -> None:
    one, v1 = _held_case(world)
    two, _ = _held_case(world)
    world.casework.commands.change_status(world.clerk1, one, v1, Status.IN_PROGRESS)
    service = _service(world)
    assert len(service.for_case(world.clerk1, one)) == 1
    assert service.for_case(world.clerk1, two) == []
    assert (
        datetime(2026, 3, 10, 8, 0, tzinfo=UTC) == service.for_case(world.clerk1, one)[0].created_at
    )
