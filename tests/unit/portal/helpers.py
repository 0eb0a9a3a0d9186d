"""Test helpers for the portal package: keys made once per process, raw JWEs built by hand."""

from __future__ import annotations

import base64
import functools
import json
import os
import zlib
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from jwcrypto import jwk

from backoffice.portal.keys import SubscriberKeys, generate_keys


@functools.cache
def session_keys() -> SubscriberKeys:
    """One RSA-4096 key set for the whole test run (generation takes seconds)."""
    return generate_keys()


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def seal(
    payload: bytes,
    public_key: jwk.JWK,
    header: dict[str, Any] | None = None,
    *,
    cek: bytes | None = None,
    iv: bytes | None = None,
) -> str:
    """A compact JWE built with the ``cryptography`` primitives only (independent of jwcrypto).

    ``payload`` is encrypted as given: for ``zip: DEF`` pass data compressed already.
    """
    protected = {"alg": "RSA-OAEP-256", "enc": "A256GCM", "kid": public_key["kid"]}
    protected.update(header or {})
    protected = {k: v for k, v in protected.items() if v is not None}
    header_b64 = b64(json.dumps(protected).encode())
    cek = cek or AESGCM.generate_key(bit_length=256)
    iv = iv or os.urandom(12)
    rsa_key = public_key.get_op_key("wrapKey")
    assert isinstance(rsa_key, rsa.RSAPublicKey)
    encrypted_key = rsa_key.encrypt(
        cek,
        padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None),
    )
    sealed = AESGCM(cek).encrypt(iv, payload, header_b64.encode("ascii"))
    ciphertext, tag = sealed[:-16], sealed[-16:]
    return ".".join([header_b64, b64(encrypted_key), b64(iv), b64(ciphertext), b64(tag)])


def deflate(data: bytes) -> bytes:
    """Raw DEFLATE, as JWE ``zip: DEF`` wants it."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


def zero_bomb(size: int) -> bytes:
    """Raw DEFLATE of ``size`` zero bytes, built without holding them in memory."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = bytes(1024 * 1024)
    parts = []
    for _ in range(size // len(block)):
        parts.append(compressor.compress(block))
    parts.append(compressor.compress(bytes(size % len(block))))
    parts.append(compressor.flush())
    return b"".join(parts)


def segments(compact: str) -> list[str]:
    return compact.split(".")


def header_of(compact: str) -> dict[str, Any]:
    part = compact.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
