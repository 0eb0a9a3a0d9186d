"""Realistic submissions in plaintext: a citizen, the form they filled, their files, the metadata.

A :class:`Draft` is everything a portal would encrypt and send, plus what the simulator
knows about it (the fault built in, the expected decision). Encryption happens later
(:mod:`.sealing`), as soon as the destination has an encryption key.
"""

from __future__ import annotations

import copy
import hashlib
import json
import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from jwcrypto import jwk

from backoffice.portal import protocol

from . import documents
from .catalogue import Service
from .citizens import Citizen, fill_form
from .crypto import b64url, public_jwk
from .faults import Expected, SubmissionFault

UNOFFERED_SERVICE = {
    "name": "Fischereischein",
    "identifier": "urn:de:fim:leika:leistung:99999999999999",
}
PAYMENT_METHODS = ("CREDITCARD", "PAYPAL", "GIROPAY", "PAYDIRECT", "INVOICE")


@dataclass
class DraftAttachment:
    attachment_id: str
    filename: str
    media_type: str
    purpose: str
    content: bytes

    @property
    def sha512(self) -> str:
        return hashlib.sha512(self.content).hexdigest()


@dataclass
class Draft:
    index: int
    submission_id: str
    case_id: str
    service: Service
    service_type: dict[str, str]  # what the submission declares
    citizen_name: str
    citizen_email: str
    metadata: dict[str, Any]
    metadata_bytes: bytes
    data: bytes | None
    attachments: list[DraftAttachment]  # uploaded files (an "extra" one included)
    listed: list[str]  # attachment ids the submission names
    unavailable: set[str] = field(default_factory=set)
    fault: SubmissionFault | None = None
    target: str | None = None  # the attachment a fault concerns
    compress: bool = False
    reply_channel: str | None = None
    reply_key: jwk.JWK | None = None
    #: A follow-up on an existing case (the citizen's answer), not a new application.
    follow_up: bool = False

    @property
    def expected(self) -> Expected:
        return Expected.for_fault(self.fault, self.target)


@dataclass(frozen=True)
class GenerationOptions:
    attachments: int | None = None  # fixed number per submission; None: 0–3
    attachment_size: int | None = None  # pad each file to this many bytes
    zip_share: float = 0.2  # share of submissions encrypted with ``zip: DEF``
    fault_share: float = 0.0  # share of submissions with a random fault


def new_uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def make_draft(
    index: int,
    service: Service,
    rng: random.Random,
    options: GenerationOptions,
    reply_keys: tuple[jwk.JWK, ...],
    others: list[Service],
    fault: SubmissionFault | None = None,
    case_id: str | None = None,
) -> Draft:
    """One plaintext submission of ``service``, with ``fault`` built in if given."""
    citizen = Citizen(rng)
    now = datetime.now(UTC)
    form = fill_form(service.template, rng, citizen)
    count = options.attachments if options.attachments is not None else rng.choice([0, 1, 1, 2, 3])
    if fault is not None and fault.needs_attachment:
        count = max(count, 1)
    files = [_file(service, citizen, rng, options, now) for _ in range(count)]
    if count and options.attachments is None and rng.random() < 0.3:
        form_pdf = documents.application_form(service.name)
        files[0] = _render(form_pdf, form_pdf.filename, service, citizen, rng, options)
    draft = Draft(
        index=index,
        submission_id=new_uuid(rng),
        case_id=case_id or new_uuid(rng),
        service=service,
        service_type=service.service_type(),
        citizen_name=citizen.full_name,
        citizen_email=citizen.email,
        metadata={},
        metadata_bytes=b"",
        data=json.dumps(form, ensure_ascii=False).encode("utf-8"),
        attachments=files,
        listed=[a.attachment_id for a in files],
        compress=rng.random() < options.zip_share,
    )
    draft.metadata = _metadata(draft, citizen, rng, now, reply_keys)
    if fault is not None:
        _inject(draft, fault, rng, citizen, options, others, form)
    if not draft.metadata_bytes:
        draft.metadata_bytes = json.dumps(draft.metadata, ensure_ascii=False).encode("utf-8")
    return draft


