"""The WSGI application without a socket: routing details a loopback client cannot reach."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from jwcrypto import jwk
from werkzeug.test import Client

from backoffice.portal import protocol
from backoffice.simulator.crypto import SimulatorKeys
from backoffice.simulator.server import Simulator

LOOPBACK = {"REMOTE_ADDR": "127.0.0.1"}


@pytest.fixture
def app(rsa_key: jwk.JWK, small_key: jwk.JWK) -> Iterator[Client]:
    simulator = Simulator(keys=SimulatorKeys(rsa_key, (small_key,), small_key), seed=1)
    simulator.generate(3)
    yield Client(simulator.app)
    simulator.blobs.close()


def test_control_answers_loopback_only(app: Client) -> None:
    assert app.get("/_control/faults", environ_base=LOOPBACK).status_code == 200
    remote = app.get("/_control/faults", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert remote.status_code == 403
    assert remote.headers["Content-Type"] == protocol.PROBLEM_MEDIA_TYPE


def test_portal_pages(app: Client) -> None:
    assert app.get("/portal").status_code == 308
    page = app.get("/portal/")
    assert page.status_code == 200 and "Bürgerportal" in page.text
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]
    assert app.get("/portal/cases/unknown").status_code == 404


def test_jwks_is_public_and_has_no_private_parts(app: Client) -> None:
    answer = app.get(protocol.JWKS_PATH).json
    assert answer is not None
    (key,) = answer["keys"]
    assert key["key_ops"] == ["verify"] and key["alg"] == protocol.JWS_ALG
    assert "d" not in key and "p" not in key


def test_oversized_json_is_refused(app: Client) -> None:
    answer = app.post(
        "/_control/faults",
        data=b"[" + b"0," * (9 * 1024 * 1024) + b"0]",
        content_type="application/json",
        environ_base=LOOPBACK,
    )
    assert answer.status_code == 413
