"""Attachment content, safe copies on disk, and the delivery overview."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from backoffice.services.attachments import AttachmentService
from backoffice.services.delivery import DeliveryService
from backoffice.services.errors import NotFound
from backoffice.store.models import Attachment, OutboxMessage, SubmissionRecord
from tests.integration.conftest import World

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _attach(world: World, case_id: int, name: str, safe: str) -> int:
    with world.db.write() as session:
        row = Attachment(
            case_id=case_id,
            portal_attachment_id=None,
            original_name=name,
            safe_name=safe,
            media_type="application/pdf",
            size=len(PDF),
            sha512=hashlib.sha512(PDF).hexdigest(),
            content=PDF,
            verification="ok",
            verification_detail=None,
        )
        session.add(row)
        session.flush()
        return row.id


def test_reading_an_attachment_is_audited(world: World) -> None:
    case_id = world.add_case()
    attachment_id = _attach(world, case_id, "Ausweis.pdf", "Ausweis.pdf")
    service = AttachmentService(world.db)
    content = service.content(world.clerk1, attachment_id)
    assert content.data == PDF and content.case_id == case_id
    history = world.casework.queries.get_case(world.clerk1, case_id).history
    assert history[-1].kind == "attachment_viewed"
    assert history[-1].actor_name == "Petra Sommer"
    with pytest.raises(NotFound):
        service.content(world.clerk1, 999_999)


def test_copies_use_safe_names_and_never_overwrite(world: World, tmp_path: Path) -> None:
    case_id = world.add_case()
    attachment_id = _attach(world, case_id, "../../../etc/passwd.pdf", "passwd.pdf")
    service = AttachmentService(world.db)
    first = service.save_copy(world.clerk1, attachment_id, tmp_path / "out")
    second = service.save_copy(world.clerk1, attachment_id, tmp_path / "out")
    hostile = service.save_copy(world.clerk1, attachment_id, tmp_path / "out", "..\\CON.pdf")
    assert first == tmp_path / "out" / "passwd.pdf"
    assert second == tmp_path / "out" / "passwd (2).pdf"
    assert hostile.parent == tmp_path / "out" and hostile.name == "_CON.pdf"
    assert first.read_bytes() == PDF
    assert first.stat().st_mode & 0o777 == 0o600


def test_delivery_overview(world: World) -> None:
    now = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    with world.db.write() as session:
        session.add(
            SubmissionRecord(
                submission_id="5b0c3a35-0000-4000-8000-000000000001",
                portal_case_id="5b0c3a35-0000-4000-8000-000000000002",
                destination_id="5b0c3a35-0000-4000-8000-000000000003",
                service_identifier="urn:de:fim:leika:leistung:99027002012000",
                arrived_at=now,
                outcome="rejected",
                problem_type="hash-mismatch",
                problem_instance="data",
                problem_detail="SHA-512 of the data does not match",
            )
        )
        session.add(
            OutboxMessage(
                kind="portal_decision",
                channel="fit-connect",
                payload={"token": "x"},
                idempotency_key="decision:1",
                state="pending",
                attempts=2,
                next_attempt_at=now,
                last_error="portal answered 503",
            )
        )
    overview = DeliveryService(world.db).overview(world.clerk1)
    assert [r.problem for r in overview.rejected] == ["hash-mismatch"]
    assert [(w.kind, w.attempts, w.last_error) for w in overview.waiting] == [
        ("portal_decision", 2, "portal answered 503")
    ]
    assert overview.syncs == []
