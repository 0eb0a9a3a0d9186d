"""The sender's side: a portal announces a submission, uploads its attachments and submits it.

Generated submissions enter here too: held in plaintext until the destination has an
encryption key, then encrypted (several at a time) and submitted with a signed
``submit-submission`` event, exactly as a portal's would be.
"""

from __future__ import annotations

import os
import random
import re
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import IO, Any

from backoffice.portal import protocol

from .blobs import Blob, BodyTooLarge
from .crypto import JoseError, jwe_header, tag_of
from .generator import Draft
from .sealing import Sealed, seal, submit_event
from .state import ApiError, State, Store, Submission

#: Largest attachment body accepted: the decompression bound, base64url-encoded, plus headers.
MAX_ATTACHMENT_BYTES = protocol.MAX_DECOMPRESSED_BYTES * 4 // 3 + 64 * 1024
_URN = re.compile(r"^urn:[a-z0-9][a-z0-9-]{0,31}:[a-z0-9()+,.:=@;$_!*'%/?#-]+$")


def check_compact_jwe(token: Any, what: str) -> str:
    if not isinstance(token, str):
        raise ApiError(422, f"{what} must be a compact JWE string")
    try:
        header = jwe_header(token)
    except JoseError as exc:
        raise ApiError(422, f"{what}: {exc}") from None
    if header.get("alg") != protocol.JWE_ALG or header.get("enc") != protocol.JWE_ENC:
        raise ApiError(422, f"{what}: alg/enc must be {protocol.JWE_ALG}/{protocol.JWE_ENC}")
    return token


def store_attachment(
    store: Store, attachments: dict[str, Blob], attachment_id: str, body: IO[bytes]
) -> None:
    """Stream an uploaded JWE into the blob store (bounded, checked), replacing an earlier one."""
    try:
        blob = store.blobs.put_stream(body, MAX_ATTACHMENT_BYTES)
    except BodyTooLarge:
        raise ApiError(413, f"an attachment may have {MAX_ATTACHMENT_BYTES} bytes") from None
    try:
        check_jwe_blob(blob)
    except ApiError:
        store.blobs.discard(blob)
        raise
    with store.lock:
        old = attachments.get(attachment_id)
        attachments[attachment_id] = blob
    if old is not None:
        store.blobs.discard(old)


def check_jwe_blob(blob: Blob) -> None:
    """An uploaded attachment: five segments, the first a JWE header we accept."""
    head = next(blob.chunks(8192), b"")
    dots = sum(chunk.count(b".") for chunk in blob.chunks())
    if dots != 4:
        raise ApiError(422, "the attachment must be a compact JWE (five segments)")
    try:
        check_compact_jwe(head.split(b".", 1)[0].decode("ascii") + ".e.i.c.t", "attachment")
    except UnicodeDecodeError:
        raise ApiError(422, "the attachment must be a compact JWE") from None


def blob_tag(blob: Blob) -> str:
    return blob.tail(64).rsplit(b".", 1)[-1].decode("ascii", "replace")


