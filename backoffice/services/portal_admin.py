"""Administering the portal connection: settings, client secret, keys, a connection test.

What ``portal configure``, ``keys generate|register`` and ``portal test`` do, as one service
that the command line and the window both call, so that the permission
(:attr:`~backoffice.domain.roles.Permission.MANAGE_PORTAL`) is checked here, whoever calls.
Exporting the public keys and reading the settings need no permission: neither is secret.
Where the installation has no settings of its own, the connection test and the key
registration use the machine-wide defaults (from the Windows installer or group policy:
:class:`~backoffice.services.installation.MachineSettings`), as the desktop does.

Results are plain data (:class:`GeneratedKeys`, :class:`Registration`, :class:`ConnectionCheck`)
with English texts; failures are :class:`~backoffice.portal.errors.PortalError` or
:class:`~backoffice.services.errors.PermissionDenied`. The portal stack (keys, keyring, HTTP)
is imported by the methods that use it, not with the module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from backoffice.domain.roles import Permission
from backoffice.portal.errors import (
    AccessDenied,
    AuthenticationFailed,
    NotFound,
    PortalConfigError,
    PortalError,
)
from backoffice.portal.settings import (
    PortalSettings,
    load_portal_settings,
    require_portal_settings,
    save_portal_settings,
)

from .actor import Actor
from .installation import MachineSettings

if TYPE_CHECKING:
    from backoffice.portal.keys import KeyStore, SubscriberKeys


class InstallationLike(Protocol):
    @property
    def data_dir(self) -> Path: ...

    @property
    def keys_dir(self) -> Path: ...

    @property
    def settings_file(self) -> Path: ...


@dataclass(frozen=True)
class GeneratedKeys:
    path: Path
    encryption_kid: str
    signing_kid: str
    #: Where the replaced key file was moved (None: there was none).
    previous_moved_to: Path | None


@dataclass(frozen=True)
class KeyStatus:
    path: Path
    encryption_kid: str
    signing_kid: str
    #: When the keys were made (ISO 8601, as the key file says).
    created: str


@dataclass(frozen=True)
class PortalOverview:
    #: The settings in use (the installation's, else the machine-wide ones), None if none.
    settings: PortalSettings | None
    #: They are the machine-wide defaults (the installation has none of its own).
    from_machine: bool
    #: The keyring holds a client secret for the settings' client id.
    secret_stored: bool
    keys: KeyStatus | None
    #: (what, technical text): "settings", "keyring" or "keys" that cannot be read.
    problems: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Registration:
    destination_id: str
    encryption_kid: str
    signing_kid: str

    def __str__(self) -> str:
        return (
            f"destination {self.destination_id}: registered encryption key "
            f"{self.encryption_kid} and signing key {self.signing_kid}"
        )


@dataclass(frozen=True)
class CheckLine:
    """One line of a connection test: what was checked, whether it worked, in words."""

    subject: str  # "token" or "destination <id>"
    ok: bool
    text: str
    #: The failure's class name (e.g. "AuthenticationFailed") for the UI to choose words.
    error_kind: str | None = None


@dataclass(frozen=True)
class ConnectionCheck:
    lines: list[CheckLine] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(line.ok for line in self.lines)

    @property
    def failures(self) -> int:
        return sum(1 for line in self.lines if not line.ok)


class PortalAdministration:
    """The portal connection of one installation (settings file, keyring, key file)."""

    def __init__(
        self,
        installation: InstallationLike,
        generate: Callable[[], SubscriberKeys] | None = None,
    ) -> None:
        self._installation = installation
        self._generate = generate

    # -- permission ------------------------------------------------------------------------

    @staticmethod
    def authorise(actor: Actor) -> None:
        """Raise PermissionDenied unless the actor may change the portal connection (call it
        before asking for a secret, so that nobody types one in vain)."""
        actor.require(Permission.MANAGE_PORTAL)

    # -- settings --------------------------------------------------------------------------

    def settings(self) -> PortalSettings | None:
        """This installation's own settings (``portal configure``), None if it has none."""
        return load_portal_settings(self._installation.settings_file)

    def machine_settings(self) -> PortalSettings | None:
        """The machine-wide defaults (registry, given to the Windows installer), if any; an
        error if they are incomplete. None for an installation without machine settings."""
        machine = getattr(self._installation, "machine", None)
        return machine.portal_settings() if isinstance(machine, MachineSettings) else None

    def effective_settings(self) -> PortalSettings | None:
        """What the connection uses, as the desktop does: this installation's settings,
        else the machine-wide defaults, else None."""
        return self.settings() or self.machine_settings()

    def _require_settings(self) -> PortalSettings:
        settings = self.effective_settings()
        if settings is None:
            return require_portal_settings(self._installation.settings_file)  # says what to do
        return settings

    @property
    def settings_file(self) -> Path:
        return self._installation.settings_file

    def configure(self, actor: Actor, settings: PortalSettings, secret: str | None) -> None:
        """Store the settings and the client secret (into the keyring); the secret of a
        previous, different client id is removed. ``secret`` None keeps the one in the
        keyring for this client id (the window's "leave empty to keep it")."""
        self.authorise(actor)
        from backoffice.portal.credentials import SecretStore

        if settings.ca_file and not Path(settings.ca_file).is_file():
            raise PortalConfigError(f"the CA file {settings.ca_file} does not exist")
        if secret is not None and not secret.strip():
            raise PortalConfigError("no client secret given")
        previous = self.settings()
        store = SecretStore(self._installation.data_dir)
        store.check()
        if secret is None:
            store.client_secret(settings.client_id)  # SecretMissing: say so, store nothing
        else:
            store.set_client_secret(settings.client_id, secret)
        save_portal_settings(self._installation.settings_file, settings)
        if previous is not None and previous.client_id != settings.client_id:
            store.delete_client_secret(previous.client_id)

    def overview(self) -> PortalOverview:
        """What the window shows: the settings in use, whether the secret and the keys are
        there; what cannot be read is a problem line, never an exception."""
        from backoffice.portal.credentials import SecretStore

        problems: list[tuple[str, str]] = []
        settings: PortalSettings | None = None
        from_machine = False
        try:
            settings = self.settings()
            if settings is None:
                settings = self.machine_settings()
                from_machine = settings is not None
        except PortalError as error:
            problems.append(("settings", str(error)))
        secret_stored = False
        if settings is not None:
            try:
                secret_stored = bool(
                    SecretStore(self._installation.data_dir).get(settings.client_id)
                )
            except PortalError as error:
                problems.append(("keyring", str(error)))
        keys: KeyStatus | None = None
        try:
            keys = self.key_status()
        except PortalError as error:
            problems.append(("keys", str(error)))
        return PortalOverview(settings, from_machine, secret_stored, keys, tuple(problems))

    def check_keyring(self) -> None:
        """Raise a clear PortalError when no usable keyring is there (before slow work)."""
        from backoffice.portal.credentials import SecretStore

        SecretStore(self._installation.data_dir).check()

    # -- keys ------------------------------------------------------------------------------

    def key_store(self) -> KeyStore:
        from backoffice.portal.credentials import SecretStore
        from backoffice.portal.keys import KeyStore

        return KeyStore(self._installation.keys_dir, SecretStore(self._installation.data_dir))

    def generate_keys(self, actor: Actor, *, replace: bool = False) -> GeneratedKeys:
        """New encryption and signing pairs (RSA-4096); ``replace`` moves old keys aside."""
        self.authorise(actor)
        from backoffice.portal import keys as keys_module

        store = self.key_store()
        if not replace:
            store.ensure_absent()  # before the slow key generation
        self.check_keyring()
        keys = (self._generate or keys_module.generate_keys)()
        moved = store.save(keys, replace=replace)
        return GeneratedKeys(store.path, keys.encryption_kid, keys.signing_kid, moved)

    def key_status(self) -> KeyStatus | None:
        """The installation's keys (None: none yet); a KeyFileError if they do not open."""
        from backoffice.portal.keys import KeysMissing

        store = self.key_store()
        try:
            keys = store.load()
        except KeysMissing:
            return None
        return KeyStatus(store.path, keys.encryption_kid, keys.signing_kid, keys.created)

    def export_keys(self) -> dict[str, Any]:
        """The public JWKS to register at the destination (nothing secret)."""
        return dict(self.key_store().load().export_public_jwks())

    def register_keys(self, actor: Actor, destination: str | None = None) -> list[Registration]:
        """Register the public keys at every configured destination (or one of them)."""
        self.authorise(actor)
        from backoffice.portal.client import SubscriberClient
        from backoffice.portal.credentials import SecretStore

        settings = self._require_settings()
        keys = self.key_store().load()
        secret = SecretStore(self._installation.data_dir).client_secret(settings.client_id)
        destinations = settings.destination_ids
        if destination:
            if destination not in destinations:
                raise PortalConfigError(
                    f"destination {destination} is not configured "
                    f"(configured: {', '.join(destinations)})"
                )
            destinations = (destination,)
        done = []
        with SubscriberClient.from_settings(settings, secret) as client:
            for target in destinations:
                client.register_keys(target, keys.export_public_jwks())
                done.append(Registration(target, keys.encryption_kid, keys.signing_kid))
        return done

    # -- connection test -------------------------------------------------------------------

    def test_connection(self) -> ConnectionCheck:
        """Fetch a token and look up every destination, one line each (no retries: a
        diagnosis reports the first failure at once). Needs no permission: it changes
        nothing and shows nothing secret."""
        from backoffice.portal.client import SubscriberClient
        from backoffice.portal.credentials import SecretStore
        from backoffice.portal.http import RetryPolicy

        settings = self._require_settings()
        secret = SecretStore(self._installation.data_dir).client_secret(settings.client_id)
        check = ConnectionCheck()
        with SubscriberClient.from_settings(
            settings, secret, retry=RetryPolicy(attempts=1)
        ) as client:
            try:
                client.fetch_token()
            except PortalError as error:
                check.lines.append(
                    CheckLine("token", False, explain(error, settings), type(error).__name__)
                )
                return check
            check.lines.append(
                CheckLine(
                    "token", True, f"{settings.token_url} accepted client id {settings.client_id!r}"
                )
            )
            for destination in settings.destination_ids:
                subject = f"destination {destination}"
                try:
                    found = client.get_destination(destination)
                except PortalError as error:
                    check.lines.append(
                        CheckLine(
                            subject,
                            False,
                            explain(error, settings, destination),
                            type(error).__name__,
                        )
                    )
                    continue
                check.lines.append(
                    CheckLine(subject, True, f"{found.status}, {len(found.services)} service(s)")
                )
        return check


def explain(error: PortalError, settings: PortalSettings, destination: str = "") -> str:
    """The failure in words that say what to check."""
    if isinstance(error, AuthenticationFailed):
        return (
            f"client id {settings.client_id!r} or its secret was rejected ({error.status}); "
            "check them and run `backoffice portal configure` again"
        )
    if isinstance(error, NotFound) and destination:
        return "the portal does not know this destination (404): check the destination id"
    if isinstance(error, AccessDenied):
        return (
            f"client {settings.client_id!r} may not use this (403): is it subscribed to the "
            "destination?"
        )
    return str(error)