#: What a citizen sends when asked for a missing document: a real small PDF.
FOLLOW_UP_DOCUMENT = documents.AttachmentKind(
    "Nachgereichte_Unterlagen.pdf", documents.PDF, "Nachgereichte Unterlagen"
)


@dataclass(frozen=True)
class ChosenFile:
    """A file the caller of a follow-up chose (name, declared type and bytes as they are)."""

    filename: str
    media_type: str
    content: bytes
    purpose: str = "attachment"


def make_follow_up(
    index: int,
    service: Service,
    case_id: str,
    citizen_name: str | None,
    message: str,
    rng: random.Random,
    options: GenerationOptions,
    others: list[Service],
    *,
    count: int = 1,
    files: tuple[ChosenFile, ...] = (),
    fault: SubmissionFault | None = None,
) -> Draft:
    """The citizen's answer on an existing case: a submission on the same ``case_id`` whose
    data is ``{"message": …}`` under :data:`protocol.FOLLOW_UP_SCHEMA_URI`, with ``count``
    generated PDFs (the missing document) and the chosen ``files``."""
    citizen = Citizen(rng)
    if citizen_name:
        given, _, family = citizen_name.partition(" ")
        citizen.given_name, citizen.family_name = given, family or citizen.family_name
    now = datetime.now(UTC)
    if fault is not None and fault.needs_attachment:
        count = max(count, 1)
    pdf_kinds = [k for k in documents.kinds_for(service.key) if k.media_type == documents.PDF]
    kinds = [FOLLOW_UP_DOCUMENT, *pdf_kinds]
    attachments = [
        _render(
            kinds[i % len(kinds)], kinds[i % len(kinds)].filename, service, citizen, rng, options
        )
        for i in range(count)
    ]
    attachments += [
        DraftAttachment(new_uuid(rng), f.filename, f.media_type, f.purpose, f.content)
        for f in files
    ]
    data = json.dumps({"message": message}, ensure_ascii=False).encode("utf-8")
    draft = Draft(
        index=index,
        submission_id=new_uuid(rng),
        case_id=case_id,
        service=service,
        service_type=service.service_type(),
        citizen_name=citizen.full_name,
        citizen_email=citizen.email,
        metadata={},
        metadata_bytes=b"",
        data=data,
        attachments=attachments,
        listed=[a.attachment_id for a in attachments],
        compress=rng.random() < options.zip_share,
        follow_up=True,
    )
    draft.metadata = {
        "$schema": protocol.METADATA_SCHEMA_URI,
        "publicServiceType": service.service_type(),
        "contentStructure": {
            "data": {
                "hash": {"type": "sha512", "content": hashlib.sha512(data).hexdigest()},
                "submissionSchema": {
                    "schemaUri": protocol.FOLLOW_UP_SCHEMA_URI,
                    "mimeType": protocol.DATA_MIME_TYPE,
                },
            },
            "attachments": [_describe(a) for a in attachments],
        },
        "additionalReferenceInfo": {
            "senderReference": f"MUSTERPORTAL-{now:%Y}-{rng.randrange(10**7, 10**8)}",
            "applicationDate": now.date().isoformat(),
        },
    }
    if fault is not None:
        form: dict[str, Any] = {"applicant": {"family_name": citizen.family_name}}
        _inject(draft, fault, rng, citizen, options, others, form)
    if not draft.metadata_bytes:
        draft.metadata_bytes = json.dumps(draft.metadata, ensure_ascii=False).encode("utf-8")
    return draft


def _file(
    service: Service, citizen: Citizen, rng: random.Random, options: GenerationOptions, now: Any
) -> DraftAttachment:
    kind = rng.choice(documents.kinds_for(service.key))
    filename = kind.filename
    if kind.media_type == documents.JPEG and rng.random() < 0.2:
        filename = documents.camera_name(rng, now.date())
    return _render(kind, filename, service, citizen, rng, options)


