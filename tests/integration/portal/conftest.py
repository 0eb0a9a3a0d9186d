"""Fixtures for the portal client against real HTTP servers on loopback."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from backoffice.portal.auth import ClientCredentials
from backoffice.portal.client import SubscriberClient
from backoffice.portal.http import RetryPolicy, Timeouts, Wait
from backoffice.portal.keys import SubscriberKeys
from tests.integration.portal.fake_portal import FakePortal
from tests.unit.portal.helpers import session_keys


@pytest.fixture(scope="session")
def subscriber_keys() -> SubscriberKeys:
    return session_keys()


@pytest.fixture
def portal() -> Iterator[FakePortal]:
    server = FakePortal().start()
    yield server
    server.stop()


class Waits:
    """Stands in for time.sleep and records every wait and every announcement."""

    def __init__(self) -> None:
        self.slept: list[float] = []
        self.announced: list[Wait] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)

    def on_wait(self, wait: Wait) -> None:
        self.announced.append(wait)


@pytest.fixture
def waits() -> Waits:
    return Waits()


ClientFactory = Callable[..., SubscriberClient]


@pytest.fixture
def make_client(portal: FakePortal, waits: Waits) -> Iterator[ClientFactory]:
    """Clients for the fake portal; fast timeouts, waits recorded instead of slept."""
    made: list[SubscriberClient] = []

    def make(secret: str | None = None, **options: Any) -> SubscriberClient:
        options.setdefault("timeouts", Timeouts(connect=2, read=2, body=30))
        options.setdefault("retry", RetryPolicy(attempts=3, backoff=0.25, backoff_max=1))
        options.setdefault("sleep", waits.sleep)
        options.setdefault("on_wait", waits.on_wait)
        client = SubscriberClient(
            options.pop("base_url", portal.base_url),
            options.pop("token_url", portal.token_url),
            ClientCredentials(portal.client_id, portal.secret if secret is None else secret),
            **options,
        )
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()
