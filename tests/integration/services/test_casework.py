"""Casework use cases against SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text

from backoffice.domain.deadlines import WorkingCalendar, compute_deadline, local_date
from backoffice.domain.errors import RequirementMissing, TransitionError
from backoffice.domain.status import Status
from backoffice.services.audit import verify_chain
from backoffice.services.casework import Casework
from backoffice.services.errors import (
    ClaimConflict,
    ConcurrentChange,
    InvalidInput,
    NotFound,
    PermissionDenied,
)
from backoffice.services.queries import CaseFilter, CaseSort, SortKey
from backoffice.store.database import Database
from tests.integration.conftest import World


def _all_pages(world: World, flt: CaseFilter, sort: CaseSort, limit: int) -> list[int]:
    ids: list[int] = []
    after = None
    while True:
        page = world.casework.queries.list_cases(world.lead, flt, sort, after, limit)
        ids.extend(r.id for r in page.rows)
        if page.next_cursor is None:
            return ids
        after = page.next_cursor


@pytest.mark.parametrize("key", list(SortKey))
@pytest.mark.parametrize("descending", [True, False])
def test_keyset_pages_cover_every_case_once_in_order(
    world: World, key: SortKey, descending: bool
) -> None:
    services = list(world.templates)
    base = world.clock.now
    ids = [
        world.add_case(services[i % len(services)], received_at=base - timedelta(hours=i % 17))
        for i in range(60)
    ]
    # Some cases paused or closed so that the due column has NULLs too.
    for case_id in ids[:5]:
        world.casework.commands.claim(world.clerk1, case_id)
        world.casework.commands.change_status(world.clerk1, case_id, 2, Status.WITHDRAWN)
    sort = CaseSort(key, descending)
    paged = _all_pages(world, CaseFilter(), sort, limit=7)
    one_page = world.casework.queries.list_cases(world.lead, CaseFilter(), sort, limit=500).rows
    assert sorted(paged) == sorted(ids)
    assert paged == [r.id for r in one_page]
    values = {
        SortKey.RECEIVED: lambda r: (r.received_at, r.id),
        SortKey.DUE: lambda r: (r.due_date or datetime.max.date(), r.id),
        SortKey.FILE_NUMBER: lambda r: (r.file_number, r.id),
        SortKey.APPLICANT: lambda r: (r.applicant_name, r.id),
        SortKey.STATUS: lambda r: (r.status.value, r.id),
        SortKey.SERVICE: lambda r: (r.service_key, r.id),
    }[key]
    expected = sorted(one_page, key=values, reverse=descending)
    if key is not SortKey.APPLICANT:  # collation of names differs between databases
        assert [r.id for r in one_page] == [r.id for r in expected]


def test_filters_and_counts(world: World) -> None:
    long_ago = world.clock.now - timedelta(days=60)
    old = world.add_case("dog_tax_registration", received_at=long_ago)
    fresh = world.add_case("birth_certificate")
    mine = world.add_case("business_registration")
    world.casework.commands.claim(world.clerk1, mine)

    def ids(**kwargs: object) -> set[int]:
        flt = CaseFilter(**kwargs)  # type: ignore[arg-type]
        page = world.casework.queries.list_cases(world.lead, flt)
        assert world.casework.queries.count_cases(world.lead, flt) == len(page.rows)
        return {r.id for r in page.rows}

    assert ids() == {old, fresh, mine}
    assert ids(overdue=True) == {old}
    assert ids(services=frozenset({"birth_certificate", "dog_tax_registration"})) == {old, fresh}
    assert ids(assignee_id=world.clerk1.user_id) == {mine}
    assert ids(unassigned=True) == {old, fresh}
    assert ids(unassigned=True, assignee_id=world.clerk1.user_id) == set()
    assert ids(statuses=frozenset({Status.RECEIVED})) == {old, fresh, mine}
    assert ids(statuses=frozenset({Status.COMPLETED})) == set()
    row = next(r for r in world.casework.queries.list_cases(world.lead).rows if r.id == old)
    assert row.overdue and not row.paused


@pytest.mark.parametrize("key", [SortKey.RECEIVED, SortKey.DUE, SortKey.FILE_NUMBER])
def test_the_overdue_cases_page_by_page_in_every_order(world: World, key: SortKey) -> None:
    now = world.clock.now
    overdue = {world.add_case(received_at=now - timedelta(days=40 + n)) for n in range(7)}
    for n in range(3):  # not due yet, the newest: the overdue page skips them
        world.add_case(received_at=now - timedelta(hours=n))
    for descending in (True, False):
        flt, sort = CaseFilter(overdue=True, open_only=True), CaseSort(key, descending)
        queries = world.casework.queries
        first = queries.list_cases(world.lead, flt, sort, limit=4)
        assert first.next_cursor is not None
        rest = queries.list_cases(world.lead, flt, sort, first.next_cursor, limit=4)
        assert rest.next_cursor is None
        rows = first.rows + rest.rows
        assert {r.id for r in rows} == overdue and all(r.overdue for r in rows)
        everything = queries.list_cases(world.lead, CaseFilter(open_only=True), sort).rows
        assert [r.id for r in rows] == [r.id for r in everything if r.id in overdue]


def test_search_matches_file_number_name_and_form_data_case_insensitively(world: World) -> None:
    jorg = world.add_case(
        form_data={
            "applicant": {"given_name": "Jörg", "family_name": "Großmann"},
            "certificate": {"purpose": "Rentenangelegenheit 100%"},
        }
    )
    other = world.add_case(form_data={"applicant": {"given_name": "Anna", "family_name": "Weber"}})
    detail = world.casework.queries.get_case(world.lead, other)

    def search(term: str) -> set[int]:
        return {
            r.id
            for r in world.casework.queries.list_cases(world.lead, CaseFilter(search=term)).rows
        }

    # SQLite answers words of 3+ characters from its trigram index, PostgreSQL from pg_trgm.
    assert world.db.has_search_index == world.db.is_sqlite

    assert search("jörg") == {jorg}
    assert search("GROSSMANN") == {jorg}  # casefold: ß == ss
    assert search("rente großmann") == {jorg}  # every word must match
    assert search(detail.row.file_number.lower()) == {other}
    assert search("100%") == {jorg}
    assert search("%") == {jorg}  # a literal percent sign, not a wildcard
    assert search("_") == set()
    assert search("weber anna") == {other}
    assert search("   ") == {jorg, other}


def test_a_file_number_finds_its_case_and_the_cases_that_mention_it(world: World) -> None:
    first = world.add_case()
    number = world.casework.queries.get_case(world.lead, first).row.file_number
    _prefix, _year, seq = number.split("-")
    mentions = world.add_case(form_data={"reference": f"Bezug: {number} (Vorgang)"})
    world.add_case(form_data={"reference": f"Telefon 0301{seq}"})  # its digits only
    world.add_case(form_data={"reference": number.replace("-", " ")})

    def search(term: str) -> set[int]:
        flt = CaseFilter(search=term)
        found = {r.id for r in world.casework.queries.list_cases(world.lead, flt).rows}
        assert world.casework.queries.count_cases(world.lead, flt) == len(found)
        return found

    assert search(number) == {first, mentions}
    assert search(f"  {number.lower()} ") == {first, mentions}
    assert search(f"{number} bezug") == {mentions}


def _race(*calls: Callable[[], object]) -> dict[int, object]:
    """Run the calls at the same moment in threads; collect results or service errors."""
    barrier = threading.Barrier(len(calls))
    outcomes: dict[int, object] = {}

    def run(index: int, call: Callable[[], object]) -> None:
        barrier.wait()
        try:
            outcomes[index] = call()
        except (ClaimConflict, ConcurrentChange) as exc:
            outcomes[index] = exc

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(outcomes) == len(calls), "a racing call hung"
    return outcomes


def test_claim_race_has_exactly_one_winner(world: World) -> None:
    case_ids = [world.add_case() for _ in range(8)]
    # Two desktops: separate Database objects (own engines and connections) on one database.
    other_db = Database(world.db.url.render_as_string(hide_password=False))
    other = Casework.build(other_db, clock=world.clock)
    try:
        for case_id in case_ids:
            outcomes = _race(
                lambda: world.casework.commands.claim(world.clerk1, case_id),  # noqa: B023
                lambda: other.commands.claim(world.clerk2, case_id),  # noqa: B023
            )
            errors = [o for o in outcomes.values() if isinstance(o, ClaimConflict)]
            winners = [o for o in outcomes.values() if not isinstance(o, ClaimConflict)]
            assert len(winners) == 1 and len(errors) == 1, outcomes
            winner_name = winners[0].assignee_name  # type: ignore[attr-defined]
            assert winner_name in ("Petra Sommer", "Thomas Krämer")
            assert f"claimed by {winner_name}" in str(errors[0])
            with world.db.read() as session:
                assert verify_chain(session, case_id) is None
    finally:
        other_db.dispose()


def test_claim_is_idempotent_for_the_holder_and_refused_when_closed(world: World) -> None:
    case_id = world.add_case()
    first = world.casework.commands.claim(world.clerk1, case_id)
    again = world.casework.commands.claim(world.clerk1, case_id)
    assert again.version == first.version
    world.casework.commands.change_status(world.clerk1, case_id, again.version, Status.WITHDRAWN)
    with pytest.raises(ClaimConflict, match="closed"):
        world.casework.commands.claim(world.clerk2, case_id)


def test_team_lead_takes_over_and_previous_holder_is_told(world: World) -> None:
    case_id = world.add_case()
    world.casework.commands.claim(world.clerk1, case_id)
    with pytest.raises(PermissionDenied):
        world.casework.commands.assign(world.clerk2, case_id, "clerk2")
    row = world.casework.commands.assign(world.lead, case_id, "clerk2")
    assert row.assignee_name == "Thomas Krämer"

    notices = world.casework.notices.unseen(world.clerk1)
    assert [(n.kind, n.payload["from"], n.payload["to"]) for n in notices] == [
        ("assigned", "clerk1", "clerk2")
    ]
    assert notices[0].actor_name == "Sabine Albrecht"
    detail = world.casework.queries.get_case(world.clerk1, case_id)
    assert [n.kind for n in detail.notices] == ["assigned"]
    assert world.casework.notices.unseen(world.clerk1) == []  # seen now
    assert world.casework.notices.unseen(world.clerk2)[0].payload["to"] == "clerk2"
    kinds = [h.kind for h in detail.history]
    assert kinds == ["received", "claimed", "assigned"]
    # clerk2 may release their own claim; clerk1 may not release it for them
    with pytest.raises(PermissionDenied):
        world.casework.commands.release(world.clerk1, case_id)
    assert world.casework.commands.release(world.clerk2, case_id).assignee_id is None
    with pytest.raises(NotFound):
        world.casework.commands.assign(world.lead, case_id, "nobody")


def test_status_changes_follow_the_workflow(world: World) -> None:
    case_id = world.add_case("birth_certificate")
    with pytest.raises(PermissionDenied, match="claim"):
        world.casework.commands.change_status(world.clerk1, case_id, 1, Status.IN_PROGRESS)
    v = world.casework.commands.claim(world.clerk1, case_id).version
    with pytest.raises(TransitionError, match="cannot go from 'received' to 'completed'"):
        world.casework.commands.change_status(world.clerk1, case_id, v, Status.COMPLETED)
    with pytest.raises(PermissionDenied):
        world.casework.commands.change_status(world.clerk2, case_id, v, Status.IN_PROGRESS)
    v = world.casework.commands.change_status(world.clerk1, case_id, v, Status.IN_PROGRESS).version
    with pytest.raises(RequirementMissing) as missing:
        world.casework.commands.change_status(
            world.clerk1, case_id, v, Status.REJECTED, comment="  "
        )
    assert missing.value.details["missing"] == ("comment", "message")
    with pytest.raises(RequirementMissing, match="document"):
        world.casework.commands.change_status(world.clerk1, case_id, v, Status.COMPLETED)
    with pytest.raises(InvalidInput, match="too long"):
        world.casework.commands.change_status(
            world.clerk1, case_id, v, Status.REJECTED, comment="x" * 5000, message="m"
        )
    row = world.casework.commands.change_status(
        world.clerk1,
        case_id,
        v,
        Status.REJECTED,
        comment="Keine Berechtigung",
        message="Sie sind nicht berechtigt.",
    )
    assert row.status is Status.REJECTED and row.due_date is None
    detail = world.casework.queries.get_case(world.clerk1, case_id)
    assert detail.allowed_transitions == []
    assert detail.closed_at is not None
    changes = [h for h in detail.history if h.kind == "status_changed"]
    assert detail.history[-1].kind == "message_queued"  # the citizen is told, by post here
    assert detail.history[-1].payload["status"] == "rejected"
    assert changes[-1].payload == {
        "from": "in_progress",
        "to": "rejected",
        "version": row.version,
        "comment": "Keine Berechtigung",
        "message": "Sie sind nicht berechtigt.",
    }
    # A team lead may work any case; a clerk cannot claim a closed one.
    other = world.add_case("birth_certificate")
    world.casework.commands.claim(world.clerk2, other)
    assert (
        world.casework.commands.change_status(world.lead, other, 2, Status.IN_PROGRESS).version == 3
    )


def test_waiting_for_the_citizen_pauses_the_deadline(world: World) -> None:
    received = world.clock.now  # Tuesday 10 March 2026
    case_id = world.add_case("birth_certificate", received_at=received)
    template = world.templates["birth_certificate"]
    calendar = WorkingCalendar()
    initial = world.casework.queries.get_case(world.clerk1, case_id).row.due_date
    assert initial == calendar.add_working_days(local_date(received), template.processing_days)

    v = world.casework.commands.claim(world.clerk1, case_id).version
    v = world.casework.commands.change_status(world.clerk1, case_id, v, Status.IN_PROGRESS).version
    world.clock.advance(days=1)  # Wednesday: ask the citizen
    row = world.casework.commands.change_status(
        world.clerk1, case_id, v, Status.WAITING_FOR_CITIZEN, message="Bitte Ausweis senden."
    )
    assert row.paused and row.due_date is None and not row.overdue
    assert world.casework.queries.list_cases(world.lead, CaseFilter(overdue=True)).rows == []
    world.clock.advance(days=7)  # next Wednesday: the answer arrives
    row = world.casework.commands.change_status(
        world.clerk1, case_id, row.version, Status.IN_PROGRESS
    )
    expected = compute_deadline(
        local_date(received),
        template.processing_days,
        [(date(2026, 3, 11), date(2026, 3, 18))],
        local_date(world.clock.now),
        calendar,
    ).due
    assert row.due_date == expected
    assert row.due_date == calendar.add_working_days(initial, 5)  # one working week paused
    assert not row.paused


def test_concurrent_edit_is_reported_not_overwritten(world: World, database_url: str) -> None:
    case_id = world.add_case("birth_certificate")
    v = world.casework.commands.claim(world.lead, case_id).version
    # Desktop A and desktop B both show version v.
    desktop_b = Database(database_url)
    try:
        service_b = Casework.build(desktop_b, clock=world.clock)
        world.casework.commands.change_status(world.lead, case_id, v, Status.IN_PROGRESS)
        with pytest.raises(ConcurrentChange) as conflict:
            service_b.commands.change_status(world.admin, case_id, v, Status.WITHDRAWN)
    finally:
        desktop_b.dispose()
    err = conflict.value
    assert err.changed_by == "Sabine Albrecht"
    assert err.current_version == v + 1
    assert [(c["kind"], c["from"], c["to"]) for c in err.changes] == [
        ("status_changed", "received", "in_progress")
    ]
    assert "Sabine Albrecht set the status received → in_progress" in str(err)
    detail = world.casework.queries.get_case(world.lead, case_id)
    assert detail.row.status is Status.IN_PROGRESS  # not overwritten


def test_simultaneous_status_changes_one_wins(world: World, database_url: str) -> None:
    case_id = world.add_case("birth_certificate")
    v = world.casework.commands.claim(world.lead, case_id).version
    other_db = Database(database_url)
    other = Casework.build(other_db, clock=world.clock)
    try:
        results = _race(
            lambda: world.casework.commands.change_status(
                world.lead, case_id, v, Status.IN_PROGRESS
            ),
            lambda: other.commands.change_status(world.lead, case_id, v, Status.WITHDRAWN),
        ).values()
    finally:
        other_db.dispose()
    assert sum(isinstance(r, ConcurrentChange) for r in results) == 1
    with world.db.read() as session:
        assert verify_chain(session, case_id) is None


def test_notes_and_audit_chain_tampering(world: World) -> None:
    case_id = world.add_case()
    world.casework.commands.add_note(world.clerk1, case_id, "<b>Rückruf</b> am Montag")
    with pytest.raises(InvalidInput):
        world.casework.commands.add_note(world.clerk1, case_id, "   ")
    with pytest.raises(InvalidInput, match="too long"):
        world.casework.commands.add_note(world.clerk1, case_id, "x" * 10_001)
    world.casework.commands.claim(world.clerk1, case_id)
    world.casework.commands.add_note(world.clerk1, case_id, "zweite Notiz")
    history = world.casework.queries.get_case(world.clerk1, case_id).history
    assert [h.kind for h in history] == ["received", "note_added", "claimed", "note_added"]
    assert history[1].payload["text"] == "<b>Rückruf</b> am Montag"
    with world.db.read() as session:
        assert verify_chain(session, case_id) is None
    with world.db.write() as session:
        session.execute(
            text("UPDATE case_events SET payload = :p WHERE case_id = :c AND seq = 2"),
            {"p": '{"text": "geändert"}', "c": case_id},
        )
    with world.db.read() as session:
        broken = verify_chain(session, case_id)
    assert broken is not None and broken.seq == 2 and "changed" in broken.reason
    with world.db.write() as session:
        session.execute(
            text("DELETE FROM case_events WHERE case_id = :c AND seq IN (2, 3)"), {"c": case_id}
        )
    with world.db.read() as session:
        broken = verify_chain(session, case_id)
    assert broken is not None and broken.seq == 2 and "missing" in broken.reason


def test_unknown_case_and_permissions(world: World) -> None:
    with pytest.raises(NotFound):
        world.casework.queries.get_case(world.clerk1, 999_999)
    with pytest.raises(NotFound):
        world.casework.commands.claim(world.clerk1, 999_999)
    with pytest.raises(NotFound):
        world.casework.commands.add_note(world.clerk1, 999_999, "x")
    with pytest.raises(NotFound):
        world.casework.commands.change_status(world.lead, 999_999, 1, Status.IN_PROGRESS)


def test_hostile_citizen_text_is_stored_verbatim_and_bounded(world: World) -> None:
    hostile = {
        "applicant": {
            "given_name": "<b>x</b><img src=x onerror=alert(1)>",
            "family_name": "Null\u0000Byte\u202eRTL",
        },
        "certificate": {"purpose": "A" * 50_000},
    }
    case_id = world.add_case(form_data=hostile)
    detail = world.casework.queries.get_case(world.lead, case_id)
    assert detail.row.applicant_name.startswith("<b>x</b><img src=x")
    assert "\u0000" not in detail.row.applicant_name and "\u202e" not in detail.row.applicant_name
    assert detail.form_data["certificate"]["purpose"] == "A" * 50_000
    assert detail.form_data["applicant"]["family_name"] == "Null\ufffdByte\u202eRTL"
    found = world.casework.queries.list_cases(world.lead, CaseFilter(search="onerror")).rows
    assert [r.id for r in found] == [case_id]


def test_received_at_is_utc_aware_on_every_backend(world: World) -> None:
    moment = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)  # already 1 April in Berlin
    case_id = world.add_case(received_at=moment)
    row = world.casework.queries.get_case(world.lead, case_id).row
    assert row.received_at == moment and row.received_at.tzinfo is not None
    assert row.file_number.split("-")[1] == "2026"


def test_grouped_counts_match_single_counts(world: World) -> None:
    for service in ("birth_certificate", "birth_certificate", "dog_tax_registration"):
        world.add_case(service)
    mine = world.add_case("business_registration")
    world.casework.commands.claim(world.clerk1, mine)
    world.casework.commands.change_status(world.clerk1, mine, 2, Status.IN_PROGRESS)
    by_service = world.casework.queries.count_cases_by(world.lead, CaseFilter(), "service")
    assert by_service == {
        "birth_certificate": 2,
        "dog_tax_registration": 1,
        "business_registration": 1,
    }
    by_status = world.casework.queries.count_cases_by(
        world.lead, CaseFilter(unassigned=True), "status"
    )
    assert by_status == {"received": 3}
    for status, count in world.casework.queries.count_cases_by(
        world.lead, CaseFilter(), "status"
    ).items():
        single = CaseFilter(statuses=frozenset({Status(status)}))
        assert world.casework.queries.count_cases(world.lead, single) == count


def test_notices_can_be_dismissed_by_their_owner_only(world: World) -> None:
    case_id = world.add_case()
    world.casework.commands.claim(world.clerk1, case_id)
    world.casework.commands.assign(world.lead, case_id, "clerk2")
    (notice,) = world.casework.notices.unseen(world.clerk1)
    assert world.casework.notices.dismiss(world.clerk2, [notice.id]) == 0
    assert world.casework.notices.dismiss(world.clerk1, [notice.id]) == 1
    assert world.casework.notices.unseen(world.clerk1) == []


def test_reassigning_from_an_old_view_is_a_conflict(world: World) -> None:
    case_id = world.add_case()
    seen = world.casework.queries.get_case(world.lead, case_id).row.version
    world.casework.commands.claim(world.clerk1, case_id)
    with pytest.raises(ConcurrentChange) as conflict:
        world.casework.commands.assign(world.lead, case_id, "clerk2", expected_version=seen)
    assert conflict.value.changed_by == "Petra Sommer"
    assert world.casework.queries.get_case(world.lead, case_id).row.assignee_name == "Petra Sommer"


def test_a_change_by_the_system_names_nobody(world: World) -> None:
    case_id = world.add_case()
    with pytest.raises(ConcurrentChange) as conflict:
        world.casework.commands.assign(world.lead, case_id, "clerk2", expected_version=0)
    assert conflict.value.changed_by is None
    assert "changed by the system" in str(conflict.value)
