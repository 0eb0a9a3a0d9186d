"""The deletion run on both databases: what is due, a dry run, deletion, what remains."""

from __future__ import annotations

import copy
import hashlib

import pytest
from sqlalchemy import func, select

from backoffice.domain.status import Status
from backoffice.services.admin_audit import AdminAuditService
from backoffice.services.catalogue import CatalogueService
from backoffice.services.documents import DocumentService
from backoffice.services.errors import PermissionDenied
from backoffice.services.progress import CancelToken, Progress
from backoffice.services.retention import RetentionService
from backoffice.services.template_versions import TemplateVersions
from backoffice.store.models import (
    Attachment,
    Case,
    CaseEvent,
    DeletionRecord,
    Document,
    OutboxMessage,
)
from tests.integration.conftest import World


def _completed(world: World) -> int:
    """A birth certificate case with an attachment, a certificate, messages; completed."""
    case_id = world.add_case("birth_certificate")
    data = b"%PDF-1.4 scan"
    with world.db.write() as session:
        session.add(
            Attachment(
                case_id=case_id,
                original_name="Ausweis.pdf",
                safe_name="Ausweis.pdf",
                media_type="application/pdf",
                size=len(data),
                sha512=hashlib.sha512(data).hexdigest(),
                content=data,
                verification="ok",
            )
        )
    world.casework.commands.claim(world.clerk1, case_id)
    world.casework.commands.change_status(world.clerk1, case_id, 2, Status.IN_PROGRESS)
    DocumentService(world.db, world.clock).generate(world.clerk1, case_id)
    world.casework.commands.change_status(world.clerk1, case_id, 3, Status.COMPLETED)
    return case_id


Child = type[Attachment] | type[Document] | type[CaseEvent] | type[OutboxMessage]


def _count(world: World, model: Child, case_id: int) -> int:
    with world.db.read() as session:
        query = select(func.count()).select_from(model).where(model.case_id == case_id)
        return session.scalar(query) or 0


def test_the_deletion_run(world: World) -> None:
    retention = RetentionService(world.db, world.clock)
    old = _completed(world)
    open_case = world.add_case("birth_certificate")
    with world.db.read() as session:
        closed = session.get(Case, old)
        assert closed is not None and closed.retention_until is not None
        file_number, kept_until = closed.file_number, closed.retention_until
    assert kept_until.year == world.clock.now.year + 10
    assert retention.due(world.admin) == []
    world.clock.advance(days=365 * 10 + 5)
    due = retention.due(world.admin)
    assert [d.file_number for d in due] == [file_number]
    dry = retention.run(world.admin)  # without confirm: a dry run
    assert dry.dry_run and dry.deleted == [] and _count(world, Document, old) == 1
    done = retention.run(world.admin, confirm=True)
    assert done.deleted == [file_number]
    with world.db.read() as session:
        assert session.get(Case, old) is None
        assert session.get(Case, open_case) is not None
        (record,) = session.scalars(select(DeletionRecord)).all()
        assert (record.file_number, record.service_key, record.template_version) == (
            file_number,
            "birth_certificate",
            1,
        )
        assert record.deleted_by_login == "admin" and record.retention_until == kept_until
    for model in (Attachment, Document, CaseEvent, OutboxMessage):
        assert _count(world, model, old) == 0, model
    assert _count(world, CaseEvent, open_case) == 1  # the others are untouched
    assert (
        retention.due(world.admin) == [] and retention.run(world.admin, confirm=True).deleted == []
    )
    audit = AdminAuditService(world.db)
    assert audit.history(world.admin, kind="retention_run")[0].payload["deleted"] == [file_number]
    assert audit.verify(world.admin) is None


def test_the_service_sets_its_retention_period(world: World) -> None:
    versions = TemplateVersions(world.db, world.clock)
    raw = copy.deepcopy(dict(world.templates["birth_certificate"].raw))
    raw["retention_years"] = 2
    versions.save_draft(world.admin, raw)
    versions.publish(world.admin, "birth_certificate", versions.today(), end_predecessor=True)
    world.templates["birth_certificate"] = next(
        t for t in CatalogueService(world.db, world.clock).current() if t.key == "birth_certificate"
    )
    case_id = _completed(world)
    with world.db.read() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.retention_until is not None
        assert case.retention_until.year == world.clock.now.year + 2
    world.clock.advance(days=365 * 2 + 5)
    assert [d.case_id for d in RetentionService(world.db, world.clock).due(world.admin)] == [
        case_id
    ]


@pytest.mark.parametrize("who", ["clerk1", "lead"])
def test_deletion_is_refused_below_administrator(world: World, who: str) -> None:
    retention = RetentionService(world.db, world.clock)
    case_id = _completed(world)
    world.clock.advance(days=365 * 11)
    for call in (
        lambda: retention.run(getattr(world, who), confirm=True),
        lambda: retention.due(getattr(world, who)),
    ):
        with pytest.raises(PermissionDenied):
            call()
    with world.db.read() as session:
        assert session.get(Case, case_id) is not None


def test_the_periods_say_where_they_come_from(world: World) -> None:
    retention = RetentionService(world.db, world.clock)
    periods = {p.service_key: p for p in retention.periods(world.admin)}
    assert set(periods) == set(world.templates)
    assert all(p.years == 10 and not p.from_template for p in periods.values())
    versions = TemplateVersions(world.db, world.clock)
    raw = copy.deepcopy(dict(world.templates["birth_certificate"].raw))
    raw["retention_years"] = 30
    versions.save_draft(world.admin, raw)
    assert retention.periods(world.admin) == list(periods.values())  # a draft changes nothing
    versions.publish(world.admin, "birth_certificate", versions.today(), end_predecessor=True)
    changed = {p.service_key: p for p in retention.periods(world.admin)}["birth_certificate"]
    assert (changed.years, changed.from_template, changed.version) == (30, True, 2)


def test_a_run_deletes_only_what_was_confirmed_and_stops_when_asked(world: World) -> None:
    retention = RetentionService(world.db, world.clock)
    first, second, third = _completed(world), _completed(world), _completed(world)
    world.clock.advance(days=365 * 10 + 5)
    assert [d.case_id for d in retention.due(world.admin)] == [first, second, third]
    seen: list[Progress] = []
    report = retention.run(world.admin, confirm=True, only=[first, third], progress=seen.append)
    assert [d.case_id for d in report.due] == [first, third] and len(report.deleted) == 2
    assert seen[-1].done == seen[-1].total == 2 and not report.stopped
    assert [d.case_id for d in retention.due(world.admin)] == [second]  # not confirmed: kept
    stop = CancelToken()
    stop.cancel()
    stopped = retention.run(world.admin, confirm=True, cancel=stop)
    assert stopped.stopped and stopped.deleted == []
    assert [d.case_id for d in retention.due(world.admin)] == [second]