def _render(
    kind: documents.AttachmentKind,
    filename: str,
    service: Service,
    citizen: Citizen,
    rng: random.Random,
    options: GenerationOptions,
) -> DraftAttachment:
    content = documents.render(kind, citizen, service.name, rng, options.attachment_size)
    return DraftAttachment(new_uuid(rng), filename, kind.media_type, kind.purpose, content)


def _metadata(
    draft: Draft,
    citizen: Citizen,
    rng: random.Random,
    now: datetime,
    reply_keys: tuple[jwk.JWK, ...],
) -> dict[str, Any]:
    service = draft.service
    assert draft.data is not None
    metadata: dict[str, Any] = {
        "$schema": protocol.METADATA_SCHEMA_URI,
        "publicServiceType": service.service_type(),
        "contentStructure": {
            "data": {
                "hash": {"type": "sha512", "content": hashlib.sha512(draft.data).hexdigest()},
                "submissionSchema": {
                    "schemaUri": service.schema_uri,
                    "mimeType": protocol.DATA_MIME_TYPE,
                },
            },
            "attachments": [_describe(a) for a in draft.attachments],
        },
        "additionalReferenceInfo": {
            "senderReference": f"MUSTERPORTAL-{now:%Y}-{rng.randrange(10**7, 10**8)}",
            "applicationDate": now.date().isoformat(),
        },
    }
    if rng.random() < 0.5:
        metadata["authenticationInformation"] = [_identification_report(citizen, rng, now)]
    if service.fee > 0 and rng.random() < 0.6:
        metadata["paymentInformation"] = {
            "transactionReference": f"KZ {rng.randrange(10**9, 10**10)}",
            "transactionId": new_uuid(rng),
            "transactionTimestamp": now.isoformat(timespec="seconds"),
            "transactionUrl": f"https://epayment.musterstadt.example/api/v1/tx/{rng.getrandbits(48):x}",
            "paymentMethod": rng.choice(PAYMENT_METHODS),
            "status": "BOOKED",
            "grossAmount": float(service.fee),
        }
    channel = rng.choices(["eMail", "fitConnect", None], weights=[40, 35, 25])[0]
    if channel == "eMail":
        metadata["replyChannel"] = {"eMail": {"address": citizen.email}}
    elif channel == "fitConnect":
        key = reply_keys[draft.index % len(reply_keys)]
        draft.reply_key = key
        encryption_key = public_jwk(key, key_ops=protocol.ENCRYPTION_KEY_OPS, alg=protocol.JWE_ALG)
        metadata["replyChannel"] = {
            "fitConnect": {
                "encryptionKey": encryption_key,
                "processStandards": [protocol.REPLY_SCHEMA_URI],
            }
        }
    draft.reply_channel = channel
    return metadata


def _describe(attachment: DraftAttachment) -> dict[str, Any]:
    return {
        "attachmentId": attachment.attachment_id,
        "hash": {"type": "sha512", "content": attachment.sha512},
        "purpose": attachment.purpose,
        "filename": attachment.filename,
        "mimeType": attachment.media_type,
    }


def _identification_report(citizen: Citizen, rng: random.Random, now: datetime) -> dict[str, Any]:
    header = {"alg": "ES256", "typ": "JWT"}
    claims = {
        "iss": "https://id.bund.example",
        "iat": int(now.timestamp()),
        "loa": rng.choice(["substantial", "high"]),
        "given_name": citizen.given_name,
        "family_name": citizen.family_name,
    }
    content = ".".join(
        [
            b64url(json.dumps(header).encode()),
            b64url(json.dumps(claims, ensure_ascii=False).encode()),
            b64url(rng.randbytes(64)),
        ]
    )
    return {"type": "identificationReport", "version": "1.0.0", "content": content}


