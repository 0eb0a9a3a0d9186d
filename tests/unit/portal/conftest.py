"""Fixtures of the portal unit tests."""

from __future__ import annotations

import pytest

from backoffice.portal.keys import SubscriberKeys
from tests.unit.portal.helpers import session_keys


@pytest.fixture(scope="session")
def subscriber_keys() -> SubscriberKeys:
    """RSA-4096 encryption and signing keys, generated once per test run."""
    return session_keys()
