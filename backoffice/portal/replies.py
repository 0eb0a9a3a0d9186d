"""Replies to the citizen on the same case (PROTOCOL.md, "Status updates to the citizen").

A reply is built like a submission the other way round: a status message as JSON data, the
documents as attachments, and metadata that describes both with their SHA-512 hashes, each
encrypted (JWE, RSA-OAEP-256 + A256GCM) to the key the citizen's portal put into the
submission (``replyChannel.fitConnect.encryptionKey``). The portal answers with signed
events: ``accept-reply`` once the citizen's side has opened and checked it, or
``reject-reply`` with the problems it found.

This module is the pure part (keys, sealing, reading the events); the HTTP calls are methods
of :class:`~backoffice.portal.client.SubscriberClient`.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from cryptography.hazmat.primitives.asymmetric import rsa
from jwcrypto import jwk
from jwcrypto.common import JWException

from backoffice.portal import jose, protocol
from backoffice.portal.errors import PortalError, clean_text

log = logging.getLogger(__name__)

#: A citizen's key shorter than this is refused (the portal's own keys have 4096 bits).
MIN_KEY_BITS = 2048
#: ``purpose`` of a document in the reply's metadata (a certificate is an attachment).
PURPOSE = "attachment"


class ReplyKeyError(PortalError):
    """The citizen's reply key is missing or not one we may encrypt to."""


class ReplyContentError(PortalError):
    """The status message breaks the portal's rules (status value, lengths)."""


@dataclass(frozen=True)
class StatusMessage:
    """The data of a reply: the federal citizen mailbox's status message."""

    status: str
    status_details: str = ""
    additional_information: str = ""
    message: str = ""
    reference: str = ""

    def __post_init__(self) -> None:
        if self.status not in protocol.REPLY_STATUSES:
            raise ReplyContentError(
                f"status {clean_text(self.status, 40)!r} is not one of "
                f"{', '.join(protocol.REPLY_STATUSES)}"
            )
        for name, limit in (
            ("status_details", protocol.REPLY_STATUS_DETAILS_MAX),
            ("additional_information", protocol.REPLY_ADDITIONAL_INFORMATION_MAX),
        ):
            if len(getattr(self, name)) > limit:
                raise ReplyContentError(f"{name} has more than {limit} characters")

    def to_json(self) -> dict[str, str]:
        document = {"status": self.status}
        for key, value in (
            ("statusDetails", self.status_details),
            ("additionalInformation", self.additional_information),
            ("message", self.message),
            ("reference", self.reference),
        ):
            if value:
                document[key] = value
        return document


@dataclass(frozen=True)
class ReplyFile:
    """A document that goes with the reply (a certificate)."""

    attachment_id: str
    filename: str
    media_type: str
    content: bytes = field(repr=False)


@dataclass(frozen=True)
class SealedReply:
    """Everything a reply sends, encrypted to the citizen: ready for upload and submit."""

    encrypted_metadata: str
    encrypted_data: str
    #: attachment id → compact JWE of the document
    attachments: Mapping[str, str]


def citizen_key(document: Mapping[str, Any] | None) -> jwk.JWK:
    """The citizen's public encryption key from the submission's metadata, checked.

    RSA, at least :data:`MIN_KEY_BITS` bits, meant for ``wrapKey`` with RSA-OAEP-256 where it
    says so. Only its public part is used (a private part in the metadata is dropped)."""
    if not document:
        raise ReplyKeyError("the submission gave no key for replies (replyChannel.fitConnect)")
    if document.get("kty") != "RSA":
        raise ReplyKeyError(f"the citizen's reply key is not RSA ({document.get('kty')!r})")
    alg = document.get("alg")
    if alg is not None and alg != protocol.JWE_ALG:
        raise ReplyKeyError(f"the citizen's reply key is for {clean_text(alg, 40)!r}")
    key_ops = document.get("key_ops")
    if key_ops is not None and "wrapKey" not in key_ops:
        raise ReplyKeyError("the citizen's reply key is not meant for encryption (key_ops)")
    try:
        key = jwk.JWK(kty="RSA", n=document["n"], e=document["e"])
    except (KeyError, TypeError, ValueError, JWException) as exc:
        raise ReplyKeyError(f"the citizen's reply key cannot be read: {clean_text(exc)}") from None
    public = key.get_op_key("wrapKey")
    if not isinstance(public, rsa.RSAPublicKey):
        raise ReplyKeyError("the citizen's reply key is not an RSA public key")
    bits = public.key_size
    if bits < MIN_KEY_BITS:
        raise ReplyKeyError(f"the citizen's reply key has {bits} bits, fewer than {MIN_KEY_BITS}")
    kid = document.get("kid")
    key.update(kid=kid if isinstance(kid, str) and kid.strip() else key.thumbprint())
    return key


