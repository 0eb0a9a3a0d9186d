"""Each fault produces the misbehaviour it names, observably, over real HTTP."""

from __future__ import annotations

import time

import pytest
import requests

from backoffice.portal import protocol
from backoffice.simulator.faults import SubmissionFault
from backoffice.simulator.server import Simulator
from tests.integration.simulator.conftest import SimulatorFactory
from tests.integration.simulator.portal_client import (
    Client,
    SubscriberKeyPairs,
    check_submission,
    decision_set,
)


def set_faults(sim: Simulator, *rules: dict) -> None:
    answer = requests.post(f"{sim.control_url}/faults", json={"rules": list(rules)}, timeout=5)
    assert answer.status_code == 200, answer.text


# -- transport faults -----------------------------------------------------------------------------


def test_server_error_then_recovery(sim: Simulator, subscriber: Client) -> None:
    subscriber.token()
    set_faults(sim, {"kind": "error", "status": 502, "count": 2, "path": "/v1/submissions"})
    assert subscriber.get("/submissions").status_code == 502
    answer = subscriber.get("/submissions")
    assert answer.status_code == 502
    assert answer.headers["Content-Type"] == protocol.PROBLEM_MEDIA_TYPE
    assert answer.json()["status"] == 502
    assert subscriber.get("/submissions").status_code == 200
    rules = requests.get(f"{sim.control_url}/faults", timeout=5).json()["rules"]
    assert rules[0]["fired"] == 2


def test_rate_limit_headers(sim: Simulator, subscriber: Client) -> None:
    subscriber.token()
    set_faults(sim, {"kind": "rate-limit", "reset": 3, "count": 1})
    answer = subscriber.get("/submissions")
    assert answer.status_code == 429
    assert answer.headers[protocol.RATE_LIMIT_RESET] == "3"
    assert answer.headers[protocol.RATE_LIMIT_REMAINING] == "0"
    assert int(answer.headers[protocol.RATE_LIMIT_LIMIT]) > 0
    assert subscriber.get("/submissions").status_code == 200


def test_slow_answer(sim: Simulator, subscriber: Client) -> None:
    subscriber.token()
    set_faults(sim, {"kind": "slow", "delay": 0.6, "count": 1})
    started = time.monotonic()
    assert subscriber.get("/submissions").status_code == 200
    assert time.monotonic() - started >= 0.6
    with pytest.raises(requests.Timeout):
        set_faults(sim, {"kind": "slow", "delay": 2, "count": 1})
        subscriber.get("/submissions", timeout=0.3)


def test_dropped_connection(sim: Simulator, subscriber: Client) -> None:
    subscriber.token()
    set_faults(sim, {"kind": "drop", "count": 1})
    with pytest.raises(requests.ConnectionError):
        subscriber.get("/submissions")
    assert subscriber.get("/submissions").status_code == 200


def test_dropped_after_the_decision_took_effect(
    sim: Simulator, subscriber: Client, subscriber_keys: SubscriberKeyPairs
) -> None:
    (made,) = sim.generate(1, attachments=0)
    checked = check_submission(subscriber, made.submission_id, subscriber_keys.encryption)
    token = decision_set(
        sim.destination_id,
        made.submission_id,
        made.case_id,
        subscriber_keys.signing,
        tags=checked.tags,
    )
    set_faults(sim, {"kind": "drop", "after": True, "count": 1, "method": "POST"})
    path = f"/cases/{made.case_id}/events"
    headers = {"Content-Type": protocol.JOSE_MEDIA_TYPE}
    with pytest.raises(requests.ConnectionError):
        subscriber.post(path, data=token, headers=headers)
    assert sim.decision(made.submission_id) is not None
    assert subscriber.post(path, data=token, headers=headers).status_code == 409


