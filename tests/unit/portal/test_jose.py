"""JWE decryption (header checks, bounds), authentication tags, Security Event Tokens."""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest
from jwcrypto import jwe as jwcrypto_jwe
from jwcrypto import jwk, jws

from backoffice.portal import jose, protocol
from backoffice.portal.keys import SubscriberKeys
from tests.unit.portal.helpers import b64, deflate, header_of, seal, segments, zero_bomb

# -- decryption ---------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, 15, 16, 17, 1000, 196_607, 196_608, 196_609, 2_000_003])
def test_round_trip_across_chunk_boundaries(subscriber_keys: SubscriberKeys, size: int) -> None:
    # 196 608 bytes of ciphertext are exactly one 262 144-character base64url chunk.
    plaintext = os.urandom(size)
    token = seal(plaintext, subscriber_keys.encryption_public())
    assert jose.decrypt(token, subscriber_keys.encryption, subscriber_keys.encryption_kid) == (
        plaintext
    )


def test_decrypts_what_jwcrypto_encrypts(subscriber_keys: SubscriberKeys) -> None:
    token = jose.encrypt(
        b'{"antrag": "Gewerbeanmeldung"}', subscriber_keys.encryption_public(), cty="json"
    )
    header = header_of(token)
    assert header == {
        "alg": "RSA-OAEP-256",
        "enc": "A256GCM",
        "kid": subscriber_keys.encryption_kid,
        "cty": "json",
    }
    plain = jose.decrypt(token, subscriber_keys.encryption, subscriber_keys.encryption_kid)
    assert plain == b'{"antrag": "Gewerbeanmeldung"}'


def test_jwcrypto_decrypts_what_the_test_sealer_builds(subscriber_keys: SubscriberKeys) -> None:
    """The hand-made JWEs of these tests are standard JWEs, not just ones we agree with."""
    token = seal(b"hallo", subscriber_keys.encryption_public())
    other = jwcrypto_jwe.JWE()
    other.deserialize(token, key=subscriber_keys.encryption)
    assert other.payload == b"hallo"


def test_compressed_round_trip(subscriber_keys: SubscriberKeys) -> None:
    plaintext = b"Musterstra\xc3\x9fe 1, 12345 Musterstadt\n" * 20_000
    token = jose.encrypt(plaintext, subscriber_keys.encryption_public(), compress=True)
    assert header_of(token)["zip"] == "DEF"
    assert len(token) < len(plaintext) / 10
    assert (
        jose.decrypt(token, subscriber_keys.encryption, subscriber_keys.encryption_kid) == plaintext
    )


def test_compressed_payload_above_jwcrypto_limit_is_accepted(
    subscriber_keys: SubscriberKeys,
) -> None:
    """jwcrypto refuses zip:DEF payloads whose compressed size exceeds 256 KiB; we do not."""
    plaintext = os.urandom(400_000)  # random data does not shrink: ~400 kB compressed
    token = seal(deflate(plaintext), subscriber_keys.encryption_public(), {"zip": "DEF"})
    with pytest.raises(Exception, match="Compressed data exceeds"):
        other = jwcrypto_jwe.JWE()
        other.deserialize(token, key=subscriber_keys.encryption)
    assert (
        jose.decrypt(token, subscriber_keys.encryption, subscriber_keys.encryption_kid) == plaintext
    )


def test_decompression_bomb_is_stopped_at_the_protocol_bound(
    subscriber_keys: SubscriberKeys,
) -> None:
    limit = protocol.MAX_DECOMPRESSED_BYTES
    bomb = zero_bomb(limit + 1024 * 1024)  # 65 MiB of zeros in ~65 kB
    assert len(bomb) < 100_000
    token = seal(bomb, subscriber_keys.encryption_public(), {"zip": "DEF"})
    with pytest.raises(jose.DecompressionBomb, match=str(limit)):
        jose.decrypt(token, subscriber_keys.encryption, subscriber_keys.encryption_kid)