def _inject(
    draft: Draft,
    fault: SubmissionFault,
    rng: random.Random,
    citizen: Citizen,
    options: GenerationOptions,
    others: list[Service],
    form: dict[str, Any],
) -> None:
    """Build exactly one defect into the draft."""
    draft.fault = fault
    metadata = draft.metadata
    content = metadata["contentStructure"]
    if fault.needs_attachment or fault is SubmissionFault.ATTACHMENT_MISSING:
        draft.target = rng.choice(draft.listed)
    if fault is SubmissionFault.METADATA_NOT_JSON:
        text = json.dumps(metadata, ensure_ascii=False).encode("utf-8")
        draft.metadata_bytes = text[: len(text) // 2]
    elif fault is SubmissionFault.METADATA_SCHEMA:
        _break_schema(metadata, rng)
    elif fault is SubmissionFault.SERVICE_MISMATCH:
        other = rng.choice([s for s in others if s.identifier != draft.service.identifier])
        draft.service_type = other.service_type()
    elif fault is SubmissionFault.SERVICE_NOT_OFFERED:
        draft.service_type = dict(UNOFFERED_SERVICE)
        metadata["publicServiceType"] = dict(UNOFFERED_SERVICE)
    elif fault is SubmissionFault.ATTACHMENT_MISSING:
        draft.listed.remove(str(draft.target))
        draft.attachments = [a for a in draft.attachments if a.attachment_id != draft.target]
    elif fault is SubmissionFault.ATTACHMENT_EXTRA:
        extra = _file(draft.service, citizen, rng, options, datetime.now(UTC))
        draft.attachments.append(extra)
        draft.listed.append(extra.attachment_id)
        draft.target = extra.attachment_id
    elif fault is SubmissionFault.ATTACHMENT_UNAVAILABLE:
        draft.unavailable.add(str(draft.target))
    elif fault is SubmissionFault.DATA_MISSING:
        draft.data = None
    elif fault is SubmissionFault.DATA_HASH:
        content["data"]["hash"]["content"] = hashlib.sha512(rng.randbytes(64)).hexdigest()
    elif fault is SubmissionFault.DATA_NOT_JSON:
        name = citizen.full_name.replace("&", "&amp;")
        draft.data = f"<antrag><name>{name}</name></antrag>".encode()
        content["data"]["hash"]["content"] = hashlib.sha512(draft.data).hexdigest()
    elif fault is SubmissionFault.DATA_UNSUPPORTED_SCHEMA:
        content["data"]["submissionSchema"]["schemaUri"] = (
            "https://schema.example.org/antraege/unbekannt/2.0.0/schema.json"
        )
    elif fault is SubmissionFault.DATA_SCHEMA:
        broken = copy.deepcopy(form)
        broken["applicant"].pop("family_name", None)
        draft.data = json.dumps(broken, ensure_ascii=False).encode("utf-8")
        content["data"]["hash"]["content"] = hashlib.sha512(draft.data).hexdigest()
    elif fault is SubmissionFault.ATTACHMENT_HASH:
        for described in content["attachments"]:
            if described["attachmentId"] == draft.target:
                described["hash"]["content"] = hashlib.sha512(rng.randbytes(64)).hexdigest()
    elif fault is SubmissionFault.REPLY_CHANNEL:
        draft.reply_channel, draft.reply_key = "deMail", None
        local = citizen.email.split("@")[0]
        metadata["replyChannel"] = {"deMail": {"address": f"{local}@musterstadt.de-mail.de"}}
    # garbage and wrong-key faults are built in when the submission is encrypted


def _break_schema(metadata: dict[str, Any], rng: random.Random) -> None:
    """One of several ways to violate metadata schema 1.0.0."""
    way = rng.randrange(4)
    if way == 0:
        metadata["contentStructure"]["data"]["hash"]["type"] = "sha256"
    elif way == 1:
        metadata["publicServiceType"]["identifier"] = "Gewerbeanmeldung"
    elif way == 2:
        del metadata["contentStructure"]["attachments"]
    else:
        metadata["replyChannel"] = {"eMail": {"address": "x@example.org"}, "deMail": {}}
