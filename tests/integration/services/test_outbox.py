"""The persistent outbox on SQLite and PostgreSQL: claim, send, back-off, refusal, leases, and
the deferred "sent" marks that intake writes with its next transaction."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from backoffice.services.audit import EventKind, verify_chain
from backoffice.services.outbox import (
    LEASE,
    Delivered,
    Leased,
    OutboxDispatcher,
    OutboxState,
    Refused,
    Retry,
    Route,
    backoff,
)
from backoffice.store.models import CaseEvent, OutboxMessage
from tests.integration.conftest import World

KIND = "test_message"
ROUTE = Route(KIND, "fit-connect")


class Portal:
    """A handler that records what it was given and answers as told."""

    def __init__(self) -> None:
        self.sent: list[Mapping[str, Any]] = []
        self.answer: Exception | None = None

    def __call__(self, payload: Mapping[str, Any]) -> None:
        self.sent.append(payload)
        if self.answer is not None:
            raise self.answer


def _dispatcher(world: World, portal: Portal) -> OutboxDispatcher:
    return OutboxDispatcher(world.db, {ROUTE: portal}, world.clock)


def _add(world: World, dispatcher: OutboxDispatcher, case_id: int | None, key: str) -> int:
    with world.db.write() as session:
        leased = dispatcher.add(
            session,
            kind=ROUTE.kind,
            channel=ROUTE.channel,
            payload={"key": key},
            idempotency_key=key,
            case_id=case_id,
        )
    return leased.id


def _row(world: World, message_id: int) -> OutboxMessage:
    with world.db.read() as session:
        row = session.get(OutboxMessage, message_id)
        assert row is not None
        return row


def _events(world: World, case_id: int, kind: str) -> list[CaseEvent]:
    with world.db.read() as session:
        return list(
            session.scalars(
                select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.kind == kind)
            )
        )


def test_a_new_message_is_leased_to_its_writer_and_due_for_others_when_the_lease_ends(
    world: World,
) -> None:
    portal = Portal()
    writer, other = _dispatcher(world, portal), _dispatcher(world, portal)
    case_id = world.add_case()
    written_at = world.clock.now
    message_id = _add(world, writer, case_id, "m1")
    assert _row(world, message_id).created_at == written_at  # the dispatcher's clock

    assert other.send_due().sent == 0  # leased: nobody else sends it meanwhile
    assert portal.sent == []
    world.clock.advance(seconds=LEASE.total_seconds() + 1)
    report = other.send_due()

    assert report.sent == 1
    assert portal.sent == [{"key": "m1"}]
    row = _row(world, message_id)
    assert (row.state, row.attempts, row.sent_at) == (OutboxState.SENT, 1, world.clock.now)
    assert [e.payload["outbox_id"] for e in _events(world, case_id, EventKind.MESSAGE_SENT)] == [
        message_id
    ]


def test_a_deferred_mark_survives_a_rolled_back_transaction(world: World) -> None:
    portal = Portal()
    dispatcher = _dispatcher(world, portal)
    case_id = world.add_case()
    first = _add(world, dispatcher, case_id, "m1")
    with world.db.write() as session:
        leased = dispatcher.add(
            session,
            kind=KIND,
            channel=ROUTE.channel,
            payload={},
            idempotency_key="m2",
            case_id=None,
        )
    dispatcher.send_leased(leased, defer=True)
    assert _row(world, leased.id).state == OutboxState.PENDING  # sent, mark not yet written

    class Boom(Exception):
        pass

    with pytest.raises(Boom), world.db.write() as session:
        dispatcher.record_sent(session)
        raise Boom  # the business transaction that carried the mark fails
    assert _row(world, leased.id).state == OutboxState.PENDING

    with world.db.write() as session:
        dispatcher.record_sent(session)
    dispatcher.sent_recorded()
    dispatcher.flush()  # nothing left: writes nothing twice
    assert _row(world, leased.id).state == OutboxState.SENT
    assert _row(world, leased.id).attempts == 1
    assert _row(world, first).state == OutboxState.PENDING  # never sent: still leased, pending


def test_a_mark_written_twice_counts_once(world: World) -> None:
    """A lease ran out, another desktop re-sent and marked the row; our late mark changes
    nothing and adds no second history entry."""
    portal = Portal()
    ours, theirs = _dispatcher(world, portal), _dispatcher(world, portal)
    case_id = world.add_case()
    message_id = _add(world, ours, case_id, "m1")
    with world.db.read() as session:
        row = session.get(OutboxMessage, message_id)
        assert row is not None
        leased_payload = dict(row.payload)
    ours.send_leased(Leased(message_id, ROUTE, leased_payload, 0, case_id), defer=True)
    world.clock.advance(seconds=LEASE.total_seconds() + 1)
    portal.answer = Delivered()  # the portal has it already
    assert theirs.send_due().sent == 1
    ours.flush()

    assert _row(world, message_id).attempts == 1
    assert len(_events(world, case_id, EventKind.MESSAGE_SENT)) == 1
    with world.db.read() as session:
        assert verify_chain(session, case_id) is None


def test_a_transient_failure_backs_off_and_a_refusal_is_final(world: World) -> None:
    portal = Portal()
    dispatcher = _dispatcher(world, portal)
    case_id = world.add_case()
    message_id = _add(world, dispatcher, case_id, "m1")
    world.clock.advance(seconds=LEASE.total_seconds() + 1)

    portal.answer = Retry("portal busy")
    report = dispatcher.send_due()
    assert (report.sent, report.retried, report.errors) == (0, 1, ["portal busy"])
    row = _row(world, message_id)
    assert (row.state, row.attempts, row.last_error) == (OutboxState.PENDING, 1, "portal busy")
    assert row.next_attempt_at == world.clock.now + backoff(1)
    assert dispatcher.send_due().retried == 0  # not due yet

    world.clock.advance(seconds=backoff(1).total_seconds())
    portal.answer = Retry("rate limited", after=5)
    dispatcher.send_due()
    assert _row(world, message_id).next_attempt_at == world.clock.now + timedelta(seconds=5)

    world.clock.advance(seconds=5)
    portal.answer = Refused("the portal refused our confirmation: bad signature")
    report = dispatcher.send_due()
    assert report.failed == 1
    row = _row(world, message_id)
    assert (row.state, row.attempts) == (OutboxState.FAILED, 3)
    assert row.last_error == "the portal refused our confirmation: bad signature"
    failed = _events(world, case_id, EventKind.MESSAGE_FAILED)
    assert [e.payload["error"] for e in failed] == [row.last_error]
    world.clock.advance(hours=5)
    assert dispatcher.send_due().failed == 0  # failed for good: a person looks at it


def test_two_dispatchers_never_send_one_message_twice(world: World) -> None:
    portal = Portal()
    first, second = _dispatcher(world, portal), _dispatcher(world, portal)
    ids = [_add(world, first, None, f"m{i}") for i in range(5)]
    world.clock.advance(seconds=LEASE.total_seconds() + 1)

    claimed_by_first = first.send(ids[0])
    claimed_by_second = second.send(ids[0])

    assert (claimed_by_first.sent, claimed_by_second.sent) == (1, 0)
    assert portal.sent == [{"key": "m0"}]