def test_decompression_bound_is_exact(subscriber_keys: SubscriberKeys) -> None:
    payload = zero_bomb(1_000_000)
    token = seal(payload, subscriber_keys.encryption_public(), {"zip": "DEF"})
    keys = subscriber_keys
    assert jose.decrypt(token, keys.encryption, keys.encryption_kid, max_plaintext=1_000_000) == (
        bytes(1_000_000)
    )
    with pytest.raises(jose.DecompressionBomb):
        jose.decrypt(token, keys.encryption, keys.encryption_kid, max_plaintext=999_999)


@pytest.mark.parametrize(
    "payload",
    [b"not deflate at all", deflate(b"hello")[:-2], deflate(b"hello") + b"trailing"],
    ids=["garbage", "truncated", "trailing-data"],
)
def test_broken_deflate_is_rejected(subscriber_keys: SubscriberKeys, payload: bytes) -> None:
    token = seal(payload, subscriber_keys.encryption_public(), {"zip": "DEF"})
    with pytest.raises(jose.DecompressionBomb):
        jose.decrypt(token, subscriber_keys.encryption, subscriber_keys.encryption_kid)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ({"alg": "RSA-OAEP"}, "alg"),
        ({"alg": "RSA1_5"}, "alg"),
        ({"alg": "dir"}, "alg"),
        ({"alg": None}, "alg"),
        ({"enc": "A128GCM"}, "enc"),
        ({"enc": "A256CBC-HS512"}, "enc"),
        ({"kid": "somebody-else"}, "not for our key"),
        ({"kid": None}, "not for our key"),
        ({"crit": ["exp"], "exp": 1}, "crit"),
        ({"zip": "GZIP"}, "compression"),
    ],
)
def test_unexpected_headers_are_rejected(
    subscriber_keys: SubscriberKeys, header: dict, message: str
) -> None:
    token = seal(b"{}", subscriber_keys.encryption_public(), header)
    with pytest.raises(jose.UnexpectedHeader, match=message):
        jose.decrypt(token, subscriber_keys.encryption, subscriber_keys.encryption_kid)


def test_rejection_maps_to_encryption_issue(subscriber_keys: SubscriberKeys) -> None:
    token = seal(b"{}", subscriber_keys.encryption_public(), {"enc": "A128GCM"})
    with pytest.raises(jose.JoseError) as caught:
        jose.decrypt(token, subscriber_keys.encryption, subscriber_keys.encryption_kid)
    assert caught.value.problem is protocol.Problem.ENCRYPTION_ISSUE


def _tamper(token: str, index: int) -> str:
    parts = segments(token)
    raw = bytearray(jose.b64url_decode(parts[index]))
    raw[len(raw) // 2] ^= 0x01
    parts[index] = b64(bytes(raw))
    return ".".join(parts)


@pytest.mark.parametrize("index", [1, 2, 3, 4], ids=["key", "iv", "ciphertext", "tag"])
def test_tampering_is_detected(subscriber_keys: SubscriberKeys, index: int) -> None:
    token = seal(b'{"betrag": 100}', subscriber_keys.encryption_public())
    with pytest.raises(jose.DecryptionError):
        jose.decrypt(
            _tamper(token, index), subscriber_keys.encryption, subscriber_keys.encryption_kid
        )


def test_altered_header_fails_authentication(subscriber_keys: SubscriberKeys) -> None:
    token = seal(b"{}", subscriber_keys.encryption_public(), {"cty": "json"})
    parts = segments(token)
    header = header_of(token) | {"cty": "xml"}
    parts[0] = b64(json.dumps(header).encode())
    with pytest.raises(jose.DecryptionError, match="authenticate"):
        jose.decrypt(".".join(parts), subscriber_keys.encryption, subscriber_keys.encryption_kid)


def test_another_key_cannot_decrypt(subscriber_keys: SubscriberKeys) -> None:
    stranger = jwk.JWK.generate(kty="RSA", size=2048)
    public = jwk.JWK(**stranger.export_public(as_dict=True), kid=subscriber_keys.encryption_kid)
    token = seal(b"{}", public)  # claims our kid, but is for another key
    with pytest.raises(jose.DecryptionError, match="unwrapped"):
        jose.decrypt(token, subscriber_keys.encryption, subscriber_keys.encryption_kid)


def test_signing_key_is_refused_for_decryption(subscriber_keys: SubscriberKeys) -> None:
    token = seal(b"{}", subscriber_keys.encryption_public())
    with pytest.raises(jose.DecryptionError, match="cannot be used for decryption"):
        jose.decrypt(token, subscriber_keys.signing, subscriber_keys.encryption_kid)


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t.rsplit(".", 1)[0],
        lambda t: t + ".x",
        lambda t: "!!!" + t,
        lambda t: ".".join(p if i != 3 else p + "=" for i, p in enumerate(t.split("."))),
        lambda t: ".".join(p if i != 2 else b64(b"short") for i, p in enumerate(t.split("."))),
        lambda t: ".".join(p if i != 3 else p + "a" * 5 for i, p in enumerate(t.split("."))),
        lambda t: b64(b"[1, 2]") + t[t.index(".") :],
        lambda t: "",
    ],
    ids=["4-parts", "6-parts", "bad-header", "padding", "short-iv", "bad-length", "array", "empty"],
)
def test_malformed_jwe_is_rejected(
    subscriber_keys: SubscriberKeys, mangle: Callable[[str], str]
) -> None:
    token = seal(b"{}", subscriber_keys.encryption_public())
    with pytest.raises(jose.DecryptionError):
        jose.decrypt(mangle(token), subscriber_keys.encryption, subscriber_keys.encryption_kid)


