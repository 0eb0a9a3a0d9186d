"""The installation's outgoing mail server: address, security, sender. Nothing secret.

Kept under the key ``"mail"`` of the installation's ``settings.json`` (beside ``"portal"``;
written atomically, the rest of the file kept). The login's password is only in the OS
keyring (:class:`backoffice.portal.credentials.SecretStore`, username ``smtp:<login>@<host>``),
never in the file, the database or a log.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from email.errors import HeaderParseError
from email.headerregistry import Address
from enum import StrEnum
from pathlib import Path
from typing import Any

from backoffice.portal.credentials import SecretStore
from backoffice.portal.settings import write_json_atomically
from backoffice.portal.urls import is_loopback_host

from .errors import ServiceError

SECTION = "mail"
VERSION = 1
MAX_NAME_CHARS = 100


class MailConfigError(ServiceError):
    """The mail settings are missing, incomplete or not acceptable."""

    code = "mail_config"


class Security(StrEnum):
    """How the connection to the mail server is protected."""

    NONE = "none"  # plain SMTP: a relay inside the town hall's network only
    STARTTLS = "starttls"  # plain connect, then STARTTLS (submission, port 587)
    TLS = "tls"  # TLS from the first byte (SMTPS, port 465)


DEFAULT_PORTS = {Security.NONE: 25, Security.STARTTLS: 587, Security.TLS: 465}


def check_address(value: str, what: str = "e-mail address") -> str:
    """``value`` as one plain address (``user@domain``), else :class:`MailConfigError`."""
    text = value.strip()
    if not text or any(not ch.isprintable() or ch.isspace() for ch in text):
        raise MailConfigError(f"the {what} {value!r} is empty or contains spaces or controls")
    try:
        address = Address(addr_spec=text)
    except (ValueError, HeaderParseError, IndexError):
        raise MailConfigError(f"the {what} {value!r} is not a valid e-mail address") from None
    if not address.username or "." not in address.domain or address.addr_spec != text:
        raise MailConfigError(f"the {what} {value!r} is not a valid e-mail address")
    return text


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    security: Security
    sender_address: str
    sender_name: str = ""
    #: The login at the server; None: the server takes mail without one (an internal relay).
    username: str | None = None
    #: Seconds to connect and for each answer of the server.
    timeout: float = 30.0
    #: A CA bundle to trust instead of the system's (PEM); certificates are always checked.
    ca_file: str | None = None
    version: int = VERSION

    def __post_init__(self) -> None:
        host = self.host.strip()
        if not host or len(host) > 253 or any(ch.isspace() or not ch.isprintable() for ch in host):
            raise MailConfigError(f"the mail server name {self.host!r} is not a host name")
        object.__setattr__(self, "host", host)
        try:
            object.__setattr__(self, "security", Security(self.security))
        except ValueError:
            choices = ", ".join(s.value for s in Security)
            raise MailConfigError(f"mail security must be one of {choices}") from None
        if not isinstance(self.port, int) or not 0 < self.port < 65536:
            raise MailConfigError("the mail server port must be 1..65535")
        object.__setattr__(self, "sender_address", check_address(self.sender_address, "sender"))
        name = self.sender_name.strip()
        if len(name) > MAX_NAME_CHARS or not name.isprintable():
            raise MailConfigError(
                f"the sender name must be one line of at most {MAX_NAME_CHARS} characters"
            )
        object.__setattr__(self, "sender_name", name)
        if self.username is not None:
            login = self.username.strip()
            if not login or not login.isprintable():
                raise MailConfigError("the mail login is empty or contains control characters")
            object.__setattr__(self, "username", login)
            if self.security is Security.NONE and not is_loopback_host(host):
                raise MailConfigError(
                    "a login over an unprotected connection would send the password in clear: "
                    "use --security starttls or tls"
                )
        if not isinstance(self.timeout, int | float) or not 0 < self.timeout <= 600:
            raise MailConfigError("the mail timeout must be a number of seconds in (0, 600]")

    @property
    def keyring_user(self) -> str | None:
        """The keyring entry of the login's password (None without a login)."""
        return f"smtp:{self.username}@{self.host}" if self.username else None

    def describe(self) -> str:
        login = f", login {self.username}" if self.username else ", no login"
        return f"{self.host}:{self.port} ({self.security.value}{login}), from {self.sender_address}"

    def to_json(self) -> dict[str, Any]:
        document = asdict(self)
        document["security"] = self.security.value
        return document

    @classmethod
    def from_json(cls, document: object) -> MailSettings:
        if not isinstance(document, dict):
            raise MailConfigError("the mail settings are not a JSON object")
        if document.get("version") != VERSION:
            raise MailConfigError(
                f"mail settings version {document.get('version')!r} is not supported by this "
                f"program (it knows version {VERSION}); run `backoffice mail configure` again"
            )
        known = {f.name for f in fields(cls)}
        try:
            return cls(**{k: v for k, v in document.items() if k in known})
        except TypeError as exc:
            raise MailConfigError(f"the mail settings are incomplete: {exc}") from None


def load_mail_settings(path: Path) -> MailSettings | None:
    """The stored settings, or None when mail was never configured."""
    section = _read(path).get(SECTION)
    if section is None:
        return None
    try:
        return MailSettings.from_json(section)
    except MailConfigError as exc:
        raise MailConfigError(f"{path}: {exc}") from None


def save_mail_settings(path: Path, settings: MailSettings) -> None:
    document = _read(path)
    document[SECTION] = settings.to_json()
    write_json_atomically(path, document)


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise MailConfigError(f"cannot read {path}: {exc.strerror}") from None
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise MailConfigError(f"{path} is not valid JSON ({exc}); fix or remove it") from None
    if not isinstance(document, dict):
        raise MailConfigError(f"{path} does not hold a JSON object; fix or remove it")
    return document


@dataclass(frozen=True)
class MailAccess:
    """What sending needs, for one installation: its settings file and its keyring entries.

    Read at each use, so that a changed configuration applies without a restart."""

    settings_file: Path
    secrets: SecretStore

    def settings(self) -> MailSettings:
        found = load_mail_settings(self.settings_file)
        if found is None:
            raise MailConfigError(
                "e-mail is not set up for this installation: run `backoffice mail configure`"
            )
        return found

    def password(self, settings: MailSettings) -> str | None:
        """The login's password from the keyring (None without a login)."""
        user = settings.keyring_user
        if user is None:
            return None
        secret = self.secrets.get(user)
        if not secret:
            raise MailConfigError(
                f"the keyring has no password for the mail login {settings.username!r}: "
                "run `backoffice mail configure` again"
            )
        return secret

    def set_password(self, settings: MailSettings, password: str) -> None:
        user = settings.keyring_user
        if user is None:
            raise MailConfigError("no mail login is configured, so there is no password to keep")
        if not password or "\n" in password or "\r" in password:
            raise MailConfigError("the mail password is empty or has a line break")
        self.secrets.set(user, password)

    def forget_password(self, settings: MailSettings) -> None:
        if settings.keyring_user is not None:
            self.secrets.delete(settings.keyring_user)
