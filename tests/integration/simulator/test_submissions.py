"""The subscriber's side over real HTTP: keys, listing, fetching, decrypting, deciding."""

from __future__ import annotations

import base64
import hashlib
import io
import json

import pytest
from PIL import Image

from backoffice.portal import protocol
from backoffice.portal.protocol import Problem
from backoffice.simulator.crypto import generate_rsa
from backoffice.simulator.server import Simulator
from tests.integration.simulator.conftest import SimulatorFactory
from tests.integration.simulator.portal_client import (
    Client,
    SubscriberKeyPairs,
    check_submission,
    decision_set,
    public,
    sign,
    verify,
)


def listed(client: Client, **params: object) -> dict:
    answer = client.get("/submissions", params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_submissions_wait_for_the_encryption_key(
    make_simulator: SimulatorFactory, subscriber_keys: SubscriberKeyPairs
) -> None:
    sim = make_simulator(generate=4)
    client = Client(sim.info(), "subscriber")
    destination = client.get(f"/destinations/{sim.destination_id}").json()
    assert destination["status"] == protocol.DestinationStatus.CREATED
    assert "encryptionKid" not in destination
    assert listed(client)["totalCount"] == 0
    assert client.get(f"/submissions/{sim.generated[0].submission_id}").status_code == 404

    answer = client.post(f"/destinations/{sim.destination_id}/keys", json=subscriber_keys.jwks())
    assert answer.status_code == 201, answer.text
    destination = client.get(f"/destinations/{sim.destination_id}").json()
    assert destination["status"] == protocol.DestinationStatus.ACTIVE
    kid = subscriber_keys.encryption.thumbprint()
    assert destination["encryptionKid"] == kid
    assert {s["identifier"] for s in destination["services"]} == {
        s.identifier for s in sim.services
    }
    key = client.get(f"/destinations/{sim.destination_id}/keys/{kid}").json()
    assert key["key_ops"] == ["wrapKey"] and key["kid"] == kid
    assert listed(client)["totalCount"] == 4
    checked = check_submission(client, sim.generated[0].submission_id, subscriber_keys.encryption)
    assert checked.problem is None
    client.close()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"n": "small"}, "bits"),
        ({"kid": "not-the-thumbprint"}, "thumbprint"),
        ({"key_ops": ["encrypt"]}, "key_ops"),
        ({"alg": "RSA1_5"}, "alg"),
        ({"d": "c2VjcmV0"}, "private"),
    ],
)
def test_bad_keys_are_refused(
    make_simulator: SimulatorFactory,
    subscriber_keys: SubscriberKeyPairs,
    change: dict,
    message: str,
) -> None:
    sim = make_simulator()
    client = Client(sim.info(), "subscriber")
    key = public(subscriber_keys.encryption, ("wrapKey",), "RSA-OAEP-256")
    if change.get("n") == "small":
        small = generate_rsa(2048)
        key = public(small, ("wrapKey",), "RSA-OAEP-256")
    else:
        key.update(change)
    answer = client.post(f"/destinations/{sim.destination_id}/keys", json=key)
    assert answer.status_code == 422
    assert answer.headers["Content-Type"] == protocol.PROBLEM_MEDIA_TYPE
    assert message in answer.json()["detail"]
    assert client.get(f"/destinations/{sim.destination_id}").json()["status"] == "created"
    client.close()


def test_fetch_decrypt_and_verify_every_service(
    sim: Simulator, subscriber: Client, subscriber_keys: SubscriberKeyPairs
) -> None:
    sim.generate(len(sim.services), attachments=2)
    page = listed(subscriber, destinationId=sim.destination_id, limit=500)
    assert page["count"] == page["totalCount"] == len(sim.services)
    seen_services = set()
    for entry in page["submissions"]:
        assert entry["destinationId"] == sim.destination_id
        checked = check_submission(subscriber, entry["submissionId"], subscriber_keys.encryption)
        assert checked.problem is None, checked.instance
        metadata = checked.metadata
        assert metadata is not None and checked.form is not None
        seen_services.add(metadata["publicServiceType"]["identifier"])
        schema = metadata["contentStructure"]["data"]["submissionSchema"]
        assert schema["mimeType"] == "application/json"
        assert schema["schemaUri"].startswith("urn:rathaus-backoffice:schema:")
        assert checked.form["applicant"]["family_name"]
        assert len(checked.files) == 2
        for described in metadata["contentStructure"]["attachments"]:
            body = checked.files[described["attachmentId"]]
            if described["mimeType"] == "application/pdf":
                assert body.startswith(b"%PDF-")
            else:
                Image.open(io.BytesIO(body)).verify()
            assert described["filename"]
    assert seen_services == {s.identifier for s in sim.services}