def test_authentication_tag_is_the_last_segment(subscriber_keys: SubscriberKeys) -> None:
    token = seal(b"x", subscriber_keys.encryption_public())
    assert jose.authentication_tag(token) == segments(token)[4]
    assert len(jose.b64url_decode(jose.authentication_tag(token))) == 16
    with pytest.raises(jose.DecryptionError):
        jose.authentication_tag("a.b.c")


# -- security event tokens ----------------------------------------------------------------------

DESTINATION = "8b4a9fd1-2a55-4c8a-9a6f-2a3f9c9d0e11"
SUBMISSION = "0f5e5b87-3a43-4a3c-bb8e-0b5f4f1a7c22"
CASE = "b2c7a1e0-55d1-4b8c-8f0e-6a1d2c3b4e33"
ATTACHMENT = "4c1d2e3f-5a6b-4c7d-8e9f-0a1b2c3d4e44"

# PROTOCOL.md step 5, as a JSON schema: the exact claim set, one event, the payloads.
_TAG = {"type": "string", "pattern": "^[A-Za-z0-9_-]+$"}
SET_CLAIMS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["$schema", "jti", "iss", "iat", "sub", "txn", "events"],
    "properties": {
        "$schema": {"const": protocol.SET_SCHEMA},
        "jti": {"type": "string", "format": "uuid"},
        "iss": {"const": DESTINATION},
        "iat": {"type": "integer"},
        "sub": {"const": f"submission:{SUBMISSION}"},
        "txn": {"const": f"case:{CASE}"},
        "events": {
            "type": "object",
            "minProperties": 1,
            "maxProperties": 1,
            "properties": {
                protocol.Event.ACCEPT_SUBMISSION: {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["authenticationTags"],
                    "properties": {
                        "authenticationTags": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["metadata", "attachments"],
                            "properties": {
                                "metadata": _TAG,
                                "data": _TAG,
                                "attachments": {"type": "object", "additionalProperties": _TAG},
                            },
                        }
                    },
                },
                protocol.Event.REJECT_SUBMISSION: {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["problems"],
                    "properties": {
                        "problems": {
                            "type": "array",
                            "minItems": 1,
                            "items": {
                                "type": "object",
                                "additionalProperties": False,
                                "required": ["type", "title", "detail", "instance"],
                                "properties": {
                                    "type": {"enum": [p.uri for p in protocol.Problem]},
                                    "title": {"type": "string", "minLength": 1},
                                    "detail": {"type": "string"},
                                    "instance": {
                                        "type": "string",
                                        "pattern": "^(metadata|data|submission|attachment:.+)$",
                                    },
                                },
                            },
                        }
                    },
                },
            },
            "additionalProperties": False,
        },
    },
}


