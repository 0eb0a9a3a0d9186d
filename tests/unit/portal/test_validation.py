"""Metadata against the shipped FITKO schema 1.0.0, with format checks on."""

from __future__ import annotations

import copy
import hashlib
from typing import Any

import pytest

from backoffice import assets
from backoffice.portal.validation import (
    METADATA_SCHEMA_FILE,
    first_metadata_error,
    format_checker,
    metadata_errors,
)

ATTACHMENT = "4c1d2e3f-5a6b-4c7d-8e9f-0a1b2c3d4e44"
VALID = {
    "contentStructure": {
        "data": {
            "hash": {"type": "sha512", "content": hashlib.sha512(b"{}").hexdigest()},
            "submissionSchema": {
                "schemaUri": "urn:rathaus-backoffice:schema:trade_registration:1.0.0",
                "mimeType": "application/json",
            },
        },
        "attachments": [
            {
                "hash": {"type": "sha512", "content": hashlib.sha512(b"%PDF").hexdigest()},
                "purpose": "attachment",
                "mimeType": "application/pdf",
                "attachmentId": ATTACHMENT,
                "filename": "Personalausweis.pdf",
            }
        ],
    },
    "publicServiceType": {"identifier": "urn:de:fim:leika:leistung:99050012104000"},
    "replyChannel": {"eMail": {"address": "erika.mustermann@example.org"}},
    "paymentInformation": {
        "transactionReference": "KZ-2026-0001",
        "transactionId": "9xxd-432x-6543",
        "paymentMethod": "CREDITCARD",
        "status": "BOOKED",
        "transactionTimestamp": "2026-03-10T09:15:00+01:00",
        "transactionUrl": "https://payment.example.org/api/v1/tx/9xxd",
    },
}


def _with(path: str, value: object) -> dict:
    document = copy.deepcopy(VALID)
    *parents, last = path.split(".")
    node: Any = document
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    if value is _DELETE:
        del node[last]
    else:
        node[last] = value
    return document


_DELETE = object()


def test_schema_file_is_shipped() -> None:
    assert assets.schema(METADATA_SCHEMA_FILE).is_file()
    with pytest.raises(ValueError):
        assets.schema("../../pyproject.toml")


def test_valid_metadata() -> None:
    assert metadata_errors(VALID) == []
    assert first_metadata_error(VALID) is None


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (_with("contentStructure", _DELETE), "$: 'contentStructure' is a required property"),
        (
            _with("contentStructure.attachments.0.attachmentId", "no-uuid"),
            "$.contentStructure.attachments[0].attachmentId: 'no-uuid' is not a 'uuid'",
        ),
        (
            _with("contentStructure.data.hash.content", "abc"),
            "$.contentStructure.data.hash.content: 'abc' does not match",
        ),
        (
            _with("paymentInformation.transactionTimestamp", "10.03.2026 09:15"),
            "$.paymentInformation.transactionTimestamp: '10.03.2026 09:15' is not a 'date-time'",
        ),
        (
            _with("paymentInformation.transactionTimestamp", "2026-02-30T09:15:00Z"),
            "is not a 'date-time'",
        ),
        (
            _with("paymentInformation.transactionUrl", "not a uri"),
            "$.paymentInformation.transactionUrl: 'not a uri' is not a 'uri'",
        ),
        (
            _with("contentStructure.data.submissionSchema.schemaUri", "relative/path"),
            "is not a 'uri'",
        ),
        (
            _with("replyChannel", {"eMail": {"address": "no-at-sign"}}),
            "$.replyChannel.eMail.address: 'no-at-sign' is not a 'email'",
        ),
        ("a string", "$: 'a string' is not of type 'object'"),
    ],
)
def test_invalid_metadata(document: object, expected: str) -> None:
    first = first_metadata_error(document)
    assert first is not None
    assert first.startswith(expected) or expected in first


def test_all_errors_are_listed() -> None:
    document = _with("paymentInformation.transactionUrl", "not a uri")
    document["contentStructure"]["attachments"][0]["purpose"] = "gift"
    errors = metadata_errors(document)
    assert len(errors) == 2
    assert {e.path for e in errors} == {
        "$.paymentInformation.transactionUrl",
        "$.contentStructure.attachments[0].purpose",
    }


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2026-03-10T09:15:00Z", True),
        ("2026-03-10T09:15:00.123+01:00", True),
        ("2026-03-10t09:15:00z", True),
        ("2026-03-10T09:15:00", False),  # RFC 3339 needs an offset
        ("2026-03-10", False),
        ("2026-13-10T09:15:00Z", False),
    ],
)
def test_date_time_format(value: str, valid: bool) -> None:
    assert format_checker().conforms(value, "date-time") is valid


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("https://example.org/a?b=c#d", True),
        ("urn:de:fim:leika:leistung:99050012104000", True),
        ("mailto:a@example.org", True),
        ("https://example.org/%20", True),
        ("example.org/path", False),
        ("https://exa mple.org", False),
        ("https://example.org/%zz", False),
        ("", False),
    ],
)
def test_uri_format(value: str, valid: bool) -> None:
    assert format_checker().conforms(value, "uri") is valid
