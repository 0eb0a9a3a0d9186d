"""The subscriber's key pairs: generated here, kept in one encrypted file, never sent anywhere.

Two RSA-4096 pairs (PROTOCOL.md "Identities and keys"): an *encryption* key (``RSA-OAEP-256``;
public ``key_ops ["wrapKey"]``, private ``["unwrapKey"]``, ``use enc``) and a *signing* key
(``PS512``; ``["verify"]`` / ``["sign"]``, ``use sig``). Each ``kid`` is the key's RFC 7638
thumbprint (SHA-256, base64url).

Key file (``<keys folder>/subscriber-keys.jwe``, mode 0600): a compact JWE,
``alg PBES2-HS512+A256KW``, ``enc A256GCM``, whose plaintext is the JSON document
``{"format", "version", "created", "encryption": <private JWK>, "signing": <private JWK>}``. Its
passphrase is 256 random bits (43 base64url characters) kept only in the OS keyring, under the
username ``key-file:<id>``, where ``<id>`` is the JWE header's ``kid``. Why not the private JWKs in
the keyring directly: Windows Credential Manager holds at most 2,560 bytes per secret, and one
4096-bit private JWK is larger. Why a JWE: one self-describing file, authenticated (any change
to it is detected), readable with any JOSE library given the passphrase. The PBKDF2 count is
jwcrypto's accepted maximum (16,384): with a random 256-bit passphrase the count adds nothing.

Replacing keys never destroys the old ones: the old file is renamed (``…-replaced-<time>.jwe``)
and its passphrase stays in the keyring under its own id, so submissions still encrypted for the
old key can be rescued. The new passphrase is stored before the new file replaces the old one,
so a crash leaves either the old or the new keys usable.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from jwcrypto import jwe, jwk
from jwcrypto.common import JWException

from backoffice.portal import protocol
from backoffice.portal.credentials import KEY_FILE_USER_PREFIX, SecretStore
from backoffice.portal.errors import PortalError

KEY_FILE_NAME = "subscriber-keys.jwe"
FILE_FORMAT = "rathaus-backoffice-subscriber-keys"
FILE_VERSION = 1
FILE_ALG = "PBES2-HS512+A256KW"
FILE_ENC = "A256GCM"
PBKDF2_ITERATIONS = 16384  # jwcrypto refuses more on decryption

_PRIVATE_RSA = ("n", "e", "d", "p", "q", "dp", "dq", "qi")
_PUBLIC_RSA = ("n", "e")


class KeyFileError(PortalError):
    """Base of the key-file errors."""


class KeysMissing(KeyFileError):
    """There is no key file yet."""


class KeysExist(KeyFileError):
    """Keys exist already and overwriting was not asked for."""


class KeyFileCorrupt(KeyFileError):
    """The key file cannot be read, is not ours, or does not hold what it should."""


class PassphraseMissing(KeyFileError):
    """The keyring has no passphrase for the key file."""


@dataclass(frozen=True)
class SubscriberKeys:
    """Both private keys. ``encryption`` and ``signing`` are jwcrypto JWKs with private parts."""

    encryption: jwk.JWK
    signing: jwk.JWK
    created: str

    @property
    def encryption_kid(self) -> str:
        return str(self.encryption["kid"])

    @property
    def signing_kid(self) -> str:
        return str(self.signing["kid"])

    def encryption_public(self) -> jwk.JWK:
        return jwk.JWK(**_public(self.encryption, ["wrapKey"]))

    def signing_public(self) -> jwk.JWK:
        return jwk.JWK(**_public(self.signing, ["verify"]))

    def export_public_jwks(self) -> dict[str, Any]:
        """The two public keys as a JWKS, ready to register at a destination."""
        return {"keys": [_public(self.encryption, ["wrapKey"]), _public(self.signing, ["verify"])]}

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FILE_FORMAT,
            "version": FILE_VERSION,
            "created": self.created,
            "encryption": dict(self.encryption.export_private(as_dict=True)),
            "signing": dict(self.signing.export_private(as_dict=True)),
        }


def export_public_jwks(keys: SubscriberKeys) -> dict[str, Any]:
    return keys.export_public_jwks()


def thumbprint(key: jwk.JWK) -> str:
    """RFC 7638 thumbprint, SHA-256, base64url: our ``kid``."""
    return str(key.thumbprint(hashes.SHA256()))


def _public(key: jwk.JWK, ops: list[str]) -> dict[str, Any]:
    document = {name: key[name] for name in ("kty", *_PUBLIC_RSA)}
    document.update(kid=key["kid"], alg=key["alg"], use=key["use"], key_ops=ops)
    return document


def _make(raw: jwk.JWK, alg: str, use: str, ops: list[str]) -> jwk.JWK:
    document = {name: raw[name] for name in ("kty", *_PRIVATE_RSA)}
    document.update(kid=thumbprint(raw), alg=alg, use=use, key_ops=ops)
    key = jwk.JWK(**document)
    # Made by cryptography a moment ago: re-validating it (a primality test holding the GIL
    # for ~0.25 s) at its first use would only stall the window, as for keys we load below.
    key.unsafe_skip_rsa_key_validation = True
    return key


def generate_keys() -> SubscriberKeys:
    """Two fresh RSA-4096 pairs (takes a few seconds)."""
    encryption = jwk.JWK.generate(kty="RSA", size=protocol.RSA_BITS)
    signing = jwk.JWK.generate(kty="RSA", size=protocol.RSA_BITS)
    return SubscriberKeys(
        encryption=_make(encryption, protocol.JWE_ALG, "enc", ["unwrapKey"]),
        signing=_make(signing, protocol.JWS_ALG, "sig", ["sign"]),
        created=datetime.now(UTC).isoformat(timespec="seconds"),
    )


class KeyStore:
    """The key file of one installation and its passphrase in the keyring."""

    def __init__(self, keys_dir: Path, secrets_store: SecretStore) -> None:
        self.keys_dir = Path(keys_dir)
        self.path = self.keys_dir / KEY_FILE_NAME
        self._secrets = secrets_store

    def exists(self) -> bool:
        return self.path.exists()

    def ensure_absent(self) -> None:
        """Raise KeysExist when there are keys already."""
        if self.exists():
            raise KeysExist(
                f"keys exist already in {self.path}; new keys make submissions encrypted for "
                "the old key unreadable once they are registered (to replace them: --force)"
            )

    def save(self, keys: SubscriberKeys, *, replace: bool = False) -> Path | None:
        """Write ``keys``; return where the replaced file went (None if there was none)."""
        if not replace:
            self.ensure_absent()
        self.keys_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        passphrase_id = secrets.token_hex(8)
        passphrase = secrets.token_urlsafe(32)
        token = _seal(keys, passphrase, passphrase_id)
        temporary = self.keys_dir / f".{KEY_FILE_NAME}.{passphrase_id}.tmp"
        _write_private(temporary, token.encode("ascii"))
        try:
            self._secrets.set(KEY_FILE_USER_PREFIX + passphrase_id, passphrase)
            moved = None
            if self.exists():
                stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
                moved = self.keys_dir / f"subscriber-keys-replaced-{stamp}-{passphrase_id}.jwe"
                self.path.replace(moved)
            temporary.replace(self.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
            raise
        return moved

    def load(self) -> SubscriberKeys:
        """The keys, after checking passphrase, format, kids and key sizes."""
        return open_key_file(self.path, self._secrets)


def open_key_file(path: Path, secrets_store: SecretStore) -> SubscriberKeys:
    try:
        token = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        raise KeysMissing(
            f"no subscriber keys yet ({path} is missing): run `backoffice keys generate`"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyFileCorrupt(f"cannot read the key file {path}: {exc}") from None
    try:
        sealed = jwe.JWE()
        sealed.deserialize(token)
        header = json.loads(sealed.objects["protected"])
    except (JWException, ValueError, KeyError, TypeError):
        raise KeyFileCorrupt(f"the key file {path} is damaged or not a key file") from None
    if not isinstance(header, dict):
        raise KeyFileCorrupt(f"the key file {path} is damaged or not a key file")
    passphrase_id = header.get("kid")
    if header.get("alg") != FILE_ALG or header.get("enc") != FILE_ENC or not passphrase_id:
        raise KeyFileCorrupt(f"the key file {path} is not a key file of this program")
    passphrase = secrets_store.get(KEY_FILE_USER_PREFIX + str(passphrase_id))
    if not passphrase:
        raise PassphraseMissing(
            f"the keyring has no passphrase for the key file {path} (created for another user "
            "or machine, or the keyring entry was removed); restore the keyring entry, or "
            "generate new keys with `backoffice keys generate --force` and register them"
        )
    try:
        sealed.decrypt(jwk.JWK.from_password(passphrase))
        document = json.loads(sealed.payload)
    except (JWException, ValueError, TypeError):
        raise KeyFileCorrupt(
            f"the key file {path} does not open with the passphrase in the keyring "
            "(the file was altered or damaged)"
        ) from None
    return _keys_from_json(document, path)


def _keys_from_json(document: object, path: Path) -> SubscriberKeys:
    def bad(reason: str) -> KeyFileCorrupt:
        return KeyFileCorrupt(f"the key file {path} holds invalid keys: {reason}")

    if not isinstance(document, dict) or document.get("format") != FILE_FORMAT:
        raise bad("unknown format")
    if document.get("version") != FILE_VERSION:
        raise bad(f"version {document.get('version')!r} is not supported")
    loaded = {}
    for role, alg, ops in (
        ("encryption", protocol.JWE_ALG, ["unwrapKey"]),
        ("signing", protocol.JWS_ALG, ["sign"]),
    ):
        try:
            key = jwk.JWK(**document[role])
        except (JWException, KeyError, TypeError, ValueError):
            raise bad(f"the {role} key cannot be read") from None
        # The key file is an authenticated JWE sealed by us: its keys were checked when they
        # were made. cryptography's RSA validation (a primality test, ~0.3 s per 4096-bit key)
        # holds the GIL and stalled the window for 250 ms at the start of every sync.
        key.unsafe_skip_rsa_key_validation = True
        if not key.has_private or key.get("kty") != "RSA":
            raise bad(f"the {role} key is not a private RSA key")
        if key.get("alg") != alg or key.get("key_ops") != ops:
            raise bad(f"the {role} key is not marked for {alg} {ops}")
        if key.get("kid") != thumbprint(key):
            raise bad(f"the {role} key's kid is not its thumbprint")
        op_key = key.get_op_key(ops[0])
        if not isinstance(op_key, rsa.RSAPrivateKey):
            raise bad(f"the {role} key is not a private RSA key")
        size = op_key.key_size
        if size != protocol.RSA_BITS:
            raise bad(f"the {role} key has {size} bits, not {protocol.RSA_BITS}")
        loaded[role] = key
    return SubscriberKeys(loaded["encryption"], loaded["signing"], str(document.get("created")))


def _seal(keys: SubscriberKeys, passphrase: str, passphrase_id: str) -> str:
    header = {
        "alg": FILE_ALG,
        "enc": FILE_ENC,
        "p2c": PBKDF2_ITERATIONS,
        "cty": "json",
        "kid": passphrase_id,
    }
    sealed = jwe.JWE(json.dumps(keys.to_json()).encode("utf-8"), protected=json.dumps(header))
    sealed.add_recipient(jwk.JWK.from_password(passphrase))
    return str(sealed.serialize(compact=True))


def _write_private(path: Path, data: bytes) -> None:
    """A new file readable by its owner only (0600), flushed to disk."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())
