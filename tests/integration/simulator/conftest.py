"""The portal simulator on a free loopback port, and a subscriber and a sender talking to it.

RSA-4096 keys take about a second each: the simulator's own keys and the subscriber's key
pairs are made once per session.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from backoffice.simulator.crypto import SimulatorKeys, generate_rsa
from backoffice.simulator.server import Simulator
from tests.integration.simulator.portal_client import Client, SubscriberKeyPairs


@pytest.fixture(scope="session")
def simulator_keys() -> SimulatorKeys:
    return SimulatorKeys.generate(reply_keys=1)


@pytest.fixture(scope="session")
def subscriber_keys() -> SubscriberKeyPairs:
    return SubscriberKeyPairs(generate_rsa(), generate_rsa())


SimulatorFactory = Callable[..., Simulator]


@pytest.fixture
def make_simulator(simulator_keys: SimulatorKeys) -> Iterator[SimulatorFactory]:
    started: list[Simulator] = []

    def make(**options: Any) -> Simulator:
        options.setdefault("keys", simulator_keys)
        options.setdefault("seed", 7)
        simulator = Simulator(**options).start()
        started.append(simulator)
        return simulator

    yield make
    for simulator in started:
        simulator.stop()


@pytest.fixture
def sim(make_simulator: SimulatorFactory, subscriber_keys: SubscriberKeyPairs) -> Simulator:
    """A simulator whose subscriber registered its keys at start, with no submissions yet."""
    return make_simulator(subscriber_jwks=subscriber_keys.jwks())


@pytest.fixture
def subscriber(sim: Simulator) -> Iterator[Client]:
    client = Client(sim.info(), "subscriber")
    yield client
    client.close()


@pytest.fixture
def sender(sim: Simulator) -> Iterator[Client]:
    client = Client(sim.info(), "sender")
    yield client
    client.close()
