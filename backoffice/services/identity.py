"""The town's identity: who issues the certificates and letters of this installation.

Stored as data in :class:`~backoffice.store.models.Setting` rows shared by every desktop of
the database. The installation's identity has the key ``"identity"``::

    {"version": 1, "name": "Stadt Musterhausen", "office": "Bürgerbüro",
     "street": "Marktplatz 1", "postcode": "12345", "city": "Musterhausen",
     "place": "Musterhausen", "signature_line": "Die Bürgermeisterin",
     "footer": "Öffnungszeiten …", "verify_base_url": "https://…/pruefen/",
     "logo": {"media_type": "image/png", "data": "<base64>"}}

A service may override any of these fields: the row ``"identity:service:<key>"`` holds only
the fields it changes. Readers accept a missing row and ignore fields they do not know (the
first-start wizard writes the first six fields only). :meth:`IdentityService.letterhead_for`
turns the merged identity into the :class:`~backoffice.documents.Letterhead` that certificates
and letters are rendered with; without any row the documents' default stays.

Changing it needs MANAGE_TEMPLATES (it goes on every document, as templates do) and is
recorded in the administration's audit trail (the logo by its SHA-256, not its bytes).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from typing import Any

from backoffice.documents.model import DEFAULT_LETTERHEAD, Letterhead
from backoffice.domain.roles import Permission
from backoffice.domain.text import clean_line
from backoffice.portal.errors import PortalError
from backoffice.portal.urls import check_url
from backoffice.store.database import Database
from backoffice.store.models import Setting

from . import admin_audit
from .actor import Actor
from .errors import InvalidInput, storage_errors

IDENTITY_KEY = "identity"
SERVICE_PREFIX = "identity:service:"
VERSION = 1
#: The longest a field may be (characters); longer input is refused, not cut.
MAX_LENGTH = {
    "name": 200,
    "office": 200,
    "street": 200,
    "postcode": 20,
    "city": 100,
    "place": 100,
    "signature_line": 200,
    "footer": 300,
    "verify_base_url": 300,
}
#: A logo larger than this is refused (it is embedded in every PDF).
MAX_LOGO_BYTES = 256 * 1024
LOGO_TYPES = ("image/png", "image/svg+xml")
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_SVG_FORBIDDEN = re.compile(rb"<!DOCTYPE|<!ENTITY|<script|javascript:|<foreignObject", re.I)


class LogoInvalid(InvalidInput):
    code = "logo_invalid"


@dataclass(frozen=True)
class Logo:
    media_type: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @classmethod
    def checked(cls, data: bytes, media_type: str | None = None) -> Logo:
        """A logo whose content is what it claims to be (PNG or a plain SVG), size-bounded."""
        if len(data) > MAX_LOGO_BYTES:
            raise LogoInvalid(
                f"the logo has {len(data)} bytes; at most {MAX_LOGO_BYTES} are allowed",
                size=len(data),
            )
        found = _sniff(data)
        if found is None:
            raise LogoInvalid("the logo is neither a PNG nor an SVG image")
        if media_type is not None and media_type != found:
            raise LogoInvalid(f"the logo is declared {media_type} but its content is {found}")
        if found == "image/svg+xml" and _SVG_FORBIDDEN.search(data):
            raise LogoInvalid("the SVG logo contains a DOCTYPE, an entity, a script or a link")
        return cls(found, data)


def _sniff(data: bytes) -> str | None:
    if data.startswith(_PNG_MAGIC):
        return "image/png"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in data[:4096]):
        return "image/svg+xml"
    return None


@dataclass(frozen=True)
class TownIdentity:
    """Name, address and the lines on documents of the town (hall); empty fields are unset."""

    name: str
    street: str = ""
    postcode: str = ""
    city: str = ""
    office: str = ""
    place: str = ""
    signature_line: str = ""
    footer: str = ""
    verify_base_url: str = ""
    logo: Logo | None = None

    def __post_init__(self) -> None:
        _clean_fields(self)
        if not self.name:
            raise InvalidInput("the town's name is needed")

    def address_lines(self) -> list[str]:
        """The lines of the postal address, empty parts left out."""
        place = " ".join(p for p in (self.postcode, self.city) if p)
        return [line for line in (self.name, self.office, self.street, place) if line]

    def to_json(self) -> dict[str, Any]:
        document = {k: v for k, v in asdict(self).items() if k != "logo" and v}
        document["name"] = self.name
        if self.logo is not None:
            document["logo"] = _logo_json(self.logo)
        return {"version": VERSION, **document}

    @classmethod
    def from_json(cls, document: object) -> TownIdentity:
        if not isinstance(document, dict):
            raise InvalidInput("the stored identity is not a JSON object")
        known: dict[str, Any] = {
            name: document[name] for name in MAX_LENGTH if isinstance(document.get(name), str)
        }
        return cls(**known, logo=_logo_from(document.get("logo")))


@dataclass(frozen=True)
class ServiceIdentity:
    """What one service changes in the installation's identity (None: as the installation)."""

    name: str | None = None
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    office: str | None = None
    place: str | None = None
    signature_line: str | None = None
    footer: str | None = None
    verify_base_url: str | None = None
    logo: Logo | None = None

    def __post_init__(self) -> None:
        _clean_fields(self)

    def to_json(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            k: v for k, v in asdict(self).items() if k != "logo" and v is not None
        }
        if self.logo is not None:
            document["logo"] = _logo_json(self.logo)
        return {"version": VERSION, **document}

    @classmethod
    def from_json(cls, document: object) -> ServiceIdentity:
        if not isinstance(document, dict):
            return cls()
        known = {name: document[name] for name in MAX_LENGTH if isinstance(document.get(name), str)}
        return cls(**known, logo=_logo_from(document.get("logo")))

    def over(self, base: TownIdentity) -> TownIdentity:
        changes: dict[str, Any] = {k: v for k, v in vars(self).items() if v is not None}
        return replace(base, **changes)


