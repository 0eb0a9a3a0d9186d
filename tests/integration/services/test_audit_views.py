"""Audit views: case history, reads logged, every chain verified, administrators only."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from backoffice.domain.status import Status
from backoffice.services.admin_audit import AdminAuditService
from backoffice.services.audit_views import AuditViews
from backoffice.services.documents import DocumentService
from backoffice.services.errors import NotFound, PermissionDenied
from backoffice.services.progress import CancelToken, Progress
from backoffice.store.models import Case, CaseEvent
from tests.integration.conftest import World


def _views(world: World) -> AuditViews:
    return AuditViews(world.db, AdminAuditService(world.db))


def test_opening_a_case_and_viewing_a_document_are_logged_as_reads(world: World) -> None:
    case_id = world.add_case("birth_certificate")
    world.casework.commands.claim(world.clerk1, case_id)
    world.casework.commands.change_status(world.clerk1, case_id, 2, Status.IN_PROGRESS)
    documents = DocumentService(world.db, world.clock)
    info = documents.generate(world.clerk1, case_id)
    history_before = len(_views(world).case_history(world.admin, case_id))
    world.casework.queries.get_case(world.clerk2, case_id)
    documents.get_pdf(world.lead, info.id)
    reads = _views(world).reads(world.admin, case_id)
    assert [(r.actor, r.kind, r.document_id) for r in reads] == [
        ("Thomas Krämer", "case_opened", None),
        ("Sabine Albrecht", "document_viewed", info.id),
    ]
    # Reads do not touch the case's hash chain.
    history = _views(world).case_history(world.admin, case_id)
    assert len(history) == history_before
    assert [e.kind for e in history][:2] == ["received", "claimed"]


def test_verify_everything_names_a_broken_case_chain(world: World) -> None:
    first, second = world.add_case(), world.add_case()
    world.casework.commands.claim(world.clerk1, second)
    views = _views(world)
    report = views.verify_everything(world.admin)
    assert report.intact and report.cases_checked == 2
    with world.db.write() as session:
        session.execute(
            update(CaseEvent)
            .where(CaseEvent.case_id == second, CaseEvent.seq == 1)
            .values(payload={"file_number": "forged"})
        )
    report = views.verify_everything(world.admin)
    assert not report.intact
    assert [(b.case_id, b.seq) for b in report.broken] == [(second, 1)]
    assert list(report.file_numbers) == [second]  # to look the case up by
    assert views.verify_case(world.admin, first) is None


@pytest.mark.parametrize("who", ["clerk1", "lead"])
def test_administration_views_are_for_administrators(world: World, who: str) -> None:
    case_id = world.add_case()
    views = _views(world)
    actor = getattr(world, who)
    assert views.case_history(actor, case_id)  # the case's own history: as the case itself
    for call in (
        lambda: views.reads(actor, case_id),
        lambda: views.verify_everything(actor),
        lambda: views.administration_history(actor),
    ):
        with pytest.raises(PermissionDenied):
            call()


def test_a_case_is_found_by_its_file_number(world: World) -> None:
    case_id = world.add_case()
    views = _views(world)
    with world.db.read() as session:
        case = session.get(Case, case_id)
        assert case is not None
        file_number = case.file_number
    found = views.find_case(world.clerk1, f" {file_number.lower()} ")
    assert (found.case_id, found.file_number) == (case_id, file_number)
    with pytest.raises(NotFound):
        views.find_case(world.admin, "GEW-1999-000001")


def test_verifying_reports_progress_and_can_be_stopped(world: World) -> None:
    for _ in range(3):
        world.add_case()
    views = _views(world)
    seen: list[Progress] = []
    report = views.verify_everything(world.admin, progress=seen.append)
    assert report.intact and seen[-1] == Progress(3, 3)
    stop = CancelToken()
    stop.cancel()
    stopped = views.verify_everything(world.admin, cancel=stop)
    assert stopped.stopped and not stopped.intact and stopped.cases_checked == 0