def seal_reply(status: StatusMessage, files: Sequence[ReplyFile], key: jwk.JWK) -> SealedReply:
    """The metadata, data and documents of a reply, each encrypted to ``key``."""
    data = json.dumps(status.to_json(), ensure_ascii=False).encode("utf-8")
    metadata = {
        "$schema": protocol.METADATA_SCHEMA_URI,
        "contentStructure": {
            "data": {
                "hash": {"type": "sha512", "content": hashlib.sha512(data).hexdigest()},
                "submissionSchema": {
                    "schemaUri": protocol.REPLY_SCHEMA_URI,
                    "mimeType": protocol.DATA_MIME_TYPE,
                },
            },
            "attachments": [
                {
                    "attachmentId": f.attachment_id,
                    "hash": {"type": "sha512", "content": hashlib.sha512(f.content).hexdigest()},
                    "purpose": PURPOSE,
                    "filename": f.filename,
                    "mimeType": f.media_type,
                }
                for f in files
            ],
        },
    }
    return SealedReply(
        encrypted_metadata=jose.encrypt(
            json.dumps(metadata, ensure_ascii=False).encode("utf-8"), key, cty=_JSON
        ),
        encrypted_data=jose.encrypt(data, key, cty=_JSON),
        attachments={f.attachment_id: jose.encrypt(f.content, key) for f in files},
    )


_JSON = "application/json"


class ReplyState(StrEnum):
    """How far a reply has come, by its event log."""

    #: Announced (perhaps with documents uploaded), not submitted: nothing reached the citizen.
    OPEN = "open"
    #: Submitted; the citizen's portal has not said yet whether it could open it.
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass(frozen=True)
class ReplyOutcome:
    state: ReplyState
    #: For a rejected reply: "title: detail (instance)" per problem the portal named.
    problems: tuple[str, ...] = ()


def reply_outcome(
    event_log: Sequence[str], jwks: Mapping[str, Any], *, reply_id: str, case_id: str
) -> ReplyOutcome:
    """Read a reply's event log: every entry verified against the delivery service's keys
    and about this reply of this case; one that is not is ignored (and logged)."""
    subject, txn = f"reply:{reply_id}", protocol.set_txn(case_id)
    state = ReplyState.OPEN
    problems: tuple[str, ...] = ()
    for entry in event_log:
        try:
            claims = jose.verify_set(entry, jwks)
        except jose.SetVerificationError as exc:
            log.warning("reply %s: event with an invalid signature ignored: %s", reply_id, exc)
            continue
        if claims.get("sub") != subject or claims.get("txn") != txn:
            log.warning("reply %s: event about another reply or case ignored", reply_id)
            continue
        uri, payload = jose.set_event(claims)
        if uri == protocol.ReplyEvent.SUBMIT_REPLY and state is ReplyState.OPEN:
            state = ReplyState.SUBMITTED
        elif uri == protocol.ReplyEvent.ACCEPT_REPLY:
            state = ReplyState.ACCEPTED
        elif uri == protocol.ReplyEvent.REJECT_REPLY:
            state, problems = ReplyState.REJECTED, _problems(payload)
    return ReplyOutcome(state, problems)


def _problems(payload: Mapping[str, Any]) -> tuple[str, ...]:
    found = payload.get("problems")
    if not isinstance(found, list):
        return ()
    texts = []
    for problem in found[:10]:
        if not isinstance(problem, dict):
            continue
        title = clean_text(problem.get("title") or problem.get("type") or "problem", 100)
        detail = clean_text(problem.get("detail") or "", 200)
        instance = clean_text(problem.get("instance") or "", 60)
        text = f"{title}: {detail}" if detail else title
        texts.append(f"{text} ({instance})" if instance else text)
    return tuple(texts)
