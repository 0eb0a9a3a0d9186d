"""Bulk actions and absences on SQLite and PostgreSQL: per-case outcomes, partly refused
selections, reasons in the history, notices, redistribution by load and giving back."""

from __future__ import annotations

from datetime import date

import pytest

from backoffice.domain.deadlines import WorkingCalendar
from backoffice.domain.roles import Role
from backoffice.domain.status import Status
from backoffice.services.absences import AbsenceService
from backoffice.services.actor import SYSTEM
from backoffice.services.bulk import BulkActions, Refusal
from backoffice.services.documents import DocumentService
from backoffice.services.errors import InvalidInput, NotFound, PermissionDenied
from tests.integration.conftest import World

TODAY = date(2026, 3, 10)  # the world clock's day (Tuesday)


def bulk(world: World) -> BulkActions:
    documents = DocumentService(world.db, world.clock)
    return BulkActions(world.db, world.casework.commands, documents, WorkingCalendar(), world.clock)


def absences(world: World) -> AbsenceService:
    return AbsenceService(world.db, world.clock)


def history(world: World, case_id: int) -> list[tuple[str, dict]]:
    detail = world.casework.queries.get_case(world.lead, case_id)
    return [(h.kind, h.payload) for h in detail.history]


def test_bulk_reassignment_reports_each_case_and_tells_the_previous_holder(world: World) -> None:
    held = [world.add_case() for _ in range(3)]
    for case_id in held:
        world.casework.commands.claim(world.clerk1, case_id)
    free = world.add_case()
    closed = world.add_case()
    v = world.casework.commands.claim(world.clerk2, closed).version
    world.casework.commands.change_status(world.clerk2, closed, v, Status.WITHDRAWN)

    result = bulk(world).assign(
        world.lead, [*held, free, closed, 99_999, held[0]], "clerk2", "  Urlaubsvertretung  "
    )

    # Each case once, in the order given; the closed and the unknown one refused.
    assert [(o.case_id, o.done, o.refusal) for o in result.outcomes] == [
        (held[0], True, None),
        (held[1], True, None),
        (held[2], True, None),
        (free, True, None),
        (closed, False, Refusal.CLOSED),
        (99_999, False, Refusal.NOT_FOUND),
    ]
    assert {o.assignee_login for o in result.done} == {"clerk2"}
    assert result.outcomes[4].file_number is not None
    kind, payload = history(world, held[0])[-1]
    assert kind == "assigned"
    assert payload["reason"] == "Urlaubsvertretung"
    assert (payload["from"], payload["to"]) == ("clerk1", "clerk2")
    # The history appended in bulk keeps every case's hash chain intact.
    assert all(world.casework.queries.verify_history(world.lead, i) is None for i in held)
    assert [o.version for o in result.outcomes[:3]] == [3, 3, 3]  # claimed 2, assigned 3
    notices = world.casework.notices.unseen(world.clerk1)
    assert sorted(n.case_id for n in notices) == sorted(held)
    # The unassigned case had no previous holder: only clerk2 hears of it.
    assert {n.case_id for n in world.casework.notices.unseen(world.clerk2)} == {*held, free}


def test_reassignment_needs_a_reason_and_a_team_lead(world: World) -> None:
    case_id = world.add_case()
    with pytest.raises(InvalidInput, match="reason"):
        bulk(world).assign(world.lead, [case_id], "clerk2", "   ")
    with pytest.raises(PermissionDenied):
        bulk(world).assign(world.clerk1, [case_id], "clerk2", "weil")
    with pytest.raises(PermissionDenied):
        bulk(world).take_over(world.clerk1, [case_id], "weil")
    with pytest.raises(NotFound):
        bulk(world).assign(world.lead, [case_id], "nobody", "weil")
    with pytest.raises(InvalidInput):
        bulk(world).assign(world.lead, [], "clerk2", "weil")