def test_paging_and_limits(sim: Simulator, subscriber: Client) -> None:
    sim.generate(5, attachments=0)
    first = listed(subscriber, limit=2)
    rest = listed(subscriber, limit=2, offset=2)
    last = listed(subscriber, limit=2, offset=4)
    ids = [e["submissionId"] for page in (first, rest, last) for e in page["submissions"]]
    assert ids == [g.submission_id for g in sim.generated]
    assert (first["count"], first["offset"], first["totalCount"]) == (2, 0, 5)
    for bad in ({"limit": 0}, {"limit": 501}, {"offset": -1}, {"limit": "many"}):
        assert subscriber.get("/submissions", params=bad).status_code == 400
    unknown = subscriber.get("/submissions", params={"destinationId": "0" * 32})
    assert unknown.status_code == 404
    assert unknown.json()["type"] == protocol.DESTINATION_NOT_FOUND


def test_accept_then_second_decision_conflicts(
    sim: Simulator, subscriber: Client, subscriber_keys: SubscriberKeyPairs
) -> None:
    (made,) = sim.generate(1, attachments=1)
    checked = check_submission(subscriber, made.submission_id, subscriber_keys.encryption)
    token = decision_set(
        sim.destination_id,
        made.submission_id,
        made.case_id,
        subscriber_keys.signing,
        tags=checked.tags,
    )
    path = f"/cases/{made.case_id}/events"
    headers = {"Content-Type": protocol.JOSE_MEDIA_TYPE}
    answer = subscriber.post(path, data=token, headers=headers)
    assert answer.status_code == 204, answer.text
    assert subscriber.post(path, data=token, headers=headers).status_code == 409
    reject = decision_set(
        sim.destination_id,
        made.submission_id,
        made.case_id,
        subscriber_keys.signing,
        problem=Problem.TECHNICAL_ERROR,
        instance="submission",
    )
    assert subscriber.post(path, data=reject, headers=headers).status_code == 409

    decision = sim.decision(made.submission_id)
    assert decision is not None and decision.accepted
    assert sim.state(made.submission_id) == "accepted"
    assert sim.outcomes()[0]["matches"] is True
    assert listed(subscriber)["totalCount"] == 0
    assert subscriber.get(f"/submissions/{made.submission_id}").status_code == 404

    log = subscriber.get(path).json()["eventLog"]
    assert log[-1] == token
    jwks = subscriber.session.get(sim.jwks_url, timeout=5).json()
    submitted = verify(log[0], jwks)
    event = submitted["events"][protocol.Event.SUBMIT_SUBMISSION]
    assert event["authenticationTags"] == checked.tags
    assert submitted["sub"] == protocol.set_subject(made.submission_id)
    assert submitted["txn"] == protocol.set_txn(made.case_id)
    assert verify(log[-1], subscriber_keys.jwks())["iss"] == sim.destination_id


def test_invalid_sets_are_refused(
    sim: Simulator, subscriber: Client, subscriber_keys: SubscriberKeyPairs
) -> None:
    (made,) = sim.generate(1, attachments=1)
    checked = check_submission(subscriber, made.submission_id, subscriber_keys.encryption)
    path = f"/cases/{made.case_id}/events"
    headers = {"Content-Type": protocol.JOSE_MEDIA_TYPE}
    good = decision_set(
        sim.destination_id,
        made.submission_id,
        made.case_id,
        subscriber_keys.signing,
        tags=checked.tags,
    )
    payload = good.split(".")[1]
    unsigned = json.dumps({"alg": "none", "typ": protocol.SET_TYPE}).encode()
    none_header = base64.urlsafe_b64encode(unsigned).rstrip(b"=").decode()
    stranger = generate_rsa(2048)
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    wrong_tags = dict(claims)
    wrong_tags["events"] = {
        protocol.Event.ACCEPT_SUBMISSION.value: {
            "authenticationTags": {**checked.tags, "metadata": "AAAA"}
        }
    }
    wrong_iss = {**claims, "iss": "someone-else"}
    cases = {
        "garbled": good[:-10] + "AAAAAAAAAA",
        "unsigned": f"{none_header}.{payload}.",
        "not a JWS": "hello",
        "unknown key": sign(claims, stranger),
        "wrong tags": sign(wrong_tags, subscriber_keys.signing),
        "wrong issuer": sign(wrong_iss, subscriber_keys.signing),
    }
    for name, token in cases.items():
        answer = subscriber.post(path, data=token, headers=headers)
        assert answer.status_code == 422, name
        assert answer.json()["status"] == 422
    wrong_type = subscriber.post(path, data=good, headers={"Content-Type": "application/json"})
    assert wrong_type.status_code == 415
    assert sim.decision(made.submission_id) is None
    assert subscriber.post(path, data=good, headers=headers).status_code == 204


def test_the_submitted_data_is_what_the_metadata_hashes(
    sim: Simulator, subscriber: Client, subscriber_keys: SubscriberKeyPairs
) -> None:
    made = sim.generate(6, attachments=1)
    for item in made:
        checked = check_submission(subscriber, item.submission_id, subscriber_keys.encryption)
        assert checked.metadata is not None
        for attachment_id, body in checked.files.items():
            (described,) = [
                a
                for a in checked.metadata["contentStructure"]["attachments"]
                if a["attachmentId"] == attachment_id
            ]
            assert described["hash"]["content"] == hashlib.sha512(body).hexdigest()
