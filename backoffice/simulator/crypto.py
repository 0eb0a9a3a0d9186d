"""JOSE for the simulator: RSA-4096 keys, compact JWE and PS512-signed security event tokens.

Encryption and signing go through jwcrypto. Decryption (of replies) is done here with the
primitives directly, because what a sender may send is wider than jwcrypto's defaults: a
``zip: DEF`` payload is inflated up to ``protocol.MAX_DECOMPRESSED_BYTES`` (jwcrypto refuses
compressed input above 256 KiB), and no further.
"""

from __future__ import annotations

import base64
import binascii
import json
import random
import zlib
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from jwcrypto import jwe, jwk, jws

from backoffice.portal import protocol


class JoseError(Exception):
    """A token or key that is malformed, unsupported or does not verify."""


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise JoseError(f"not base64url: {exc}") from None


# -- keys -----------------------------------------------------------------------------------------


def generate_rsa(bits: int = protocol.RSA_BITS) -> jwk.JWK:
    key = jwk.JWK.generate(kty="RSA", size=bits)
    key.update(kid=key.thumbprint())
    return key


def public_jwk(key: jwk.JWK, *, key_ops: tuple[str, ...], alg: str) -> dict[str, Any]:
    """The public part with ``kid`` (RFC 7638 thumbprint), ``key_ops`` and ``alg``."""
    public = key.export_public(as_dict=True)
    return {
        "kty": "RSA",
        "n": public["n"],
        "e": public["e"],
        "kid": key.thumbprint(),
        "key_ops": list(key_ops),
        "alg": alg,
    }


def modulus_bits(key: Mapping[str, Any]) -> int:
    return int.from_bytes(b64url_decode(str(key.get("n", ""))), "big").bit_length()


_PRIVATE_MEMBERS = ("d", "p", "q", "dp", "dq", "qi", "oth")


def check_public_key(raw: Any, *, key_ops: tuple[str, ...], alg: str) -> jwk.JWK:
    """A public key a subscriber registers, or JoseError saying what is wrong with it."""
    if not isinstance(raw, dict):
        raise JoseError("a key must be a JSON object (JWK)")
    if raw.get("kty") != "RSA":
        raise JoseError("kty must be RSA")
    if any(member in raw for member in _PRIVATE_MEMBERS):
        raise JoseError("the key contains private key material; send the public key only")
    if sorted(raw.get("key_ops") or []) != sorted(key_ops):
        raise JoseError(f"key_ops must be {list(key_ops)}")
    if raw.get("alg") != alg:
        raise JoseError(f"alg must be {alg}")
    bits = modulus_bits(raw)
    if bits < protocol.RSA_BITS:
        raise JoseError(f"the modulus has {bits} bits; at least {protocol.RSA_BITS} are required")
    try:
        key = jwk.JWK(**raw)
    except Exception as exc:  # jwcrypto raises several types for a broken key
        raise JoseError(f"not a valid JWK: {exc}") from None
    if raw.get("kid") != key.thumbprint():
        raise JoseError("kid must be the RFC 7638 thumbprint (SHA-256) of the key")
    return key


@dataclass(frozen=True)
class SimulatorKeys:
    """The simulator's own key pairs; generate once and reuse (RSA-4096 takes about a second)."""

    signing: jwk.JWK
    reply: tuple[jwk.JWK, ...]
    stranger: jwk.JWK  # registered nowhere: "encrypted to the wrong key" faults

    @classmethod
    def generate(cls, reply_keys: int = 2) -> SimulatorKeys:
        with ThreadPoolExecutor(max_workers=2) as pool:
            signing = pool.submit(generate_rsa)
            replies = [pool.submit(generate_rsa) for _ in range(max(1, reply_keys))]
            stranger = pool.submit(generate_rsa, 2048)
            return cls(signing.result(), tuple(r.result() for r in replies), stranger.result())

    def jwks(self) -> dict[str, Any]:
        return {
            "keys": [
                public_jwk(self.signing, key_ops=protocol.SIGNATURE_KEY_OPS, alg=protocol.JWS_ALG)
            ]
        }


# -- JWE ------------------------------------------------------------------------------------------


def encrypt(
    plaintext: bytes, key: jwk.JWK, *, kid: str, cty: str | None = None, compress: bool = False
) -> str:
    header: dict[str, Any] = {"alg": protocol.JWE_ALG, "enc": protocol.JWE_ENC, "kid": kid}
    if cty:
        header["cty"] = cty
    if compress:
        header["zip"] = "DEF"
    token = jwe.JWE(plaintext, protected=json.dumps(header))
    token.add_recipient(key)
    return str(token.serialize(compact=True))


def jwe_header(compact: str) -> dict[str, Any]:
    parts = compact.split(".")
    if len(parts) != 5:
        raise JoseError("a compact JWE has five parts")
    try:
        header = json.loads(b64url_decode(parts[0]))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise JoseError("the JWE header is not JSON") from None
    if not isinstance(header, dict):
        raise JoseError("the JWE header is not an object")
    return header


