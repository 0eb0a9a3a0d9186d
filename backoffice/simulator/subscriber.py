"""The subscriber's side of the delivery service: the destination and its keys, the list of
submissions, their contents, and the accept/reject events the subscriber sends back.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

from backoffice.portal import protocol

from .blobs import Blob
from .catalogue import destination_services, reply_channels
from .crypto import JoseError, check_public_key, public_jwk, verify_set
from .state import ApiError, Decision, State, Store, Submission

_SET_SCHEMA_PREFIX = "https://schema.fitko.de/fit-connect/set-payload/"
#: How far in the future an ``iat`` may lie (clock skew).
_IAT_SKEW = 300


class SubscriberDesk:
    def __init__(self, store: Store, seal_pending: Callable[[], None]) -> None:
        self.store = store
        self._seal_pending = seal_pending

    # -- destination ------------------------------------------------------------------------------

    def destination(self, destination_id: str) -> dict[str, Any]:
        store = self.store
        with store.lock:
            store.check_destination(destination_id)
            status = (
                protocol.DestinationStatus.ACTIVE
                if store.active
                else protocol.DestinationStatus.CREATED
            )
            answer: dict[str, Any] = {
                "destinationId": store.destination_id,
                "status": status.value,
                "metadataVersions": list(protocol.METADATA_VERSIONS),
                "services": destination_services(store.services),
                "replyChannels": reply_channels(),
            }
            if store.current_kid:
                answer["encryptionKid"] = store.current_kid
            return answer

    def public_key(self, destination_id: str, kid: str) -> dict[str, Any]:
        store = self.store
        with store.lock:
            store.check_destination(destination_id)
            if kid in store.encryption_keys:
                key = store.encryption_keys[kid]
                return public_jwk(key, key_ops=protocol.ENCRYPTION_KEY_OPS, alg=protocol.JWE_ALG)
            if kid in store.signing_keys:
                key = store.signing_keys[kid]
                return public_jwk(key, key_ops=protocol.SIGNATURE_KEY_OPS, alg=protocol.JWS_ALG)
        raise ApiError(404, f"no key {kid} at this destination")

    def register_keys(self, destination_id: str, body: Any) -> dict[str, Any]:
        """Register public keys (a JWK or ``{"keys": [...]}``); encrypt what was waiting."""
        raw_keys = body.get("keys") if isinstance(body, dict) and "keys" in body else [body]
        if not isinstance(raw_keys, list) or not raw_keys:
            raise ApiError(422, "send a JWK or a JWK set with at least one key")
        checked = []
        for raw in raw_keys:
            ops = sorted(raw.get("key_ops") or []) if isinstance(raw, dict) else []
            try:
                if ops == list(protocol.ENCRYPTION_KEY_OPS):
                    key = check_public_key(
                        raw, key_ops=protocol.ENCRYPTION_KEY_OPS, alg=protocol.JWE_ALG
                    )
                    checked.append(("encryption", key))
                elif ops == list(protocol.SIGNATURE_KEY_OPS):
                    key = check_public_key(
                        raw, key_ops=protocol.SIGNATURE_KEY_OPS, alg=protocol.JWS_ALG
                    )
                    checked.append(("signature", key))
                else:
                    raise JoseError('key_ops must be ["wrapKey"] or ["verify"]')
            except JoseError as exc:
                raise ApiError(422, f"key not accepted: {exc}") from None
        store = self.store
        with store.lock:
            store.check_destination(destination_id)
            for purpose, key in checked:
                kid = key.thumbprint()
                if purpose == "encryption":
                    store.encryption_keys[kid] = key
                    store.current_kid = kid
                else:
                    store.signing_keys[kid] = key
        self._seal_pending()
        answer = self.destination(destination_id)
        answer["registered"] = [key.thumbprint() for _, key in checked]
        return answer

    # -- submissions ------------------------------------------------------------------------------

    def list_submissions(
        self, destination_id: str | None, limit: int, offset: int, duplicate: bool
    ) -> dict[str, Any]:
        store = self.store
        with store.lock:
            if destination_id is not None:
                store.check_destination(destination_id)
            ids = list(store.listable)
            page = ids[offset : offset + limit]
            entries = [
                {
                    "destinationId": store.destination_id,
                    "submissionId": sid,
                    "caseId": store.submissions[sid].case_id,
                }
                for sid in page
            ]
        if duplicate and entries:
            entries.append(dict(entries[len(entries) // 2]))
        return {
            "count": len(entries),
            "offset": offset,
            "totalCount": len(ids),
            "submissions": entries,
        }

    def _pickable(self, submission_id: str) -> Submission:
        submission = self.store.submission(submission_id)
        if not submission.pickable:
            raise ApiError(404, f"submission {submission_id} is not (or no longer) available")
        return submission

    def submission(self, submission_id: str) -> dict[str, Any]:
        with self.store.lock:
            submission = self._pickable(submission_id)
            answer: dict[str, Any] = {
                "destinationId": submission.destination_id,
                "submissionId": submission.submission_id,
                "caseId": submission.case_id,
                "serviceType": dict(submission.service_type),
                "attachments": list(submission.announced),
                "encryptedMetadata": submission.encrypted_metadata,
            }
            if submission.encrypted_data is not None:
                answer["encryptedData"] = submission.encrypted_data
            return answer

    def attachment(self, submission_id: str, attachment_id: str) -> Blob:
        with self.store.lock:
            submission = self._pickable(submission_id)
            blob = submission.attachments.get(attachment_id)
            if blob is None or attachment_id in submission.unavailable:
                raise ApiError(404, f"no attachment {attachment_id} in this submission")
            return blob

    # -- events -----------------------------------------------------------------------------------

    def case_events(self, case_id: str) -> dict[str, Any]:
        with self.store.lock:
            return {"eventLog": list(self.store.case(case_id).events)}

    def post_event(self, case_id: str, token: str) -> None:
        """Record the subscriber's accept or reject SET, after checking it completely."""
        store = self.store
        with store.lock:
            case = store.case(case_id)
            keys = dict(store.signing_keys)
        if not keys:
            raise ApiError(422, "no signing key is registered at the destination")
        try:
            claims = verify_set(token, keys)
        except JoseError as exc:
            raise ApiError(422, f"invalid SET: {exc}") from None
        submission_id, event, payload = self._check_claims(claims, case_id)
        accepted = event == protocol.Event.ACCEPT_SUBMISSION
        with store.lock:
            submission = store.submission(submission_id)
            if submission.case_id != case.case_id:
                raise ApiError(422, f"submission {submission_id} belongs to another case")
            if submission.decision is not None:
                raise ApiError(409, f"submission {submission_id} has been decided already")
            if not submission.pickable:
                raise ApiError(422, f"submission {submission_id} has not been submitted")
            if accepted:
                problems = []
                self._check_tags(payload, submission)
            else:
                problems = self._check_problems(payload)
            submission.decision = Decision(accepted, problems, token, time.time())
            submission.state = State.ACCEPTED if accepted else State.REJECTED
            store.listable.pop(submission_id, None)
            case.events.append(token)

    def _check_claims(self, claims: dict[str, Any], case_id: str) -> tuple[str, str, Any]:
        def require(condition: bool, detail: str) -> None:
            if not condition:
                raise ApiError(422, f"invalid SET: {detail}")

        schema = claims.get("$schema")
        require(
            isinstance(schema, str) and schema.startswith(_SET_SCHEMA_PREFIX),
            f"$schema must be a SET payload schema URI ({protocol.SET_SCHEMA})",
        )
        try:
            uuid.UUID(str(claims.get("jti")))
        except ValueError:
            require(False, "jti must be a UUID")
        require(claims.get("iss") == self.store.destination_id, "iss must be the destinationId")
        iat = claims.get("iat")
        if not isinstance(iat, int) or isinstance(iat, bool):
            raise ApiError(422, "invalid SET: iat must be an integer")
        require(iat <= time.time() + _IAT_SKEW, "iat lies in the future")
        require(claims.get("txn") == protocol.set_txn(case_id), f"txn must be case:{case_id}")
        subject = claims.get("sub")
        if not isinstance(subject, str) or not subject.startswith("submission:"):
            raise ApiError(422, "invalid SET: sub must be submission:{submissionId}")
        events = claims.get("events")
        if not isinstance(events, dict) or len(events) != 1:
            raise ApiError(422, "invalid SET: events must hold exactly one event")
        (event, payload), *_ = events.items()
        require(
            event in (protocol.Event.ACCEPT_SUBMISSION, protocol.Event.REJECT_SUBMISSION),
            f"unexpected event {event}",
        )
        require(isinstance(payload, dict), "the event payload must be an object")
        return subject.removeprefix("submission:"), event, payload

    @staticmethod
    def _check_tags(payload: dict[str, Any], submission: Submission) -> None:
        tags = payload.get("authenticationTags")
        expected = submission.tags or {}
        if not isinstance(tags, dict):
            raise ApiError(422, "invalid SET: accept-submission needs authenticationTags")
        for part in ("metadata", "data"):
            if tags.get(part) != expected.get(part):
                raise ApiError(422, f"invalid SET: authentication tag of {part} does not match")
        if (tags.get("attachments") or {}) != (expected.get("attachments") or {}):
            raise ApiError(422, "invalid SET: authentication tags of attachments do not match")

    @staticmethod
    def _check_problems(payload: dict[str, Any]) -> list[dict[str, Any]]:
        problems = payload.get("problems")
        if not isinstance(problems, list) or not problems:
            raise ApiError(422, "invalid SET: reject-submission needs a list of problems")
        for problem in problems:
            if not (
                isinstance(problem, dict)
                and isinstance(problem.get("type"), str)
                and isinstance(problem.get("title"), str)
                and isinstance(problem.get("instance"), str)
            ):
                raise ApiError(422, "invalid SET: each problem needs type, title and instance")
        return problems
