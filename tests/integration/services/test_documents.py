"""Documents of a case against SQLite and PostgreSQL: generate, store, complete, verify."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update

import backoffice.services.documents as documents_module
from backoffice.domain.errors import RequirementMissing
from backoffice.domain.status import Status
from backoffice.services.audit import EventKind, verify_chain
from backoffice.services.documents import DocumentDamaged, DocumentService
from backoffice.services.errors import InvalidInput, NotFound, PermissionDenied
from backoffice.store.models import CaseEvent, Document
from tests.fakes import tick_checklist
from tests.integration.conftest import World
from tests.unit.documents import pdf

HOSTILE = "<b>x</b><img src=x>"


@pytest.fixture
def service(world: World) -> DocumentService:
    return DocumentService(world.db, clock=world.clock)


def _in_progress(world: World, service_key: str = "birth_certificate", **kw: Any) -> int:
    """A case claimed by clerk1 and in progress (version 3)."""
    case_id = world.add_case(service_key, **kw)
    world.casework.commands.claim(world.clerk1, case_id)
    world.casework.commands.change_status(world.clerk1, case_id, 2, Status.IN_PROGRESS)
    return case_id


def _document_count(world: World) -> int:
    with world.db.read() as session:
        return session.scalar(select(func.count(Document.id))) or 0


def test_a_generated_certificate_lets_the_case_be_completed(
    world: World, service: DocumentService, tmp_path: Path
) -> None:
    case_id = _in_progress(world)
    with pytest.raises(RequirementMissing) as refused:
        world.casework.commands.change_status(world.clerk1, case_id, 3, Status.COMPLETED)
    assert refused.value.details["missing"] == ("document",)

    info = service.generate(world.clerk1, case_id)

    assert info.case_id == case_id and info.kind == "certificate"
    assert info.template_key == "birth_certificate" and info.template_version == 1
    assert info.created_by == "Petra Sommer" and info.created_at == world.clock.now
    assert service.list_documents(world.clerk2, case_id) == [info]
    document = service.get_pdf(world.clerk2, info.id)
    assert document.startswith(b"%PDF-") and len(document) == info.size
    assert hashlib.sha256(document).hexdigest() == info.sha256
    text = pdf.words_flat(document, tmp_path)
    assert info.file_number in text and info.verification_code in text
    assert "Geburtsurkunde" in text and "10.03.2026" in text and "Petra Sommer" in text

    detail = world.casework.queries.get_case(world.clerk1, case_id)
    event = detail.history[-1]
    assert event.kind == EventKind.DOCUMENT_GENERATED
    assert event.actor_name == "Petra Sommer"
    assert event.payload["document_id"] == info.id
    assert event.payload["sha256"] == info.sha256
    assert event.payload["verification_code"] == info.verification_code
    with world.db.read() as session:
        assert verify_chain(session, case_id) is None

    tick_checklist(
        world.casework.commands, world.clerk1, case_id, world.templates["birth_certificate"]
    )
    completed = world.casework.commands.change_status(world.clerk1, case_id, 3, Status.COMPLETED)
    assert completed.status is Status.COMPLETED


def test_only_the_holder_or_a_team_lead_may_generate(
    world: World, service: DocumentService
) -> None:
    unclaimed = world.add_case()
    with pytest.raises(PermissionDenied, match="claim"):
        service.generate(world.clerk1, unclaimed)
    held = _in_progress(world)
    with pytest.raises(PermissionDenied, match="held by Petra Sommer"):
        service.generate(world.clerk2, held)
    assert _document_count(world) == 0
    kinds = [h.kind for h in world.casework.queries.get_case(world.lead, held).history]
    assert EventKind.DOCUMENT_GENERATED not in kinds

    by_lead = service.generate(world.lead, held)  # team leads may work on any case
    assert by_lead.created_by == "Sabine Albrecht"
    assert service.generate(world.clerk1, held).id != by_lead.id  # a second copy is fine
    assert len(service.list_documents(world.clerk2, held)) == 2


def test_a_case_taken_over_while_rendering_gets_no_document(
    world: World, service: DocumentService, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = _in_progress(world)
    real = documents_module.render_certificate

    def render_while_lead_takes_over(data: Any) -> bytes:
        world.casework.commands.assign(world.lead, case_id, "clerk2")
        return real(data)

    monkeypatch.setattr(documents_module, "render_certificate", render_while_lead_takes_over)
    with pytest.raises(PermissionDenied, match="Thomas Krämer"):
        service.generate(world.clerk1, case_id)
    assert _document_count(world) == 0


def test_rendering_happens_outside_any_transaction(
    world: World, service: DocumentService, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = _in_progress(world)
    real = documents_module.render_certificate
    open_connections: list[int] = []

    def render(data: Any) -> bytes:
        open_connections.append(world.db.engine.pool.checkedout())  # type: ignore[attr-defined]
        # Another desktop can write to the same case meanwhile (SQLite: no lock held).
        world.casework.commands.add_note(world.clerk2, case_id, "Rückruf vermerkt")
        return real(data)

    monkeypatch.setattr(documents_module, "render_certificate", render)
    service.generate(world.clerk1, case_id)
    assert open_connections == [0]


def test_closed_cases_and_unknown_requests_are_refused(
    world: World, service: DocumentService
) -> None:
    case_id = world.add_case()
    world.casework.commands.claim(world.clerk1, case_id)
    world.casework.commands.change_status(world.clerk1, case_id, 2, Status.WITHDRAWN)
    with pytest.raises(InvalidInput, match="withdrawn"):
        service.generate(world.clerk1, case_id)
    open_case = _in_progress(world)
    with pytest.raises(InvalidInput, match="kind"):
        service.generate(world.clerk1, open_case, kind="poster")
    with pytest.raises(InvalidInput, match="language"):
        service.generate(world.clerk1, open_case, language="fr")
    with pytest.raises(NotFound):
        service.generate(world.clerk1, 999_999)
    with pytest.raises(NotFound):
        service.list_documents(world.clerk1, 999_999)
    with pytest.raises(NotFound):
        service.get_pdf(world.clerk1, 999_999)
    assert _document_count(world) == 0


def test_verify_finds_the_document_by_its_code(world: World, service: DocumentService) -> None:
    case_id = _in_progress(world, "resident_parking_permit")
    info = service.generate(world.clerk1, case_id, language="en")
    assert service.verify(info.verification_code) == info
    typed = info.verification_code.lower().replace("-", " ")
    assert service.verify(typed) == info
    assert service.verify("0000-0000-0000") is None
    assert service.verify("not a code") is None
    assert service.verify("") is None


def test_citizen_text_reaches_the_pdf_as_text(
    world: World, service: DocumentService, tmp_path: Path
) -> None:
    form = {
        "applicant": {
            "given_name": HOSTILE,
            "family_name": "Ünal \u202eevil",
            "birth_date": "1990-01-01",
            "street": "Hauptstraße",
            "house_number": "1",
            "postal_code": "48143",
            "city": "Musterstadt",
        }
    }
    case_id = _in_progress(world, "registration_certificate_simple", form_data=form)
    info = service.generate(world.clerk1, case_id)
    text = pdf.words_flat(service.get_pdf(world.clerk1, info.id), tmp_path)
    assert HOSTILE in text and "Ünal evil" in text


def test_a_collision_of_verification_codes_is_retried(
    world: World, service: DocumentService, monkeypatch: pytest.MonkeyPatch
) -> None:
    first_case, second_case = _in_progress(world), _in_progress(world)
    codes = iter(["AAAA-AAAA-AAAA", "AAAA-AAAA-AAAA", "BBBB-BBBB-BBBB"])
    monkeypatch.setattr(documents_module, "new_code", lambda: next(codes))
    assert service.generate(world.clerk1, first_case).verification_code == "AAAA-AAAA-AAAA"
    second = service.generate(world.clerk1, second_case)
    assert second.verification_code == "BBBB-BBBB-BBBB"
    assert [d.id for d in service.list_documents(world.clerk1, second_case)] == [second.id]
    with world.db.read() as session:
        events = session.scalars(
            select(CaseEvent.kind).where(CaseEvent.case_id == second_case)
        ).all()
    assert events.count(EventKind.DOCUMENT_GENERATED) == 1


def test_a_damaged_pdf_is_not_handed_out(world: World, service: DocumentService) -> None:
    info = service.generate(world.clerk1, _in_progress(world))
    with world.db.write() as session:
        session.execute(update(Document).where(Document.id == info.id).values(pdf=b"%PDF-forged"))
    with pytest.raises(DocumentDamaged):
        service.get_pdf(world.clerk1, info.id)
