"""A third-party portal sends through the simulator; the subscriber then finds its submission."""

from __future__ import annotations

import hashlib
import json
import random
import uuid
import zlib

import pytest

from backoffice.portal import protocol
from backoffice.simulator.citizens import fill_form
from backoffice.simulator.server import Simulator
from tests.integration.simulator.conftest import SimulatorFactory
from tests.integration.simulator.portal_client import (
    TEMPLATES,
    Client,
    SubscriberKeyPairs,
    check_submission,
    decision_set,
    encrypt,
    verify,
)

SERVICE = {
    "name": "Hundesteuer – Anmeldung",
    "identifier": "urn:de:fim:leika:leistung:99102013104000",
}


def send(sim: Simulator, sender: Client, *, zip_: bool = False) -> tuple[dict, bytes]:
    destination = sender.get(f"/destinations/{sim.destination_id}").json()
    key = sender.get(
        f"/destinations/{sim.destination_id}/keys/{destination['encryptionKid']}"
    ).json()
    assert "wrapKey" in key["key_ops"]
    attachment_id = str(uuid.uuid4())
    announced = sender.post(
        "/submissions",
        json={
            "destinationId": sim.destination_id,
            "announcedAttachments": [attachment_id],
            "serviceType": SERVICE,
        },
    )
    assert announced.status_code == 201, announced.text
    ids = announced.json()
    pdf = b"%PDF-1.4\n" + b"Gutachten " * 5000 + b"\n%%EOF\n"
    form = fill_form(TEMPLATES[SERVICE["identifier"]], random.Random(1))
    data = json.dumps(form, ensure_ascii=False).encode()
    metadata = {
        "publicServiceType": SERVICE,
        "contentStructure": {
            "data": {
                "hash": {"type": "sha512", "content": hashlib.sha512(data).hexdigest()},
                "submissionSchema": {
                    "schemaUri": protocol.submission_schema_uri("dog_tax_registration"),
                    "mimeType": "application/json",
                },
            },
            "attachments": [
                {
                    "attachmentId": attachment_id,
                    "hash": {"type": "sha512", "content": hashlib.sha512(pdf).hexdigest()},
                    "purpose": "attachment",
                    "filename": "Sachkundenachweis.pdf",
                    "mimeType": "application/pdf",
                }
            ],
        },
    }
    uploaded = sender.put(
        f"/submissions/{ids['submissionId']}/attachments/{attachment_id}",
        data=encrypt(pdf, key, zip_=zip_),
        headers={"Content-Type": protocol.JOSE_MEDIA_TYPE},
    )
    assert uploaded.status_code == 204, uploaded.text
    submitted = sender.put(
        f"/submissions/{ids['submissionId']}",
        json={
            "encryptedMetadata": encrypt(
                json.dumps(metadata).encode(), key, "application/json", zip_
            ),
            "encryptedData": encrypt(data, key, "application/json", zip_),
        },
    )
    assert submitted.status_code == 202, submitted.text
    return ids, pdf


@pytest.mark.parametrize("zip_", [False, True], ids=["plain", "zip-DEF"])
def test_a_sent_submission_is_listed_and_decided(
    sim: Simulator,
    sender: Client,
    subscriber: Client,
    subscriber_keys: SubscriberKeyPairs,
    zip_: bool,
) -> None:
    ids, pdf = send(sim, sender, zip_=zip_)
    listed = subscriber.get("/submissions").json()["submissions"]
    assert [e["submissionId"] for e in listed] == [ids["submissionId"]]
    checked = check_submission(subscriber, ids["submissionId"], subscriber_keys.encryption)
    assert checked.problem is None
    assert list(checked.files.values()) == [pdf]
    token = decision_set(
        sim.destination_id,
        ids["submissionId"],
        ids["caseId"],
        subscriber_keys.signing,
        tags=checked.tags,
    )
    path = f"/cases/{ids['caseId']}/events"
    answer = subscriber.post(path, data=token, headers={"Content-Type": protocol.JOSE_MEDIA_TYPE})
    assert answer.status_code == 204
    log = sender.get(path).json()["eventLog"]
    assert len(log) == 2
    jwks = sender.session.get(sim.jwks_url, timeout=5).json()
    submitted = verify(log[0], jwks)
    tags = submitted["events"][protocol.Event.SUBMIT_SUBMISSION]["authenticationTags"]
    assert tags == checked.tags
    decided = verify(log[1], subscriber_keys.jwks())
    assert protocol.Event.ACCEPT_SUBMISSION in decided["events"]


def test_sender_errors(
    make_simulator: SimulatorFactory, subscriber_keys: SubscriberKeyPairs
) -> None:
    sim = make_simulator()
    sender = Client(sim.info(), "sender")
    body = {"destinationId": sim.destination_id, "serviceType": SERVICE}
    inactive = sender.post("/submissions", json=body)
    assert inactive.status_code == 422
    assert inactive.json()["type"] == protocol.DESTINATION_STATE_INVALID
    sim.register_subscriber_keys(subscriber_keys.jwks())
    unknown = sender.post("/submissions", json={**body, "destinationId": str(uuid.uuid4())})
    assert unknown.status_code == 404
    assert unknown.json()["type"] == protocol.DESTINATION_NOT_FOUND
    assert sender.post("/submissions", json={**body, "serviceType": {}}).status_code == 422
    attachment_id = str(uuid.uuid4())
    ids = sender.post("/submissions", json={**body, "announcedAttachments": [attachment_id]})
    submission_id = ids.json()["submissionId"]
    key = sender.get(
        f"/destinations/{sim.destination_id}/keys/{subscriber_keys.encryption.thumbprint()}"
    ).json()
    token = encrypt(b"{}", key, "application/json")
    not_yet = sender.put(f"/submissions/{submission_id}", json={"encryptedMetadata": token})
    assert not_yet.status_code == 422 and attachment_id in not_yet.json()["detail"]
    garbage = sender.put(
        f"/submissions/{submission_id}/attachments/{attachment_id}",
        data=b"not a jwe",
        headers={"Content-Type": protocol.JOSE_MEDIA_TYPE},
    )
    assert garbage.status_code == 422
    unannounced = sender.put(
        f"/submissions/{submission_id}/attachments/{uuid.uuid4()}",
        data=token,
        headers={"Content-Type": protocol.JOSE_MEDIA_TYPE},
    )
    assert unannounced.status_code == 404
    bomb = zlib.compress(b"x")  # not JSON at all
    assert sender.post("/submissions", data=bomb).status_code == 415
    sender.close()