def test_a_clerk_releases_only_own_claims_in_bulk(world: World) -> None:
    mine, theirs = world.add_case(), world.add_case()
    world.casework.commands.claim(world.clerk1, mine)
    world.casework.commands.claim(world.clerk2, theirs)
    result = bulk(world).release(world.clerk1, [mine, theirs])
    assert [(o.done, o.refusal) for o in result.outcomes] == [
        (True, None),
        (False, Refusal.PERMISSION_DENIED),
    ]
    taken = bulk(world).take_over(world.lead, [theirs], "Rückstand")
    assert taken.outcomes[0].assignee_login == "lead"


def test_bulk_status_change_refuses_the_cases_the_workflow_or_a_message_refuses(
    world: World,
) -> None:
    ok = world.add_case()
    stale = world.add_case()
    no_name = world.add_case(form_data={})  # its message names the applicant: refused
    done_already = world.add_case()
    ids = [ok, stale, no_name, done_already]
    for case_id in ids:
        world.casework.commands.claim(world.clerk1, case_id)
    v = world.casework.queries.get_case(world.clerk1, done_already).row.version
    world.casework.commands.change_status(world.clerk1, done_already, v, Status.WITHDRAWN)
    seen = {
        case_id: world.casework.queries.get_case(world.clerk1, case_id).row.version
        for case_id in ids
    }
    seen[stale] -= 1  # the caller saw an older version

    result = bulk(world).change_status(
        world.clerk1,
        ids,
        Status.REJECTED,
        comment="Unvollständig",
        message="Ihr Antrag ist unvollständig.",
        expected_versions=seen,
    )

    outcomes = {o.case_id: (o.done, o.refusal) for o in result.outcomes}
    assert outcomes[ok] == (True, None)
    assert outcomes[stale] == (False, Refusal.CONCURRENT_CHANGE)
    assert outcomes[no_name] == (False, Refusal.MESSAGE_REFUSED)
    assert outcomes[done_already] == (False, Refusal.TRANSITION_NOT_ALLOWED)
    assert world.casework.queries.get_case(world.lead, ok).row.status is Status.REJECTED
    # A refused message refuses that case only, and leaves it as it was.
    assert world.casework.queries.get_case(world.lead, no_name).row.status is Status.RECEIVED
    assert history(world, ok)[-1][0] == "message_queued"


def test_bulk_certificates_are_created_where_the_case_allows(world: World) -> None:
    mine, theirs = world.add_case(), world.add_case()
    world.casework.commands.claim(world.clerk1, mine)
    world.casework.commands.claim(world.clerk2, theirs)
    result = bulk(world).create_certificates(world.clerk1, [mine, theirs])
    assert [(o.done, o.refusal) for o in result.outcomes] == [
        (True, None),
        (False, Refusal.PERMISSION_DENIED),
    ]
    assert world.casework.queries.get_case(world.clerk1, mine).has_certificate


