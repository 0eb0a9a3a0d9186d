"""The town's identity: who issues the certificates and letters of this installation.

Stored as data, one :class:`~backoffice.store.models.Setting` row with the key
``"identity"`` shared by every desktop of the database, its value a JSON object::

    {"version": 1, "name": "Stadt Musterhausen", "office": "Bürgerbüro",
     "street": "Marktplatz 1", "postcode": "12345", "city": "Musterhausen"}

The first-start wizard writes it; the administration workspace will edit it and add what
DESIGN.md lists besides (logo, signature line, per-service overrides) as new optional
fields of a later version. Readers must accept a missing row (``get`` returns None) and
ignore fields they do not know.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from backoffice.domain.roles import Permission
from backoffice.domain.text import clean_line
from backoffice.store.database import Database
from backoffice.store.models import Setting

from .actor import Actor
from .errors import InvalidInput, storage_errors

IDENTITY_KEY = "identity"
VERSION = 1
#: The longest a field may be (characters); longer input is refused, not cut.
MAX_LENGTH = {"name": 200, "office": 200, "street": 200, "postcode": 20, "city": 100}


@dataclass(frozen=True)
class TownIdentity:
    """Name and postal address of the town (hall) as it appears on documents."""

    name: str
    street: str = ""
    postcode: str = ""
    city: str = ""
    office: str = ""

    def __post_init__(self) -> None:
        for name, limit in MAX_LENGTH.items():
            raw = getattr(self, name)
            value = " ".join(str(raw).split())  # one line, single spaces
            if len(value) > limit:
                raise InvalidInput(f"the {name} may have at most {limit} characters")
            object.__setattr__(self, name, clean_line(value, limit))
        if not self.name:
            raise InvalidInput("the town's name is needed")

    def address_lines(self) -> list[str]:
        """The lines of the postal address, empty parts left out."""
        place = " ".join(p for p in (self.postcode, self.city) if p)
        return [line for line in (self.name, self.office, self.street, place) if line]

    def to_json(self) -> dict[str, Any]:
        return {"version": VERSION, **asdict(self)}

    @classmethod
    def from_json(cls, document: object) -> TownIdentity:
        if not isinstance(document, dict):
            raise InvalidInput("the stored identity is not a JSON object")
        known = {name: document[name] for name in MAX_LENGTH if isinstance(document.get(name), str)}
        return cls(**known)


@storage_errors
class IdentityService:
    """Read and replace the town's identity (replacing it is for administrators)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self) -> TownIdentity | None:
        with self._db.read() as session:
            row = session.get(Setting, IDENTITY_KEY)
            return TownIdentity.from_json(row.value) if row is not None else None

    def set(self, actor: Actor, identity: TownIdentity) -> None:
        actor.require(Permission.MANAGE_TEMPLATES)  # it goes on every document, as templates do
        with self._db.write() as session:
            row = session.scalars(select(Setting).where(Setting.key == IDENTITY_KEY)).first()
            now = datetime.now(UTC)
            if row is None:
                session.add(Setting(key=IDENTITY_KEY, value=identity.to_json(), updated_at=now))
            else:
                row.value = identity.to_json()
                row.updated_at = now