def test_truncated_body(
    sim: Simulator, subscriber: Client, subscriber_keys: SubscriberKeyPairs
) -> None:
    (made,) = sim.generate(1, attachments=1)
    attachment = made.attachment_ids[0]
    path = f"/submissions/{made.submission_id}/attachments/{attachment}"
    whole = subscriber.get(path).content
    set_faults(sim, {"kind": "truncate", "count": 1, "path": "/v1/submissions/*/attachments/*"})
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        subscriber.get(path)
    raw = subscriber.get(path, stream=True)
    assert raw.content == whole
    set_faults(sim, {"kind": "truncate", "count": 1})
    answer = subscriber.get(f"/submissions/{made.submission_id}", stream=True)
    assert int(answer.headers["Content-Length"]) > 0
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        answer.content  # noqa: B018 - reading the body is the test


def test_duplicate_listing(sim: Simulator, subscriber: Client) -> None:
    sim.generate(3, attachments=0)
    set_faults(sim, {"kind": "duplicate", "count": 1})
    page = subscriber.get("/submissions").json()
    ids = [entry["submissionId"] for entry in page["submissions"]]
    assert len(ids) == page["count"] == 4 and len(set(ids)) == 3
    assert page["totalCount"] == 3
    assert len(subscriber.get("/submissions").json()["submissions"]) == 3


def test_rates_configured_at_start(make_simulator: SimulatorFactory) -> None:
    sim = make_simulator(faults=["error:rate=0.5,status=500"])
    client = Client(sim.info(), "subscriber")
    client.token()
    codes = [client.get("/submissions").status_code for _ in range(40)]
    assert 5 < codes.count(500) < 35 and codes.count(200) == 40 - codes.count(500)
    requests.delete(f"{sim.control_url}/faults", timeout=5)
    assert {client.get("/submissions").status_code for _ in range(5)} == {200}
    client.close()


def test_control_rejects_bad_rules(sim: Simulator) -> None:
    for rule in ({"kind": "explode"}, {"kind": "error", "status": 404}, {"kind": "slow", "x": 1}):
        answer = requests.post(f"{sim.control_url}/faults", json=rule, timeout=5)
        assert answer.status_code == 422


# -- submission faults ----------------------------------------------------------------------------


@pytest.mark.parametrize("fault", list(SubmissionFault))
def test_submission_fault_gives_the_expected_problem(
    sim: Simulator,
    subscriber: Client,
    subscriber_keys: SubscriberKeyPairs,
    fault: SubmissionFault,
) -> None:
    answer = requests.post(
        f"{sim.control_url}/submissions",
        json={"count": 1, "fault": fault.value, "attachments": 2},
        timeout=30,
    )
    assert answer.status_code == 201, answer.text
    (made,) = answer.json()["submissions"]
    expected = made["expected"]
    assert expected["accept"] is False
    checked = check_submission(subscriber, made["submissionId"], subscriber_keys.encryption)
    assert checked.problem is not None
    assert (checked.problem.value, checked.instance) == (expected["problem"], expected["instance"])

    token = decision_set(
        sim.destination_id,
        made["submissionId"],
        made["caseId"],
        subscriber_keys.signing,
        problem=checked.problem,
        instance=checked.instance,
    )
    posted = subscriber.post(
        f"/cases/{made['caseId']}/events",
        data=token,
        headers={"Content-Type": protocol.JOSE_MEDIA_TYPE},
    )
    assert posted.status_code == 204
    assert sim.mismatches() == []
    assert sim.outcomes()[0]["matches"] is True


def test_faults_by_index_and_share(
    make_simulator: SimulatorFactory, subscriber_keys: SubscriberKeyPairs
) -> None:
    sim = make_simulator(
        generate=30,
        submission_faults={2: "data-hash", 5: SubmissionFault.METADATA_GARBAGE},
        fault_share=0.3,
        subscriber_jwks=subscriber_keys.jwks(),
    )
    generated = sim.generated
    assert generated[2].fault is SubmissionFault.DATA_HASH
    assert generated[5].expected.problem == protocol.Problem.ENCRYPTION_ISSUE
    faulty = [g for g in generated if g.fault]
    assert 4 <= len(faulty) <= 20
    outcomes = requests.get(f"{sim.control_url}/submissions", timeout=5).json()["submissions"]
    assert [o["submissionId"] for o in outcomes] == [g.submission_id for g in generated]
    assert all(o["matches"] is None for o in outcomes)
