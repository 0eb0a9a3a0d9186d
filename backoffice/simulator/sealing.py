"""Encrypting a drafted submission for the destination's key, as a portal does before sending.

Garbage and wrong-key faults are built in here: a token that parses but never decrypts, or
one encrypted to a key nobody registered while its header names the registered ``kid``.
"""

from __future__ import annotations

import random
import time
import uuid
from dataclasses import dataclass
from typing import Any

from jwcrypto import jwk

from backoffice.portal import protocol

from .crypto import encrypt, garbage_jwe, sign_set, tag_of
from .faults import SubmissionFault
from .generator import Draft

_METADATA_FAULTS = {
    SubmissionFault.METADATA_GARBAGE: "garbage",
    SubmissionFault.METADATA_WRONG_KEY: "stranger",
}
_DATA_FAULTS = {
    SubmissionFault.DATA_GARBAGE: "garbage",
    SubmissionFault.DATA_WRONG_KEY: "stranger",
}
_ATTACHMENT_FAULTS = {
    SubmissionFault.ATTACHMENT_GARBAGE: "garbage",
    SubmissionFault.ATTACHMENT_WRONG_KEY: "stranger",
}


@dataclass
class Sealed:
    encrypted_metadata: str
    encrypted_data: str | None
    attachments: dict[str, bytes]  # attachment id → compact JWE (ASCII)

    def authentication_tags(self) -> dict[str, Any]:
        tags: dict[str, Any] = {"metadata": tag_of(self.encrypted_metadata)}
        if self.encrypted_data is not None:
            tags["data"] = tag_of(self.encrypted_data)
        tags["attachments"] = {
            aid: tag_of(body.decode("ascii")) for aid, body in self.attachments.items()
        }
        return tags


def seal(draft: Draft, key: jwk.JWK, kid: str, stranger: jwk.JWK, rng: random.Random) -> Sealed:
    """The draft encrypted for ``key`` (announced as ``kid``), its fault built in."""

    def part(plain: bytes, how: str | None, cty: str | None) -> str:
        if how == "garbage":
            return garbage_jwe(rng, kid=kid, cty=cty)
        target = stranger if how == "stranger" else key
        return encrypt(plain, target, kid=kid, cty=cty, compress=draft.compress)

    fault = draft.fault
    metadata = part(
        draft.metadata_bytes, _METADATA_FAULTS.get(fault) if fault else None, "application/json"
    )
    data = None
    if draft.data is not None:
        how = _DATA_FAULTS.get(fault) if fault else None
        data = part(draft.data, how, protocol.DATA_MIME_TYPE)
    attachments = {}
    for attachment in draft.attachments:
        how = None
        if fault and attachment.attachment_id == draft.target:
            how = _ATTACHMENT_FAULTS.get(fault)
        attachments[attachment.attachment_id] = part(attachment.content, how, None).encode("ascii")
    return Sealed(metadata, data, attachments)


def submit_event(
    submission_id: str,
    case_id: str,
    tags: dict[str, Any],
    issuer: str,
    signing_key: jwk.JWK,
    set_schema: str = protocol.SET_SCHEMA,
) -> str:
    """The delivery service's signed ``submit-submission`` SET."""
    return sign_set(
        {
            "$schema": set_schema,
            "jti": str(uuid.uuid4()),
            "iss": issuer,
            "iat": int(time.time()),
            "sub": protocol.set_subject(submission_id),
            "txn": protocol.set_txn(case_id),
            "events": {protocol.Event.SUBMIT_SUBMISSION.value: {"authenticationTags": tags}},
        },
        signing_key,
    )
