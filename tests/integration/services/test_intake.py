"""Intake against the portal simulator over real HTTP, into SQLite and PostgreSQL.

The whole path (list, fetch, decrypt, verify, store once, confirm), the fault
matrix (every misbehaviour gives its documented outcome and loses nothing),
and idempotency across runs and desktops.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func, select

from backoffice.app import portal_services
from backoffice.portal.auth import ClientCredentials
from backoffice.portal.client import SubscriberClient
from backoffice.portal.http import RetryPolicy, Timeouts
from backoffice.portal.jose import JweText
from backoffice.portal.keys import SubscriberKeys
from backoffice.services import intake as intake_module
from backoffice.services.actor import SYSTEM
from backoffice.services.catalogue import CatalogueService
from backoffice.services.intake import IntakeService, SyncReport
from backoffice.services.progress import CancelToken, Progress
from backoffice.services.subscriber import KeyCrypto
from backoffice.simulator.crypto import SimulatorKeys
from backoffice.simulator.faults import EXPECTED, FaultKind, FaultRule, SubmissionFault
from backoffice.simulator.server import Simulator
from backoffice.store.database import Database
from backoffice.store.models import Attachment, Case, OutboxMessage, SubmissionRecord
from tests.integration.conftest import World
from tests.unit.portal.helpers import session_keys


@pytest.fixture(scope="module")
def simulator_keys() -> SimulatorKeys:
    return SimulatorKeys.generate(reply_keys=1)


@pytest.fixture(scope="module")
def keys() -> SubscriberKeys:
    return session_keys()


@dataclass
class Desk:
    """One desktop: a client, our keys and the intake service on one database."""

    intake: IntakeService
    client: SubscriberClient

    def sync(self, simulator: Simulator, **kwargs: object) -> SyncReport:
        return self.intake.sync(SYSTEM, simulator.destination_id, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def make_simulator(
    simulator_keys: SimulatorKeys, keys: SubscriberKeys
) -> Iterator[Callable[..., Simulator]]:
    started: list[Simulator] = []

    def make(**options: Any) -> Simulator:
        options.setdefault("seed", 11)
        options.setdefault("attachments", 2)
        options.setdefault("zip_share", 0.3)
        sim = Simulator(
            keys=simulator_keys, subscriber_jwks=keys.export_public_jwks(), **options
        ).start()
        started.append(sim)
        return sim

    yield make
    for sim in started:
        sim.stop()


@pytest.fixture
def make_desk(
    keys: SubscriberKeys, world: World
) -> Iterator[Callable[[Simulator, Database], Desk]]:
    clients: list[SubscriberClient] = []

    def make(simulator: Simulator, db: Database, read_timeout: float = 2.0) -> Desk:
        client = SubscriberClient(
            simulator.base_url,
            simulator.token_url,
            ClientCredentials(simulator.subscriber.client_id, simulator.subscriber.client_secret),
            timeouts=Timeouts(connect=2, read=read_timeout, body=10),
            retry=RetryPolicy(attempts=2, backoff=0.01, backoff_max=0.05),
            sleep=lambda _: None,
        )
        clients.append(client)
        intake = portal_services(
            db,
            CatalogueService(db),
            client,
            KeyCrypto(keys, client.get_jwks),
            clock=world.clock,
        ).intake
        return Desk(intake, client)

    yield make
    for client in clients:
        client.close()


def _counts(db: Database) -> dict[str, int]:
    with db.read() as session:
        return {
            "cases": session.scalar(select(func.count()).select_from(Case)) or 0,
            "records": session.scalar(select(func.count()).select_from(SubmissionRecord)) or 0,
            "pending": session.scalar(
                select(func.count())
                .select_from(OutboxMessage)
                .where(OutboxMessage.state == "pending")
            )
            or 0,
        }


def test_every_service_arrives_is_stored_once_and_accepted(
    world: World, make_simulator: Callable[..., Simulator], make_desk: Callable[..., Desk]
) -> None:
    sim = make_simulator()
    generated = sim.generate(2 * len(world.templates))  # two of every service
    desk = make_desk(sim, world.db)
    seen: list[Progress] = []
    report = desk.sync(sim, progress=seen.append)
    assert report.error is None and report.skipped == []
    assert report.accepted == len(generated) and report.rejected == 0
    assert report.confirmations_sent == len(generated) and report.confirmations_waiting == 0
    assert seen[-1].phase == "confirming" and any(p.phase == "receiving" for p in seen)
    assert sim.mismatches() == []
    for item in generated:
        decision = sim.decision(item.submission_id)
        assert decision is not None and decision.accepted
    with world.db.read() as session:
        cases = session.scalars(select(Case)).all()
        assert sorted(str(c.submission_id) for c in cases) == sorted(
            g.submission_id for g in generated
        )
        assert {c.service_key for c in cases} == set(world.templates)
        stored = session.scalars(select(Attachment)).all()
        assert len(stored) == sum(len(g.attachment_ids) for g in generated)
        assert all(a.verification == "ok" for a in stored)
        assert all(a.size > 0 and len(a.sha512) == 128 for a in stored)
    # A second run finds nothing new and changes nothing.
    again = desk.sync(sim)
    assert (again.listed, again.accepted, again.rejected) == (0, 0, 0)
    assert _counts(world.db) == {"cases": len(generated), "records": len(generated), "pending": 0}
    detail = world.casework.queries.get_case(world.lead, cases[0].id)
    assert detail.history[0].kind == "received"
    assert detail.history[-1].kind == "message_sent"


def test_every_defect_is_rejected_with_its_problem(
    world: World, make_simulator: Callable[..., Simulator], make_desk: Callable[..., Desk]
) -> None:
    sim = make_simulator()
    made = {}
    for fault in SubmissionFault:
        (made[fault],) = sim.generate(1, fault=fault)
    good = sim.generate(2)
    report = make_desk(sim, world.db).sync(sim)
    assert report.error is None, report.error
    assert report.skipped == [], report.skipped
    assert report.accepted == len(good)
    assert report.rejected == len(SubmissionFault)
    assert sim.mismatches() == []
    with world.db.read() as session:
        records = {r.submission_id: r for r in session.scalars(select(SubmissionRecord))}
    for fault, item in made.items():
        record = records[item.submission_id]
        problem, instance = EXPECTED[fault]
        assert record.outcome == "rejected", fault
        assert record.problem_type == problem.value, fault
        expected_instance = f"attachment:{item.target}" if instance == "attachment" else instance
        assert record.problem_instance == expected_instance, fault
        assert record.case_id is None
    overview_problems = {records[i.submission_id].problem_type for i in made.values()}
    assert len(overview_problems) >= 8


@pytest.mark.expect_log_warning(r"skipped for now")
@pytest.mark.parametrize(
    "rule",
    [
        FaultRule(FaultKind.ERROR, rate=0.3, status=503),
        FaultRule(FaultKind.ERROR, rate=0.3, status=500, after=True),
        FaultRule(FaultKind.RATE_LIMIT, rate=0.3, reset=0),
        FaultRule(FaultKind.DROP, rate=0.25),
        FaultRule(FaultKind.DROP, rate=0.25, after=True),
        FaultRule(FaultKind.TRUNCATE, rate=0.3),
        FaultRule(FaultKind.SLOW, rate=0.3, delay=0.3),  # slow, but within the read timeout
        FaultRule(FaultKind.SLOW, rate=0.15, delay=0.6, method="GET"),  # beyond it: a timeout
        FaultRule(FaultKind.DUPLICATE, rate=1.0),
    ],
    ids=lambda r: f"{r.kind}{'-after' if r.after else ''}{'-timeout' if r.delay > 0.5 else ''}",
)
def test_transport_faults_lose_nothing(
    world: World,
    make_simulator: Callable[..., Simulator],
    make_desk: Callable[..., Desk],
    rule: FaultRule,
) -> None:
    sim = make_simulator(faults=[rule], seed=23)
    generated = sim.generate(12)
    desk = make_desk(sim, world.db, read_timeout=0.4)
    rounds = 0
    while rounds < 40:
        rounds += 1
        report = desk.sync(sim)
        world.clock.advance(hours=2)  # past any back-off of a confirmation to retry
        if (
            all(sim.decision(g.submission_id) for g in generated)
            and _counts(world.db)["pending"] == 0
        ):
            break
    else:
        pytest.fail(f"not done after {rounds} rounds: {report}")
    sim.faults.clear()
    assert _counts(world.db) == {"cases": 12, "records": 12, "pending": 0}
    assert sim.mismatches() == []
    assert all(sim.decision(g.submission_id) for g in generated)


def test_two_desktops_syncing_at_once_make_one_case_each(
    world: World,
    make_simulator: Callable[..., Simulator],
    make_desk: Callable[..., Desk],
    database_url: str,
) -> None:
    import threading

    sim = make_simulator()
    generated = sim.generate(16)
    other_db = Database(database_url)
    try:
        desks = [make_desk(sim, world.db), make_desk(sim, other_db)]
        reports: list[SyncReport] = []
        barrier = threading.Barrier(2)

        def run(desk: Desk) -> None:
            barrier.wait()
            reports.append(desk.sync(sim))

        threads = [threading.Thread(target=run, args=(d,)) for d in desks]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        for desk in desks:  # confirmations one desktop could not send: the other sends them
            desk.sync(sim)
    finally:
        other_db.dispose()
    assert _counts(world.db) == {"cases": 16, "records": 16, "pending": 0}
    assert sum(r.accepted for r in reports) == 16
    assert all(sim.decision(g.submission_id) for g in generated)
    assert sim.mismatches() == []


def test_sync_can_be_cancelled_between_submissions(
    world: World, make_simulator: Callable[..., Simulator], make_desk: Callable[..., Desk]
) -> None:
    sim = make_simulator()
    sim.generate(10)
    desk = make_desk(sim, world.db)
    cancel = CancelToken()

    def stop_after_three(progress: Progress) -> None:
        if progress.phase == "receiving" and progress.done == 3:
            cancel.cancel()

    report = desk.sync(sim, progress=stop_after_three, cancel=cancel)
    assert report.cancelled and report.accepted == 3
    assert _counts(world.db) == {"cases": 3, "records": 3, "pending": 0}
    rest = desk.sync(sim)
    assert rest.accepted == 7 and not rest.cancelled
    assert sim.mismatches() == []


class Spy:
    """The real client, with a log of which thread asked for what (in order)."""

    def __init__(self, client: SubscriberClient) -> None:
        self.client = client
        self.calls: list[tuple[str, str, str]] = []  # (thread, call, id)

    def _note(self, call: str, ident: str) -> None:
        self.calls.append((threading.current_thread().name, call, ident))

    def list_submissions(self, destination_id: str) -> Any:
        return self.client.list_submissions(destination_id)

    def get_submission(self, submission_id: str) -> Any:
        self._note("submission", submission_id)
        return self.client.get_submission(submission_id)

    def get_attachment(
        self, submission_id: str, attachment_id: str, max_bytes: Any = None
    ) -> JweText:
        text = self.client.get_attachment(submission_id, attachment_id, max_bytes)
        self._note("attachment", submission_id)  # noted when read, not when refused as too large
        return text

    def post_event(self, case_id: str, token: str) -> None:
        self._note("event", case_id)
        self.client.post_event(case_id, token)

    def get_event_log(self, case_id: str) -> Any:
        return self.client.get_event_log(case_id)


@pytest.mark.parametrize("budget", [intake_module.READ_AHEAD_BYTES, 100])
def test_the_next_submission_is_read_while_this_one_is_worked_on(
    world: World,
    make_simulator: Callable[..., Simulator],
    make_desk: Callable[..., Desk],
    monkeypatch: pytest.MonkeyPatch,
    keys: SubscriberKeys,
    budget: int,
) -> None:
    monkeypatch.setattr(intake_module, "READ_AHEAD_BYTES", budget)
    sim = make_simulator(attachments=2)
    generated = sim.generate(4)
    desk = make_desk(sim, world.db)
    spy = Spy(desk.client)
    intake = portal_services(
        world.db,
        CatalogueService(world.db),
        spy,
        KeyCrypto(keys, spy.client.get_jwks),
        clock=world.clock,
    ).intake
    report = intake.sync(SYSTEM, sim.destination_id)

    assert report.accepted == 4 and report.confirmations_sent == 4
    assert all(sim.decision(g.submission_id) for g in generated)
    main = threading.current_thread().name
    downloads = [(thread, call) for thread, call, _ in spy.calls if call != "event"]
    assert {thread for thread, call in downloads if call == "submission"} != {main}
    attachments_by = {thread for thread, call in downloads if call == "attachment"}
    if budget > 1_000_000:  # read ahead with their submission
        assert main not in attachments_by
    else:  # larger than the budget: read by the sync thread when the check asks for them
        assert attachments_by == {main}
    # The next submission was on its way before this one's decision went out.
    order = [call for _, call, _ in spy.calls]
    first_event = order.index("event")
    assert order[:first_event].count("submission") == 2


def test_unreachable_portal_is_reported_and_recorded(
    world: World, make_simulator: Callable[..., Simulator], make_desk: Callable[..., Desk]
) -> None:
    sim = make_simulator()
    sim.generate(2)
    desk = make_desk(sim, world.db)
    sim.stop()
    report = desk.sync(sim)
    assert report.error is not None and "refused" in report.error
    from backoffice.services.delivery import DeliveryService

    (info,) = DeliveryService(world.db).overview(world.clerk1).syncs
    assert info.last_success_at is None and info.last_error == report.error
