"""What the delivery service answers, as typed values; shapes are checked on the way in.

Anything the protocol says must be there and is not becomes an
:class:`~backoffice.portal.errors.InvalidResponse`: the rest of the program can rely on the
types. Identifiers that go back into URL paths must be UUIDs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from backoffice.portal.errors import InvalidResponse
from backoffice.portal.urls import is_uuid


@dataclass(frozen=True)
class SubmissionRef:
    """One entry of the submission list: something waiting to be picked up."""

    submission_id: str
    case_id: str
    destination_id: str


@dataclass(frozen=True)
class ServiceType:
    name: str
    identifier: str  # LeiKa URN


@dataclass(frozen=True)
class Submission:
    submission_id: str
    case_id: str
    destination_id: str
    service_type: ServiceType
    attachment_ids: tuple[str, ...]
    encrypted_metadata: str = field(repr=False)
    encrypted_data: str | None = field(repr=False)  # data may be absent


@dataclass(frozen=True)
class SubmissionSchema:
    schema_uri: str
    mime_type: str


@dataclass(frozen=True)
class DestinationService:
    identifier: str
    submission_schemas: tuple[SubmissionSchema, ...]
    regions: tuple[str, ...]
    reply_channels: tuple[str, ...]  # e.g. ("eMail", "fitConnect")


@dataclass(frozen=True)
class Destination:
    destination_id: str
    status: str
    encryption_kid: str | None
    metadata_versions: tuple[str, ...]
    services: tuple[DestinationService, ...]
    raw: Mapping[str, Any] = field(repr=False)


@dataclass(frozen=True)
class SubmissionPage:
    count: int
    offset: int
    total_count: int
    submissions: tuple[SubmissionRef, ...]


# -- parsing ------------------------------------------------------------------------------------


def _object(value: object, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidResponse(f"the portal's {what} is not a JSON object")
    return value


def _str(document: Mapping[str, Any], key: str, what: str) -> str:
    value = document.get(key)
    if not isinstance(value, str) or not value:
        raise InvalidResponse(f"the portal's {what} has no text field {key!r}")
    return value


def _uuid(document: Mapping[str, Any], key: str, what: str) -> str:
    value = document.get(key)
    if not is_uuid(value):
        raise InvalidResponse(f"the portal's {what} has no valid UUID in {key!r}")
    assert isinstance(value, str)
    return value


def _int(document: Mapping[str, Any], key: str, what: str) -> int:
    value = document.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidResponse(f"the portal's {what} has no valid number in {key!r}")
    return value


def _strings(value: object, key: str, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidResponse(f"the portal's {what} has an invalid list in {key!r}")
    return tuple(value)


def parse_submission_page(value: object) -> SubmissionPage:
    what = "submission list"
    document = _object(value, what)
    entries = document.get("submissions")
    if not isinstance(entries, list):
        raise InvalidResponse(f"the portal's {what} has no list 'submissions'")
    refs = []
    for entry in entries:
        item = _object(entry, "submission list entry")
        refs.append(
            SubmissionRef(
                _uuid(item, "submissionId", "submission list entry"),
                _uuid(item, "caseId", "submission list entry"),
                _uuid(item, "destinationId", "submission list entry"),
            )
        )
    return SubmissionPage(
        count=_int(document, "count", what),
        offset=_int(document, "offset", what),
        total_count=_int(document, "totalCount", what),
        submissions=tuple(refs),
    )


def parse_submission(value: object) -> Submission:
    what = "submission"
    document = _object(value, what)
    service = _object(document.get("serviceType"), "submission's serviceType")
    attachments = _strings(document.get("attachments"), "attachments", what)
    if not all(is_uuid(a) for a in attachments):
        raise InvalidResponse("the portal's submission lists an attachment id that is no UUID")
    data = document.get("encryptedData")
    if data is not None and (not isinstance(data, str) or not data):
        raise InvalidResponse("the portal's submission has an invalid 'encryptedData'")
    return Submission(
        submission_id=_uuid(document, "submissionId", what),
        case_id=_uuid(document, "caseId", what),
        destination_id=_uuid(document, "destinationId", what),
        service_type=ServiceType(
            name=str(service.get("name") or ""),
            identifier=_str(service, "identifier", "submission's serviceType"),
        ),
        attachment_ids=attachments,
        encrypted_metadata=_str(document, "encryptedMetadata", what),
        encrypted_data=data,
    )


def parse_destination(value: object) -> Destination:
    what = "destination"
    document = _object(value, what)
    services = []
    raw_services = document.get("services", [])
    if not isinstance(raw_services, list):
        raise InvalidResponse("the portal's destination has an invalid 'services' list")
    for entry in raw_services:
        item = _object(entry, "destination service")
        schemas = []
        raw_schemas = item.get("submissionSchemas", [])
        if not isinstance(raw_schemas, list):
            raise InvalidResponse("the portal's destination service has invalid schemas")
        for schema in raw_schemas:
            s = _object(schema, "destination service schema")
            schemas.append(
                SubmissionSchema(_str(s, "schemaUri", "schema"), _str(s, "mimeType", "schema"))
            )
        channels = _channel_names(item.get("replyChannels"))
        services.append(
            DestinationService(
                identifier=_str(item, "identifier", "destination service"),
                submission_schemas=tuple(schemas),
                regions=_strings(item.get("regions"), "regions", "destination service"),
                reply_channels=channels,
            )
        )
    kid = document.get("encryptionKid")
    return Destination(
        destination_id=_uuid(document, "destinationId", what),
        status=_str(document, "status", what),
        encryption_kid=kid if isinstance(kid, str) and kid else None,
        metadata_versions=_strings(document.get("metadataVersions"), "metadataVersions", what),
        services=tuple(services),
        raw=document,
    )


def _channel_names(value: object) -> tuple[str, ...]:
    """Reply channels given as an object keyed by channel (FIT-Connect) or a list of names."""
    if value is None:
        return ()
    if isinstance(value, dict):
        return tuple(str(k) for k in value)
    return _strings(value, "replyChannels", "destination service")


def parse_event_log(value: object) -> tuple[str, ...]:
    document = _object(value, "event log")
    return _strings(document.get("eventLog"), "eventLog", "event log")


def parse_jwks(value: object) -> dict[str, Any]:
    document = _object(value, "key set")
    keys = document.get("keys")
    if not isinstance(keys, list) or not all(isinstance(k, dict) for k in keys):
        raise InvalidResponse("the portal's key set has no list 'keys' of JSON objects")
    return document
