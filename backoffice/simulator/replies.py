"""Replies: status messages the back office sends to a citizen whose reply channel is FIT-Connect.

The simulator plays the citizen's portal too: it holds the private key whose public half it
put into the submission's ``replyChannel.fitConnect.encryptionKey``, so it decrypts each
reply, checks it like a subscriber checks a submission (schema, hashes, the status message
itself), and records a signed ``accept-reply`` or ``reject-reply`` event.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from typing import IO, Any

import jsonschema

from backoffice.portal import protocol
from backoffice.portal.protocol import Instance, Problem

from .catalogue import load_metadata_schema
from .crypto import JoseError, decrypt, tag_of
from .sender import (
    blob_tag,
    check_compact_jwe,
    check_uuids,
    store_attachment,
)
from .state import ApiError, CaseFile, Reply, State, Store, iso


class _Refused(Exception):
    def __init__(self, problem: Problem, instance: str, detail: str) -> None:
        super().__init__(detail)
        self.problem = problem
        self.instance = instance
        self.detail = detail

    def as_dict(self) -> dict[str, str]:
        return {
            "type": self.problem.uri,
            "title": protocol.PROBLEM_TITLES[self.problem],
            "detail": self.detail,
            "instance": self.instance,
        }


class ReplyDesk:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._metadata_validator = jsonschema.Draft202012Validator(load_metadata_schema())

    def announce(self, body: Any) -> dict[str, Any]:
        if not isinstance(body, dict):
            raise ApiError(400, "the body must be a JSON object")
        announced = check_uuids(body.get("announcedAttachments"), "announcedAttachments")
        store = self.store
        with store.lock:
            case = store.case(str(body.get("caseId")))
            if case.reply_channel != "fitConnect":
                raise ApiError(
                    422, "the citizen of this case did not choose FIT-Connect as reply channel"
                )
            reply = Reply(str(uuid.uuid4()), case.case_id, announced)
            store.replies[reply.reply_id] = reply
            case.replies.append(reply.reply_id)
            return {"replyId": reply.reply_id, "caseId": case.case_id}

    def _reply(self, reply_id: str) -> Reply:
        found = self.store.replies.get(reply_id)
        if found is None:
            raise ApiError(404, f"no reply {reply_id}")
        return found

    def upload(self, reply_id: str, attachment_id: str, body: IO[bytes]) -> None:
        store = self.store
        with store.lock:
            reply = self._reply(reply_id)
            if attachment_id not in reply.announced:
                raise ApiError(404, f"attachment {attachment_id} was not announced")
            if reply.state is not State.ANNOUNCED:
                raise ApiError(409, "the reply has been sent already")
        store_attachment(store, reply.attachments, attachment_id, body)

    def submit(self, reply_id: str, body: Any) -> dict[str, Any]:
        if not isinstance(body, dict):
            raise ApiError(400, "the body must be a JSON object")
        metadata = check_compact_jwe(body.get("encryptedMetadata"), "encryptedMetadata")
        data = check_compact_jwe(body.get("encryptedData"), "encryptedData")
        store = self.store
        with store.lock:
            reply = self._reply(reply_id)
            if reply.state is not State.ANNOUNCED:
                raise ApiError(409, "the reply has been sent already")
            missing = [a for a in reply.announced if a not in reply.attachments]
            if missing:
                raise ApiError(422, f"attachments not uploaded: {', '.join(missing)}")
            reply.encrypted_metadata, reply.encrypted_data = metadata, data
            reply.state, reply.submitted_at = State.SUBMITTED, time.time()
            case = store.case(reply.case_id)
            tags = {
                "metadata": tag_of(metadata),
                "data": tag_of(data),
                "attachments": {a: blob_tag(b) for a, b in reply.attachments.items()},
            }
        subject = f"reply:{reply_id}"
        submitted = store.own_event(
            subject, case.case_id, protocol.ReplyEvent.SUBMIT_REPLY, {"authenticationTags": tags}
        )
        try:
            received = self._open(reply, case)
        except _Refused as refused:
            problems = [refused.as_dict()]
            outcome = store.own_event(
                subject, case.case_id, protocol.ReplyEvent.REJECT_REPLY, {"problems": problems}
            )
            with store.lock:
                reply.state, reply.problems = State.REJECTED, problems
                reply.events += [submitted, outcome]
        else:
            outcome = store.own_event(
                subject,
                case.case_id,
                protocol.ReplyEvent.ACCEPT_REPLY,
                {"authenticationTags": tags},
            )
            with store.lock:
                reply.state, reply.received = State.ACCEPTED, received
                reply.events += [submitted, outcome]
        return {"replyId": reply_id, "caseId": case.case_id, "state": reply.state.value}

    def events(self, reply_id: str) -> dict[str, Any]:
        with self.store.lock:
            return {"eventLog": list(self._reply(reply_id).events)}

    # -- the citizen's portal opens the reply -----------------------------------------------------

    def _open(self, reply: Reply, case: CaseFile) -> dict[str, Any]:
        if case.reply_key is None:
            raise _Refused(Problem.ENCRYPTION_ISSUE, Instance.METADATA, "no citizen key")
        keys = {case.reply_key.thumbprint(): case.reply_key}

        def open_part(token: str, instance: str) -> bytes:
            try:
                return decrypt(token, keys)
            except JoseError as exc:
                raise _Refused(Problem.ENCRYPTION_ISSUE, instance, str(exc)) from None

        assert reply.encrypted_metadata is not None and reply.encrypted_data is not None
        metadata = _json(open_part(reply.encrypted_metadata, Instance.METADATA), Instance.METADATA)
        error = jsonschema.exceptions.best_match(self._metadata_validator.iter_errors(metadata))
        if error is not None:
            raise _Refused(Problem.SCHEMA_VIOLATION, Instance.METADATA, error.message)
        content = metadata["contentStructure"]
        described = {a["attachmentId"]: a for a in content.get("attachments", [])}
        if set(described) != set(reply.announced):
            raise _Refused(
                Problem.ATTACHMENTS_MISMATCH,
                Instance.SUBMISSION,
                "the metadata describes other attachments than the reply carries",
            )
        data_bytes = open_part(reply.encrypted_data, Instance.DATA)
        if "data" not in content:
            raise _Refused(Problem.MISSING_DATA, Instance.METADATA, "no data described")
        if hashlib.sha512(data_bytes).hexdigest() != content["data"]["hash"]["content"]:
            raise _Refused(Problem.HASH_MISMATCH, Instance.DATA, "SHA-512 does not match")
        message = _status_message(_json(data_bytes, Instance.DATA))
        files = []
        for attachment_id, description in described.items():
            instance = Instance.attachment(attachment_id)
            body = open_part(reply.attachments[attachment_id].read().decode("ascii"), instance)
            digest = hashlib.sha512(body).hexdigest()
            if digest != description["hash"]["content"]:
                raise _Refused(Problem.HASH_MISMATCH, instance, "SHA-512 does not match")
            files.append(
                {
                    "attachmentId": attachment_id,
                    "filename": description.get("filename"),
                    "mimeType": description.get("mimeType"),
                    "purpose": description.get("purpose"),
                    "size": len(body),
                    "sha512": digest,
                }
            )
        return {**message, "attachments": files, "receivedAt": iso(time.time())}


def _json(raw: bytes, instance: str) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _Refused(Problem.SYNTAX_VIOLATION, instance, f"not JSON: {exc}") from None
    if not isinstance(value, dict):
        raise _Refused(Problem.SYNTAX_VIOLATION, instance, "not a JSON object")
    return value


def _status_message(data: dict[str, Any]) -> dict[str, Any]:
    def refuse(detail: str) -> _Refused:
        return _Refused(Problem.SCHEMA_VIOLATION, Instance.DATA, detail)

    if data.get("status") not in protocol.REPLY_STATUSES:
        raise refuse(f"status must be one of {', '.join(protocol.REPLY_STATUSES)}")
    limits = {
        "statusDetails": protocol.REPLY_STATUS_DETAILS_MAX,
        "additionalInformation": protocol.REPLY_ADDITIONAL_INFORMATION_MAX,
        "message": None,
        "reference": None,
    }
    message: dict[str, Any] = {"status": data["status"]}
    for key, limit in limits.items():
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise refuse(f"{key} must be a string")
        if limit is not None and len(value) > limit:
            raise refuse(f"{key} has more than {limit} characters")
        message[key] = value
    return message