def check_uuids(value: Any, what: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ApiError(422, f"{what} must be a list of UUIDs")
    out = []
    for item in value:
        try:
            out.append(str(uuid.UUID(str(item))))
        except ValueError:
            raise ApiError(422, f"{what}: {item!r} is not a UUID") from None
    if len(set(out)) != len(out):
        raise ApiError(422, f"{what} names an attachment twice")
    return out


class SenderDesk:
    def __init__(self, store: Store, seed: int | None = None) -> None:
        self.store = store
        self.seed = seed
        self._seal_lock = threading.Lock()

    # -- a portal sending over HTTP ---------------------------------------------------------------

    def announce(self, body: Any) -> dict[str, Any]:
        if not isinstance(body, dict):
            raise ApiError(400, "the body must be a JSON object")
        service_type = body.get("serviceType")
        if not (
            isinstance(service_type, dict)
            and isinstance(service_type.get("identifier"), str)
            and _URN.match(service_type["identifier"])
        ):
            raise ApiError(422, "serviceType needs an identifier (URN) and a name")
        announced = check_uuids(body.get("announcedAttachments"), "announcedAttachments")
        store = self.store
        with store.lock:
            store.check_destination(str(body.get("destinationId")))
            if not store.active:
                raise ApiError(
                    422,
                    "the destination has no encryption key yet",
                    type_=protocol.DESTINATION_STATE_INVALID,
                    title="Destination state invalid",
                )
            case_id = body.get("caseId")
            case = store.case(str(case_id)) if case_id else store.new_case()
            submission = Submission(
                submission_id=str(uuid.uuid4()),
                case_id=case.case_id,
                destination_id=store.destination_id,
                service_type={
                    "name": str(service_type.get("name", "")),
                    "identifier": service_type["identifier"],
                },
                announced=announced,
                state=State.ANNOUNCED,
                origin="sender",
            )
            store.submissions[submission.submission_id] = submission
            case.submissions.append(submission.submission_id)
            case.service_name = case.service_name or submission.service_type["name"]
            return self._ids(submission)

    def upload(self, submission_id: str, attachment_id: str, body: IO[bytes]) -> None:
        store = self.store
        with store.lock:
            submission = store.submission(submission_id)
            if attachment_id not in submission.announced:
                raise ApiError(404, f"attachment {attachment_id} was not announced")
            if submission.state is not State.ANNOUNCED:
                raise ApiError(409, "the submission has been submitted already")
        store_attachment(store, submission.attachments, attachment_id, body)

    def submit(self, submission_id: str, body: Any) -> dict[str, Any]:
        if not isinstance(body, dict):
            raise ApiError(400, "the body must be a JSON object")
        metadata = check_compact_jwe(body.get("encryptedMetadata"), "encryptedMetadata")
        data = body.get("encryptedData")
        if data is not None:
            data = check_compact_jwe(data, "encryptedData")
        store = self.store
        with store.lock:
            submission = store.submission(submission_id)
            if submission.state is not State.ANNOUNCED:
                raise ApiError(409, "the submission has been submitted already")
            missing = [a for a in submission.announced if a not in submission.attachments]
            if missing:
                raise ApiError(422, f"attachments not uploaded: {', '.join(missing)}")
            tags: dict[str, Any] = {"metadata": tag_of(metadata)}
            if data is not None:
                tags["data"] = tag_of(data)
            tags["attachments"] = {
                aid: blob_tag(blob) for aid, blob in submission.attachments.items()
            }
        event = submit_event(
            submission_id,
            submission.case_id,
            tags,
            store.issuer,
            store.keys.signing,
            store.set_schema,
        )
        with store.lock:
            if submission.state is not State.ANNOUNCED:
                raise ApiError(409, "the submission has been submitted already")
            submission.encrypted_metadata, submission.encrypted_data = metadata, data
            submission.tags = tags
            store.mark_submitted(submission)
            store.case(submission.case_id).events.append(event)
            return self._ids(submission)

    @staticmethod
    def _ids(submission: Submission) -> dict[str, Any]:
        return {
            "destinationId": submission.destination_id,
            "submissionId": submission.submission_id,
            "caseId": submission.case_id,
        }

    # -- generated submissions --------------------------------------------------------------------

    def add_drafts(self, drafts: list[Draft]) -> None:
        """Take generated submissions in; they are listed once encrypted."""
        store = self.store
        with store.lock:
            for draft in drafts:
                case = store.cases.get(draft.case_id) or store.new_case(draft.case_id)
                case.submissions.append(draft.submission_id)
                if not draft.follow_up:  # an answer keeps what the application said
                    case.citizen_name = draft.citizen_name
                    case.citizen_email = draft.citizen_email
                    case.service_name = draft.service.name
                    case.reply_channel = draft.reply_channel
                    case.reply_key = draft.reply_key
                store.submissions[draft.submission_id] = Submission(
                    submission_id=draft.submission_id,
                    case_id=draft.case_id,
                    destination_id=store.destination_id,
                    service_type=dict(draft.service_type),
                    announced=list(draft.listed),
                    state=State.SUBMITTED,
                    origin="generated",
                    sealed=False,
                    unavailable=set(draft.unavailable),
                    draft=draft,
                )
        self.seal_pending()

    def seal_pending(self) -> None:
        """Encrypt every generated submission still waiting, if there is a key by now."""
        store = self.store
        with self._seal_lock:
            with store.lock:
                kid = store.current_kid
                if kid is None:
                    return
                key = store.encryption_keys[kid]
                pending = [s for s in store.submissions.values() if not s.sealed and s.draft]
            if not pending:
                return
            stranger = store.keys.stranger

            def work(submission: Submission) -> tuple[Submission, Sealed, str]:
                draft = submission.draft
                assert draft is not None
                rng = random.Random(f"{self.seed}:{draft.submission_id}")  # noqa: S311
                sealed = seal(draft, key, kid, stranger, rng)
                event = submit_event(
                    draft.submission_id,
                    draft.case_id,
                    sealed.authentication_tags(),
                    store.issuer,
                    store.keys.signing,
                    store.set_schema,
                )
                return submission, sealed, event

            workers = min(4, os.cpu_count() or 1)
            with ThreadPoolExecutor(max_workers=workers) as pool:
                for submission, sealed, event in pool.map(work, pending):
                    self._install(submission, sealed, event)

    def _install(self, submission: Submission, sealed: Sealed, event: str) -> None:
        store = self.store
        blobs = {aid: store.blobs.put(body) for aid, body in sealed.attachments.items()}
        with store.lock:
            submission.encrypted_metadata = sealed.encrypted_metadata
            submission.encrypted_data = sealed.encrypted_data
            submission.attachments = blobs
            submission.tags = sealed.authentication_tags()
            submission.sealed = True
            store.mark_submitted(submission)
            store.case(submission.case_id).events.append(event)
            if submission.draft is not None:
                for attachment in submission.draft.attachments:
                    attachment.content = b""  # the plaintext is no longer needed
