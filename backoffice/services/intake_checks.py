"""The checks of one submission, in the order PROTOCOL.md gives, rejecting at the first failure.

Pure with respect to the network and the database: the caller fetches the
submission and its attachments and passes a decryptor. The result is either an
:class:`Accepted` submission (metadata, form data, verified attachments) or a
:class:`Rejected` one naming the problem and the part (``instance``) that failed.

Whatever one submission holds, checking it ends in one of those two, or in :class:`Held`:
every step is bounded (JSON size, depth and item count, attachment count, field lengths),
and a failure nobody foresaw becomes a rejection with the protocol's ``technical-error``
problem. Only a failure on our side (memory, the file system, our configuration), where a
rejection would blame the citizen for our fault, is :class:`Held` for the quarantine.
Transient failures of ``fetch_attachment`` still propagate: the caller skips the
submission for this run.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import jsonschema

from backoffice.documents.pdf_check import content_verification
from backoffice.domain import bounded_json
from backoffice.domain.files import safe_filename, sniff_media_type
from backoffice.domain.forms import form_schema
from backoffice.domain.templates import ServiceTemplate
from backoffice.domain.text import sanitise_form_data
from backoffice.portal.errors import (
    NotFound,
    PortalConfigError,
    PortalError,
    ResponseTooLarge,
    TransientError,
    clean_text,
)
from backoffice.portal.jose import DecryptionError as DecryptionFailed
from backoffice.portal.jose import JweText, dot_positions
from backoffice.portal.models import Submission
from backoffice.portal.protocol import (
    FOLLOW_UP_MESSAGE_MAX,
    FOLLOW_UP_SCHEMA_URI,
    SUPPORTED_PAYMENT_METHODS,
    SUPPORTED_REPLY_CHANNELS,
    Instance,
    Problem,
    submission_schema_uri,
)
from backoffice.portal.validation import first_metadata_error

log = logging.getLogger(__name__)

#: Form data larger than this is not a form a citizen typed.
MAX_DATA_BYTES = 5 * 1024 * 1024
#: Metadata describes the data and the attachments: a few kilobytes, even with many files.
MAX_METADATA_BYTES = 1024 * 1024
#: Attachments of one submission; each one is a download, a decryption and a stored row.
MAX_ATTACHMENTS = 200
METADATA_BOUNDS = bounded_json.Bounds(MAX_METADATA_BYTES, max_items=20_000)
DATA_BOUNDS = bounded_json.Bounds(MAX_DATA_BYTES)
#: Longest ``detail`` of a rejection (it travels in the signed event and into the record).
MAX_DETAIL_CHARS = 500
#: The data of a follow-up submission (services/follow_up.py): the citizen's message only.
FOLLOW_UP_DATA_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {"message": {"type": "string", "maxLength": FOLLOW_UP_MESSAGE_MAX}},
    "required": ["message"],
    "additionalProperties": False,
}


class Decryptor(Protocol):
    def __call__(self, compact_jwe: JweText, /) -> bytes: ...


@dataclass(frozen=True)
class VerifiedAttachment:
    attachment_id: str
    original_name: str
    safe_name: str
    media_type: str
    purpose: str
    content: bytes
    sha512: str
    verification: str  # "ok" | "type_mismatch" | "unknown_type" | "damaged"
    verification_detail: str | None


@dataclass(frozen=True)
class Accepted:
    metadata: dict[str, Any]
    form_data: dict[str, Any]
    template: ServiceTemplate
    attachments: list[VerifiedAttachment]
    reply_channel: str
    auth_level: str | None
    payment_state: str | None
    authentication_tags: dict[str, Any]
    #: The data is a follow-up (the citizen's answer on an existing case), not a form.
    follow_up: bool = False


@dataclass(frozen=True)
class Rejected:
    problem: Problem
    instance: str
    detail: str
    metadata: dict[str, Any] | None = None
    service_identifier: str | None = None
    authentication_tags: dict[str, Any] = field(default_factory=dict)
    #: Set when no check foresaw the failure: what went wrong, for the intake's guard
    #: against rejecting every submission of a run for a fault of ours.
    unforeseen: str | None = None


@dataclass(frozen=True)
class Held:
    """No decision may be sent: the failure is ours (or we cannot even decide); the
    submission goes to the quarantine until someone retries it."""

    stage: str  # fetch | check | sign | store
    error: str  # one line: the exception's type and message


def describe(exc: BaseException) -> str:
    """One bounded line for a failure: its type and its message, printable.

    A database error names the driver's error, not the statement with its parameters.
    """
    inner = getattr(exc, "orig", None)
    text = clean_text(str(inner if isinstance(inner, BaseException) else exc), 240)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def is_ours(exc: BaseException) -> bool:
    """A failure of this machine or this installation, not of what the citizen sent."""
    return isinstance(exc, MemoryError | OSError | PortalConfigError)


class _Reject(Exception):
    def __init__(self, problem: Problem, instance: str, detail: str) -> None:
        super().__init__(detail)
        self.problem = problem
        self.instance = instance
        self.detail = detail


def tag_of(compact_jwe: JweText) -> str:
    """The authentication tag: the last segment of a compact JWE."""
    dots = dot_positions(compact_jwe)
    return compact_jwe[dots[3] + 1 :] if dots is not None else ""


def check_submission(
    submission: Submission,
    fetch_attachment: Callable[[str], JweText],
    decrypt: Decryptor,
    templates_by_leika: Mapping[str, ServiceTemplate],
) -> Accepted | Rejected | Held:
    """Run every check; transient failures of ``fetch_attachment`` propagate to the caller."""
    state: dict[str, Any] = {"metadata": None, "service": None, "tags": {}, "part": "submission"}
    unforeseen: str | None = None
    try:
        return _check(submission, fetch_attachment, decrypt, templates_by_leika, state)
    except _Reject as reject:
        problem, instance, detail = reject.problem, reject.instance, reject.detail
    except (TransientError, NotFound):
        raise  # the caller's to handle: skipped for now, or gone
    except PortalError as exc:
        if not isinstance(exc, ResponseTooLarge) or not state["part"].startswith("attachment:"):
            raise  # the portal failed, not the submission
        problem, instance = Problem.TECHNICAL_ERROR, state["part"]
        detail = f"the attachment is larger than we accept: {exc}"
    except Exception as exc:  # one submission must never stop the intake
        if is_ours(exc):
            log.warning("checking submission %s failed on our side", submission.submission_id)
            return Held("check", describe(exc))
        log.warning(
            "checking submission %s failed unexpectedly; rejected as a technical error",
            submission.submission_id,
            exc_info=True,
        )
        problem, instance = Problem.TECHNICAL_ERROR, state["part"]
        detail = f"the submission could not be checked ({type(exc).__name__})"
        unforeseen = f"{type(exc).__name__} at {instance}"
    return Rejected(
        problem,
        instance[:100],
        clean_text(detail, MAX_DETAIL_CHARS),
        state["metadata"],
        state["service"],
        state["tags"],
        unforeseen,
    )


def _check(
    submission: Submission,
    fetch_attachment: Callable[[str], JweText],
    decrypt: Decryptor,
    templates_by_leika: Mapping[str, ServiceTemplate],
    state: dict[str, Any],
) -> Accepted:
    state["service"] = submission.service_type.identifier[:255]
    state["part"] = Instance.METADATA
    encrypted_metadata = submission.encrypted_metadata
    state["tags"]["metadata"] = tag_of(encrypted_metadata)

    # 1. metadata decrypts
    try:
        plain = decrypt(encrypted_metadata)
    except DecryptionFailed as exc:
        raise _Reject(Problem.ENCRYPTION_ISSUE, Instance.METADATA, str(exc)) from None
    # 2. metadata is JSON and valid against its schema
    try:
        metadata = bounded_json.loads(plain, METADATA_BOUNDS)
    except bounded_json.JsonRejected as exc:
        raise _Reject(Problem.SYNTAX_VIOLATION, Instance.METADATA, f"metadata: {exc}") from None
    del plain
    if not isinstance(metadata, dict):
        raise _Reject(Problem.SYNTAX_VIOLATION, Instance.METADATA, "metadata is not an object")
    schema_error = first_metadata_error(metadata)
    if schema_error is not None:
        raise _Reject(Problem.SCHEMA_VIOLATION, Instance.METADATA, schema_error)
    state["metadata"] = metadata

    # 3. the service matches and is one we offer
    declared = (metadata.get("publicServiceType") or {}).get("identifier")
    if declared != state["service"]:
        raise _Reject(
            Problem.SERVICE_MISMATCH,
            Instance.METADATA,
            f"submission is for {state['service']!r}, metadata says {declared!r}",
        )
    template = templates_by_leika.get(str(declared))
    if template is None:
        raise _Reject(
            Problem.SERVICE_MISMATCH, Instance.SUBMISSION, f"we do not offer the service {declared}"
        )

    # 4. attachment ids match the metadata exactly
    content = metadata["contentStructure"]
    described = {a["attachmentId"]: a for a in content.get("attachments", [])}
    listed = list(submission.attachment_ids)
    if max(len(listed), len(described)) > MAX_ATTACHMENTS:
        raise _Reject(
            Problem.TECHNICAL_ERROR,
            Instance.SUBMISSION,
            f"more than {MAX_ATTACHMENTS} attachments: we accept at most {MAX_ATTACHMENTS}",
        )
    for attachment_id in described:
        if attachment_id not in listed:
            raise _Reject(
                Problem.MISSING_ATTACHMENT,
                Instance.attachment(attachment_id),
                "the metadata describes an attachment the submission does not have",
            )
    extra = [a for a in listed if a not in described]
    if extra or len(listed) != len(set(listed)):
        raise _Reject(
            Problem.ATTACHMENTS_MISMATCH,
            Instance.SUBMISSION,
            f"attachments not described in the metadata: {', '.join(extra) or 'duplicates'}",
        )

    # 5. data decrypts, matches its hash, is JSON, fits its schema
    state["part"] = Instance.DATA
    data_description = content.get("data")
    encrypted_data = submission.encrypted_data
    if data_description is None or not encrypted_data:
        raise _Reject(Problem.MISSING_DATA, Instance.DATA, "the submission carries no form data")
    state["tags"]["data"] = tag_of(encrypted_data)
    try:
        data_bytes = decrypt(encrypted_data)
    except DecryptionFailed as exc:
        raise _Reject(Problem.ENCRYPTION_ISSUE, Instance.DATA, str(exc)) from None
    if len(data_bytes) > MAX_DATA_BYTES:
        raise _Reject(Problem.SYNTAX_VIOLATION, Instance.DATA, "form data larger than 5 MiB")
    if hashlib.sha512(data_bytes).hexdigest() != data_description["hash"]["content"]:
        raise _Reject(Problem.HASH_MISMATCH, Instance.DATA, "SHA-512 of the data does not match")
    schema = data_description["submissionSchema"]
    if schema.get("mimeType") != "application/json":
        raise _Reject(Problem.UNSUPPORTED_SCHEMA, Instance.DATA, "only JSON form data is supported")
    try:
        form_data = bounded_json.loads(data_bytes, DATA_BOUNDS)
    except bounded_json.JsonRejected as exc:
        raise _Reject(Problem.SYNTAX_VIOLATION, Instance.DATA, f"form data: {exc}") from None
    del data_bytes
    follow_up = schema.get("schemaUri") == FOLLOW_UP_SCHEMA_URI
    if not follow_up and schema.get("schemaUri") != submission_schema_uri(template.key):
        raise _Reject(
            Problem.UNSUPPORTED_SCHEMA,
            Instance.DATA,
            f"unknown data schema {schema.get('schemaUri')}",
        )
    data_schema = FOLLOW_UP_DATA_SCHEMA if follow_up else form_schema(template)
    error = jsonschema.exceptions.best_match(
        jsonschema.Draft202012Validator(data_schema).iter_errors(form_data)
    )
    if error is not None:
        raise _Reject(
            Problem.SCHEMA_VIOLATION, Instance.DATA, f"{error.json_path}: {error.message}"
        )

    # 6. every attachment decrypts and matches its hash
    attachments = []
    state["tags"]["attachments"] = {}
    for attachment_id, description in described.items():
        instance = state["part"] = Instance.attachment(attachment_id)
        try:
            compact = fetch_attachment(attachment_id)
        except NotFound:
            raise _Reject(
                Problem.MISSING_ATTACHMENT, instance, "the attachment cannot be downloaded (404)"
            ) from None
        state["tags"]["attachments"][attachment_id] = tag_of(compact)
        try:
            body = decrypt(compact)
        except DecryptionFailed as exc:
            raise _Reject(Problem.ENCRYPTION_ISSUE, instance, str(exc)) from None
        del compact
        digest = hashlib.sha512(body).hexdigest()
        if digest != description["hash"]["content"]:
            raise _Reject(
                Problem.HASH_MISMATCH, instance, "SHA-512 of the attachment does not match"
            )
        attachments.append(_verified(attachment_id, description, body, digest))

    # 7. we can answer on the reply channel and accept the payment method
    state["part"] = Instance.METADATA
    channels = list((metadata.get("replyChannel") or {}).keys())
    if channels and channels[0] not in SUPPORTED_REPLY_CHANNELS:
        raise _Reject(
            Problem.UNSUPPORTED_REPLY_CHANNEL, Instance.METADATA, f"reply channel {channels[0]}"
        )
    payment = metadata.get("paymentInformation")
    if payment and payment.get("paymentMethod") not in SUPPORTED_PAYMENT_METHODS:
        raise _Reject(
            Problem.UNSUPPORTED_PAYMENT_METHOD, Instance.METADATA, str(payment.get("paymentMethod"))
        )
    return Accepted(
        metadata=metadata,
        form_data=form_data,
        template=template,
        attachments=attachments,
        reply_channel=channels[0] if channels else "postal",
        auth_level=_clip(_auth_level(metadata), 40),
        payment_state=_clip(payment.get("status"), 20) if payment else None,
        authentication_tags=state["tags"],
        follow_up=follow_up,
    )


def _verified(
    attachment_id: str, description: Mapping[str, Any], body: bytes, digest: str
) -> VerifiedAttachment:
    declared = str(description["mimeType"]).lower()[:100]
    actual = sniff_media_type(body[:64])
    detail: str | None
    if actual is None:
        verification, detail = "unknown_type", f"content type not recognised (declared {declared})"
    elif actual != declared:
        verification, detail = "type_mismatch", f"declared {declared}, content is {actual}"
    else:
        verification, detail = content_verification(body, actual)
    original = sanitise_form_data(str(description.get("filename") or ""))[:300]
    return VerifiedAttachment(
        attachment_id=attachment_id,
        original_name=original,
        safe_name=safe_filename(original, actual or declared),
        media_type=actual or declared,
        purpose=str(description.get("purpose", "attachment")),
        content=body,
        sha512=digest,
        verification=verification,
        verification_detail=detail,
    )


def _clip(value: object, limit: int) -> str | None:
    """A value for a column of ``limit`` characters (the schema may allow more)."""
    return None if value is None else str(value)[:limit]


def _auth_level(metadata: Mapping[str, Any]) -> str | None:
    """How the applicant identified: the type/version of the identification report, if any."""
    reports = metadata.get("authenticationInformation") or []
    if not reports:
        return None
    first = reports[0]
    return f"{first.get('type')} {first.get('version')}".strip()


__all__ = [
    "FOLLOW_UP_DATA_SCHEMA",
    "Accepted",
    "DecryptionFailed",
    "Held",
    "Rejected",
    "VerifiedAttachment",
    "check_submission",
    "describe",
    "is_ours",
]
