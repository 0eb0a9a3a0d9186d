"""Secrets in the keyring only, with clear messages when there is no usable keyring."""

from __future__ import annotations

from pathlib import Path

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.core
import keyring.errors
import pytest

from backoffice.portal.credentials import SecretStore, keyring_service
from backoffice.portal.errors import KeyringUnavailable, PortalConfigError, SecretMissing
from tests.fakes import InMemoryKeyring


def test_service_name_per_installation(tmp_path: Path) -> None:
    one = keyring_service(tmp_path / "one")
    assert one.startswith("rathaus-backoffice:")
    assert one == keyring_service(tmp_path / "one")
    assert one == keyring_service(tmp_path / "x" / ".." / "one")  # the resolved folder counts
    assert one != keyring_service(tmp_path / "two")


def test_client_secret_round_trip(tmp_path: Path, memory_keyring: InMemoryKeyring) -> None:
    store = SecretStore(tmp_path)
    store.set_client_secret("client-7", "s3cr3t")
    assert store.client_secret("client-7") == "s3cr3t"
    assert memory_keyring.secrets == {(keyring_service(tmp_path), "client-7"): "s3cr3t"}
    store.delete_client_secret("client-7")
    store.delete_client_secret("client-7")  # already gone: no error
    assert memory_keyring.secrets == {}


def test_installations_do_not_share_secrets(tmp_path: Path) -> None:
    SecretStore(tmp_path / "a").set_client_secret("client", "secret-a")
    SecretStore(tmp_path / "b").set_client_secret("client", "secret-b")
    assert SecretStore(tmp_path / "a").client_secret("client") == "secret-a"
    assert SecretStore(tmp_path / "b").client_secret("client") == "secret-b"


def test_missing_secret(tmp_path: Path) -> None:
    with pytest.raises(SecretMissing, match="portal configure"):
        SecretStore(tmp_path).client_secret("client-7")


@pytest.mark.parametrize("secret", ["", "line\nbreak"])
def test_unusable_secret(tmp_path: Path, secret: str) -> None:
    with pytest.raises(PortalConfigError):
        SecretStore(tmp_path).set_client_secret("client", secret)


def test_no_keyring_backend(tmp_path: Path) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    with pytest.raises(KeyringUnavailable) as caught:
        SecretStore(tmp_path).set_client_secret("client", "s3cr3t")
    message = str(caught.value)
    assert "\n" not in message
    assert "gnome-keyring" in message
    assert "PYTHON_KEYRING_BACKEND" in message
    assert "dbus-run-session" in message
    assert "s3cr3t" not in message
    assert not list(tmp_path.iterdir())  # nothing written anywhere instead


class _Raising(keyring.backend.KeyringBackend):
    priority = 1
    error: Exception = keyring.errors.KeyringLocked("locked")

    def get_password(self, service: str, username: str) -> str | None:
        raise self.error

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error

    def delete_password(self, service: str, username: str) -> None:
        raise self.error


def test_locked_keyring(tmp_path: Path) -> None:
    keyring.set_keyring(_Raising())
    with pytest.raises(KeyringUnavailable, match="locked: unlock it"):
        SecretStore(tmp_path).client_secret("client")


def test_other_keyring_errors(tmp_path: Path) -> None:
    backend = _Raising()
    backend.error = keyring.errors.PasswordSetError("D-Bus said no")
    keyring.set_keyring(backend)
    with pytest.raises(KeyringUnavailable, match="D-Bus said no"):
        SecretStore(tmp_path).set_client_secret("client", "s3cr3t")


def test_plaintext_backend_is_refused(tmp_path: Path) -> None:
    plaintext = type("PlaintextKeyring", (InMemoryKeyring,), {"__module__": "keyrings.alt.file"})()
    keyring.set_keyring(plaintext)
    with pytest.raises(KeyringUnavailable, match="plain file"):
        SecretStore(tmp_path).set_client_secret("client", "s3cr3t")
    assert plaintext.secrets == {}


def test_backend_chosen_by_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """keyring's own selection is used: PYTHON_KEYRING_BACKEND works."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    keyring.core.init_backend()  # what keyring does at first use in a fresh process
    assert isinstance(keyring.get_keyring(), keyring.backends.fail.Keyring)
    with pytest.raises(KeyringUnavailable, match="no usable keyring"):
        SecretStore(tmp_path).client_secret("client")
