"""JWE with and without DEFLATE (bounded), SET signatures, registered-key checks."""

from __future__ import annotations

import json
import random

import pytest
from jwcrypto import jwk

from backoffice.portal import protocol
from backoffice.simulator.crypto import (
    JoseError,
    check_public_key,
    decrypt,
    encrypt,
    garbage_jwe,
    jwe_header,
    public_jwk,
    sign_set,
    tag_of,
    verify_set,
)


def keys(key: jwk.JWK) -> dict[str, jwk.JWK]:
    return {key.thumbprint(): key}


@pytest.mark.parametrize("compress", [False, True])
def test_round_trip(rsa_key: jwk.JWK, compress: bool) -> None:
    plain = random.Random(1).randbytes(400_000)  # compressed, still above jwcrypto's 256 KiB
    token = encrypt(plain, rsa_key, kid=rsa_key.thumbprint(), cty="x/y", compress=compress)
    header = jwe_header(token)
    assert header["cty"] == "x/y" and ("zip" in header) == compress
    assert decrypt(token, keys(rsa_key)) == plain
    assert tag_of(token) == token.split(".")[4]


def test_decompression_is_bounded(rsa_key: jwk.JWK) -> None:
    token = encrypt(b"\0" * 2_000_000, rsa_key, kid=rsa_key.thumbprint(), compress=True)
    assert len(token) < 10_000
    with pytest.raises(JoseError, match="exceeds"):
        decrypt(token, keys(rsa_key), max_bytes=1_000_000)
    assert len(decrypt(token, keys(rsa_key), max_bytes=2_000_000)) == 2_000_000


def test_what_does_not_decrypt(rsa_key: jwk.JWK, small_key: jwk.JWK) -> None:
    kid = rsa_key.thumbprint()
    with pytest.raises(JoseError):
        decrypt(garbage_jwe(random.Random(1), kid=kid), keys(rsa_key))
    with pytest.raises(JoseError):
        decrypt(encrypt(b"x", small_key, kid=kid), keys(rsa_key))
    with pytest.raises(JoseError, match="no key"):
        decrypt(encrypt(b"x", rsa_key, kid="other"), keys(rsa_key))
    with pytest.raises(JoseError, match="five"):
        decrypt("a.b.c", keys(rsa_key))


def test_sets(rsa_key: jwk.JWK, small_key: jwk.JWK) -> None:
    token = sign_set({"iss": "x", "events": {}}, rsa_key)
    assert verify_set(token, keys(rsa_key)) == {"iss": "x", "events": {}}
    with pytest.raises(JoseError, match="registered"):
        verify_set(token, keys(small_key))
    forged = sign_set({"iss": "x"}, small_key)
    with pytest.raises(JoseError):
        verify_set(forged, {rsa_key.thumbprint(): small_key, small_key.thumbprint(): rsa_key})
    header, payload, signature = token.split(".")
    with pytest.raises(JoseError, match="signature"):
        verify_set(f"{header}.{payload}x.{signature}", keys(rsa_key))


def test_registered_keys_are_checked(rsa_key: jwk.JWK, small_key: jwk.JWK) -> None:
    good = public_jwk(rsa_key, key_ops=("wrapKey",), alg=protocol.JWE_ALG)
    assert (
        check_public_key(good, key_ops=("wrapKey",), alg=protocol.JWE_ALG).thumbprint()
        == (good["kid"])
    )
    small = public_jwk(small_key, key_ops=("wrapKey",), alg=protocol.JWE_ALG)
    private = {**json.loads(rsa_key.export_private()), **good}
    for bad, reason in (
        (small, "bits"),
        ({**good, "kid": "x"}, "thumbprint"),
        ({**good, "key_ops": ["wrapKey", "encrypt"]}, "key_ops"),
        ({**good, "kty": "EC"}, "kty"),
        (private, "private"),
        ("not a key", "JSON object"),
    ):
        with pytest.raises(JoseError, match=reason):
            check_public_key(bad, key_ops=("wrapKey",), alg=protocol.JWE_ALG)
