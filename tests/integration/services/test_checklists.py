"""Checklists on SQLite and PostgreSQL: ticking and unticking an item of the case's
template, who may, and the status change that waits for the items it requires."""

from __future__ import annotations

import pytest

from backoffice.domain.errors import ChecklistIncomplete, RequirementMissing
from backoffice.domain.status import Status
from backoffice.services.approvals import ApprovalService
from backoffice.services.audit import verify_chain
from backoffice.services.bulk import BulkActions, Refusal
from backoffice.services.documents import DocumentService
from backoffice.services.errors import InvalidInput, PermissionDenied
from tests.fakes import tick_checklist
from tests.integration.conftest import World


def _in_progress_with_certificate(world: World) -> tuple[int, int]:
    case_id = world.add_case("birth_certificate")
    commands = world.casework.commands
    v = commands.claim(world.clerk1, case_id).version
    v = commands.change_status(world.clerk1, case_id, v, Status.IN_PROGRESS).version
    DocumentService(world.db, clock=world.clock).generate(world.clerk1, case_id)
    return case_id, v


def test_completion_waits_for_the_required_items_and_names_them(world: World) -> None:
    case_id, v = _in_progress_with_certificate(world)
    commands = world.casework.commands
    commands.tick_item(world.clerk1, case_id, "identity_checked")

    with pytest.raises(ChecklistIncomplete) as refused:
        commands.change_status(world.clerk1, case_id, v, Status.COMPLETED)

    assert isinstance(refused.value, RequirementMissing)  # bulk and the UI treat it as one
    assert [i["key"] for i in refused.value.details["items"]] == [
        "entitlement_checked",
        "register_entry_found",
        "fee_received",
    ]
    assert "Fee received or free of charge (fee_received)" in str(refused.value)
    detail = world.casework.queries.get_case(world.clerk1, case_id)
    assert detail.row.status is Status.IN_PROGRESS and detail.row.version == v
    assert [e.key for e in detail.checklist_missing(Status.COMPLETED)] == [
        "entitlement_checked",
        "register_entry_found",
        "fee_received",
    ]
    # Other steps need nothing of the checklist.
    assert detail.checklist_missing(Status.REJECTED) == []

    tick_checklist(commands, world.clerk1, case_id, world.templates["birth_certificate"])
    done = commands.change_status(world.clerk1, case_id, v, Status.COMPLETED)

    assert done.status is Status.COMPLETED
    detail = world.casework.queries.get_case(world.clerk1, case_id)
    assert [e.key for e in detail.checklist] == [
        "entitlement_checked",
        "identity_checked",
        "register_entry_found",
        "fee_received",
    ]
    assert all(e.ticked and e.ticked_by == "Petra Sommer" for e in detail.checklist)
    # A closed case's checklist stays as it was.
    with pytest.raises(InvalidInput, match="closed"):
        commands.tick_item(world.clerk1, case_id, "fee_received", ticked=False)


def test_tick_and_untick_are_in_the_history_and_keep_the_version(world: World) -> None:
    case_id = world.add_case("birth_certificate")
    commands = world.casework.commands
    v = commands.claim(world.clerk1, case_id).version
    world.clock.advance(minutes=5)

    entry = commands.tick_item(world.clerk1, case_id, "fee_received")

    assert entry.ticked and entry.ticked_at == world.clock.now
    assert entry.ticked_by == "Petra Sommer" and entry.ticked_by_login == "clerk1"
    # Ticking again changes nothing and writes nothing.
    again = commands.tick_item(world.clerk1, case_id, "fee_received")
    assert again.ticked_at == entry.ticked_at
    world.clock.advance(minutes=1)
    undone = commands.tick_item(world.clerk1, case_id, "fee_received", ticked=False)
    assert not undone.ticked and undone.ticked_by is None
    detail = world.casework.queries.get_case(world.clerk1, case_id)
    kinds = [(e.kind, e.payload.get("item"), e.actor_name) for e in detail.history]
    assert kinds[-2:] == [
        ("checklist_ticked", "fee_received", "Petra Sommer"),
        ("checklist_unticked", "fee_received", "Petra Sommer"),
    ]
    assert detail.row.version == v  # no conflict for a colleague about to change the status
    with world.db.read() as session:
        assert verify_chain(session, case_id) is None


def test_who_may_tick(world: World) -> None:
    case_id = world.add_case("dog_tax_registration")
    commands = world.casework.commands
    with pytest.raises(PermissionDenied, match="claim"):
        commands.tick_item(world.clerk1, case_id, "tag_issued")
    commands.claim(world.clerk1, case_id)
    with pytest.raises(PermissionDenied, match="held by Petra Sommer"):
        commands.tick_item(world.clerk2, case_id, "tag_issued")
    # A team lead may work any case; an item the template does not have is refused.
    assert commands.tick_item(world.lead, case_id, "tag_issued").ticked_by == "Sabine Albrecht"
    with pytest.raises(InvalidInput, match="no checklist item 'tag_sent'"):
        commands.tick_item(world.clerk1, case_id, "tag_sent")
    # A service without a checklist has no items at all.
    other = world.add_case("death_certificate")
    commands.claim(world.clerk1, other)
    with pytest.raises(InvalidInput, match=r"items: none"):
        commands.tick_item(world.clerk1, other, "fee_received")
    assert world.casework.queries.get_case(world.clerk1, other).checklist == []


def test_bulk_completion_and_approval_requests_are_checked_too(world: World) -> None:
    case_id, v = _in_progress_with_certificate(world)
    documents = DocumentService(world.db, clock=world.clock)
    bulk = BulkActions(world.db, world.casework.commands, documents, clock=world.clock)
    result = bulk.change_status(
        world.lead, [case_id], Status.COMPLETED, expected_versions={case_id: v}
    )
    assert [r.refusal for r in result.refused] == [Refusal.REQUIREMENT_MISSING]
    # An approval request for a step whose items are missing is refused when asked for.
    service = ApprovalService(world.db, world.casework.commands, world.clock)
    with pytest.raises(ChecklistIncomplete):
        service.request(world.clerk1, case_id, v, Status.COMPLETED)
