"""OAuth2 client credentials, bearer tokens and roles."""

from __future__ import annotations

import time

import pytest
import requests

from backoffice.portal import protocol
from backoffice.simulator.server import Simulator
from tests.integration.simulator.conftest import SimulatorFactory
from tests.integration.simulator.portal_client import Client


def token_request(sim: Simulator, **fields: str) -> requests.Response:
    return requests.post(sim.token_url, data=fields, timeout=5)


def test_token_for_good_credentials(sim: Simulator) -> None:
    answer = token_request(sim, grant_type="client_credentials", **sim.subscriber.as_dict())
    assert answer.status_code == 200
    body = answer.json()
    assert body["token_type"] == "Bearer"
    assert 0 < body["expires_in"] <= protocol.TOKEN_MAX_SECONDS
    assert answer.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("fields", "status", "error"),
    [
        ({"client_secret": "wrong"}, 401, "invalid_client"),
        ({"client_id": "nobody"}, 401, "invalid_client"),
        ({"grant_type": "password"}, 400, "unsupported_grant_type"),
        ({"scope": "submissions"}, 400, "invalid_scope"),
    ],
)
def test_token_errors_are_problems(
    sim: Simulator, fields: dict[str, str], status: int, error: str
) -> None:
    form = {"grant_type": "client_credentials", **sim.subscriber.as_dict(), **fields}
    answer = token_request(sim, **form)
    assert answer.status_code == status
    assert answer.headers["Content-Type"] == protocol.PROBLEM_MEDIA_TYPE
    body = answer.json()
    assert body["status"] == status and body["error"] == error
    assert {"type", "title", "detail"} <= set(body)


def test_secret_only_in_the_body(sim: Simulator) -> None:
    credentials = sim.subscriber
    answer = requests.post(
        sim.token_url,
        data={"grant_type": "client_credentials"},
        auth=(credentials.client_id, credentials.client_secret),
        timeout=5,
    )
    assert answer.status_code == 401
    assert "HTTP Basic" in answer.json()["detail"]
    as_json = requests.post(
        sim.token_url,
        json={"grant_type": "client_credentials", **credentials.as_dict()},
        timeout=5,
    )
    assert as_json.status_code == 400


def test_bearer_token_required(sim: Simulator) -> None:
    for path in ("/submissions", f"/destinations/{sim.destination_id}"):
        answer = requests.get(sim.base_url + path, timeout=5)
        assert answer.status_code == 401
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")
        assert answer.headers["Content-Type"] == protocol.PROBLEM_MEDIA_TYPE
    bad = requests.get(
        sim.base_url + "/submissions", headers={"Authorization": "Bearer nonsense"}, timeout=5
    )
    assert bad.status_code == 401
    assert requests.get(sim.jwks_url, timeout=5).status_code == 200


def test_roles_are_separated(sim: Simulator, subscriber: Client, sender: Client) -> None:
    forbidden_for_sender = [
        ("GET", "/submissions"),
        ("POST", f"/destinations/{sim.destination_id}/keys"),
        ("POST", "/replies"),
    ]
    for method, path in forbidden_for_sender:
        answer = sender.request(method, path, json={})
        assert answer.status_code == 403, path
        assert answer.headers["Content-Type"] == protocol.PROBLEM_MEDIA_TYPE
    forbidden_for_subscriber = [
        ("POST", "/submissions"),
        ("PUT", "/submissions/00000000-0000-4000-8000-000000000000"),
    ]
    for method, path in forbidden_for_subscriber:
        assert subscriber.request(method, path, json={}).status_code == 403, path
    for client in (sender, subscriber):
        assert client.get(f"/destinations/{sim.destination_id}").status_code == 200


def test_tokens_expire_and_can_be_revoked(make_simulator: SimulatorFactory) -> None:
    sim = make_simulator(token_lifetime=1)
    client = Client(sim.info(), "subscriber")
    assert client.get("/submissions").status_code == 200
    time.sleep(1.1)
    expired = client.get("/submissions")
    assert expired.status_code == 401
    assert 'error="invalid_token"' in expired.headers["WWW-Authenticate"]
    client._token = None
    assert client.get("/submissions").status_code == 200
    assert requests.post(f"{sim.control_url}/revoke-tokens", timeout=5).json()["revoked"] >= 1
    assert client.get("/submissions").status_code == 401
    client.close()


def test_unknown_paths_and_methods(sim: Simulator, subscriber: Client) -> None:
    assert subscriber.get("/nothing-here").status_code == 404
    answer = subscriber.request("DELETE", "/submissions")
    assert answer.status_code == 405
    assert answer.headers["Content-Type"] == protocol.PROBLEM_MEDIA_TYPE