def decrypt(
    compact: str,
    keys: Mapping[str, jwk.JWK],
    max_bytes: int = protocol.MAX_DECOMPRESSED_BYTES,
) -> bytes:
    """Plaintext of a compact JWE (RSA-OAEP-256/A256GCM, optionally ``zip: DEF``)."""
    header = jwe_header(compact)
    if header.get("alg") != protocol.JWE_ALG or header.get("enc") != protocol.JWE_ENC:
        raise JoseError(f"unsupported alg/enc {header.get('alg')}/{header.get('enc')}")
    key = keys.get(str(header.get("kid")))
    if key is None:
        raise JoseError(f"no key with kid {header.get('kid')!r}")
    protected, encrypted_key, iv, ciphertext, tag = compact.split(".")
    try:
        private = key.get_op_key("unwrapKey")
        if not isinstance(private, rsa.RSAPrivateKey):
            raise JoseError(f"the key {header.get('kid')!r} is not a private RSA key")
        cek = private.decrypt(
            b64url_decode(encrypted_key),
            padding.OAEP(padding.MGF1(hashes.SHA256()), hashes.SHA256(), None),
        )
        plain = AESGCM(cek).decrypt(
            b64url_decode(iv),
            b64url_decode(ciphertext) + b64url_decode(tag),
            protected.encode("ascii"),
        )
    except (ValueError, InvalidTag) as exc:
        raise JoseError(f"decryption failed: {exc.__class__.__name__}") from None
    zip_alg = header.get("zip")
    if zip_alg is None:
        return plain
    if zip_alg != "DEF":
        raise JoseError(f"unsupported zip {zip_alg!r}")
    inflater = zlib.decompressobj(wbits=-zlib.MAX_WBITS)
    try:
        out = inflater.decompress(plain, max_bytes)
    except zlib.error as exc:
        raise JoseError(f"broken DEFLATE data: {exc}") from None
    if inflater.unconsumed_tail or not inflater.eof:
        raise JoseError(f"decompressed payload exceeds {max_bytes} bytes or is incomplete")
    return out


def tag_of(compact: str) -> str:
    """The authentication tag: the last segment of a compact JWE."""
    return compact.rsplit(".", 1)[-1]


def garbage_jwe(rng: random.Random, *, kid: str, cty: str | None = None) -> str:
    """Five well-formed segments around random bytes: parses, never decrypts."""
    header: dict[str, Any] = {"alg": protocol.JWE_ALG, "enc": protocol.JWE_ENC, "kid": kid}
    if cty:
        header["cty"] = cty
    return ".".join(
        [
            b64url(json.dumps(header).encode()),
            b64url(rng.randbytes(512)),
            b64url(rng.randbytes(12)),
            b64url(rng.randbytes(rng.randrange(64, 2048))),
            b64url(rng.randbytes(16)),
        ]
    )


# -- security event tokens -----------------------------------------------------------------------


def sign_set(claims: Mapping[str, Any], key: jwk.JWK) -> str:
    header = {"typ": protocol.SET_TYPE, "alg": protocol.JWS_ALG, "kid": key.thumbprint()}
    token = jws.JWS(json.dumps(claims, ensure_ascii=False).encode("utf-8"))
    token.add_signature(key, None, json.dumps(header))
    return str(token.serialize(compact=True))


def verify_set(token: str, keys: Mapping[str, jwk.JWK]) -> dict[str, Any]:
    """The claims of a SET whose header and PS512 signature check out against ``keys``."""
    parts = token.split(".")
    if len(parts) != 3 or not all(parts):
        raise JoseError("a signed SET is a compact JWS with three non-empty parts")
    try:
        header = json.loads(b64url_decode(parts[0]))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise JoseError("the JWS header is not JSON") from None
    if not isinstance(header, dict):
        raise JoseError("the JWS header is not an object")
    if header.get("typ") != protocol.SET_TYPE:
        raise JoseError(f"typ must be {protocol.SET_TYPE}")
    if header.get("alg") != protocol.JWS_ALG:
        raise JoseError(f"alg must be {protocol.JWS_ALG}")
    key = keys.get(str(header.get("kid")))
    if key is None:
        raise JoseError(f"kid {header.get('kid')!r} is not a registered signing key")
    verifier = jws.JWS()
    try:
        verifier.deserialize(token)
        verifier.verify(key, alg=protocol.JWS_ALG)
    except Exception:  # jwcrypto: InvalidJWSSignature, InvalidJWSObject, ValueError …
        raise JoseError("the signature does not verify") from None
    try:
        claims = json.loads(verifier.payload)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise JoseError("the SET payload is not JSON") from None
    if not isinstance(claims, dict):
        raise JoseError("the SET payload is not an object")
    return claims
