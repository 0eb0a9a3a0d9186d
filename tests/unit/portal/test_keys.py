"""Key generation, thumbprints (RFC 7638) and the encrypted key file with its keyring passphrase."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path

import keyring.backends.fail
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwcrypto import jwk

from backoffice.portal import jose, keys, protocol
from backoffice.portal.credentials import KEY_FILE_USER_PREFIX, SecretStore
from backoffice.portal.errors import KeyringUnavailable
from backoffice.portal.keys import (
    KeyFileCorrupt,
    KeysExist,
    KeysMissing,
    KeyStore,
    PassphraseMissing,
    SubscriberKeys,
)
from tests.fakes import InMemoryKeyring
from tests.unit.portal.helpers import header_of

# RFC 7638 §3.1: the example RSA key and its SHA-256 thumbprint.
RFC7638_KEY = {
    "kty": "RSA",
    "n": (
        "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSo"
        "c_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YG"
        "jQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt"
        "-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDK"
        "gw"
    ),
    "e": "AQAB",
    "alg": "RS256",
    "kid": "2011-04-29",
}


def test_rfc7638_example_thumbprint() -> None:
    assert keys.thumbprint(jwk.JWK(**RFC7638_KEY)) == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"


def test_generated_keys(subscriber_keys: SubscriberKeys) -> None:
    enc, sig = subscriber_keys.encryption, subscriber_keys.signing
    unwrap, sign = enc.get_op_key("unwrapKey"), sig.get_op_key("sign")
    assert isinstance(unwrap, rsa.RSAPrivateKey) and isinstance(sign, rsa.RSAPrivateKey)
    assert unwrap.key_size == protocol.RSA_BITS
    assert sign.key_size == protocol.RSA_BITS
    assert subscriber_keys.encryption_kid == keys.thumbprint(enc)
    assert subscriber_keys.signing_kid == keys.thumbprint(sig)
    assert subscriber_keys.encryption_kid != subscriber_keys.signing_kid
    assert (enc["alg"], enc["use"], enc["key_ops"]) == ("RSA-OAEP-256", "enc", ["unwrapKey"])
    assert (sig["alg"], sig["use"], sig["key_ops"]) == ("PS512", "sig", ["sign"])


def test_public_jwks(subscriber_keys: SubscriberKeys) -> None:
    exported = keys.export_public_jwks(subscriber_keys)
    enc, sig = exported["keys"]
    assert set(enc) == {"kty", "n", "e", "kid", "alg", "use", "key_ops"}
    assert set(sig) == set(enc)
    assert (enc["alg"], enc["use"], enc["key_ops"]) == ("RSA-OAEP-256", "enc", ["wrapKey"])
    assert (sig["alg"], sig["use"], sig["key_ops"]) == ("PS512", "sig", ["verify"])
    assert enc["kid"] == subscriber_keys.encryption_kid
    assert sig["kid"] == subscriber_keys.signing_kid
    # The public kid is the thumbprint of the public key too (thumbprints use n, e, kty only).
    assert keys.thumbprint(jwk.JWK(**enc)) == enc["kid"]
    json.dumps(exported)  # plain JSON


def test_public_encryption_key_encrypts_for_the_private_one(
    subscriber_keys: SubscriberKeys,
) -> None:
    public = jwk.JWK(**keys.export_public_jwks(subscriber_keys)["keys"][0])
    token = jose.encrypt(b"hallo", public)
    assert jose.decrypt(token, subscriber_keys.encryption, subscriber_keys.encryption_kid) == (
        b"hallo"
    )


# -- key file -----------------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> KeyStore:
    return KeyStore(tmp_path / "keys", SecretStore(tmp_path))


def test_round_trip(
    store: KeyStore, subscriber_keys: SubscriberKeys, memory_keyring: InMemoryKeyring
) -> None:
    assert not store.exists()
    assert store.save(subscriber_keys) is None
    loaded = store.load()
    assert loaded.encryption_kid == subscriber_keys.encryption_kid
    assert loaded.signing_kid == subscriber_keys.signing_kid
    assert loaded.encryption.export_private(as_dict=True) == (
        subscriber_keys.encryption.export_private(as_dict=True)
    )
    assert loaded.created == subscriber_keys.created
    # One passphrase entry in the keyring, for this installation's service.
    ((service, username),) = memory_keyring.secrets
    assert service == SecretStore(store.keys_dir.parent).service
    assert username.startswith(KEY_FILE_USER_PREFIX)


def test_our_keys_are_not_validated_again_at_first_use(
    store: KeyStore, subscriber_keys: SubscriberKeys
) -> None:
    """cryptography's RSA key validation holds the GIL for ~0.25 s per 4096-bit key; keys we
    just made, or loaded from our own authenticated key file, skip it (the window stalled at
    every sync before). A key document from elsewhere keeps jwcrypto's default."""
    store.save(subscriber_keys)
    for key_set in (subscriber_keys, store.load()):
        for key in (key_set.encryption, key_set.signing):
            assert key.unsafe_skip_rsa_key_validation
    assert not jwk.JWK(
        **subscriber_keys.encryption.export_private(as_dict=True)
    ).unsafe_skip_rsa_key_validation


def test_file_is_private_and_encrypted(
    store: KeyStore, subscriber_keys: SubscriberKeys, memory_keyring: InMemoryKeyring
) -> None:
    store.save(subscriber_keys)
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.keys_dir.stat().st_mode) == 0o700
    text = store.path.read_text()
    header = header_of(text)
    assert header["alg"] == "PBES2-HS512+A256KW"
    assert header["enc"] == "A256GCM"
    (passphrase,) = memory_keyring.secrets.values()
    assert len(passphrase) >= 43
    assert passphrase not in text
    assert subscriber_keys.encryption["d"] not in text
    assert list(store.keys_dir.iterdir()) == [store.path]  # no temporary file left


