"""The sync's report tells the portal's confirmations apart from the citizen messages that
the outbox sent in the same run (SQLite and PostgreSQL, the simulator over HTTP)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from backoffice.app import portal_services
from backoffice.domain.citizen_messages import Channel
from backoffice.portal.auth import ClientCredentials
from backoffice.portal.client import SubscriberClient
from backoffice.portal.http import RetryPolicy, Timeouts
from backoffice.services.actor import SYSTEM
from backoffice.services.catalogue import CatalogueService
from backoffice.services.citizen.message import Recipient
from backoffice.services.subscriber import KeyCrypto
from backoffice.simulator.crypto import SimulatorKeys
from backoffice.simulator.server import Simulator
from tests.integration.conftest import World
from tests.unit.portal.helpers import session_keys

from .helpers import letters, message, queue, row


@pytest.fixture(scope="module")
def simulator_keys() -> SimulatorKeys:
    return SimulatorKeys.generate()


@pytest.fixture
def sim(simulator_keys: SimulatorKeys) -> Iterator[Simulator]:
    simulator = Simulator(
        keys=simulator_keys,
        subscriber_jwks=session_keys().export_public_jwks(),
        seed=8,
        attachments=0,
    ).start()
    yield simulator
    simulator.stop()


def test_confirmations_and_citizen_messages_are_counted_apart(world: World, sim: Simulator) -> None:
    case_id = world.add_case()
    recipient = Recipient(name="Jörg Müller", street="Weißdornweg 7a", city="48143 Musterstadt")
    letter_ids = [queue(world, message(world, case_id, Channel.POST, recipient)) for _ in range(2)]
    sim.generate(3)
    client = SubscriberClient(
        sim.base_url,
        sim.token_url,
        ClientCredentials(sim.subscriber.client_id, sim.subscriber.client_secret),
        timeouts=Timeouts(connect=2, read=10, body=10),
        retry=RetryPolicy(attempts=2, backoff=0.01, backoff_max=0.05),
        sleep=lambda _: None,
    )
    try:
        intake = portal_services(
            world.db,
            CatalogueService(world.db),
            client,
            KeyCrypto(session_keys(), client.get_jwks),
            clock=world.clock,
        ).intake
        report = intake.sync(SYSTEM, sim.destination_id)
    finally:
        client.close()

    assert report.error is None and report.accepted == 3
    assert (report.confirmations_sent, report.messages_sent) == (3, 2)
    assert report.as_counts()["messages_sent"] == 2
    assert [row(world, i).state for i in letter_ids] == ["sent", "sent"]
    assert len(letters(world, case_id)) == 2
