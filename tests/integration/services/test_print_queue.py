"""The print queue on SQLite and PostgreSQL: what waits, what goes into the envelope, and
marking one or many letters printed, each failure reported on its own."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from backoffice.domain.citizen_messages import Channel
from backoffice.services.audit import EventKind, verify_chain
from backoffice.services.citizen.message import ROUTES, Recipient
from backoffice.services.documents import DocumentDamaged
from backoffice.services.errors import InvalidInput, NotFound
from backoffice.services.outbox.post import PostHandler
from backoffice.services.print_queue import MAX_BATCH, PrintQueueService
from backoffice.store.models import Document
from tests.integration.conftest import World
from tests.integration.services.outbox.helpers import (
    certificate,
    dispatcher,
    history,
    letters,
    message,
    queue,
)

CITIZEN = Recipient(name="Anna Beispiel", street="Lindenallee 3", city="48143 Musterstadt")


def _letter(world: World, case_id: int, document_ids: tuple[int, ...] = ()) -> int:
    """A letter made the real way: queued, sent by the postal handler; its document id."""
    message_id = queue(
        world, message(world, case_id, Channel.POST, CITIZEN, document_ids=document_ids)
    )
    outbox = dispatcher(world, {ROUTES[Channel.POST]: PostHandler(world.db, world.clock)})
    assert outbox.send(message_id).sent == 1
    (letter,) = [d for d in letters(world, case_id) if d.outbox_message_id == message_id]
    return letter.id


@pytest.fixture
def service(world: World) -> PrintQueueService:
    return PrintQueueService(world.db, world.clock)


def test_waiting_letters_oldest_first_with_what_the_list_shows(
    world: World, service: PrintQueueService
) -> None:
    first_case, second_case = world.add_case(), world.add_case()
    first = _letter(world, first_case)
    world.clock.advance(minutes=5)
    second = _letter(world, second_case)

    waiting = service.waiting(world.clerk1)

    assert [w.id for w in waiting] == [first, second]
    top = waiting[0]
    assert top.case_id == first_case and top.file_number.startswith("GEB-")
    assert top.recipient_name == "Anna Beispiel"
    assert top.subject == f"Geburtsurkunde: Abgeschlossen ({top.file_number})"
    assert waiting[1].created_at - top.created_at == timedelta(minutes=5)
    assert (top.printed_at, top.printed_by) == (None, None)
    assert service.recently_printed(world.clerk1) == []


def test_the_files_to_print_are_the_letter_and_its_certificates(
    world: World, service: PrintQueueService
) -> None:
    case_id = world.add_case()
    document_id, certificate_pdf = certificate(world, case_id)
    letter_id = _letter(world, case_id, (document_id,))

    files = service.print_files(world.clerk2, letter_id)

    assert [(f.document_id, f.kind) for f in files] == [
        (letter_id, "letter"),
        (document_id, "certificate"),
    ]
    assert files[0].pdf == service.letter_pdf(world.clerk2, letter_id)
    assert files[0].pdf.startswith(b"%PDF-")
    assert files[1].pdf == certificate_pdf


def test_marking_many_reports_each_failure_and_marks_the_rest(
    world: World, service: PrintQueueService
) -> None:
    cases = [world.add_case() for _ in range(3)]
    ids = [_letter(world, case_id) for case_id in cases]
    assert service.mark_printed(world.clerk2, [ids[0]]).printed == (ids[0],)
    world.clock.advance(minutes=1)

    report = service.mark_printed(world.clerk1, [ids[0], ids[1], 999_999, ids[2], ids[1]])

    assert report.printed == (ids[1], ids[2])
    assert [(f.letter_id, f.code) for f in report.failures] == [
        (ids[0], "already_printed"),
        (999_999, "not_found"),
    ]
    assert "printed already by Thomas Krämer" in report.failures[0].message
    assert service.waiting(world.clerk1) == []
    printed = service.recently_printed(world.clerk1)
    assert [p.id for p in printed] == [ids[2], ids[1], ids[0]]
    assert [p.printed_by for p in printed] == ["Petra Sommer", "Petra Sommer", "Thomas Krämer"]
    assert printed[0].printed_at == world.clock.now
    for case_id, letter_id in zip(cases, ids, strict=True):
        entries = [e for e in history(world, case_id) if e.kind == EventKind.LETTER_PRINTED]
        assert [e.payload["document_id"] for e in entries] == [letter_id]
        with world.db.read() as session:
            assert verify_chain(session, case_id) is None


def test_a_certificate_is_not_a_letter_and_a_damaged_letter_is_not_printed(
    world: World, service: PrintQueueService
) -> None:
    case_id = world.add_case()
    document_id, _ = certificate(world, case_id)
    letter_id = _letter(world, case_id)
    with pytest.raises(NotFound):
        service.letter_pdf(world.clerk1, document_id)
    (failure,) = service.mark_printed(world.clerk1, [document_id]).failures
    assert failure.code == "not_found"
    with world.db.write() as session:
        session.execute(update(Document).where(Document.id == letter_id).values(pdf=b"%PDF-x"))
    with pytest.raises(DocumentDamaged):
        service.print_files(world.clerk1, letter_id)
    with pytest.raises(InvalidInput):
        service.mark_printed(world.clerk1, list(range(MAX_BATCH + 1)))


def test_the_waiting_letters_of_a_selection_of_cases_each_case_on_its_own(
    world: World, service: PrintQueueService
) -> None:
    with_two, printed, without = world.add_case(), world.add_case(), world.add_case()
    first = _letter(world, with_two)
    world.clock.advance(minutes=1)
    second = _letter(world, with_two)
    done = _letter(world, printed)
    service.mark_printed(world.clerk1, [done])

    answer = service.waiting_of_cases(world.clerk2, [without, with_two, 999_999, printed, without])

    assert [a.case_id for a in answer] == [without, with_two, 999_999, printed]
    by_case = {a.case_id: a for a in answer}
    assert [letter.id for letter in by_case[with_two].letters] == [first, second]
    assert by_case[with_two].found and str(by_case[with_two].file_number).startswith("GEB-")
    assert by_case[printed].found and by_case[printed].letters == ()
    assert by_case[without].found and by_case[without].letters == ()
    assert not by_case[999_999].found and by_case[999_999].letters == ()
    with pytest.raises(InvalidInput):
        service.waiting_of_cases(world.clerk1, list(range(MAX_BATCH + 1)))