def _claims_of(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(jose.b64url_decode(payload))


def _validate_claims(claims: dict) -> None:
    jsonschema.validate(
        claims, SET_CLAIMS_SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _sign(keys: SubscriberKeys, decision: jose.Accept | jose.Reject, **extra: Any) -> str:
    return jose.sign_set(
        keys.signing,
        decision,
        destination_id=DESTINATION,
        submission_id=SUBMISSION,
        case_id=CASE,
        **extra,
    )


def test_accept_set_follows_the_protocol(subscriber_keys: SubscriberKeys) -> None:
    decision = jose.Accept("tagM", "tagD", {ATTACHMENT: "tagA"})
    token = _sign(subscriber_keys, decision, issued_at=1_760_000_000)
    assert header_of(token) == {
        "typ": "secevent+jwt",
        "alg": "PS512",
        "kid": subscriber_keys.signing_kid,
    }
    claims = _claims_of(token)
    _validate_claims(claims)
    assert uuid.UUID(claims["jti"]).version == 4
    assert claims["iat"] == 1_760_000_000
    assert claims["events"] == {
        protocol.Event.ACCEPT_SUBMISSION: {
            "authenticationTags": {
                "metadata": "tagM",
                "data": "tagD",
                "attachments": {ATTACHMENT: "tagA"},
            }
        }
    }


def test_accept_without_data(subscriber_keys: SubscriberKeys) -> None:
    claims = _claims_of(_sign(subscriber_keys, jose.Accept("tagM", None, {})))
    _validate_claims(claims)
    tags = claims["events"][protocol.Event.ACCEPT_SUBMISSION]["authenticationTags"]
    assert tags == {"metadata": "tagM", "attachments": {}}


def test_reject_set_follows_the_protocol(subscriber_keys: SubscriberKeys) -> None:
    decision = jose.Reject(
        [
            jose.RejectReason(
                protocol.Problem.HASH_MISMATCH,
                protocol.Instance.attachment(ATTACHMENT),
                "SHA-512 der Anlage stimmt nicht",
            ),
            jose.RejectReason(
                protocol.Problem.SCHEMA_VIOLATION, protocol.Instance.METADATA, "$.x: fehlt"
            ),
        ]
    )
    claims = _claims_of(_sign(subscriber_keys, decision))
    _validate_claims(claims)
    problems = claims["events"][protocol.Event.REJECT_SUBMISSION]["problems"]
    assert problems[0] == {
        "type": "https://schema.fitko.de/fit-connect/events/problems/hash-mismatch",
        "title": "Prüfsumme stimmt nicht",
        "detail": "SHA-512 der Anlage stimmt nicht",
        "instance": f"attachment:{ATTACHMENT}",
    }


def test_reject_needs_a_problem(subscriber_keys: SubscriberKeys) -> None:
    with pytest.raises(ValueError, match="at least one"):
        _sign(subscriber_keys, jose.Reject([]))


def test_every_set_has_a_new_jti(subscriber_keys: SubscriberKeys) -> None:
    decision = jose.Accept("m", None, {})
    jtis = {_claims_of(_sign(subscriber_keys, decision))["jti"] for _ in range(5)}
    assert len(jtis) == 5


def test_schema_uri_is_configurable(subscriber_keys: SubscriberKeys) -> None:
    token = _sign(subscriber_keys, jose.Accept("m", None, {}), schema="urn:example:set:2.0")
    assert _claims_of(token)["$schema"] == "urn:example:set:2.0"


def test_verify_set_returns_claims(subscriber_keys: SubscriberKeys) -> None:
    token = _sign(subscriber_keys, jose.Accept("m", "d", {}))
    claims = jose.verify_set(token, subscriber_keys.export_public_jwks())
    assert claims["sub"] == f"submission:{SUBMISSION}"
    uri, payload = jose.set_event(claims)
    assert uri == protocol.Event.ACCEPT_SUBMISSION
    assert payload["authenticationTags"]["data"] == "d"
    keyset = jwk.JWKSet()
    keyset.add(subscriber_keys.signing_public())
    assert jose.verify_set(token, keyset) == claims


def _raw_set(key: jwk.JWK, header: dict, claims: dict) -> str:
    token = jws.JWS(json.dumps(claims).encode())
    token.add_signature(key, alg=header.get("alg", "PS512"), protected=json.dumps(header))
    return token.serialize(compact=True)


def _good_claims() -> dict:
    return {
        "$schema": protocol.SET_SCHEMA,
        "jti": str(uuid.uuid4()),
        "iss": DESTINATION,
        "iat": 1_760_000_000,
        "sub": f"submission:{SUBMISSION}",
        "txn": f"case:{CASE}",
        "events": {protocol.Event.SUBMIT_SUBMISSION: {}},
    }


@pytest.mark.parametrize(
    ("header_change", "claims_change", "message"),
    [
        ({"typ": "JWT"}, {}, "typ"),
        ({"typ": None}, {}, "typ"),
        ({"alg": "RS512"}, {}, "alg"),
        ({"kid": "unknown-kid"}, {}, "unknown key"),
        ({"crit": ["b64"], "b64": True}, {}, "critical"),
        ({}, {"events": {}}, "exactly one event"),
        (
            {},
            {
                "events": {
                    protocol.Event.ACCEPT_SUBMISSION: {},
                    protocol.Event.SUBMIT_SUBMISSION: {},
                }
            },
            "exactly one event",
        ),
        ({}, {"jti": None}, "jti"),
        ({}, {"iat": "yesterday"}, "iat"),
        ({}, {"iat": True}, "iat"),
        ({}, {"sub": None}, "sub"),
    ],
)
def test_verify_set_rejects(
    subscriber_keys: SubscriberKeys, header_change: dict, claims_change: dict, message: str
) -> None:
    header = {"typ": "secevent+jwt", "alg": "PS512", "kid": subscriber_keys.signing_kid}
    header = {k: v for k, v in (header | header_change).items() if v is not None}
    claims = {k: v for k, v in (_good_claims() | claims_change).items() if v is not None}
    token = _raw_set(subscriber_keys.signing, header, claims)
    with pytest.raises(jose.SetVerificationError, match=message):
        jose.verify_set(token, subscriber_keys.export_public_jwks())


def test_verify_set_detects_a_changed_payload(subscriber_keys: SubscriberKeys) -> None:
    token = _sign(subscriber_keys, jose.Accept("m", None, {}))
    header, payload, signature = token.split(".")
    claims = json.loads(jose.b64url_decode(payload)) | {"iss": "someone-else"}
    forged = ".".join([header, b64(json.dumps(claims).encode()), signature])
    with pytest.raises(jose.SetVerificationError, match="signature"):
        jose.verify_set(forged, subscriber_keys.export_public_jwks())


def test_verify_set_detects_another_signer_with_our_kid(subscriber_keys: SubscriberKeys) -> None:
    impostor = jwk.JWK.generate(kty="RSA", size=2048)
    header = {"typ": "secevent+jwt", "alg": "PS512", "kid": subscriber_keys.signing_kid}
    token = _raw_set(impostor, header, _good_claims())
    with pytest.raises(jose.SetVerificationError, match="signature"):
        jose.verify_set(token, subscriber_keys.export_public_jwks())


@pytest.mark.parametrize("token", ["", "a.b", "a.b.c.d", "x.y.z"])
def test_verify_set_rejects_garbage(subscriber_keys: SubscriberKeys, token: str) -> None:
    with pytest.raises(jose.SetVerificationError):
        jose.verify_set(token, subscriber_keys.export_public_jwks())


def test_verify_set_rejects_a_broken_key_set() -> None:
    with pytest.raises(jose.SetVerificationError, match="key set"):
        jose.verify_set("a.b.c", {"keys": [{"kty": "RSA", "n": "@@", "e": "AQAB"}]})


def test_signature_is_ps512_by_our_key(subscriber_keys: SubscriberKeys) -> None:
    token = _sign(subscriber_keys, jose.Accept("m", None, {}))
    check = jws.JWS()
    check.deserialize(token)
    check.verify(subscriber_keys.signing_public(), alg="PS512")
    assert re.fullmatch(r"[A-Za-z0-9_-]+", token.split(".")[2])


def test_a_header_nested_a_thousand_levels_is_refused_not_a_crash() -> None:
    deep = jose.b64url_encode(b"[" * 5_000 + b"]" * 5_000)
    with pytest.raises(jose.DecryptionError, match="not JSON"):
        jose.read_header(deep + ".k.iv.c.t")
