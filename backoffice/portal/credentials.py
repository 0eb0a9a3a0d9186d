"""Secrets in the OS keyring, and only there: the client secret and the key-file passphrase.

The keyring service name is ``rathaus-backoffice:<hash of the data folder>``, so that several
installations on one account keep separate secrets. The username is the client id (for the
client secret) or ``key-file:<id>`` (for a key-file passphrase).

The keyring library picks its backend as usual (so ``PYTHON_KEYRING_BACKEND`` works). When there
is no usable one we say what to install or configure; we never fall back to a file of our own,
and we refuse the plaintext file backends of ``keyrings.alt``.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import keyring
import keyring.backend
import keyring.errors

from backoffice.portal.errors import KeyringUnavailable, PortalConfigError, SecretMissing

SERVICE_PREFIX = "rathaus-backoffice"
KEY_FILE_USER_PREFIX = "key-file:"

NO_KEYRING_HELP = (
    "no usable keyring to keep the portal secrets in. On Linux install and start a Secret "
    "Service (GNOME Keyring: `apt install gnome-keyring`, or KWallet) in your desktop session; "
    "on a server without a desktop run the program under `dbus-run-session` with "
    "`gnome-keyring-daemon --unlock`; or choose a keyring backend with PYTHON_KEYRING_BACKEND. "
    "Windows and macOS have one built in. Secrets are never written to a plain file."
)
LOCKED_HELP = (
    "the keyring is locked: unlock it (log in to the desktop session, or "
    "`gnome-keyring-daemon --unlock` on a server) and try again"
)
PLAINTEXT_HELP = (
    "the selected keyring backend {name} keeps secrets in a plain file, which this program "
    "refuses; install a Secret Service (GNOME Keyring, KWallet) or choose another backend "
    "with PYTHON_KEYRING_BACKEND"
)

T = TypeVar("T")


def keyring_service(data_dir: Path) -> str:
    """The keyring service name of the installation in ``data_dir``."""
    digest = hashlib.sha256(str(Path(data_dir).expanduser().resolve()).encode("utf-8"))
    return f"{SERVICE_PREFIX}:{digest.hexdigest()[:16]}"


def _backends(backend: keyring.backend.KeyringBackend) -> Iterator[keyring.backend.KeyringBackend]:
    yield backend
    yield from getattr(backend, "backends", ()) or ()  # the chainer backend


def _check_backend() -> None:
    for backend in _backends(keyring.get_keyring()):
        module = type(backend).__module__
        if module.startswith("keyrings.alt") and "plaintext" in type(backend).__name__.lower():
            raise KeyringUnavailable(
                PLAINTEXT_HELP.format(name=f"{module}.{type(backend).__name__}")
            )


def keyring_call(action: Callable[[], T]) -> T:
    """Run a keyring call, turning its failures into one clear :class:`KeyringUnavailable`."""
    try:
        _check_backend()
        return action()
    except keyring.errors.NoKeyringError:
        raise KeyringUnavailable(NO_KEYRING_HELP) from None
    except keyring.errors.KeyringLocked:
        raise KeyringUnavailable(LOCKED_HELP) from None
    except keyring.errors.InitError as exc:
        raise KeyringUnavailable(
            f"the keyring cannot be opened ({exc}). {NO_KEYRING_HELP}"
        ) from None
    except keyring.errors.KeyringError as exc:
        # Includes PasswordSetError; the message must not repeat the secret (it never holds it).
        raise KeyringUnavailable(f"the keyring refused the request: {exc}") from None


class SecretStore:
    """The keyring entries of one installation."""

    def __init__(self, data_dir: Path) -> None:
        self.service = keyring_service(data_dir)

    def check(self) -> None:
        """Raise KeyringUnavailable now if the keyring cannot be used (before slow work)."""
        self.get(KEY_FILE_USER_PREFIX + "availability-check")

    def get(self, username: str) -> str | None:
        return keyring_call(lambda: keyring.get_password(self.service, username))

    def set(self, username: str, secret: str) -> None:
        keyring_call(lambda: keyring.set_password(self.service, username, secret))

    def delete(self, username: str) -> None:
        def remove() -> None:
            with contextlib.suppress(keyring.errors.PasswordDeleteError):  # gone already: fine
                keyring.delete_password(self.service, username)

        keyring_call(remove)

    # -- the client secret ----------------------------------------------------------------------

    def client_secret(self, client_id: str) -> str:
        secret = self.get(client_id)
        if not secret:
            raise SecretMissing(
                f"the keyring has no client secret for client id {client_id!r} of this "
                "installation: run `backoffice portal configure` again"
            )
        return secret

    def set_client_secret(self, client_id: str, secret: str) -> None:
        if not secret or not secret.isprintable():
            raise PortalConfigError("the client secret is empty or contains control characters")
        self.set(client_id, secret)

    def delete_client_secret(self, client_id: str) -> None:
        self.delete(client_id)
