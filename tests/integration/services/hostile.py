"""A hostile citizen's portal: hand-made submissions sent through the simulator's sender API.

Everything goes over HTTP, the way a third-party portal sends (announce, upload each
attachment, submit); only what goes in is chosen by the test: metadata and form data as
bytes or as JSON, attachments with any name, type and hash, and a last hook that may
spoil the JWE of one part (truncate it, say) after it was encrypted properly.

Also here: one intake desk on a database (the real client and our keys), and what the
simulator recorded of our decision, read from the case's event log.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from backoffice.app import portal_services
from backoffice.portal import protocol
from backoffice.portal.auth import ClientCredentials
from backoffice.portal.client import SubscriberClient
from backoffice.portal.http import RetryPolicy, Timeouts
from backoffice.portal.keys import SubscriberKeys
from backoffice.services.catalogue import CatalogueService
from backoffice.services.intake import IntakeService
from backoffice.services.subscriber import KeyCrypto
from backoffice.simulator.citizens import fill_form
from backoffice.simulator.server import Simulator
from backoffice.store.database import Database
from tests.integration.simulator.portal_client import TEMPLATES, Client, encrypt

#: Dog tax registration: a service every test catalogue offers.
SERVICE = {
    "name": "Hundesteuer – Anmeldung",
    "identifier": "urn:de:fim:leika:leistung:99102013104000",
}
SERVICE_KEY = "dog_tax_registration"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def good_form(seed: int = 1) -> dict[str, Any]:
    import random

    return fill_form(TEMPLATES[SERVICE["identifier"]], random.Random(seed))


@dataclass
class Attachment:
    content: bytes = PDF
    filename: Any = "Nachweis.pdf"
    mime_type: Any = "application/pdf"
    declared_hash: str | None = None  # None: the true SHA-512 of ``content``
    attachment_id: str = field(default_factory=lambda: str(uuid.uuid4()))


@dataclass(frozen=True)
class Sent:
    submission_id: str
    case_id: str


#: (part, compact JWE) → what is sent instead; part is "metadata", "data" or an attachment id.
Spoil = Callable[[str, str], str]


class Citizen:
    """Sends hand-made submissions to the simulator's destination, as a portal would."""

    def __init__(self, sim: Simulator) -> None:
        self.sim = sim
        self.client = Client(sim.info(), "sender")
        destination = self.client.get(f"/destinations/{sim.destination_id}").json()
        self.key = self.client.get(
            f"/destinations/{sim.destination_id}/keys/{destination['encryptionKid']}"
        ).json()

    def close(self) -> None:
        self.client.close()

    def metadata_for(
        self, data: bytes, attachments: list[Attachment], service: dict[str, str] = SERVICE
    ) -> dict[str, Any]:
        return {
            "publicServiceType": dict(service),
            "contentStructure": {
                "data": {
                    "hash": {"type": "sha512", "content": hashlib.sha512(data).hexdigest()},
                    "submissionSchema": {
                        "schemaUri": protocol.submission_schema_uri(SERVICE_KEY),
                        "mimeType": "application/json",
                    },
                },
                "attachments": [
                    {
                        "attachmentId": a.attachment_id,
                        "hash": {
                            "type": "sha512",
                            "content": a.declared_hash or hashlib.sha512(a.content).hexdigest(),
                        },
                        "purpose": "attachment",
                        "filename": a.filename,
                        "mimeType": a.mime_type,
                    }
                    for a in attachments
                ],
            },
        }

    def send(
        self,
        *,
        data: bytes | None = None,
        attachments: list[Attachment] | None = None,
        metadata: bytes | None = None,
        patch_metadata: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
        spoil: Spoil | None = None,
        zip_: bool = False,
    ) -> Sent:
        """One submission; by default a valid one with one PDF."""
        data = json.dumps(good_form()).encode() if data is None else data
        attachments = [Attachment()] if attachments is None else attachments
        if metadata is None:
            document = self.metadata_for(data, attachments)
            if patch_metadata is not None:
                document = patch_metadata(document)
            metadata = json.dumps(document, ensure_ascii=False).encode()
        spoil = spoil or (lambda _part, jwe: jwe)
        announced = self.client.post(
            "/submissions",
            json={
                "destinationId": self.sim.destination_id,
                "announcedAttachments": [a.attachment_id for a in attachments],
                "serviceType": SERVICE,
            },
        )
        assert announced.status_code == 201, announced.text
        ids = announced.json()
        for attachment in attachments:
            uploaded = self.client.put(
                f"/submissions/{ids['submissionId']}/attachments/{attachment.attachment_id}",
                data=spoil(
                    attachment.attachment_id, encrypt(attachment.content, self.key, zip_=zip_)
                ),
                headers={"Content-Type": protocol.JOSE_MEDIA_TYPE},
            )
            assert uploaded.status_code == 204, uploaded.text
        submitted = self.client.put(
            f"/submissions/{ids['submissionId']}",
            json={
                "encryptedMetadata": spoil(
                    "metadata", encrypt(metadata, self.key, "application/json", zip_)
                ),
                "encryptedData": spoil("data", encrypt(data, self.key, "application/json", zip_)),
            },
        )
        assert submitted.status_code == 202, submitted.text
        return Sent(ids["submissionId"], ids["caseId"])


def decisions_of(sim: Simulator, sent: Sent) -> list[str]:
    """The decision events (accept/reject URIs) in the case's event log, in order."""
    wanted = {protocol.Event.ACCEPT_SUBMISSION.value, protocol.Event.REJECT_SUBMISSION.value}
    found: list[str] = []
    for token in sim.event_log(sent.case_id):
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        if claims.get("sub") != protocol.set_subject(sent.submission_id):
            continue
        found.extend(uri for uri in claims.get("events", {}) if uri in wanted)
    return found


@dataclass
class Desk:
    intake: IntakeService
    client: SubscriberClient


def make_desk(
    sim: Simulator,
    db: Database,
    keys: SubscriberKeys,
    clock: Callable[[], datetime],
    spool_dir: Path | None = None,
) -> Desk:
    """Intake on ``db`` against ``sim``, with the real client (short timeouts, no waits)."""
    client = SubscriberClient(
        sim.base_url,
        sim.token_url,
        ClientCredentials(sim.subscriber.client_id, sim.subscriber.client_secret),
        timeouts=Timeouts(connect=2, read=5, body=20),
        retry=RetryPolicy(attempts=2, backoff=0.01, backoff_max=0.05),
        sleep=lambda _: None,
        spool_dir=spool_dir,
    )
    crypto = KeyCrypto(keys, client.get_jwks)
    intake = portal_services(db, CatalogueService(db), client, crypto, clock=clock).intake
    return Desk(intake, client)


def truncate(part: str) -> Spoil:
    """Cut the JWE of ``part`` in the middle of its ciphertext."""

    def spoil(which: str, jwe: str) -> str:
        if which != part:
            return jwe
        head, key, iv, ciphertext, tag = jwe.split(".")
        return ".".join([head, key, iv, ciphertext[: len(ciphertext) // 2], tag])

    return spoil