def test_absence_with_a_deputy_moves_open_cases_redirects_and_gives_back(world: World) -> None:
    open_ids = [world.add_case() for _ in range(3)]
    for case_id in open_ids:
        world.casework.commands.claim(world.clerk1, case_id)
    closed = open_ids.pop()
    v = world.casework.queries.get_case(world.clerk1, closed).row.version
    world.casework.commands.change_status(world.clerk1, closed, v, Status.WITHDRAWN)
    service = absences(world)
    with pytest.raises(PermissionDenied):
        service.mark_absent(world.clerk2, "clerk1", TODAY, date(2026, 3, 13), "clerk2")
    with pytest.raises(InvalidInput, match="own deputy"):
        service.mark_absent(world.lead, "clerk1", TODAY, date(2026, 3, 13), "clerk1")

    result = service.mark_absent(world.lead, "clerk1", TODAY, date(2026, 3, 13), "clerk2")

    assert [(o.case_id, o.assignee_login) for o in result.moved.done] == [
        (case_id, "clerk2") for case_id in open_ids
    ]
    assert result.absence.deputy_login == "clerk2" and result.absence.moved == 2
    assert history(world, open_ids[0])[-1][1]["reason"] == "absent 2026-03-10 to 2026-03-13"
    # A new assignment to the absent clerk goes to the deputy and says so.
    new = world.add_case()
    row = world.casework.commands.assign(world.lead, new, "clerk1")
    assert row.assignee_id == world.clerk2.user_id
    assert history(world, new)[-1][1]["instead_of"] == "clerk1"
    assert service.list_absences(world.lead)[0].moved == 3
    # Giving back while still absent is refused; afterwards the cases go back, except one
    # reassigned meanwhile.
    with pytest.raises(InvalidInput, match="lasts until"):
        service.give_back(world.lead, result.absence.id)
    world.casework.commands.assign(world.lead, open_ids[1], "lead")
    world.clock.advance(days=4)  # Saturday 14 March: the absence is over
    back = service.give_back(world.lead, result.absence.id, "zurück aus dem Urlaub")
    assert [(o.case_id, o.done, o.refusal) for o in back.outcomes] == sorted(
        [
            (open_ids[0], True, None),
            (open_ids[1], False, Refusal.CONCURRENT_CHANGE),
            (new, True, None),
        ]
    )
    assert world.casework.queries.get_case(world.lead, new).row.assignee_id == world.clerk1.user_id
    assert history(world, new)[-1][1]["reason"] == "zurück aus dem Urlaub"
    # Given back once: a second call has nothing left but the one that moved on.
    again = service.give_back(world.lead, result.absence.id)
    assert [o.case_id for o in again.outcomes] == [open_ids[1]]


def test_absence_without_deputy_redistributes_by_current_load(world: World) -> None:
    clerk3 = world.users.add(SYSTEM, "clerk3", "Aylin Yılmaz", Role.CLERK).as_actor()
    world.users.add(SYSTEM, "clerk4", "Piotr Nowak", Role.CLERK)  # absent too: gets nothing
    away = [world.add_case() for _ in range(4)]
    for case_id in away:
        world.casework.commands.claim(world.clerk1, case_id)
    for _ in range(2):  # clerk2 holds two cases already, clerk3 none
        world.casework.commands.claim(world.clerk2, world.add_case())
    service = absences(world)
    service.mark_absent(world.lead, "clerk4", TODAY, TODAY, None)

    result = service.mark_absent(world.lead, "clerk1", TODAY, date(2026, 3, 20), None)

    # Fewest open cases first: clerk3 (0) takes two until level with clerk2 (2); then
    # ties go by name: "Aylin Yılmaz" before "Thomas Krämer".
    assert [o.assignee_login for o in result.moved.outcomes] == [
        "clerk3",
        "clerk3",
        "clerk3",
        "clerk2",
    ]
    assert clerk3.user_id is not None
    # A clerk's load counts only open cases of clerks (team leads are another role).
    assert all(o.done for o in result.moved.outcomes)


def test_an_absence_recorded_ahead_moves_cases_when_it_begins(world: World) -> None:
    case_id = world.add_case()
    world.casework.commands.claim(world.clerk1, case_id)
    service = absences(world)
    result = service.mark_absent(
        world.lead, "clerk1", date(2026, 3, 16), date(2026, 3, 20), "clerk2"
    )
    assert result.moved.outcomes == ()
    assert service.start_due(world.lead) == []  # not yet
    started = service.start_due(world.lead, today=date(2026, 3, 16))
    assert [o.assignee_login for o in started[0].moved.outcomes] == ["clerk2"]
    assert service.start_due(world.lead, today=date(2026, 3, 16)) == []  # idempotent
    with pytest.raises(InvalidInput, match="already absent"):
        service.mark_absent(world.lead, "clerk1", date(2026, 3, 19), date(2026, 3, 25), None)
    cancelled = service.cancel(world.lead, result.absence.id)
    assert cancelled.cancelled and service.list_absences(world.lead) == []
