"""Four-eyes sign-off on SQLite and PostgreSQL: a template marks a transition as needing a
second person's approval; it takes effect only when approved, never by the requester."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from backoffice.domain.status import Status
from backoffice.domain.templates import parse_template
from backoffice.services.actor import SYSTEM, Actor
from backoffice.services.approvals import (
    ApprovalRequired,
    ApprovalService,
    ApprovalStale,
    ApprovalState,
)
from backoffice.services.bulk import BulkActions, Refusal
from backoffice.services.catalogue import CatalogueService
from backoffice.services.documents import DocumentService
from backoffice.services.errors import InvalidInput, PermissionDenied
from tests.integration.conftest import World

REJECT: dict[str, Any] = {
    "comment": "Nicht zuständig",
    "message": "Bitte wenden Sie sich an Ihr Standesamt.",
}


@pytest.fixture
def four_eyes(world: World) -> World:
    return install_four_eyes(world)


def install_four_eyes(world: World) -> World:
    """A new version of the birth certificate: rejecting from in_progress needs approval."""
    raw = copy.deepcopy(dict(world.templates["birth_certificate"].raw))
    for transition in raw["workflow"]["transitions"]:
        if (transition["from"], transition["to"]) == ("in_progress", "rejected"):
            transition["requires"] = [*transition.get("requires", []), "approval"]
    template = parse_template(raw, "birth_certificate (four eyes)")
    found = template.workflow.find(Status.IN_PROGRESS, Status.REJECTED)
    assert found is not None and found.needs_approval
    CatalogueService(world.db).install([template], SYSTEM)
    return world


def approvals(world: World) -> ApprovalService:
    return ApprovalService(world.db, world.casework.commands, world.clock)


def in_progress(world: World, actor: Actor | None = None) -> tuple[int, int]:
    actor = actor or world.clerk1
    case_id = world.add_case("birth_certificate")
    v = world.casework.commands.claim(actor, case_id).version
    v = world.casework.commands.change_status(actor, case_id, v, Status.IN_PROGRESS).version
    return case_id, v


def test_the_transition_waits_for_a_second_person(four_eyes: World) -> None:
    world = four_eyes
    case_id, v = in_progress(world)
    # Nobody changes the status directly, not even a team lead.
    for actor in (world.clerk1, world.lead):
        with pytest.raises(ApprovalRequired):
            world.casework.commands.change_status(actor, case_id, v, Status.REJECTED, **REJECT)
    service = approvals(world)
    with pytest.raises(InvalidInput, match="needs no approval"):
        service.request(world.clerk1, case_id, v, Status.WAITING_FOR_CITIZEN, message="x")

    request = service.request(world.clerk1, case_id, v, Status.REJECTED, **REJECT)

    assert request.state is ApprovalState.PENDING and request.requested_by == "clerk1"
    detail = world.casework.queries.get_case(world.lead, case_id)
    assert detail.row.status is Status.IN_PROGRESS and detail.row.version == v
    assert detail.history[-1].kind == "approval_requested"
    with pytest.raises(InvalidInput, match="waiting for approval"):
        service.request(world.clerk1, case_id, v, Status.REJECTED, **REJECT)
    assert [a.id for a in service.pending(world.lead)] == [request.id]
    # A clerk may not approve; nor may anyone their own request.
    with pytest.raises(PermissionDenied):
        service.approve(world.clerk2, request.id)

    row = service.approve(world.lead, request.id)

    assert row.status is Status.REJECTED
    history = world.casework.queries.get_case(world.lead, case_id).history
    change = next(
        h for h in history if h.kind == "status_changed" and h.payload["to"] == "rejected"
    )
    assert change.payload["requested_by"] == "clerk1"
    assert change.payload["approved_by"] == "lead"
    assert change.payload["comment"] == REJECT["comment"]
    assert change.actor_name == "Sabine Albrecht"
    # The citizen's message is queued with the approved change, not before.
    assert history[-1].kind == "message_queued" and history[-1].payload["status"] == "rejected"
    assert service.pending(world.lead) == []
    with pytest.raises(ApprovalStale):
        service.approve(world.admin, request.id)


def test_the_requester_is_told_of_the_approval(four_eyes: World) -> None:
    world = four_eyes
    case_id, v = in_progress(world)
    notices = world.casework.notices
    before = len(notices.unseen(world.clerk1))
    request = approvals(world).request(world.clerk1, case_id, v, Status.REJECTED, **REJECT)
    assert len(notices.unseen(world.clerk1)) == before  # asking tells nobody yet

    approvals(world).approve(world.lead, request.id)

    told = notices.unseen(world.clerk1)[before:]
    assert [(n.case_id, n.kind, n.actor_name) for n in told] == [
        (case_id, "status_changed", "Sabine Albrecht")
    ]
    assert told[0].payload["approved_by"] == "lead"
    assert (told[0].payload["from"], told[0].payload["to"]) == ("in_progress", "rejected")
    assert notices.unseen(world.lead) == [] and notices.unseen(world.clerk2) == []
    assert notices.dismiss(world.clerk1, [told[0].id]) == 1


def test_nobody_approves_their_own_request(four_eyes: World) -> None:
    world = four_eyes
    case_id, v = in_progress(world, world.lead)
    request = approvals(world).request(world.lead, case_id, v, Status.REJECTED, **REJECT)
    with pytest.raises(PermissionDenied, match="second person"):
        approvals(world).approve(world.lead, request.id)
    with pytest.raises(PermissionDenied, match="second person"):
        approvals(world).refuse(world.lead, request.id, "nein")
    assert approvals(world).approve(world.admin, request.id).status is Status.REJECTED


def test_a_refusal_is_in_the_history_and_the_requester_is_told(four_eyes: World) -> None:
    world = four_eyes
    case_id, v = in_progress(world)
    service = approvals(world)
    request = service.request(world.clerk1, case_id, v, Status.REJECTED, **REJECT)
    with pytest.raises(InvalidInput, match="reason"):
        service.refuse(world.lead, request.id, " ")
    refused = service.refuse(world.lead, request.id, "Bitte erst Rückfrage stellen")
    assert (refused.state, refused.decided_by) == (ApprovalState.REFUSED, "lead")
    detail = world.casework.queries.get_case(world.lead, case_id)
    assert detail.row.status is Status.IN_PROGRESS
    assert detail.history[-1].kind == "approval_refused"
    assert detail.history[-1].payload["reason"] == "Bitte erst Rückfrage stellen"
    assert [n.kind for n in world.casework.notices.unseen(world.clerk1)] == ["approval_refused"]
    # A new request is possible afterwards; the requester may withdraw it.
    again = service.request(world.clerk1, case_id, v, Status.REJECTED, **REJECT)
    with pytest.raises(PermissionDenied):
        service.withdraw(world.clerk2, again.id)
    assert service.withdraw(world.clerk1, again.id).state is ApprovalState.WITHDRAWN


def test_a_request_for_a_case_that_moved_on_is_withdrawn(four_eyes: World) -> None:
    world = four_eyes
    case_id, v = in_progress(world)
    service = approvals(world)
    request = service.request(world.clerk1, case_id, v, Status.REJECTED, **REJECT)
    world.casework.commands.change_status(world.clerk1, case_id, v, Status.WITHDRAWN)
    with pytest.raises(ApprovalStale, match="no longer"):
        service.approve(world.lead, request.id)
    assert service.pending(world.lead, case_id) == []


def test_bulk_status_changes_refuse_what_needs_approval(four_eyes: World) -> None:
    world = four_eyes
    case_id, _ = in_progress(world)
    bulk = BulkActions(
        world.db, world.casework.commands, DocumentService(world.db, world.clock), clock=world.clock
    )
    result = bulk.change_status(world.clerk1, [case_id], Status.REJECTED, **REJECT)
    assert result.outcomes[0].refusal is Refusal.APPROVAL_REQUIRED