def _clean_fields(identity: TownIdentity | ServiceIdentity) -> None:
    for name, limit in MAX_LENGTH.items():
        raw = getattr(identity, name)
        if raw is None:
            continue
        value = " ".join(str(raw).split())  # one line, single spaces
        if len(value) > limit:
            raise InvalidInput(f"the {name} may have at most {limit} characters", field=name)
        value = clean_line(value, limit)
        if name == "verify_base_url" and value:
            try:
                value = check_url(value, what="verification address")
            except PortalError as exc:
                raise InvalidInput(str(exc), field=name) from None
        object.__setattr__(identity, name, value)


def _logo_json(logo: Logo) -> dict[str, str]:
    return {"media_type": logo.media_type, "data": base64.b64encode(logo.data).decode("ascii")}


def _logo_from(value: object) -> Logo | None:
    if not isinstance(value, Mapping):
        return None
    try:
        data = base64.b64decode(str(value.get("data", "")), validate=True)
        return Logo.checked(data, str(value.get("media_type")))
    except (binascii.Error, LogoInvalid):
        return None  # a damaged stored logo is left off, never rendered


def letterhead_of(identity: TownIdentity | None) -> Letterhead:
    """The letterhead documents are rendered with; unset fields keep the default's."""
    if identity is None:
        return DEFAULT_LETTERHEAD
    postcode_city = " ".join(p for p in (identity.postcode, identity.city) if p)
    return Letterhead(
        town=identity.name,
        office=identity.office,
        street=identity.street,
        postcode_city=postcode_city,
        place=identity.place or identity.city,
        verify_base_url=identity.verify_base_url or DEFAULT_LETTERHEAD.verify_base_url,
        signature_line=identity.signature_line,
        footer=identity.footer,
        logo=identity.logo.data if identity.logo else None,
        logo_media_type=identity.logo.media_type if identity.logo else None,
    )


@storage_errors
class IdentityService:
    """Read and replace the town's identity and the services' overrides."""

    def __init__(
        self, db: Database, clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self._db = db
        self._clock = clock

    def get(self) -> TownIdentity | None:
        """The installation's identity (None: never set; documents use the default)."""
        value = self._value(IDENTITY_KEY)
        return TownIdentity.from_json(value) if value is not None else None

    def get_service(self, service_key: str) -> ServiceIdentity:
        return ServiceIdentity.from_json(self._value(SERVICE_PREFIX + service_key))

    def effective(self, service_key: str | None = None) -> TownIdentity | None:
        """The identity a service's documents show: the installation's, overridden."""
        base = self.get()
        if service_key is None:
            return base
        override = self.get_service(service_key)
        if base is None:
            if override.name is None:
                return None
            base = TownIdentity(name=override.name)
        return override.over(base)

    def letterhead_for(self, service_key: str | None = None) -> Letterhead:
        return letterhead_of(self.effective(service_key))

    def set(self, actor: Actor, identity: TownIdentity) -> None:
        actor.require(Permission.MANAGE_TEMPLATES)
        self._store(actor, IDENTITY_KEY, identity.to_json(), "identity_changed")

    def set_service(self, actor: Actor, service_key: str, identity: ServiceIdentity) -> None:
        """Replace a service's overrides (an empty ServiceIdentity removes them)."""
        actor.require(Permission.MANAGE_TEMPLATES)
        document = identity.to_json()
        value = document if len(document) > 1 else None
        self._store(actor, SERVICE_PREFIX + service_key, value, "service_identity_changed")

    def _value(self, key: str) -> dict[str, Any] | None:
        with self._db.read() as session:
            row = session.get(Setting, key)
            return dict(row.value) if row is not None else None

    def _store(self, actor: Actor, key: str, value: dict[str, Any] | None, kind: str) -> None:
        now = self._clock()
        with self._db.write() as session:
            row = session.get(Setting, key, with_for_update=True)
            if value is None:
                if row is not None:
                    session.delete(row)
            elif row is None:
                session.add(Setting(key=key, value=value, updated_at=now))
            else:
                row.value = value
                row.updated_at = now
            shown = dict(value or {})
            if isinstance(shown.get("logo"), dict):
                data = base64.b64decode(shown["logo"]["data"])
                shown["logo"] = {
                    "media_type": shown["logo"]["media_type"],
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "size": len(data),
                }
            admin_audit.record(session, actor, kind, key, shown, at=now)
