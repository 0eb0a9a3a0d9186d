"""The portal connection settings: addresses, ids, timeouts. Nothing secret.

They live under the key ``"portal"`` of the installation's ``settings.json`` (other parts of the
program may keep their own keys there, which are left as they are). Writes are atomic: a
temporary file in the same folder, flushed, then ``os.replace``. The client secret is not here:
it is in the OS keyring (:mod:`backoffice.portal.credentials`).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from backoffice.portal.errors import PortalConfigError
from backoffice.portal.urls import check_url, is_uuid

SECTION = "portal"
VERSION = 1


@dataclass(frozen=True)
class PortalSettings:
    base_url: str
    token_url: str
    destination_ids: tuple[str, ...]
    client_id: str
    connect_timeout: float = 10.0
    read_timeout: float = 60.0
    #: A CA bundle to trust instead of the system's (e.g. an in-house CA, PEM); TLS verification
    #: is never turned off.
    ca_file: str | None = None
    version: int = VERSION

    def __post_init__(self) -> None:
        object.__setattr__(self, "base_url", check_url(self.base_url, what="portal base URL"))
        object.__setattr__(self, "token_url", check_url(self.token_url, what="token URL"))
        object.__setattr__(self, "destination_ids", tuple(self.destination_ids))
        if not self.destination_ids:
            raise PortalConfigError("at least one destination id is needed")
        for destination in self.destination_ids:
            if not is_uuid(destination):
                raise PortalConfigError(f"destination id {destination!r} is not a UUID")
        if not self.client_id.strip() or not self.client_id.isprintable():
            raise PortalConfigError("the client id is empty or contains control characters")
        for name in ("connect_timeout", "read_timeout"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or not 0 < value <= 3600:
                raise PortalConfigError(f"{name} must be a number of seconds in (0, 3600]")

    def to_json(self) -> dict[str, Any]:
        document = asdict(self)
        document["destination_ids"] = list(self.destination_ids)
        return document

    @classmethod
    def from_json(cls, document: object) -> PortalSettings:
        if not isinstance(document, dict):
            raise PortalConfigError("the portal settings are not a JSON object")
        version = document.get("version")
        if version != VERSION:
            raise PortalConfigError(
                f"portal settings version {version!r} is not supported by this program "
                f"(it knows version {VERSION}); configure the portal again"
            )
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in document.items() if k in known}
        try:
            return cls(**values)
        except TypeError as exc:
            raise PortalConfigError(f"the portal settings are incomplete: {exc}") from None


def load_portal_settings(path: Path) -> PortalSettings | None:
    """The stored settings, or None when the portal was never configured."""
    section = _read(path).get(SECTION)
    if section is None:
        return None
    try:
        return PortalSettings.from_json(section)
    except PortalConfigError as exc:
        raise PortalConfigError(f"{path}: {exc}") from None


def require_portal_settings(path: Path) -> PortalSettings:
    settings = load_portal_settings(path)
    if settings is None:
        raise PortalConfigError(
            "the portal is not configured yet: run `backoffice portal configure` first"
        )
    return settings


def save_portal_settings(path: Path, settings: PortalSettings) -> None:
    """Store ``settings`` under ``"portal"``, keeping the rest of the file, atomically."""
    document = _read(path)
    document[SECTION] = settings.to_json()
    write_json_atomically(path, document)


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise PortalConfigError(f"cannot read {path}: {exc.strerror}") from None
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise PortalConfigError(f"{path} is not valid JSON ({exc}); fix or remove it") from None
    if not isinstance(document, dict):
        raise PortalConfigError(f"{path} does not hold a JSON object; fix or remove it")
    return document


def write_json_atomically(path: Path, document: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(document, file, indent=2, ensure_ascii=False, sort_keys=True)
            file.write("\n")
            file.flush()
            os.fsync(file.fileno())
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(temporary).unlink()
        raise
