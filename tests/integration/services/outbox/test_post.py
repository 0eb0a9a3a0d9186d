"""The postal handler on SQLite and PostgreSQL: the message becomes a letter PDF in the print
queue, linked to its outbox message, once."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import update

from backoffice.domain.citizen_messages import Channel
from backoffice.services.audit import EventKind
from backoffice.services.citizen.message import ROUTES, Recipient
from backoffice.services.outbox import MAX_ATTEMPTS, OutboxDispatcher
from backoffice.services.outbox import post as post_module
from backoffice.services.outbox.post import PostHandler
from backoffice.services.print_queue import PrintQueueService
from backoffice.store.models import Document
from tests.integration.conftest import World
from tests.unit.documents import pdf as pdf_text

from .helpers import (
    certificate,
    dispatcher,
    give_up,
    history,
    letters,
    lose_sent_mark,
    message,
    queue,
    row,
)

ROUTE = ROUTES[Channel.POST]
CITIZEN = Recipient(
    name="Jörg Müller-Lüdenscheidt", street="Weißdornweg 7a", city="48143 Musterstadt"
)


def _dispatcher(world: World) -> OutboxDispatcher:
    return dispatcher(world, {ROUTE: PostHandler(world.db, world.clock)})


def test_the_letter_waits_in_the_print_queue_with_its_enclosures_listed(
    world: World, tmp_path: Path
) -> None:
    case_id = world.add_case()
    document_id, _ = certificate(world, case_id)
    citizen = message(world, case_id, Channel.POST, CITIZEN, document_ids=(document_id,))
    message_id = queue(world, citizen)

    report = _dispatcher(world).send_due()

    assert (report.sent, report.failed, report.retried) == (1, 0, 0), report.errors
    assert row(world, message_id).state == "sent"
    (letter,) = letters(world, case_id)
    assert letter.outbox_message_id == message_id
    assert (letter.printed_at, letter.printed_by_id) == (None, None)
    text = pdf_text.words_flat(
        PrintQueueService(world.db).letter_pdf(world.clerk1, letter.id), tmp_path
    )
    for expected in (
        "Jörg Müller-Lüdenscheidt",
        "Weißdornweg 7a",
        "48143 Musterstadt",
        citizen.subject,
        "Ihre Urkunde ist fertig.",
        "<b>Grüße</b> & {x}",  # as written, not as markup
        "Petra Sommer",
        "Anlagen",
        f"Geburtsurkunde {citizen.file_number}",
    ):
        assert expected in text, expected
    kinds = [(e.kind, e.payload.get("kind")) for e in history(world, case_id)]
    assert (EventKind.DOCUMENT_GENERATED, "letter") in kinds
    assert kinds[-1] == (EventKind.MESSAGE_SENT, "citizen_message")
    (waiting,) = PrintQueueService(world.db).waiting(world.clerk1)
    assert waiting.id == letter.id and waiting.enclosure_ids == (document_id,)


def test_a_resend_after_a_crash_makes_no_second_letter(world: World) -> None:
    case_id = world.add_case()
    message_id = queue(world, message(world, case_id, Channel.POST, CITIZEN))
    outbox = _dispatcher(world)
    assert outbox.send_due().sent == 1
    lose_sent_mark(world, message_id)

    assert outbox.send_due().sent == 1

    assert len(letters(world, case_id)) == 1
    assert row(world, message_id).state == "sent"


def test_two_messages_make_two_letters(world: World) -> None:
    case_id = world.add_case()
    first = queue(world, message(world, case_id, Channel.POST, CITIZEN))
    second = queue(world, message(world, case_id, Channel.POST, CITIZEN, body="Noch etwas."))
    assert _dispatcher(world).send_due().sent == 2
    sent = [d.outbox_message_id for d in letters(world, case_id) if d.outbox_message_id is not None]
    assert sorted(sent) == [first, second]


@pytest.mark.parametrize("defect", ["no-street", "foreign-document", "missing-document", "damaged"])
def test_what_cannot_become_a_letter_is_refused(world: World, defect: str) -> None:
    case_id = world.add_case()
    other_case = world.add_case()
    recipient = CITIZEN
    documents: tuple[int, ...] = ()
    if defect == "no-street":
        recipient = Recipient(name=CITIZEN.name, city=CITIZEN.city)
    elif defect == "foreign-document":
        documents = (certificate(world, other_case)[0],)
    elif defect == "missing-document":
        documents = (999_999,)
    else:
        document_id, _ = certificate(world, case_id)
        with world.db.write() as session:
            session.execute(
                update(Document).where(Document.id == document_id).values(pdf=b"%PDF-1.4 altered")
            )
        documents = (document_id,)
    message_id = queue(
        world, message(world, case_id, Channel.POST, recipient, document_ids=documents)
    )

    assert _dispatcher(world).send_due().failed == 1

    failed = row(world, message_id)
    assert (failed.state, failed.attempts) == ("failed", 1)
    expected = {
        "no-street": "postal address is incomplete",
        "foreign-document": "belongs to another case",
        "missing-document": "does not exist",
        "damaged": "does not match its recorded checksum",
    }[defect]
    assert failed.last_error is not None and expected in failed.last_error
    assert letters(world, case_id) == []


def test_a_letter_that_cannot_be_stored_is_retried_then_given_up(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The letter's verification code collides with a stored one (the unique constraint of
    the real database refuses it): tried again with back-off, given up after MAX_ATTEMPTS."""
    case_id = world.add_case()
    document_id, _ = certificate(world, case_id)
    with world.db.read() as session:
        taken = session.get(Document, document_id)
        assert taken is not None
        code = taken.verification_code
    monkeypatch.setattr(post_module, "new_code", lambda: code)
    message_id = queue(world, message(world, case_id, Channel.POST, CITIZEN))
    outbox = _dispatcher(world)

    assert outbox.send_due().retried == 1
    assert row(world, message_id).state == "pending"
    assert give_up(world, outbox, message_id) == MAX_ATTEMPTS - 1

    failed = row(world, message_id)
    assert failed.state == "failed" and failed.attempts == MAX_ATTEMPTS
    assert failed.last_error is not None
    assert failed.last_error.startswith(f"gave up after {MAX_ATTEMPTS} attempts")
    assert letters(world, case_id) == []
