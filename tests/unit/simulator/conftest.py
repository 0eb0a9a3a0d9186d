"""Keys for the simulator's unit tests, made once per session (RSA-4096 takes about a second)."""

from __future__ import annotations

import pytest
from jwcrypto import jwk

from backoffice.simulator.crypto import generate_rsa


@pytest.fixture(scope="session")
def rsa_key() -> jwk.JWK:
    return generate_rsa()


@pytest.fixture(scope="session")
def small_key() -> jwk.JWK:
    return generate_rsa(2048)
