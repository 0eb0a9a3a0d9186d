"""JOSE for the subscriber: decrypt submissions, sign our decisions, verify the portal's events.

Decryption accepts exactly one profile: header ``alg`` ``RSA-OAEP-256``, ``enc`` ``A256GCM``,
``kid`` = our encryption key's id, optional ``zip: DEF``, no ``crit``. It is done here with the
``cryptography`` primitives rather than jwcrypto's ``JWE.decrypt``, for three reasons:

1. jwcrypto refuses any ``zip: DEF`` payload whose *compressed* size exceeds its module-global
   ``jwe.default_max_compressed_size`` (256 KiB) — a compressed attachment of a few hundred
   kilobytes would be rejected; raising the global would change it for every user of jwcrypto in
   the process. Our bound is on the *decompressed* size, explicit:
   ``protocol.MAX_DECOMPRESSED_BYTES``, enforced while inflating.
2. Memory: the ciphertext is decoded and decrypted in chunks, straight from the compact text
   (which for a large attachment stays in its download file, :class:`JweText`), so a 50 MB
   attachment is in memory as plaintext only (jwcrypto makes several whole copies: padded
   text, translated text, ciphertext bytes, plaintext).
3. jwcrypto treats an empty plaintext as a failure.

Signing (``PS512`` SETs), signature checks and encryption (for tests and replies) use jwcrypto.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import time
import uuid
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from jwcrypto import jwe, jwk, jws
from jwcrypto.common import JWException

from backoffice.domain import bounded_json
from backoffice.portal import protocol
from backoffice.portal.errors import PortalError, clean_text

_B64_CHUNK = 4 * 64 * 1024  # characters of base64url decoded at a time (a multiple of 4)
_INFLATE_CHUNK = 1024 * 1024
_HEADER_MAX = 16 * 1024
#: A sender's header is JSON of its own: flat, a few members (an ``epk`` or ``jwk`` nests one).
_HEADER_BOUNDS = bounded_json.Bounds(_HEADER_MAX, max_depth=8, max_items=1_000)
_B64URL = bytes.maketrans(b"-_", b"+/")


class JweText(Protocol):
    """A compact JWE's text: a ``str``, or text that stays in a file and is read by slices
    (:class:`backoffice.portal.http.SpooledText`, for large attachments)."""

    def __len__(self) -> int: ...

    def __getitem__(self, key: slice, /) -> str: ...

    def find(self, sub: str, start: int = 0, /) -> int: ...


class JoseError(PortalError):
    """A JOSE object failed a check; ``problem`` is the reject reason it stands for."""

    problem: protocol.Problem = protocol.Problem.ENCRYPTION_ISSUE


class DecryptionError(JoseError):
    """A JWE is malformed, not for our key, or its ciphertext does not authenticate."""


class UnexpectedHeader(DecryptionError):
    """The JWE header names another algorithm, encryption, key or an unknown extension."""


class DecompressionBomb(DecryptionError):
    """``zip: DEF`` content inflates beyond the bound (or is not valid deflate data)."""


class SetVerificationError(JoseError):
    """A Security Event Token has a bad signature, header or structure; never skipped."""


# -- base64url ----------------------------------------------------------------------------------


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str, what: str = "JWE part") -> bytes:
    """Strict base64url without padding (as JOSE writes it)."""
    if len(text) % 4 == 1 or "=" in text:
        raise DecryptionError(f"{what} is not valid base64url")
    try:
        raw = text.encode("ascii").translate(_B64URL)
        return binascii.a2b_base64(raw + b"=" * (-len(raw) % 4), strict_mode=True)
    except (UnicodeEncodeError, binascii.Error):
        raise DecryptionError(f"{what} is not valid base64url") from None


# -- decryption ---------------------------------------------------------------------------------


def dot_positions(compact: JweText) -> list[int] | None:
    """Positions of the four dots of a compact JWE, or None if it has not exactly four.

    ``str.find`` of one character is a memchr; ``str.count`` is a loop about 30 times slower, and
    an attachment's JWE is megabytes of text.
    """
    positions = []
    start = 0
    for _ in range(4):
        found = compact.find(".", start)
        if found < 0:
            return None
        positions.append(found)
        start = found + 1
    return positions if compact.find(".", start) < 0 else None


def _dots(compact: JweText) -> list[int]:
    """Positions of the four dots of a compact JWE (without splitting the big middle part)."""
    positions = dot_positions(compact)
    if positions is None:
        raise DecryptionError("not a compact JWE (it needs five dot-separated parts)")
    return positions


def read_header(compact: JweText) -> dict[str, Any]:
    """The protected header of a compact JWE or JWS, parsed (not checked)."""
    end = compact.find(".")
    if end < 1 or end > _HEADER_MAX:
        raise DecryptionError("the JOSE header is missing or too long")
    try:
        header = bounded_json.loads(b64url_decode(compact[:end], "JOSE header"), _HEADER_BOUNDS)
    except ValueError:  # JsonRejected (not JSON, or nested like no header is) too
        raise DecryptionError("the JOSE header is not JSON") from None
    if not isinstance(header, dict):
        raise DecryptionError("the JOSE header is not a JSON object")
    return header


def check_header(header: Mapping[str, Any], expected_kid: str) -> None:
    for name, expected in (("alg", protocol.JWE_ALG), ("enc", protocol.JWE_ENC)):
        if header.get(name) != expected:
            raise UnexpectedHeader(
                f"JWE header {name} is {clean_text(header.get(name), 40)!r}, expected {expected!r}"
            )
    if header.get("kid") != expected_kid:
        raise UnexpectedHeader(
            f"JWE is encrypted for key {clean_text(header.get('kid'), 60)!r}, "
            f"not for our key {expected_kid!r}"
        )
    if "crit" in header:
        raise UnexpectedHeader("JWE header has critical extensions (crit) we do not understand")
    if header.get("zip") not in (None, "DEF"):
        raise UnexpectedHeader(f"JWE compression {clean_text(header.get('zip'), 20)!r} unknown")


def decrypt(
    compact_jwe: JweText,
    private_key: jwk.JWK,
    expected_kid: str,
    *,
    max_plaintext: int = protocol.MAX_DECOMPRESSED_BYTES,
) -> bytes:
    """Check the header and decrypt; the plaintext is returned only once it authenticated.

    ``max_plaintext`` bounds the inflated size of ``zip: DEF`` content (decompression bombs).
    """
    dots = _dots(compact_jwe)
    header = read_header(compact_jwe)
    check_header(header, expected_kid)
    encrypted_key = b64url_decode(compact_jwe[dots[0] + 1 : dots[1]], "JWE encrypted key")
    iv = b64url_decode(compact_jwe[dots[1] + 1 : dots[2]], "JWE initialisation vector")
    tag = b64url_decode(compact_jwe[dots[3] + 1 :], "JWE authentication tag")
    if len(iv) != 12 or len(tag) != 16:
        raise DecryptionError("JWE initialisation vector or tag has the wrong length for A256GCM")
    cek = _unwrap(encrypted_key, private_key)
    decryptor = Cipher(algorithms.AES(cek), modes.GCM(iv, tag)).decryptor()
    decryptor.authenticate_additional_data(compact_jwe[: dots[0]].encode("ascii"))
    out = io.BytesIO()
    start, end = dots[2] + 1, dots[3]
    if (end - start) % 4 == 1:
        raise DecryptionError("JWE ciphertext is not valid base64url")
    for position in range(start, end, _B64_CHUNK):
        piece = compact_jwe[position : min(position + _B64_CHUNK, end)]
        out.write(decryptor.update(b64url_decode(piece, "JWE ciphertext")))
    try:
        out.write(decryptor.finalize())
    except InvalidTag:
        raise DecryptionError(
            "JWE does not authenticate (altered, truncated or not encrypted for this key)"
        ) from None
    plaintext = out.getvalue()  # shares the buffer, no copy
    del out
    if header.get("zip") == "DEF":
        return inflate(plaintext, max_plaintext)
    return plaintext


def _unwrap(encrypted_key: bytes, private_key: jwk.JWK) -> bytes:
    try:
        key = private_key.get_op_key("unwrapKey")
    except JWException as exc:
        raise DecryptionError(f"our key cannot be used for decryption: {exc}") from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise DecryptionError("our decryption key is not an RSA private key")
    try:
        cek = key.decrypt(
            encrypted_key,
            padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None),
        )
    except ValueError:
        raise DecryptionError("JWE content key cannot be unwrapped with our key") from None
    if len(cek) != 32:
        raise DecryptionError("JWE content key has the wrong length for A256GCM")
    return cek


def inflate(data: bytes, limit: int) -> bytes:
    """Raw DEFLATE (RFC 1951) inflated to at most ``limit`` bytes, else DecompressionBomb."""
    inflater = zlib.decompressobj(wbits=-zlib.MAX_WBITS)
    out = io.BytesIO()
    produced = 0
    view = memoryview(data)
    try:
        for position in range(0, len(view), _INFLATE_CHUNK):
            pending: bytes | memoryview = view[position : position + _INFLATE_CHUNK]
            while pending:
                piece = inflater.decompress(pending, _INFLATE_CHUNK)
                produced += len(piece)
                if produced > limit:
                    raise DecompressionBomb(
                        f"compressed JWE content inflates beyond the {limit} bytes allowed"
                    )
                out.write(piece)
                pending = inflater.unconsumed_tail
    except zlib.error as exc:
        raise DecompressionBomb(
            f"compressed JWE content is not valid deflate data: {exc}"
        ) from None
    if not inflater.eof or inflater.unused_data:
        raise DecompressionBomb("compressed JWE content is truncated or has trailing data")
    return out.getvalue()


def authentication_tag(compact_jwe: JweText) -> str:
    """The last part of a compact JWE: what an accept event confirms."""
    return compact_jwe[_dots(compact_jwe)[3] + 1 :]


# -- encryption (tests, replies) ----------------------------------------------------------------


def encrypt(
    plaintext: bytes,
    public_key: jwk.JWK,
    *,
    cty: str | None = None,
    compress: bool = False,
    kid: str | None = None,
) -> str:
    """A compact JWE (RSA-OAEP-256 + A256GCM) for ``public_key``; ``kid`` defaults to its own."""
    header: dict[str, str] = {
        "alg": protocol.JWE_ALG,
        "enc": protocol.JWE_ENC,
        "kid": kid or public_key.get("kid") or public_key.thumbprint(),
    }
    if cty:
        header["cty"] = cty
    if compress:
        header["zip"] = "DEF"
    token = jwe.JWE(plaintext, protected=json.dumps(header))
    token.add_recipient(public_key)
    return str(token.serialize(compact=True))


# -- security event tokens ----------------------------------------------------------------------


@dataclass(frozen=True)
class Accept:
    """Accept a submission: the authentication tags of everything we decrypted."""

    metadata_tag: str
    data_tag: str | None
    attachment_tags: Mapping[str, str]

    event = protocol.Event.ACCEPT_SUBMISSION

    def payload(self) -> dict[str, Any]:
        tags: dict[str, Any] = {"metadata": self.metadata_tag}
        if self.data_tag is not None:
            tags["data"] = self.data_tag
        tags["attachments"] = dict(self.attachment_tags)
        return {"authenticationTags": tags}


@dataclass(frozen=True)
class RejectReason:
    """One problem of a rejection; ``instance`` from ``protocol.Instance``."""

    problem: protocol.Problem
    instance: str
    detail: str

    def to_json(self) -> dict[str, str]:
        return {
            "type": self.problem.uri,
            "title": protocol.PROBLEM_TITLES[self.problem],
            "detail": self.detail,
            "instance": self.instance,
        }


@dataclass(frozen=True)
class Reject:
    problems: Sequence[RejectReason]

    event = protocol.Event.REJECT_SUBMISSION

    def payload(self) -> dict[str, Any]:
        if not self.problems:
            raise ValueError("a rejection needs at least one problem")
        return {"problems": [p.to_json() for p in self.problems]}


def sign_set(
    signing_key: jwk.JWK,
    decision: Accept | Reject,
    *,
    destination_id: str,
    submission_id: str,
    case_id: str,
    schema: str = protocol.SET_SCHEMA,
    issued_at: int | None = None,
    jti: str | None = None,
) -> str:
    """Our decision as a compact, PS512-signed Security Event Token (PROTOCOL.md step 5)."""
    kid = signing_key.get("kid")
    if not kid:
        raise ValueError("the signing key has no kid")
    claims = {
        "$schema": schema,
        "jti": jti or str(uuid.uuid4()),
        "iss": destination_id,
        "iat": int(time.time()) if issued_at is None else issued_at,
        "sub": protocol.set_subject(submission_id),
        "txn": protocol.set_txn(case_id),
        "events": {str(decision.event): decision.payload()},
    }
    header = {"typ": protocol.SET_TYPE, "alg": protocol.JWS_ALG, "kid": kid}
    token = jws.JWS(json.dumps(claims, ensure_ascii=False, separators=(",", ":")).encode())
    token.add_signature(signing_key, alg=protocol.JWS_ALG, protected=json.dumps(header))
    return str(token.serialize(compact=True))


_REQUIRED_CLAIMS = {"jti": str, "iss": str, "iat": int, "sub": str, "txn": str, "events": dict}


def verify_set(token: str, jwks: jwk.JWKSet | Mapping[str, Any]) -> dict[str, Any]:
    """Check a SET's signature against ``jwks`` and its structure; return its claims.

    Header ``typ`` must be ``secevent+jwt``, ``alg`` ``PS512``, ``kid`` a key of the set; the
    claims need ``jti``, ``iss``, ``iat``, ``sub``, ``txn`` and exactly one event.
    """
    keys = jwks if isinstance(jwks, jwk.JWKSet) else _keyset(jwks)
    if not isinstance(token, str) or token.count(".") != 2:
        raise SetVerificationError("not a compact JWS (it needs three dot-separated parts)")
    try:
        header = read_header(token)
    except DecryptionError as exc:
        raise SetVerificationError(f"SET header unreadable: {exc}") from None
    if header.get("typ") != protocol.SET_TYPE:
        raise SetVerificationError(f"SET typ is {clean_text(header.get('typ'), 40)!r}")
    if header.get("alg") != protocol.JWS_ALG:
        raise SetVerificationError(f"SET alg is {clean_text(header.get('alg'), 40)!r}")
    if "crit" in header:
        raise SetVerificationError("SET header has critical extensions we do not understand")
    kid = header.get("kid")
    key = keys.get_key(kid) if isinstance(kid, str) else None
    if key is None or key.get("kty") != "RSA":
        raise SetVerificationError(f"SET signed with unknown key {clean_text(kid, 60)!r}")
    try:
        signed = jws.JWS()
        signed.deserialize(token)
        signed.verify(key, alg=protocol.JWS_ALG)
        claims = json.loads(signed.payload)
    except (JWException, ValueError, TypeError) as exc:
        raise SetVerificationError(f"SET signature invalid ({type(exc).__name__})") from None
    if not isinstance(claims, dict):
        raise SetVerificationError("SET claims are not a JSON object")
    for name, kind in _REQUIRED_CLAIMS.items():
        value = claims.get(name)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise SetVerificationError(f"SET claim {name!r} missing or of the wrong type")
    if len(claims["events"]) != 1:
        raise SetVerificationError("a SET must carry exactly one event")
    return claims


def set_event(claims: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """The one event of verified SET claims: its URI and its payload."""
    ((uri, payload),) = claims["events"].items()
    return uri, payload if isinstance(payload, dict) else {}


def _keyset(document: Mapping[str, Any]) -> jwk.JWKSet:
    try:
        return jwk.JWKSet.from_json(json.dumps(dict(document)))
    except (JWException, ValueError, TypeError) as exc:
        reason = clean_text(exc, 100) or type(exc).__name__
        raise SetVerificationError(f"the key set is not a valid JWKS: {reason}") from None