def test_missing_file(store: KeyStore) -> None:
    with pytest.raises(KeysMissing, match="keys generate"):
        store.load()


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: "garbage",
        lambda text: "",
        lambda text: text[: len(text) // 2],
        lambda text: text[:-10] + ("A" if text[-10] != "A" else "B") + text[-9:],
        lambda text: text.replace(".", "!", 1),
    ],
    ids=["garbage", "empty", "truncated", "flipped-tag", "broken-structure"],
)
def test_corrupt_file(
    store: KeyStore, subscriber_keys: SubscriberKeys, damage: Callable[[str], str]
) -> None:
    store.save(subscriber_keys)
    store.path.write_text(damage(store.path.read_text()))
    with pytest.raises(KeyFileCorrupt, match=str(store.path)):
        store.load()


def test_passphrase_missing_from_keyring(
    store: KeyStore, subscriber_keys: SubscriberKeys, memory_keyring: InMemoryKeyring
) -> None:
    store.save(subscriber_keys)
    memory_keyring.secrets.clear()
    with pytest.raises(PassphraseMissing, match="keyring has no passphrase"):
        store.load()


def test_wrong_passphrase(
    store: KeyStore, subscriber_keys: SubscriberKeys, memory_keyring: InMemoryKeyring
) -> None:
    store.save(subscriber_keys)
    (entry,) = memory_keyring.secrets
    memory_keyring.secrets[entry] = "not-the-passphrase-" + "x" * 30
    with pytest.raises(KeyFileCorrupt, match="does not open with the passphrase"):
        store.load()


def test_no_keyring(store: KeyStore, subscriber_keys: SubscriberKeys) -> None:
    store.save(subscriber_keys)
    keyring.set_keyring(keyring.backends.fail.Keyring())
    with pytest.raises(KeyringUnavailable, match="gnome-keyring"):
        store.load()


def test_refuses_to_overwrite(store: KeyStore, subscriber_keys: SubscriberKeys) -> None:
    store.save(subscriber_keys)
    with pytest.raises(KeysExist, match="--force"):
        store.save(subscriber_keys)
    with pytest.raises(KeysExist):
        store.ensure_absent()


def test_replace_keeps_the_old_keys_readable(
    store: KeyStore, subscriber_keys: SubscriberKeys, memory_keyring: InMemoryKeyring
) -> None:
    store.save(subscriber_keys)
    # Another valid key set, quickly: the signing key's numbers marked for encryption.
    encryption = keys._make(subscriber_keys.signing, protocol.JWE_ALG, "enc", ["unwrapKey"])
    other = SubscriberKeys(encryption, subscriber_keys.signing, "x")
    moved = store.save(other, replace=True)
    assert moved is not None and moved.exists()
    assert store.load().encryption_kid == other.encryption_kid
    old = keys.open_key_file(moved, SecretStore(store.keys_dir.parent))
    assert old.encryption_kid == subscriber_keys.encryption_kid
    assert len(memory_keyring.secrets) == 2


def test_keyring_failure_while_saving_leaves_no_file(
    store: KeyStore, subscriber_keys: SubscriberKeys
) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    with pytest.raises(KeyringUnavailable):
        store.save(subscriber_keys)
    assert list(store.keys_dir.iterdir()) == []


def _seal_document(store: KeyStore, document: dict, memory_keyring: InMemoryKeyring) -> None:
    """A key file of the right kind holding ``document``."""
    passphrase = "p" * 43
    sealed = jwe_with(document, passphrase)
    store.keys_dir.mkdir(parents=True, exist_ok=True)
    store.path.write_text(sealed)
    memory_keyring.secrets[(SecretStore(store.keys_dir.parent).service, "key-file:abc")] = (
        passphrase
    )


def jwe_with(document: dict, passphrase: str) -> str:
    from jwcrypto import jwe

    header = {"alg": "PBES2-HS512+A256KW", "enc": "A256GCM", "p2c": 1000, "kid": "abc"}
    sealed = jwe.JWE(json.dumps(document).encode(), protected=json.dumps(header))
    sealed.add_recipient(jwk.JWK.from_password(passphrase))
    return sealed.serialize(compact=True)


def _small_key(alg: str, use: str, ops: list[str]) -> dict:
    key = jwk.JWK.generate(kty="RSA", size=2048)
    document = key.export_private(as_dict=True)
    document.update(kid=keys.thumbprint(key), alg=alg, use=use, key_ops=ops)
    return document


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": "something-else"}, "unknown format"),
        ({"version": 99}, "version 99"),
        ({"encryption": {"kty": "RSA"}}, "encryption key cannot be read"),
        ("small-key", "2048 bits"),
        ("wrong-kid", "thumbprint"),
        ("public-only", "not a private RSA key"),
        ("wrong-ops", "not marked"),
    ],
)
def test_invalid_key_documents(
    store: KeyStore,
    subscriber_keys: SubscriberKeys,
    memory_keyring: InMemoryKeyring,
    change: dict | str,
    message: str,
) -> None:
    document = subscriber_keys.to_json()
    if change == "small-key":
        document["signing"] = _small_key("PS512", "sig", ["sign"])
    elif change == "wrong-kid":
        document["signing"] = document["signing"] | {"kid": "not-the-thumbprint"}
    elif change == "public-only":
        document["signing"] = {k: document["signing"][k] for k in ("kty", "n", "e", "kid")}
    elif change == "wrong-ops":
        document["signing"] = document["signing"] | {"key_ops": ["verify"]}
    else:
        assert isinstance(change, dict)
        document |= change
    _seal_document(store, document, memory_keyring)
    with pytest.raises(KeyFileCorrupt, match=message):
        store.load()
