"""The services the simulated destination offers, read from the shipped service templates as data.

The simulator never imports the program's template code; it only needs each service's key,
LeiKa identifier, name, fee and form fields.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from importlib.resources.abc import Traversable
from typing import Any

from backoffice import assets
from backoffice.portal import protocol

SERVICES_DIR = assets.service_templates()
METADATA_SCHEMA = assets.schema("metadata.schema.v1.0.0.json")
#: Amtlicher Regionalschlüssel of the simulated town (Münster; fictitious "Musterstadt").
REGION = "DE055150000000"


@dataclass(frozen=True)
class Service:
    key: str
    identifier: str  # LeiKa URN
    name: str
    fee: Decimal
    template: dict[str, Any]

    @property
    def schema_uri(self) -> str:
        return protocol.submission_schema_uri(self.key)

    def service_type(self) -> dict[str, str]:
        return {"name": self.name, "identifier": self.identifier}


def load_services(directory: Traversable = SERVICES_DIR) -> list[Service]:
    """Every active service of the catalogue, in file-name order."""
    services = []
    for path in sorted(directory.iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".json"):
            continue
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not raw.get("active", True):
            continue
        services.append(
            Service(
                key=raw["key"],
                identifier=raw["leika"],
                name=raw["name"]["de"],
                fee=Decimal(raw.get("fee", {}).get("amount", "0")),
                template=raw,
            )
        )
    if not services:
        raise ValueError(f"no service templates in {directory}")
    return services


def load_metadata_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(METADATA_SCHEMA.read_text(encoding="utf-8"))
    return schema


def reply_channels() -> dict[str, Any]:
    return {"eMail": {"usePgp": False}, "fitConnect": {}}


def destination_services(services: list[Service]) -> list[dict[str, Any]]:
    return [
        {
            "identifier": service.identifier,
            "name": service.name,
            "submissionSchemas": [
                {"schemaUri": service.schema_uri, "mimeType": protocol.DATA_MIME_TYPE},
                {"schemaUri": protocol.FOLLOW_UP_SCHEMA_URI, "mimeType": protocol.DATA_MIME_TYPE},
            ],
            "regions": [REGION],
            "replyChannels": reply_channels(),
        }
        for service in services
    ]
