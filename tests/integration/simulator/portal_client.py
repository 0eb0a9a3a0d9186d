"""A tiny FIT-Connect client for testing the simulator: requests + jwcrypto, nothing of ours.

It does what a subscriber (or a third-party portal) does over HTTP and checks a submission
in the order of PROTOCOL.md, returning the first problem found, so that each simulated
defect can be compared with the rejection the simulator expects.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import requests
from jwcrypto import jwe, jwk, jws

from backoffice.portal import protocol
from backoffice.portal.protocol import Instance, Problem

RESOURCES = Path(__file__).resolve().parents[3] / "resources"
METADATA_SCHEMA = json.loads(
    (RESOURCES / "schemas" / "metadata.schema.v1.0.0.json").read_text(encoding="utf-8")
)
TEMPLATES = {
    raw["leika"]: raw
    for raw in (
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((RESOURCES / "services").glob("*.json"))
    )
}


def public(key: jwk.JWK, key_ops: tuple[str, ...], alg: str) -> dict[str, Any]:
    raw = key.export_public(as_dict=True)
    return {
        "kty": "RSA",
        "n": raw["n"],
        "e": raw["e"],
        "kid": key.thumbprint(),
        "key_ops": list(key_ops),
        "alg": alg,
    }


@dataclass(frozen=True)
class SubscriberKeyPairs:
    encryption: jwk.JWK
    signing: jwk.JWK

    def jwks(self) -> dict[str, Any]:
        return {
            "keys": [
                public(self.encryption, protocol.ENCRYPTION_KEY_OPS, protocol.JWE_ALG),
                public(self.signing, protocol.SIGNATURE_KEY_OPS, protocol.JWS_ALG),
            ]
        }


class Client:
    """One OAuth client of the simulator, with its bearer token."""

    def __init__(self, info: dict[str, Any], role: str) -> None:
        self.base = info["base_url"]
        self.token_url = info["token_url"]
        self.credentials = info[role]
        self.session = requests.Session()
        self._token: str | None = None

    def close(self) -> None:
        self.session.close()

    def token(self) -> str:
        if self._token is None:
            answer = self.session.post(
                self.token_url,
                data={"grant_type": "client_credentials", **self.credentials},
                timeout=10,
            )
            answer.raise_for_status()
            self._token = answer.json()["access_token"]
        return self._token

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.token()}", **kwargs.pop("headers", {})}
        kwargs.setdefault("timeout", 10)
        return self.session.request(method, self.base + path, headers=headers, **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("PUT", path, **kwargs)


# -- JOSE -----------------------------------------------------------------------------------------


def decrypt(compact: str, key: jwk.JWK) -> bytes:
    token = jwe.JWE()
    token.deserialize(compact, key=key)
    header = json.loads(token.objects["protected"])
    assert header["alg"] == protocol.JWE_ALG and header["enc"] == protocol.JWE_ENC
    assert header["kid"] == key.thumbprint()
    return bytes(token.payload)


def encrypt(plain: bytes, key: dict[str, Any], cty: str | None = None, zip_: bool = False) -> str:
    header: dict[str, Any] = {"alg": protocol.JWE_ALG, "enc": protocol.JWE_ENC, "kid": key["kid"]}
    if cty:
        header["cty"] = cty
    if zip_:
        header["zip"] = "DEF"
    token = jwe.JWE(plain, protected=json.dumps(header))
    token.add_recipient(jwk.JWK(**key))
    return str(token.serialize(compact=True))


def sign(claims: dict[str, Any], key: jwk.JWK) -> str:
    token = jws.JWS(json.dumps(claims).encode())
    header = {"typ": protocol.SET_TYPE, "alg": protocol.JWS_ALG, "kid": key.thumbprint()}
    token.add_signature(key, None, json.dumps(header))
    return str(token.serialize(compact=True))


def verify(token: str, jwks: dict[str, Any]) -> dict[str, Any]:
    keys = jwk.JWKSet.from_json(json.dumps(jwks))
    checked = jws.JWS()
    checked.deserialize(token)
    header = json.loads(checked.objects["protected"])
    assert header["typ"] == protocol.SET_TYPE and header["alg"] == protocol.JWS_ALG
    checked.verify(keys.get_key(header["kid"]), alg=protocol.JWS_ALG)
    claims: dict[str, Any] = json.loads(checked.payload)
    return claims


def decision_set(
    destination_id: str,
    submission_id: str,
    case_id: str,
    key: jwk.JWK,
    *,
    tags: dict[str, Any] | None = None,
    problem: Problem | None = None,
    instance: str | None = None,
) -> str:
    event: dict[str, Any]
    if problem is None:
        event = {protocol.Event.ACCEPT_SUBMISSION.value: {"authenticationTags": tags}}
    else:
        event = {
            protocol.Event.REJECT_SUBMISSION.value: {
                "problems": [
                    {
                        "type": problem.uri,
                        "title": protocol.PROBLEM_TITLES[problem],
                        "detail": "test",
                        "instance": instance,
                    }
                ]
            }
        }
    claims = {
        "$schema": protocol.SET_SCHEMA,
        "jti": str(uuid.uuid4()),
        "iss": destination_id,
        "iat": int(time.time()),
        "sub": protocol.set_subject(submission_id),
        "txn": protocol.set_txn(case_id),
        "events": event,
    }
    return sign(claims, key)


# -- checking a submission like a subscriber ------------------------------------------------------


class Rejected(Exception):
    def __init__(self, problem: Problem, instance: str) -> None:
        super().__init__(f"{problem.value} at {instance}")
        self.problem = problem
        self.instance = instance


@dataclass
class Checked:
    submission: dict[str, Any]
    metadata: dict[str, Any] | None = None
    form: dict[str, Any] | None = None
    files: dict[str, bytes] = field(default_factory=dict)
    tags: dict[str, Any] = field(default_factory=dict)
    problem: Problem | None = None
    instance: str | None = None


def tag(compact: str) -> str:
    return compact.rsplit(".", 1)[-1]


def check_submission(client: Client, submission_id: str, key: jwk.JWK) -> Checked:
    """Fetch, decrypt and verify one submission; the first problem ends the check."""
    answer = client.get(f"/submissions/{submission_id}")
    answer.raise_for_status()
    checked = Checked(answer.json())
    try:
        _check(client, checked, key)
    except Rejected as rejected:
        checked.problem, checked.instance = rejected.problem, rejected.instance
    return checked


def _open(compact: str, key: jwk.JWK, instance: str) -> bytes:
    try:
        return decrypt(compact, key)
    except Exception:
        raise Rejected(Problem.ENCRYPTION_ISSUE, instance) from None


def _check(client: Client, checked: Checked, key: jwk.JWK) -> None:
    submission = checked.submission
    checked.tags["metadata"] = tag(submission["encryptedMetadata"])
    raw = _open(submission["encryptedMetadata"], key, Instance.METADATA)
    try:
        metadata = json.loads(raw)
    except ValueError:
        raise Rejected(Problem.SYNTAX_VIOLATION, Instance.METADATA) from None
    if not jsonschema.Draft202012Validator(METADATA_SCHEMA).is_valid(metadata):
        raise Rejected(Problem.SCHEMA_VIOLATION, Instance.METADATA)
    checked.metadata = metadata
    declared = metadata["publicServiceType"]["identifier"]
    if declared != submission["serviceType"]["identifier"]:
        raise Rejected(Problem.SERVICE_MISMATCH, Instance.METADATA)
    template = TEMPLATES.get(declared)
    if template is None:
        raise Rejected(Problem.SERVICE_MISMATCH, Instance.SUBMISSION)
    content = metadata["contentStructure"]
    described = {a["attachmentId"]: a for a in content["attachments"]}
    for attachment_id in described:
        if attachment_id not in submission["attachments"]:
            raise Rejected(Problem.MISSING_ATTACHMENT, Instance.attachment(attachment_id))
    if set(submission["attachments"]) - set(described):
        raise Rejected(Problem.ATTACHMENTS_MISMATCH, Instance.SUBMISSION)
    if "encryptedData" not in submission:
        raise Rejected(Problem.MISSING_DATA, Instance.DATA)
    checked.tags["data"] = tag(submission["encryptedData"])
    data = _open(submission["encryptedData"], key, Instance.DATA)
    if hashlib.sha512(data).hexdigest() != content["data"]["hash"]["content"]:
        raise Rejected(Problem.HASH_MISMATCH, Instance.DATA)
    try:
        form = json.loads(data)
    except ValueError:
        raise Rejected(Problem.SYNTAX_VIOLATION, Instance.DATA) from None
    if content["data"]["submissionSchema"]["schemaUri"] != protocol.submission_schema_uri(
        template["key"]
    ):
        raise Rejected(Problem.UNSUPPORTED_SCHEMA, Instance.DATA)
    for group in template["field_groups"]:
        for item in group["fields"]:
            if item.get("required") and item["key"] not in form.get(group["key"], {}):
                raise Rejected(Problem.SCHEMA_VIOLATION, Instance.DATA)
    checked.form = form
    checked.tags["attachments"] = {}
    for attachment_id, description in described.items():
        instance = Instance.attachment(attachment_id)
        answer = client.get(
            f"/submissions/{submission['submissionId']}/attachments/{attachment_id}"
        )
        if answer.status_code == 404:
            raise Rejected(Problem.MISSING_ATTACHMENT, instance)
        answer.raise_for_status()
        assert answer.headers["Content-Type"] == protocol.JOSE_MEDIA_TYPE
        checked.tags["attachments"][attachment_id] = tag(answer.text)
        body = _open(answer.text, key, instance)
        if hashlib.sha512(body).hexdigest() != description["hash"]["content"]:
            raise Rejected(Problem.HASH_MISMATCH, instance)
        checked.files[attachment_id] = body
    channels = list(metadata.get("replyChannel", {}))
    if channels and channels[0] not in protocol.SUPPORTED_REPLY_CHANNELS:
        raise Rejected(Problem.UNSUPPORTED_REPLY_CHANNEL, Instance.METADATA)
