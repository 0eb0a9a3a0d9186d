"""Status messages to the citizen by FIT-Connect reply, and what the citizen portal shows."""

from __future__ import annotations

import hashlib
import json
import random
import uuid
from typing import Any

import requests

from backoffice.portal import protocol
from backoffice.simulator.outcomes import Generated
from backoffice.simulator.server import Simulator
from tests.integration.simulator.portal_client import (
    Client,
    SubscriberKeyPairs,
    check_submission,
    encrypt,
    verify,
)

#: Incompressible: with ``zip: DEF`` the compressed payload exceeds jwcrypto's 256 KiB default.
CERTIFICATE = b"%PDF-1.4\n" + random.Random(3).randbytes(300_000) + b"\n%%EOF\n"


def case_with_channel(sim: Simulator, channel: str) -> Generated:
    made = sim.generate(16, attachments=0)
    return next(item for item in made if item.reply_channel == channel)


def send_reply(
    subscriber: Client,
    case_id: str,
    key: dict[str, Any],
    status: dict[str, Any],
    *,
    wrong_hash: bool = False,
) -> requests.Response:
    attachment_id = str(uuid.uuid4())
    announced = subscriber.post(
        "/replies", json={"caseId": case_id, "announcedAttachments": [attachment_id]}
    )
    assert announced.status_code == 201, announced.text
    reply_id = announced.json()["replyId"]
    data = json.dumps(status, ensure_ascii=False).encode()
    digest = hashlib.sha512(b"other" if wrong_hash else data).hexdigest()
    metadata = {
        "contentStructure": {
            "data": {
                "hash": {"type": "sha512", "content": digest},
                "submissionSchema": {
                    "schemaUri": protocol.REPLY_SCHEMA_URI,
                    "mimeType": "application/json",
                },
            },
            "attachments": [
                {
                    "attachmentId": attachment_id,
                    "hash": {"type": "sha512", "content": hashlib.sha512(CERTIFICATE).hexdigest()},
                    "purpose": "report",
                    "filename": "Meldebescheinigung <1>.pdf",
                    "mimeType": "application/pdf",
                }
            ],
        }
    }
    uploaded = subscriber.put(
        f"/replies/{reply_id}/attachments/{attachment_id}",
        data=encrypt(CERTIFICATE, key, zip_=True),
        headers={"Content-Type": protocol.JOSE_MEDIA_TYPE},
    )
    assert uploaded.status_code == 204, uploaded.text
    return subscriber.put(
        f"/replies/{reply_id}",
        json={
            "encryptedMetadata": encrypt(json.dumps(metadata).encode(), key, "application/json"),
            "encryptedData": encrypt(data, key, "application/json"),
        },
    )


def citizen_key(subscriber: Client, made: Generated, keys: SubscriberKeyPairs) -> dict[str, Any]:
    checked = check_submission(subscriber, made.submission_id, keys.encryption)
    assert checked.metadata is not None
    key: dict[str, Any] = checked.metadata["replyChannel"]["fitConnect"]["encryptionKey"]
    assert key["key_ops"] == ["wrapKey"] and key["alg"] == protocol.JWE_ALG
    return key


def test_reply_reaches_the_citizen(
    sim: Simulator, subscriber: Client, subscriber_keys: SubscriberKeyPairs
) -> None:
    made = case_with_channel(sim, "fitConnect")
    key = citizen_key(subscriber, made, subscriber_keys)
    status = {
        "status": "COMPLETED",
        "statusDetails": "Bescheinigung erstellt",
        "additionalInformation": "Abholung nicht nötig",
        "message": "Guten Tag,\nIhre Bescheinigung liegt bei. <script>alert(1)</script>",
        "reference": "MB-2026-000123",
    }
    answer = send_reply(subscriber, made.case_id, key, status)
    assert answer.status_code == 202, answer.text
    reply_id = answer.json()["replyId"]
    assert answer.json()["state"] == "accepted"

    log = subscriber.get(f"/replies/{reply_id}/events").json()["eventLog"]
    jwks = requests.get(sim.jwks_url, timeout=5).json()
    events = [next(iter(verify(token, jwks)["events"])) for token in log]
    assert events == [protocol.ReplyEvent.SUBMIT_REPLY, protocol.ReplyEvent.ACCEPT_REPLY]

    view = requests.get(f"{sim.root_url}/portal/cases/{made.case_id}", timeout=5).json()
    (received,) = [reply["received"] for reply in view["replies"]]
    assert received["status"] == "COMPLETED" and received["reference"] == "MB-2026-000123"
    (certificate,) = received["attachments"]
    assert certificate["size"] == len(CERTIFICATE)
    assert certificate["sha512"] == hashlib.sha512(CERTIFICATE).hexdigest()
    assert sim.citizen_view(made.case_id) == view

    page = requests.get(sim.portal_url, timeout=5)
    assert page.headers["Content-Type"].startswith("text/html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "<script>" not in page.text
    assert "Meldebescheinigung &lt;1&gt;.pdf" in page.text


def test_a_broken_reply_is_rejected(
    sim: Simulator, subscriber: Client, subscriber_keys: SubscriberKeyPairs
) -> None:
    made = case_with_channel(sim, "fitConnect")
    key = citizen_key(subscriber, made, subscriber_keys)
    answer = send_reply(subscriber, made.case_id, key, {"status": "RECEIVED"}, wrong_hash=True)
    assert answer.json()["state"] == "rejected"
    too_long = send_reply(
        subscriber, made.case_id, key, {"status": "PROCESSING", "statusDetails": "x" * 51}
    )
    assert too_long.json()["state"] == "rejected"
    view = sim.citizen_view(made.case_id)
    problems = [reply["problems"][0] for reply in view["replies"]]
    assert [p["type"] for p in problems] == [
        protocol.Problem.HASH_MISMATCH.uri,
        protocol.Problem.SCHEMA_VIOLATION.uri,
    ]
    assert all(p["instance"] == "data" for p in problems)


def test_no_reply_without_the_fit_connect_channel(sim: Simulator, subscriber: Client) -> None:
    made = case_with_channel(sim, "eMail")
    answer = subscriber.post("/replies", json={"caseId": made.case_id})
    assert answer.status_code == 422
    assert subscriber.post("/replies", json={"caseId": str(uuid.uuid4())}).status_code == 404
